package exchange_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

// Day One's entries 3 (no tags) and 4 (only "work", left out) name no one.
func TestUnattributedEntriesGoToTheChosenPerson(t *testing.T) {
	ctx := context.Background()
	src := readTestFile(t, "dayone/Journal.json", exchange.ReadOptions{})
	mapping := func(s *journal.Store) exchange.Mapping {
		kinds, _ := s.Kinds(ctx)
		people, _ := s.People(ctx, true)
		m := exchange.DefaultMapping(src.Names(kinds, people))
		m["jonas"] = exchange.Target{NewName: "Jonas"}
		m["work"] = exchange.Target{}
		return m
	}

	t.Run("a new person, once", func(t *testing.T) {
		s := journaltest.MustOpen(t)
		s.Now = func() time.Time { return importClock }
		journaltest.MustAddPerson(t, s, "Marta")
		o := exchange.ImportOptions{Mapping: mapping(s), SkipBad: true, Unattributed: exchange.Target{NewName: "Mum"}}
		sum, err := exchange.Import(ctx, s, src, o)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added.People != 2 || sum.Added.Reflections != 5 || len(sum.NoOne) != 0 || !slices.Equal(sum.Unattributed, []int{3, 4}) || sum.UnattributedTo != "Mum" {
			t.Errorf("summary: %+v\n%s", sum, sum)
		}
		if want := "With Mum: 2 entries that named no one (entries 3, 4)."; !slices.Contains(splitLines(sum.String()), want) {
			t.Errorf("summary in words:\n%s\nwant the line %q", sum, want)
		}
		mum, err := s.FindPerson(ctx, "mum")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: mum.ID})
		if len(page.Reflections) != 2 || page.Reflections[1].Text != "Slept badly. Nothing much to say about anyone today." {
			t.Errorf("Mum's evenings: got %d, want entries 3 and 4", len(page.Reflections))
		}

		again, err := exchange.Import(ctx, s, src, o)
		if err != nil || again.Added != (exchange.Counts{}) || again.Present.Reflections != 5 {
			t.Errorf("second import: added %+v, present %+v, %v; want nothing added, 5 present", again.Added, again.Present, err)
		}
		if st, _ := s.Stats(ctx); st.People != 3 || st.Reflections != 5 {
			t.Errorf("after importing twice: %d people and %d reflections, want 3 and 5", st.People, st.Reflections)
		}
	})

	t.Run("the same new person as a name", func(t *testing.T) {
		s := journaltest.MustOpen(t)
		journaltest.MustAddPerson(t, s, "Marta")
		o := exchange.ImportOptions{Mapping: mapping(s), SkipBad: true, Unattributed: exchange.Target{NewName: "jonas"}}
		sum, err := exchange.Import(ctx, s, src, o)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added.People != 1 || sum.Added.Reflections != 5 {
			t.Errorf("summary: %+v, want Jonas added once and 5 reflections", sum)
		}
	})

	t.Run("a person of the journal", func(t *testing.T) {
		s := journaltest.MustOpen(t)
		marta := journaltest.MustAddPerson(t, s, "Marta")
		o := exchange.ImportOptions{Mapping: mapping(s), SkipBad: true, Unattributed: exchange.Target{PersonID: marta.ID}}
		sum, err := exchange.Import(ctx, s, src, o)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: marta.ID})
		if len(page.Reflections) != 5 || sum.UnattributedTo != "Marta" {
			t.Errorf("Marta has %d evenings (with Mum's %v), want her 3 and the 2 that name no one", len(page.Reflections), sum.Unattributed)
		}
	})

	t.Run("a person not in the journal changes nothing", func(t *testing.T) {
		s := journaltest.MustOpen(t)
		journaltest.MustAddPerson(t, s, "Marta")
		o := exchange.ImportOptions{Mapping: mapping(s), SkipBad: true, Unattributed: exchange.Target{PersonID: "3b0a6c3e-0000-4000-8000-000000000000"}}
		if _, err := exchange.Import(ctx, s, src, o); journal.ErrorCode(err) != journal.ENOTFOUND {
			t.Fatalf("got %v, want not found", err)
		}
		if st, _ := s.Stats(ctx); st.People != 1 || st.Reflections != 0 {
			t.Errorf("a refused import wrote: %d people, %d reflections", st.People, st.Reflections)
		}
	})

	t.Run("without a choice they are left out, as before", func(t *testing.T) {
		s := journaltest.MustOpen(t)
		journaltest.MustAddPerson(t, s, "Marta")
		sum, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: mapping(s), SkipBad: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added.Reflections != 3 || !slices.Equal(sum.NoOne, []int{3, 4}) || len(sum.Unattributed) != 0 {
			t.Errorf("summary: %+v", sum)
		}
	})
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
