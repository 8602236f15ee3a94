package journal_test

import (
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sample"
)

// BenchmarkSaveReflection saves an evening with 3 people and 6 moments into
// the reference journal, each save its own fsynced transaction.
// Target (issue 2): under 15 ms.
func BenchmarkSaveReflection(b *testing.B) {
	s := journaltest.ReferenceCopy(b)
	people, err := s.People(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 21, 0, 0, 0, time.FixedZone("", 3600))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := &journal.Reflection{
			At:   at.Add(time.Duration(i) * time.Minute),
			Text: "A long dinner that turned into a walk along the river; we talked about home.",
			Encounters: []journal.Encounter{
				{PersonID: people[0].ID, Closeness: 5, Moments: []journal.Moment{{Kind: journal.KindDeepTalk, Note: "home"}, {Kind: journal.KindSharedBack}}},
				{PersonID: people[1].ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindLaughed}, {Kind: journal.KindInsideJoke}}},
				{PersonID: people[2].ID, Closeness: 6, Moments: []journal.Moment{{Kind: journal.KindAdventure}, {Kind: journal.KindTriedToFix}}},
			},
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteReferenceDemo writes the reference journal
// (kindred demo --people 200 --years 10 --seed 1). Target (issue 2): under 60 s.
func BenchmarkWriteReferenceDemo(b *testing.B) {
	for i := 0; i < b.N; i++ {
		path := filepath.Join(b.TempDir(), "reference.db")
		if err := sample.Write(ctx, path, sample.Reference); err != nil {
			b.Fatal(err)
		}
	}
}
