package app

import (
	"context"
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestSealedDraftsAreBatched: a sealed journal's composer keeps a draft once
// per sealedDraftEvery from the first change, not at every pause in the
// typing, so the file's records do not show the writing's rhythm.
func TestSealedDraftsAreBatched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	st, _ := journaltest.MustSeal(t, path)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	testTimers.fire()
	d := m.Reflect.drafts
	if d.delay != sealedDraftEvery || !d.batch {
		t.Fatalf("a sealed journal's drafts wait %v (batch %v), want %v from the first change", d.delay, d.batch, sealedDraftEvery)
	}
	c := m.Reflect.Composer
	typeInto(m, c.Text, "One")
	started := testTimers.next
	typeText(m, " two")
	typeText(m, " three")
	if testTimers.next != started || testTimers.count() != 1 {
		t.Fatalf("typing restarted the wait: %d waits started, %d pending", testTimers.next-started, testTimers.count())
	}
	testTimers.fire()
	drafts, err := st.Drafts(context.Background())
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts after the batch: %d, %v", len(drafts), err)
	}
	if b, _ := decodeDraft(drafts[0].Body); b.Text != "One two three" {
		t.Fatalf("the batched draft holds %q", b.Text)
	}
	// A plain journal keeps its draft at each pause, as before.
	plain, err := journal.Open(context.Background(), filepath.Join(t.TempDir(), "plain.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { plain.Close() })
	if p := newWindow(t, plain).Reflect.drafts; p.delay != draftDelay || p.batch {
		t.Fatalf("a plain journal's drafts: %v batch %v", p.delay, p.batch)
	}
}
