package sample_test

import (
	"context"
	"path/filepath"
	"testing"

	_ "kindred/assets" // the deck the sample asks from
	"kindred/journal"
	"kindred/journal/sample"
)

// TestWriteAsksTheDeckInOrder: the sample journal records deck questions, and
// like a user would, asks each person the deck in order of depth, each
// question once, with some of them answered by both.
func TestWriteAsksTheDeckInOrder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sample.db")
	if err := sample.Write(ctx, path, sample.Options{People: 6, Years: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, err := s.AskedQuestions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 10 {
		t.Fatalf("the sample records %d asked questions, want a deck in use", len(recs))
	}
	deck := journal.Deck()
	order := map[string]int{}
	for i, q := range deck.Questions() {
		order[q.ID] = i
	}
	last := map[string]int{}
	both := 0
	for _, r := range recs {
		i, known := order[r.ID]
		if !known {
			t.Fatalf("the sample asked %q, which the deck does not have", r.ID)
		}
		if prev, ok := last[r.PersonID]; ok && i != prev+1 {
			t.Errorf("person %s: %s asked after %s, want the deck in order, each once", r.PersonID, r.ID, deck.Questions()[prev].ID)
		}
		if _, ok := last[r.PersonID]; !ok && i != 0 {
			t.Errorf("person %s: the first question asked is %s, want %s", r.PersonID, r.ID, deck.Questions()[0].ID)
		}
		last[r.PersonID] = i
		if r.TheyAnswered && r.IAnswered {
			both++
		}
	}
	if both == 0 || both == len(recs) {
		t.Errorf("%d of %d questions answered by both, want some and not all", both, len(recs))
	}
}
