package insights

import (
	"context"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestStreamReflectionsAcrossTimeZones writes evenings in offsets from
// -12:00 to +14:00, so that their order by instant and by wall clock
// differ, and reads them back in small chunks: each must come exactly once,
// in wall-clock order, and a period must keep exactly the evenings the
// timeline shows in it.
func TestStreamReflectionsAcrossTimeZones(t *testing.T) {
	saved := chunkSize
	chunkSize = 3
	defer func() { chunkSize = saved }()

	s := journaltest.MustOpen(t)
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	p := journaltest.MustAddPerson(t, s, "Iris")
	ctx := context.Background()
	offsets := []int{-12, 14, 0, 5, -7, 9, -3, 13, 1, -10}
	for i := 0; i < 40; i++ {
		zone := time.FixedZone("", offsets[i%len(offsets)]*3600)
		at := time.Date(2024, 6, 1+i/4, 20+i%4, 0, 0, 0, zone)
		r := &journal.Reflection{At: at, Text: at.Format(time.RFC3339), Encounters: []journal.Encounter{{PersonID: p.ID}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	h, err := Load(ctx, s, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		rng      Range
		wantFrom string // wall-clock bounds of what must come back
		wantTo   string
	}{
		{"all", Range{}, "", ""},
		{"a period", Range{From: time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 6, 6, 23, 59, 59, 0, time.UTC)},
			"2024-06-03", "2024-06-06T23:59:59.999"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rw := &reportWriter{ctx: ctx, src: s, opt: ReportOptions{Range: c.rng}}
			want := map[string]bool{}
			for _, e := range h.People[0].Evenings {
				w := wallString(e.At)
				if (c.wantFrom == "" || w >= c.wantFrom) && (c.wantTo == "" || w <= c.wantTo) {
					want[e.ReflectionID] = true
				}
			}
			seen := map[string]bool{}
			last := ""
			chunks := 0
			for ch := range rw.streamReflections(&h.People[0]) {
				if ch.err != nil {
					t.Fatal(ch.err)
				}
				if ch.total != len(want) {
					t.Errorf("total %d, want %d", ch.total, len(want))
				}
				chunks++
				for _, r := range ch.reflections {
					if seen[r.ID] {
						t.Errorf("%s came twice", r.Text)
					}
					seen[r.ID] = true
					if w := wallString(r.At); w < last {
						t.Errorf("%s came after %s", w, last)
					} else {
						last = w
					}
				}
			}
			if len(seen) != len(want) {
				t.Errorf("got %d evenings, want %d", len(seen), len(want))
			}
			for id := range want {
				if !seen[id] {
					t.Errorf("evening %s is missing", id)
				}
			}
			if len(want) > 6 && chunks < 2 {
				t.Errorf("read in %d chunks; the test wants several", chunks)
			}
		})
	}
}
