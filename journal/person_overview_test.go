package journal_test

import (
	"context"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestPersonOverview(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	s.Now = func() time.Time { return time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC) }
	p := journaltest.MustAddPerson(t, s, "Søren")
	other := journaltest.MustAddPerson(t, s, "Maya")
	kathmandu := time.FixedZone("+05:45", 5*3600+45*60)

	// Written before the person was added (an import): Since goes back to it.
	first := mustSave(t, s, p.ID, evening{at: time.Date(2023, 1, 5, 21, 0, 0, 0, kathmandu), closeness: 2, kinds: []string{journal.KindLaughed}})
	deep := mustSave(t, s, p.ID, evening{at: time.Date(2023, 2, 5, 21, 0, 0, 0, time.UTC), closeness: 3, kinds: []string{journal.KindDeepTalk, journal.KindLaughed}})
	mustSave(t, s, p.ID, evening{at: time.Date(2023, 3, 5, 21, 0, 0, 0, time.UTC), closeness: 5, kinds: []string{journal.KindDeepTalk}})
	// Maya named the bond first, in an evening the two shared: not Søren's first.
	mustSave(t, s, p.ID, evening{at: time.Date(2023, 3, 6, 21, 0, 0, 0, time.UTC), others: map[string][]string{other.ID: {journal.KindLabeledBond}}})
	bond := mustSave(t, s, p.ID, evening{at: time.Date(2023, 4, 5, 21, 0, 0, 0, time.UTC), closeness: 6, kinds: []string{journal.KindLabeledBond}})
	// The latest evening is not rated: the current closeness is the one before.
	last := mustSave(t, s, p.ID, evening{at: time.Date(2023, 5, 5, 21, 0, 0, 0, time.UTC)})

	o, err := s.PersonOverview(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Søren" || o.Evenings != 6 || o.Closeness != 6 {
		t.Errorf("got %q, %d evenings, closeness %d; want Søren, 6, 6", o.Name, o.Evenings, o.Closeness)
	}
	if !o.FirstAt.Equal(first.At) || o.FirstAt.Location().String() != "+05:45" {
		t.Errorf("first evening: got %v, want %v in its own offset", o.FirstAt, first.At)
	}
	if !o.LastAt.Equal(last.At) {
		t.Errorf("last evening: got %v, want %v", o.LastAt, last.At)
	}
	if !o.Since().Equal(first.At) {
		t.Errorf("since: got %v, want the first evening %v", o.Since(), first.At)
	}
	want := []journal.FirstMoment{
		{Kind: journal.KindLaughed, At: first.At, ReflectionID: first.ID},
		{Kind: journal.KindDeepTalk, At: deep.At, ReflectionID: deep.ID},
		{Kind: journal.KindLabeledBond, At: bond.At, ReflectionID: bond.ID},
	}
	if len(o.Firsts) != len(want) {
		t.Fatalf("firsts: got %+v, want %+v", o.Firsts, want)
	}
	for i := range want {
		g := o.Firsts[i]
		if g.Kind != want[i].Kind || g.ReflectionID != want[i].ReflectionID || !g.At.Equal(want[i].At) {
			t.Errorf("first %d: got %+v, want %+v", i, g, want[i])
		}
	}
	firsts, err := s.Firsts(ctx, p.ID)
	if err != nil || len(firsts) != len(want) {
		t.Errorf("Firsts: got %v, %v; want the overview's", firsts, err)
	}

	t.Run("someone new", func(t *testing.T) {
		n := journaltest.MustAddPerson(t, s, "Lena")
		o, err := s.PersonOverview(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Evenings != 0 || !o.FirstAt.IsZero() || o.Closeness != journal.NotRated || len(o.Firsts) != 0 || !o.Since().Equal(n.CreatedAt) {
			t.Errorf("got %+v, want no evenings, since the day they were added", o)
		}
	})
	t.Run("unknown person", func(t *testing.T) {
		_, err := s.PersonOverview(ctx, "nobody")
		if journal.ErrorCode(err) != journal.ENOTFOUND {
			t.Errorf("got %v, want a not-found error", err)
		}
	})
}

// Firsts are read oldest first in chunks; a kind that first happens late,
// and one whose first evening was written after a later one, still come out
// right.
func TestFirstsAcrossManyEvenings(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	p := journaltest.MustAddPerson(t, s, "Chidi")
	day := func(i int) time.Time { return time.Date(2020, 1, 1, 20, 0, 0, 0, time.UTC).AddDate(0, 0, i) }
	var adventure, laughed string
	err := s.Batch(ctx, func(b *journal.Batch) error {
		save := func(i int, kinds ...string) (string, error) {
			enc := journal.Encounter{PersonID: p.ID}
			for _, k := range kinds {
				enc.Moments = append(enc.Moments, journal.Moment{Kind: k})
			}
			r := journal.Reflection{At: day(i), Encounters: []journal.Encounter{enc}}
			err := b.SaveReflection(&r)
			return r.ID, err
		}
		// Written out of order: the later adventure first.
		if _, err := save(880, journal.KindAdventure); err != nil {
			return err
		}
		var err error
		if adventure, err = save(850, journal.KindAdventure, journal.KindLaughed); err != nil {
			return err
		}
		for i := 0; i < 900; i++ {
			if i == 850 || i == 880 {
				continue
			}
			kinds := []string{journal.KindDeepTalk}
			if i >= 3 {
				kinds = append(kinds, journal.KindLaughed)
			}
			id, err := save(i, kinds...)
			if err != nil {
				return err
			}
			if i == 3 {
				laughed = id
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Firsts(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Kind != journal.KindDeepTalk || !got[0].At.Equal(day(0)) ||
		got[1].Kind != journal.KindLaughed || got[1].ReflectionID != laughed ||
		got[2].Kind != journal.KindAdventure || got[2].ReflectionID != adventure || !got[2].At.Equal(day(850)) {
		t.Fatalf("got %+v, want deep talk on day 0, laughed on day 3, adventure on day 850", got)
	}
}
