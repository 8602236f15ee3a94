package journal_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// evening is a short way to write a reflection in tests.
type evening struct {
	at        time.Time
	text      string
	closeness journal.Closeness
	kinds     []string // moments of the timeline's person
	others    map[string][]string
}

func mustSave(tb testing.TB, s *journal.Store, personID string, e evening) *journal.Reflection {
	tb.Helper()
	enc := journal.Encounter{PersonID: personID, Closeness: e.closeness}
	for _, k := range e.kinds {
		enc.Moments = append(enc.Moments, journal.Moment{Kind: k})
	}
	r := &journal.Reflection{At: e.at, Text: e.text, Encounters: []journal.Encounter{enc}}
	for id, kinds := range e.others {
		o := journal.Encounter{PersonID: id}
		for _, k := range kinds {
			o.Moments = append(o.Moments, journal.Moment{Kind: k})
		}
		r.Encounters = append(r.Encounters, o)
	}
	if err := s.SaveReflection(context.Background(), r); err != nil {
		tb.Fatalf("save reflection: %v", err)
	}
	return r
}

// allPages follows a timeline query to its end.
func allPages(tb testing.TB, s *journal.Store, q journal.TimelineQuery) []journal.Reflection {
	tb.Helper()
	var out []journal.Reflection
	for i := 0; ; i++ {
		page, err := s.Timeline(context.Background(), q)
		if err != nil {
			tb.Fatalf("timeline page %d: %v", i, err)
		}
		out = append(out, page.Reflections...)
		if page.Next == nil {
			return out
		}
		if i > 10000 {
			tb.Fatal("timeline never ends")
		}
		q.After = page.Next
	}
}

func ids(rs []journal.Reflection) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// newestFirst orders reflections as the timeline does: by time, then id, both descending.
func newestFirst(rs []*journal.Reflection) []string {
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b *journal.Reflection) int {
		ka, kb := journal.FormatUTC(a.At)+a.ID, journal.FormatUTC(b.At)+b.ID
		switch {
		case ka > kb:
			return -1
		case ka < kb:
			return 1
		}
		return 0
	})
	out := make([]string, len(sorted))
	for i, r := range sorted {
		out[i] = r.ID
	}
	return out
}

var base = time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC)

