package journal_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin and Asia/Kathmandu on any machine

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sample"
)

// rememberJournal is a hand-made journal for Remember: a leap day, evenings
// around both of Berlin's 2023 clock changes (one whose UTC date is the day
// before its own), and evenings written in Kathmandu (+05:45).
type rememberJournal struct {
	s                                      *journal.Store
	ana, leo                               *journal.Person
	laughed, leap28, leapDay, leapMarch1   *journal.Reflection
	springForward, autumnBack, autumnAfter *journal.Reflection
	kathmanduLate, kathmanduPastMidnight   *journal.Reflection
	laterBond                              *journal.Reflection
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func saveWith(tb testing.TB, s *journal.Store, at time.Time, text string, people ...journal.Encounter) *journal.Reflection {
	tb.Helper()
	r := &journal.Reflection{At: at, Text: text, Encounters: people}
	if err := s.SaveReflection(context.Background(), r); err != nil {
		tb.Fatalf("save reflection: %v", err)
	}
	return r
}

func with(p *journal.Person, kinds ...string) journal.Encounter {
	e := journal.Encounter{PersonID: p.ID}
	for _, k := range kinds {
		e.Moments = append(e.Moments, journal.Moment{Kind: k})
	}
	return e
}

func newRememberJournal(t *testing.T) *rememberJournal {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	kathmandu, err := time.LoadLocation("Asia/Kathmandu")
	if err != nil {
		t.Fatal(err)
	}
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return time.Date(2031, 12, 31, 12, 0, 0, 0, time.UTC) }
	j := &rememberJournal{s: s}
	j.ana = journaltest.MustAddPerson(t, s, "Ana")
	j.leo = journaltest.MustAddPerson(t, s, "Leo")

	// Kathmandu, 2021: Ana's first laugh, then her first adventure just
	// after midnight, which is still 14 June in UTC.
	j.kathmanduLate = saveWith(t, s, time.Date(2021, 6, 14, 23, 0, 0, 0, kathmandu), "Tea on the roof.", with(j.ana, journal.KindLaughed))
	j.kathmanduPastMidnight = saveWith(t, s, time.Date(2021, 6, 15, 0, 10, 0, 0, kathmandu), "Up before dawn for the ridge.",
		with(j.ana, journal.KindAdventure, journal.KindLaughed))
	j.laughed = j.kathmanduLate
	// Berlin, 2023: the night the clocks went forward, 23:30 summer time;
	// and half past midnight the night they went back, 22:30 UTC the day
	// before. A misstep's first is never an anniversary.
	j.springForward = saveWith(t, s, time.Date(2023, 3, 26, 23, 30, 0, 0, berlin), "Late walk, light evenings coming.",
		with(j.leo, journal.KindDeepTalk, journal.KindTriedToFix))
	j.autumnBack = saveWith(t, s, time.Date(2023, 10, 29, 0, 30, 0, 0, berlin), "The extra hour, spent talking.",
		with(j.ana, journal.KindDeepTalk), with(j.leo, journal.KindDeepTalk))
	j.autumnAfter = saveWith(t, s, time.Date(2023, 10, 29, 23, 30, 0, 0, berlin), "Quiet night in.", with(j.leo))
	// The leap day, 2024, and the days around it.
	j.leap28 = saveWith(t, s, time.Date(2024, 2, 28, 20, 0, 0, 0, berlin), "Cinema.", with(j.leo, journal.KindLaughed))
	j.leapDay = saveWith(t, s, time.Date(2024, 2, 29, 21, 0, 0, 0, berlin), "A day that only comes every four years.",
		with(j.ana, journal.KindLabeledBond, journal.KindLaughed), with(j.leo))
	j.leapMarch1 = saveWith(t, s, time.Date(2024, 3, 1, 19, 0, 0, 0, berlin), "Market.", with(j.ana))
	// Named the bond again a year on: not a first.
	j.laterBond = saveWith(t, s, time.Date(2025, 2, 28, 21, 0, 0, 0, berlin), "Again, and as true.", with(j.ana, journal.KindLabeledBond))
	return j
}

type wantMemory struct {
	date, kind, person string
	reflection         *journal.Reflection
	text               string
}

