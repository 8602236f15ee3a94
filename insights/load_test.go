package insights

import (
	"context"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestReportsFromAJournal runs the loader and the analysis on a real journal
// file: one evening shared by two people, a kind of the journal's own, an
// archived person, and a suggestion put aside.
func TestReportsFromAJournal(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	now := time.Date(2024, 6, 30, 20, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	ana := journaltest.MustAddPerson(t, s, "Ana Lima")
	ben := journaltest.MustAddPerson(t, s, "Ben")
	gone := journaltest.MustAddPerson(t, s, "Gone")
	checkNoErr(t, s.SetArchived(ctx, gone.ID, true))
	checkNoErr(t, s.AddKind(ctx, &journal.MomentKind{Label: "Board games"}))
	moments := func(kinds ...string) []journal.Moment {
		var out []journal.Moment
		for _, k := range kinds {
			out = append(out, journal.Moment{Kind: k})
		}
		return out
	}
	var anaIDs []string
	for i, day := range []int{10, 5, 1} {
		encs := []journal.Encounter{{PersonID: ana.ID, Closeness: 5, Moments: moments(journal.KindDeepTalk)}}
		if i == 0 {
			encs = append(encs, journal.Encounter{PersonID: ben.ID, Closeness: 3, Moments: moments("board-games", journal.KindLaughed)},
				journal.Encounter{PersonID: gone.ID, Closeness: 2})
		}
		r := &journal.Reflection{At: now.AddDate(0, 0, -day), Encounters: encs}
		checkNoErr(t, s.SaveReflection(ctx, r))
		anaIDs = append(anaIDs, r.ID)
	}

	pi, err := PersonReport(ctx, s, ana.ID, Range{}, now)
	checkNoErr(t, err)
	if pi.Person.Name != "Ana Lima" || pi.Evenings != 3 || len(pi.Closeness.Points) != 3 {
		t.Fatalf("got %s with %d evenings and %d ratings, want Ana Lima with 3 and 3", pi.Person.Name, pi.Evenings, len(pi.Closeness.Points))
	}
	if len(pi.Suggestions) != 1 || pi.Suggestions[0].Rule != RuleDeepWithoutAir || pi.Suggestions[0].ReflectionIDs[0] != anaIDs[2] {
		t.Fatalf("suggestions %+v, want one about deep evenings, starting with the latest", pi.Suggestions)
	}
	checkNoErr(t, s.DismissSuggestion(ctx, pi.Suggestions[0].Key))
	pi, err = PersonReport(ctx, s, ana.ID, Range{}, now)
	checkNoErr(t, err)
	if len(pi.Suggestions) != 0 {
		t.Errorf("a suggestion put aside came back: %+v", pi.Suggestions)
	}
	if len(pi.PutAside) != 1 || pi.PutAside[0].Rule != RuleDeepWithoutAir {
		t.Errorf("put aside: %+v, want the one about deep evenings", pi.PutAside)
	}
	ji, err := JournalReport(ctx, s, Range{}, now)
	checkNoErr(t, err)
	if len(ji.PutAside) != 1 || ji.PutAside[0].Key != pi.PutAside[0].Key {
		t.Errorf("the journal's put aside: %+v, want Ana's one", ji.PutAside)
	}
	for _, sg := range ji.Suggestions {
		if sg.Key == pi.PutAside[0].Key {
			t.Error("the journal suggests what was put aside")
		}
	}
	checkNoErr(t, s.RestoreSuggestion(ctx, pi.PutAside[0].Key))
	pi, err = PersonReport(ctx, s, ana.ID, Range{}, now)
	checkNoErr(t, err)
	if len(pi.Suggestions) != 1 || len(pi.PutAside) != 0 {
		t.Errorf("brought back: %d suggestions and %d put aside, want 1 and 0", len(pi.Suggestions), len(pi.PutAside))
	}

	bi, err := PersonReport(ctx, s, ben.ID, Range{}, now)
	checkNoErr(t, err)
	var games *KindRecord
	for i := range bi.Ledger.Kinds {
		if bi.Ledger.Kinds[i].Kind == "board-games" {
			games = &bi.Ledger.Kinds[i]
		}
	}
	if games == nil || games.Label != "Board games" || games.Count != 1 || games.DaysSinceLast != 10 || games.Last.ReflectionID != anaIDs[0] {
		t.Errorf("Ben's board games: %+v", games)
	}

	ji, err = JournalReport(ctx, s, Range{}, now)
	checkNoErr(t, err)
	// Three reflections: the shared one counts once; the archived person's
	// evening is still part of the journal.
	if ji.Evenings != 3 || ji.People != 3 {
		t.Errorf("journal: %d evenings with %d people, want 3 with 3", ji.Evenings, ji.People)
	}
	if ji.Year.Moments != 5 || ji.Year.Evenings != 3 {
		t.Errorf("the year: %d moments in %d evenings, want 5 in 3", ji.Year.Moments, ji.Year.Evenings)
	}

	if _, err := PersonReport(ctx, s, "nobody", Range{}, now); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("an unknown person gave %v, want not found", err)
	}
}