func TestTimelinePagesAreNewestFirst(t *testing.T) {
	s := journaltest.MustOpen(t)
	zoe := journaltest.MustAddPerson(t, s, "Zoë")
	other := journaltest.MustAddPerson(t, s, "Omar")
	var saved []*journal.Reflection
	for i := 0; i < 23; i++ {
		// Every third evening shares its time with the one before, so pages
		// must break ties by id.
		at := base.Add(time.Duration(i-i%3) * time.Hour)
		saved = append(saved, mustSave(t, s, zoe.ID, evening{at: at, text: fmt.Sprint("evening ", i)}))
	}
	mustSave(t, s, other.ID, evening{at: base, text: "not Zoë's"})

	for _, size := range []int{1, 5, 23, 50} {
		t.Run(fmt.Sprint("page size ", size), func(t *testing.T) {
			got := ids(allPages(t, s, journal.TimelineQuery{PersonID: zoe.ID, Limit: size}))
			if want := newestFirst(saved); !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
	t.Run("last page has no next", func(t *testing.T) {
		page, err := s.Timeline(context.Background(), journal.TimelineQuery{PersonID: zoe.ID, Limit: 23})
		if err != nil {
			t.Fatal(err)
		}
		if page.Next != nil || len(page.Reflections) != 23 {
			t.Fatalf("got %d reflections and next %v, want 23 and nil", len(page.Reflections), page.Next)
		}
	})
}

// While someone pages through a timeline, reflections are written before,
// after and exactly at the page boundary: every reflection that was there
// when paging began comes exactly once, nothing comes twice, and those
// written into the part not yet shown come too.
func TestTimelinePagesExactlyOnceWhileAdding(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	p := journaltest.MustAddPerson(t, s, "Zoë")
	rng := rand.New(rand.NewPCG(4, 2))
	var original []*journal.Reflection
	for i := 0; i < 60; i++ {
		at := base.Add(-time.Duration(rng.IntN(40)) * 24 * time.Hour) // many share a day and time
		original = append(original, mustSave(t, s, p.ID, evening{at: at, text: fmt.Sprint("original ", i)}))
	}

	seen := map[string]int{}
	mustCome := map[string]bool{}
	q := journal.TimelineQuery{PersonID: p.ID, Limit: 7}
	for pages := 0; ; pages++ {
		page, err := s.Timeline(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Reflections {
			seen[r.ID]++
		}
		if page.Next == nil {
			break
		}
		cursorAt, err := time.Parse("2006-01-02T15:04:05.000Z", page.Next.AtUTC)
		if err != nil {
			t.Fatal(err)
		}
		// Newer than everything: already scrolled past, so it may not come.
		mustSave(t, s, p.ID, evening{at: base.Add(time.Hour), text: "late news"})
		// Exactly at the boundary, and just older: both are still ahead.
		tie := mustSave(t, s, p.ID, evening{at: cursorAt, text: "same minute"})
		if tie.ID < page.Next.ID {
			mustCome[tie.ID] = true
		}
		older := mustSave(t, s, p.ID, evening{at: cursorAt.Add(-time.Minute), text: "a bit older"})
		mustCome[older.ID] = true
		// The oldest of all: it must come at the very end.
		oldest := mustSave(t, s, p.ID, evening{at: base.AddDate(-1, 0, -pages), text: "long ago"})
		mustCome[oldest.ID] = true
		q.After = page.Next
		if pages > 100 {
			t.Fatal("timeline never ends")
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("reflection %s came %d times", id, n)
		}
	}
	for _, r := range original {
		if seen[r.ID] != 1 {
			t.Errorf("original reflection %q came %d times, want once", r.Text, seen[r.ID])
		}
	}
	for id := range mustCome {
		if seen[id] != 1 {
			t.Errorf("reflection %s, written ahead of the cursor, came %d times, want once", id, seen[id])
		}
	}
}

func TestTimelineFiltersCombine(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	p := journaltest.MustAddPerson(t, s, "Zoë")
	friend := journaltest.MustAddPerson(t, s, "Omar")
	phone := journal.MomentKind{Label: "Checked my phone", Misstep: true}
	if err := s.AddKind(ctx, &phone); err != nil {
		t.Fatal(err)
	}
	games := journal.MomentKind{Label: "Board games"}
	if err := s.AddKind(ctx, &games); err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return base.AddDate(0, 0, d) }
	named := map[string]*journal.Reflection{}
	for name, e := range map[string]evening{
		"laughed":              {at: day(0), kinds: []string{journal.KindLaughed}},
		"deep":                 {at: day(1), kinds: []string{journal.KindDeepTalk}},
		"laughed and deep":     {at: day(2), kinds: []string{journal.KindLaughed, journal.KindDeepTalk}},
		"judged":               {at: day(3), kinds: []string{journal.KindJudged}},
		"laughed and judged":   {at: day(4), kinds: []string{journal.KindLaughed, journal.KindJudged}},
		"phone":                {at: day(5), kinds: []string{phone.ID}},
		"games":                {at: day(6), kinds: []string{games.ID}},
		"nothing tagged":       {at: day(7)},
		"friend laughed":       {at: day(8), others: map[string][]string{friend.ID: {journal.KindLaughed, journal.KindJudged}}},
		"laughed, month ago":   {at: day(-30), kinds: []string{journal.KindLaughed}},
		"phone, month ago":     {at: day(-31), kinds: []string{phone.ID, journal.KindDeepTalk}},
		"deep, month from now": {at: day(31), kinds: []string{journal.KindDeepTalk}},
	} {
		named[name] = mustSave(t, s, p.ID, e)
	}
	from, to := day(0), day(8).Add(time.Hour)
	cases := []struct {
		name string
		q    journal.TimelineQuery
		want []string // oldest first, for reading
	}{
		{"no filter", journal.TimelineQuery{}, []string{"phone, month ago", "laughed, month ago", "laughed", "deep", "laughed and deep", "judged", "laughed and judged", "phone", "games", "nothing tagged", "friend laughed", "deep, month from now"}},
		{"one kind", journal.TimelineQuery{Kinds: []string{journal.KindLaughed}}, []string{"laughed, month ago", "laughed", "laughed and deep", "laughed and judged"}},
		{"several kinds: any of them", journal.TimelineQuery{Kinds: []string{journal.KindDeepTalk, games.ID}}, []string{"phone, month ago", "deep", "laughed and deep", "games", "deep, month from now"}},
		{"a custom kind", journal.TimelineQuery{Kinds: []string{games.ID}}, []string{"games"}},
		{"only missteps, custom ones too", journal.TimelineQuery{OnlyMissteps: true}, []string{"phone, month ago", "judged", "laughed and judged", "phone"}},
		{"date range", journal.TimelineQuery{From: from, To: to}, []string{"laughed", "deep", "laughed and deep", "judged", "laughed and judged", "phone", "games", "nothing tagged", "friend laughed"}},
		{"from only", journal.TimelineQuery{From: day(8)}, []string{"friend laughed", "deep, month from now"}},
		{"to only", journal.TimelineQuery{To: day(-30)}, []string{"phone, month ago", "laughed, month ago"}},
		{"kinds and range", journal.TimelineQuery{Kinds: []string{journal.KindLaughed}, From: from, To: to}, []string{"laughed", "laughed and deep", "laughed and judged"}},
		{"kinds and missteps", journal.TimelineQuery{Kinds: []string{journal.KindLaughed}, OnlyMissteps: true}, []string{"laughed and judged"}},
		{"missteps and range", journal.TimelineQuery{OnlyMissteps: true, From: from, To: to}, []string{"judged", "laughed and judged", "phone"}},
		{"all three", journal.TimelineQuery{Kinds: []string{journal.KindDeepTalk, journal.KindLaughed}, OnlyMissteps: true, From: day(-31), To: day(3)}, []string{"phone, month ago"}},
		{"nothing matches", journal.TimelineQuery{Kinds: []string{journal.KindAdventure}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := c.q
			q.PersonID = p.ID
			q.Limit = 2
			var want []*journal.Reflection
			for _, name := range c.want {
				want = append(want, named[name])
			}
			got := ids(allPages(t, s, q))
			if w := newestFirst(want); !slices.Equal(got, w) {
				t.Fatalf("got %v, want %v", textsOf(named, got), textsOf(named, w))
			}
			n, err := s.TimelineCount(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(c.want) {
				t.Errorf("count: got %d, want %d", n, len(c.want))
			}
			for name, r := range named {
				in, err := s.InTimeline(ctx, q, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if in != slices.Contains(c.want, name) {
					t.Errorf("InTimeline(%q) = %v, want %v", name, in, !in)
				}
			}
		})
	}
}

func textsOf(named map[string]*journal.Reflection, ids []string) []string {
	var out []string
	for _, id := range ids {
		for name, r := range named {
			if r.ID == id {
				out = append(out, name)
			}
		}
	}
	return out
}

// An evening written at 00:30 in Kathmandu on 1 March is on 1 March for the
// timeline's date filter, though it was still 29 February in UTC.
func TestTimelineDateRangeUsesTheEveningsOwnClock(t *testing.T) {
	s := journaltest.MustOpen(t)
	p := journaltest.MustAddPerson(t, s, "Aoife")
	kathmandu := time.FixedZone("+05:45", 5*3600+45*60)
	newYork := time.FixedZone("-05:00", -5*3600)
	berlin := time.FixedZone("+01:00", 3600)
	early := mustSave(t, s, p.ID, evening{at: time.Date(2024, 3, 1, 0, 30, 0, 0, kathmandu), text: "just after midnight"})
	late := mustSave(t, s, p.ID, evening{at: time.Date(2024, 3, 1, 23, 30, 0, 0, newYork), text: "late in New York"})
	mustSave(t, s, p.ID, evening{at: time.Date(2024, 2, 29, 23, 59, 0, 0, berlin), text: "the day before"})
	mustSave(t, s, p.ID, evening{at: time.Date(2024, 3, 2, 0, 1, 0, 0, kathmandu), text: "the day after"})

	// The bounds' own location does not matter, only their wall clock.
	from := time.Date(2024, 3, 1, 0, 0, 0, 0, newYork)
	to := time.Date(2024, 3, 1, 23, 59, 59, 999e6, kathmandu)
	got := ids(allPages(t, s, journal.TimelineQuery{PersonID: p.ID, From: from, To: to}))
	if want := []string{late.ID, early.ID}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v (late in New York, just after midnight)", got, want)
	}
}

func TestTimelineUnknownPersonIsEmpty(t *testing.T) {
	s := journaltest.MustOpen(t)
	page, err := s.Timeline(context.Background(), journal.TimelineQuery{PersonID: "nobody"})
	if err != nil || len(page.Reflections) != 0 || page.Next != nil {
		t.Fatalf("got %v, %v, want an empty last page", page, err)
	}
}