func TestRemember(t *testing.T) {
	j := newRememberJournal(t)
	cases := []struct {
		name   string
		date   time.Time
		person *journal.Person
		want   []wantMemory
	}{
		{"a year after the leap day, on 28 February", day(2025, 2, 28), nil, []wantMemory{
			{"2024-02-28", "first-laughed-1y", "Leo", j.leap28, "A year ago on this day, you and Leo first laughed together."},
			{"2024-02-29", "first-labeled-bond-1y", "Ana", j.leapDay, "A year ago, on 29 February, you first named the bond with Ana."},
			{"2024-02-28", "on-this-day-1y", "Leo", j.leap28, "A year ago on this day: an evening with Leo."},
			{"2024-02-29", "on-this-day-1y", "Ana, Leo", j.leapDay, "A year ago, on 29 February: an evening with Ana and Leo."},
		}},
		{"the same, for Leo alone", day(2025, 2, 28), j.leo, []wantMemory{
			{"2024-02-28", "first-laughed-1y", "Leo", j.leap28, "A year ago on this day, you and Leo first laughed together."},
			{"2024-02-28", "on-this-day-1y", "Leo", j.leap28, "A year ago on this day: an evening with Leo."},
			{"2024-02-29", "on-this-day-1y", "Ana, Leo", j.leapDay, "A year ago, on 29 February: an evening with Ana and Leo."},
		}},
		{"1 March does not take the leap day", day(2025, 3, 1), nil, []wantMemory{
			{"2024-03-01", "on-this-day-1y", "Ana", j.leapMarch1, "A year ago on this day: an evening with Ana."},
		}},
		{"a leap year's 28 February keeps to its own day", day(2028, 2, 28), nil, []wantMemory{
			{"2025-02-28", "on-this-day-3y", "Ana", j.laterBond, "Three years ago on this day: an evening with Ana."},
		}},
		{"29 February: nothing in 1, 2, 3, 5 or 10 years is a leap day", day(2028, 2, 29), nil, nil},
		{"five years after the leap day", day(2029, 2, 28), nil, []wantMemory{
			{"2024-02-28", "first-laughed-5y", "Leo", j.leap28, "Five years ago on this day, you and Leo first laughed together."},
			{"2024-02-29", "first-labeled-bond-5y", "Ana", j.leapDay, "Five years ago, on 29 February, you first named the bond with Ana."},
			{"2024-02-28", "on-this-day-5y", "Leo", j.leap28, "Five years ago on this day: an evening with Leo."},
			{"2024-02-29", "on-this-day-5y", "Ana, Leo", j.leapDay, "Five years ago, on 29 February: an evening with Ana and Leo."},
		}},
		{"the night the clocks went forward; a misstep is not marked", day(2024, 3, 26), nil, []wantMemory{
			{"2023-03-26", "first-deep-talk-1y", "Leo", j.springForward, "A year ago on this day, Leo first opened up to you."},
			{"2023-03-26", "on-this-day-1y", "Leo", j.springForward, "A year ago on this day: an evening with Leo."},
		}},
		{"half past midnight as the clocks went back is its own day, not UTC's", day(2024, 10, 29), nil, []wantMemory{
			{"2023-10-29", "first-deep-talk-1y", "Ana", j.autumnBack, "A year ago on this day, Ana first opened up to you."},
			{"2023-10-29", "on-this-day-1y", "Ana, Leo", j.autumnBack, "A year ago on this day: an evening with Ana and Leo."},
			{"2023-10-29", "on-this-day-1y", "Leo", j.autumnAfter, "A year ago on this day: an evening with Leo."},
		}},
		{"and not the day before", day(2024, 10, 28), nil, nil},
		{"Kathmandu, just before midnight", day(2022, 6, 14), nil, []wantMemory{
			{"2021-06-14", "first-laughed-1y", "Ana", j.kathmanduLate, "A year ago on this day, you and Ana first laughed together."},
			{"2021-06-14", "on-this-day-1y", "Ana", j.kathmanduLate, "A year ago on this day: an evening with Ana."},
		}},
		{"Kathmandu, just after midnight (still 14 June in UTC)", day(2026, 6, 15), j.ana, []wantMemory{
			{"2021-06-15", "first-adventure-5y", "Ana", j.kathmanduPastMidnight, "Five years ago on this day, you had your first adventure with Ana."},
			{"2021-06-15", "on-this-day-5y", "Ana", j.kathmanduPastMidnight, "Five years ago on this day: an evening with Ana."},
		}},
		{"ten years on", day(2031, 6, 15), nil, []wantMemory{
			{"2021-06-15", "first-adventure-10y", "Ana", j.kathmanduPastMidnight, "Ten years ago on this day, you had your first adventure with Ana."},
			{"2021-06-15", "on-this-day-10y", "Ana", j.kathmanduPastMidnight, "Ten years ago on this day: an evening with Ana."},
		}},
		{"four years is not marked", day(2025, 6, 15), nil, nil},
		{"someone else's day", day(2022, 6, 15), j.leo, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := journal.RememberQuery{Date: c.date}
			if c.person != nil {
				q.PersonID = c.person.ID
			}
			got, err := j.s.Remember(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d memories %v, want %d", len(got), describeMemories(got), len(c.want))
			}
			for i, w := range c.want {
				g := got[i]
				if d := g.At.Format(time.DateOnly); d != w.date || g.Kind != w.kind || g.Person() != w.person ||
					g.ReflectionID != w.reflection.ID || g.Text != w.text || g.Written != w.reflection.Text {
					t.Errorf("memory %d: got %s %s %q %s %q, want %s %s %q %s %q", i,
						d, g.Kind, g.Person(), g.ReflectionID, g.Text, w.date, w.kind, w.person, w.reflection.ID, w.text)
				}
			}
		})
	}
}

