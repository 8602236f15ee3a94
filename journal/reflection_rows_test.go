package journal_test

import (
	"context"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// A reflection reads and searches the same whether it was saved or imported.
func TestSavedAndImportedReflectionsMatch(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	dima := journaltest.MustAddPerson(t, s, "Дмитрий Søren")
	at := time.Date(2025, 2, 3, 20, 0, 0, 0, time.FixedZone("", 3600))
	reflection := func(id, text string) *journal.Reflection {
		return &journal.Reflection{ID: id, At: at, Text: text, Encounters: []journal.Encounter{{PersonID: dima.ID, Closeness: 4,
			Moments: []journal.Moment{{Kind: journal.KindAdventure, Note: "Ζωή's kayak"}, {Kind: journal.KindLaughed}}}}}
	}
	if err := s.SaveReflection(ctx, reflection("saved", "Café crème à Québec")); err != nil {
		t.Fatal(err)
	}
	err := s.Batch(ctx, func(b *journal.Batch) error {
		return b.ImportReflection(reflection("imported", "Café crème à Québec"))
	})
	if err != nil {
		t.Fatal(err)
	}
	// "soren" finds "Søren" only through Kindred's own folding, which the
	// index must hold for imported reflections too.
	for _, q := range []string{"дмитрий", "soren", "ζωη", "quebec", "creme", "kay"} {
		page, err := s.Search(ctx, journal.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, r := range page.Reflections {
			found[r.ID] = true
		}
		if !found["saved"] || !found["imported"] {
			t.Errorf("search %q found %v, want both the saved and the imported reflection", q, found)
		}
	}
	log, err := s.EncounterLog(ctx, dima.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 {
		t.Fatalf("encounter log has %d records, want 2", len(log))
	}
	for _, e := range log {
		if len(e.Kinds) != 2 || e.Kinds[0] != journal.KindAdventure || e.Kinds[1] != journal.KindLaughed || e.At.Format("-07:00") != "+01:00" {
			t.Errorf("%s: kinds %v at %s", e.ReflectionID, e.Kinds, e.At)
		}
	}
}
