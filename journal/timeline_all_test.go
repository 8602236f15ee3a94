package journal_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// describe writes down everything a reflection holds, in order, so two
// reads can be compared whole (time.Time's zones are pointers, which a
// deep comparison would tell apart).
func describe(rs []journal.Reflection) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s at %s text %q made %s changed %s", r.ID, r.At.Format(time.RFC3339Nano),
			r.Text, r.CreatedAt.Format(time.RFC3339Nano), r.UpdatedAt.Format(time.RFC3339Nano))
		for _, e := range r.Encounters {
			fmt.Fprintf(&b, "\n  with %s closeness %d", e.PersonID, e.Closeness)
			for _, m := range e.Moments {
				fmt.Fprintf(&b, "\n    %s %s %q", m.ID, m.Kind, m.Note)
			}
		}
		out[i] = b.String()
	}
	return out
}

// awkward are texts and notes that a packed read must not split wrong.
var awkward = []string{
	"", "12:34;", "3:abc", "a\x1eb\x1fc", "0;", ":", ";;::", "line one\nline two\r\n",
	"Zoë, Дмитрий, 王芳 🌻", "%d:%s", "a NUL \x00 inside", "\x00", "'quoted' \"twice\"", strings.Repeat("long ", 90),
}

// timelineJournal writes a journal whose evenings are in many offsets, with
// several people each, moments with awkward notes, and encounters and
// moments whose positions are not the order of their ids.
func timelineJournal(t *testing.T) (*journal.Store, []*journal.Person) {
	t.Helper()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return base.AddDate(1, 0, 0) }
	var people []*journal.Person
	for _, name := range []string{"Iris", "Jonas", "Kemal", "Lior"} {
		people = append(people, journaltest.MustAddPerson(t, s, name))
	}
	rng := rand.New(rand.NewPCG(6, 6))
	kinds := []string{journal.KindDeepTalk, journal.KindLaughed, journal.KindAdventure, journal.KindLabeledBond, journal.KindPerfectDay, journal.KindJudged}
	for i := range 60 {
		zone := time.FixedZone("", (rng.IntN(27)-12)*3600+rng.IntN(2)*1800)
		r := &journal.Reflection{
			At:   time.Date(2024, 1, 1+i/3, 18+rng.IntN(6), rng.IntN(60), 0, 0, zone),
			Text: awkward[rng.IntN(len(awkward))],
		}
		for _, k := range rng.Perm(len(people))[:1+rng.IntN(len(people))] {
			e := journal.Encounter{PersonID: people[k].ID, Closeness: journal.Closeness(rng.IntN(8))}
			for _, k := range rng.Perm(len(kinds))[:rng.IntN(4)] {
				e.Moments = append(e.Moments, journal.Moment{Kind: kinds[k], Note: awkward[rng.IntN(len(awkward))]})
			}
			r.Encounters = append(r.Encounters, e)
		}
		if i%7 == 0 {
			// Two evenings at the same instant: the id decides.
			r2 := &journal.Reflection{At: r.At, Text: "the same instant", Encounters: []journal.Encounter{{PersonID: r.Encounters[0].PersonID}}}
			if err := s.SaveReflection(context.Background(), r2); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveReflection(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	return s, people
}

// TestTimelineAllIsTheWholeTimeline: for every filter, TimelineAll holds
// exactly what paging through the timeline holds, oldest first.
func TestTimelineAllIsTheWholeTimeline(t *testing.T) {
	s, people := timelineJournal(t)
	ctx := context.Background()
	p := people[0]
	from, to := time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 14, 23, 59, 59, 999e6, time.UTC)
	for _, c := range []struct {
		name string
		q    journal.TimelineQuery
	}{
		{"everything", journal.TimelineQuery{PersonID: p.ID}},
		{"another person", journal.TimelineQuery{PersonID: people[3].ID}},
		{"kinds", journal.TimelineQuery{PersonID: p.ID, Kinds: []string{journal.KindAdventure, journal.KindPerfectDay}}},
		{"a period", journal.TimelineQuery{PersonID: p.ID, From: from, To: to}},
		{"from only", journal.TimelineQuery{PersonID: p.ID, From: from}},
		{"missteps", journal.TimelineQuery{PersonID: p.ID, OnlyMissteps: true}},
		{"nobody", journal.TimelineQuery{PersonID: "nobody"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			paged := allPages(t, s, c.q)
			slices.Reverse(paged)
			all, err := s.TimelineAll(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			got, want := describe(all), describe(paged)
			if !slices.Equal(got, want) {
				t.Errorf("got %d reflections, want %d", len(got), len(want))
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Fatalf("reflection %d:\ngot  %s\nwant %s", i, got[i], want[i])
					}
				}
			}
			if c.name != "nobody" && len(all) < 3 {
				t.Errorf("only %d reflections: the test wants more", len(all))
			}
		})
	}
}

// TestTimelineAllWhenAnEncounterIsOutOfStep: an encounter whose copy of the
// time differs from its reflection's (never written so, but a journal may
// be damaged) is still read, and at its reflection's time.
func TestTimelineAllWhenAnEncounterIsOutOfStep(t *testing.T) {
	s, people := timelineJournal(t)
	ctx := context.Background()
	q := journal.TimelineQuery{PersonID: people[0].ID}
	want := allPages(t, s, q)
	slices.Reverse(want)
	if _, err := s.DB().ExecContext(ctx, "UPDATE encounters SET at_utc = '2024-01-09T00:00:00.000Z' WHERE reflection_id = ? AND person_id = ?",
		want[2].ID, people[0].ID); err != nil {
		t.Fatal(err)
	}
	all, err := s.TimelineAll(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	got := describe(all)
	slices.Sort(got)
	wantDesc := describe(want)
	slices.Sort(wantDesc)
	if !slices.Equal(got, wantDesc) {
		t.Errorf("got %d reflections, want the same %d as before", len(got), len(wantDesc))
	}
}

// TestTimelineAllBeyondTheLongestValue: a history longer than SQLite lets
// one text be (a billion bytes by default; lowered here) is read row by row.
func TestTimelineAllBeyondTheLongestValue(t *testing.T) {
	s, people := timelineJournal(t)
	ctx := context.Background()
	q := journal.TimelineQuery{PersonID: people[0].ID}
	want := allPages(t, s, q)
	slices.Reverse(want)

	// One reader connection, so the lowered limit is the one the read uses.
	s.ReadDB().SetMaxOpenConns(1)
	conn, err := s.ReadDB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Raw(func(dc any) error {
		dc.(*sqlite3.SQLiteConn).SetLimit(sqlite3.SQLITE_LIMIT_LENGTH, 2000)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	conn.Close()

	all, err := s.TimelineAll(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(all), describe(want); !slices.Equal(got, want) {
		t.Errorf("got %d reflections, want %d", len(got), len(want))
	}
}