func describeMemories(ms []journal.Memory) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n  %s %s %s %q", m.At.Format(time.DateOnly), m.Kind, m.Person(), m.Text)
	}
	return b.String()
}

func TestRememberToday(t *testing.T) {
	j := newRememberJournal(t)
	j.s.Now = func() time.Time { return time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC) }
	got, err := j.s.Remember(context.Background(), journal.RememberQuery{Date: day(2025, 3, 1)})
	if err != nil || len(got) != 1 || got[0].Text != "A year ago today: an evening with Ana." {
		t.Errorf("got %v, %v; want the evening of 1 March 2024, a year ago today", describeMemories(got), err)
	}
}

func TestRememberUnknownPerson(t *testing.T) {
	j := newRememberJournal(t)
	_, err := j.s.Remember(context.Background(), journal.RememberQuery{Date: day(2025, 2, 28), PersonID: "nobody"})
	if journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("got %v, want not found", err)
	}
}

func TestDaysRemembered(t *testing.T) {
	cases := []struct {
		date  time.Time
		years int
		want  []string
	}{
		{day(2025, 6, 15), 1, []string{"2024-06-15"}},
		{day(2025, 2, 28), 1, []string{"2024-02-28", "2024-02-29"}},
		{day(2025, 2, 28), 2, []string{"2023-02-28"}},
		{day(2028, 2, 28), 1, []string{"2027-02-28"}},
		{day(2028, 2, 29), 1, nil},
		{day(2028, 2, 29), 4, []string{"2024-02-29"}},
		{day(2029, 3, 1), 5, []string{"2024-03-01"}},
	}
	for _, c := range cases {
		var got []string
		for _, d := range journal.DaysRemembered(c.date, c.years) {
			got = append(got, d.Format(time.DateOnly))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s, %d years back: got %v, want %v", c.date.Format(time.DateOnly), c.years, got, c.want)
		}
	}
	if got := journal.Anniversary(day(2024, 2, 29), 1).Format(time.DateOnly); got != "2025-02-28" {
		t.Errorf("a leap day's first anniversary: got %s, want 2025-02-28", got)
	}
	if got := journal.Anniversary(day(2024, 2, 29), 4).Format(time.DateOnly); got != "2028-02-29" {
		t.Errorf("a leap day's fourth anniversary: got %s, want 2028-02-29", got)
	}
}

// Remember's firsts are the timeline's firsts: on a sample journal, each
// person's first of every connection kind comes back a year later, and
// nothing else is called a first.
func TestRememberFirstsAreTheTimelines(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := sample.Write(ctx, path, sample.Options{People: 6, Years: 2, Seed: 7, End: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	people, err := s.People(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := s.Kinds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	misstep := map[string]bool{}
	for _, k := range kinds {
		misstep[k.ID] = k.Misstep
	}
	checked := 0
	for _, p := range people {
		firsts, err := s.Firsts(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for _, f := range firsts {
			if misstep[f.Kind] {
				continue
			}
			want[f.Kind] = f.ReflectionID
		}
		for _, f := range firsts {
			ms, err := s.Remember(ctx, journal.RememberQuery{Date: journal.Anniversary(f.At, 1), PersonID: p.ID})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				if m.Moment != "" && want[m.Moment] != m.ReflectionID {
					t.Errorf("%s: %s names %s, but their first %s was %s", p.Name, m.Kind, m.ReflectionID, m.Moment, want[m.Moment])
				}
			}
			if _, marked := want[f.Kind]; !marked {
				continue
			}
			found := false
			for _, m := range ms {
				found = found || (m.Moment == f.Kind && m.ReflectionID == f.ReflectionID)
			}
			if !found {
				t.Errorf("%s: the first %s (%s) is not remembered a year on: %v", p.Name, f.Kind, f.At.Format(time.DateOnly), describeMemories(ms))
			}
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d firsts checked: the sample is too small to say anything", checked)
	}
}
