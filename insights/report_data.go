package insights

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"

	"kindred/journal"
)

// ReportSource is what the PDF report reads from a journal: what the
// insights read, plus the evenings themselves for their text and notes.
// *journal.Store has it.
type ReportSource interface {
	Source
	PhotoSource
	TimelineAll(ctx context.Context, q journal.TimelineQuery) ([]journal.Reflection, error)
}

// highlightKinds are the evenings a report lists by name: the bond named,
// adventures, whole days together.
var highlightKinds = []string{journal.KindLabeledBond, journal.KindAdventure, journal.KindPerfectDay}

// reflectionsIn reads a person's reflections in the range, by instant; with
// kinds, only those where the person had a moment of one of them.
func reflectionsIn(ctx context.Context, src ReportSource, personID string, rng Range, kinds []string) ([]journal.Reflection, error) {
	out, err := src.TimelineAll(ctx, journal.TimelineQuery{PersonID: personID, Kinds: kinds, From: rng.From, To: rng.To})
	if err != nil {
		return nil, fmt.Errorf("read evenings: %w", err)
	}
	return out, nil
}

// highlight is one evening the report names: its date, the kind, the note.
type highlight struct {
	Kind string
	Ref  MomentRef
	Note string
}

// highlightsOf picks, from a person's reflections, the moments of the
// highlight kinds, grouped by kind in highlightKinds order, oldest first.
func highlightsOf(personID string, refls []journal.Reflection) []highlight {
	var out []highlight
	for _, r := range refls {
		e := r.Encounter(personID)
		if e == nil {
			continue
		}
		for _, m := range e.Moments {
			if isHighlightKind(m.Kind) {
				out = append(out, highlight{Kind: m.Kind, Ref: MomentRef{At: r.At, ReflectionID: r.ID}, Note: m.Note})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return kindOrder(out[i].Kind) < kindOrder(out[j].Kind) })
	return out
}

func isHighlightKind(k string) bool { return kindOrder(k) < len(highlightKinds) }

func kindOrder(k string) int {
	for i, h := range highlightKinds {
		if h == k {
			return i
		}
	}
	return len(highlightKinds)
}

// reportPeople chooses whose sections the report has: the people asked for,
// in the order asked; or else everyone not archived with an evening in the
// range, by name.
func reportPeople(h History, ids []string, rng Range) ([]PersonHistory, error) {
	if len(ids) > 0 {
		byID := make(map[string]int, len(h.People))
		for i, p := range h.People {
			byID[p.Person.ID] = i
		}
		var out []PersonHistory
		seen := map[string]bool{}
		for _, id := range ids {
			i, ok := byID[id]
			if !ok {
				return nil, journal.Errorf(journal.ENOTFOUND, "No person with id %q in the journal.", id)
			}
			if !seen[id] {
				seen[id] = true
				out = append(out, h.People[i])
			}
		}
		return out, nil
	}
	var out []PersonHistory
	for _, p := range h.People {
		if p.Person.Archived {
			continue
		}
		for _, e := range p.Evenings {
			if rng.Contains(e.At) {
				out = append(out, p)
				break
			}
		}
	}
	return out, nil
}

// reflectionsRead is a person's reflections in the report's range, being
// read on another goroutine.
type reflectionsRead struct {
	personID string
	done     chan struct{}
	list     []journal.Reflection // oldest first, on the evenings' own clocks
	err      error
}

// readReflections starts reading a person's reflections in rng, in one
// read: a whole history read at once costs less per evening than in parts.
// Like the timeline, the range is on the evenings' wall clocks, and so is
// the order: an evening at 21:00 in Tokyo comes before one at 22:00 in
// Lisbon on the same date, whatever their instants.
func readReflections(ctx context.Context, src ReportSource, personID string, rng Range) *reflectionsRead {
	rr := &reflectionsRead{personID: personID, done: make(chan struct{})}
	go func() {
		defer close(rr.done)
		defer func() {
			if r := recover(); r != nil {
				rr.err = fmt.Errorf("unexpected failure: %v", r)
			}
		}()
		rr.list, rr.err = reflectionsIn(ctx, src, personID, rng, nil)
		if rr.err == nil {
			sortByWallClock(rr.list)
		}
	}()
	return rr
}

// wait returns the reflections once read.
func (rr *reflectionsRead) wait(ctx context.Context) ([]journal.Reflection, error) {
	select {
	case <-rr.done:
		return rr.list, rr.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// sortByWallClock orders reflections read by instant by their wall clocks
// instead, keeping the order of those at the same wall time.
func sortByWallClock(rs []journal.Reflection) {
	walls := make([]int64, len(rs))
	for i, r := range rs {
		_, off := r.At.Zone()
		walls[i] = r.At.UnixMilli() + int64(off)*1000
	}
	if slices.IsSorted(walls) {
		return // one offset throughout, as most journals are
	}
	order := make([]int, len(rs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(walls[a], walls[b]); c != 0 {
			return c
		}
		return a - b
	})
	sorted := make([]journal.Reflection, len(rs))
	for i, k := range order {
		sorted[i] = rs[k]
	}
	copy(rs, sorted)
}
