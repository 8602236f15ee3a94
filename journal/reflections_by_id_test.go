package journal_test

import (
	"context"
	"slices"
	"sort"
	"testing"

	"kindred/journal"
)

func TestReflectionsByID(t *testing.T) {
	s, people := timelineJournal(t)
	ctx := context.Background()
	all, err := s.TimelineAll(ctx, journal.TimelineQuery{PersonID: people[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("the fixture has %d evenings with %s", len(all), people[0].Name)
	}
	want := []journal.Reflection{all[len(all)-1], all[0], all[len(all)/2]}
	ids := []string{want[0].ID, "no-such-id", want[1].ID, want[2].ID}
	got, err := s.Reflections(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	byID := func(rs []journal.Reflection) []journal.Reflection {
		rs = slices.Clone(rs)
		sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
		return rs
	}
	if g, w := describe(byID(got)), describe(byID(want)); !slices.Equal(g, w) {
		t.Errorf("got\n%v\nwant\n%v", g, w)
	}
	if none, err := s.Reflections(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("no ids: got %d reflections, %v", len(none), err)
	}
	// More ids than one statement takes at a time, most of them repeated.
	var many []string
	for i := range 700 {
		many = append(many, all[i%len(all)].ID)
	}
	if got, err := s.Reflections(ctx, many); err != nil || len(got) != len(all) {
		t.Errorf("700 ids: got %d reflections, %v; want %d", len(got), err, len(all))
	}
}
