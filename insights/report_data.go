package insights

import (
	"context"
	"fmt"
	"sort"
	"time"

	"kindred/journal"
)

// ReportSource is what the PDF report reads from a journal: what the
// insights read, plus the evenings themselves for their text and notes.
// *journal.Store has it.
type ReportSource interface {
	Source
	Timeline(ctx context.Context, q journal.TimelineQuery) (journal.TimelinePage, error)
}

// highlightKinds are the evenings a report lists by name: the bond named,
// adventures, whole days together.
var highlightKinds = []string{journal.KindLabeledBond, journal.KindAdventure, journal.KindPerfectDay}

// reportPageSize is how many evenings one timeline read brings back.
const reportPageSize = 500

// reflectionsIn reads a person's reflections in the range, oldest first;
// with kinds, only those where the person had a moment of one of them.
func reflectionsIn(ctx context.Context, src ReportSource, personID string, rng Range, kinds []string) ([]journal.Reflection, error) {
	q := journal.TimelineQuery{PersonID: personID, Limit: reportPageSize, Kinds: kinds, From: rng.From, To: rng.To}
	var out []journal.Reflection
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		page, err := src.Timeline(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("read evenings: %w", err)
		}
		out = append(out, page.Reflections...)
		if page.Next == nil {
			break
		}
		q.After = page.Next
	}
	// The timeline is newest first; a report reads in date order.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
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

// reflectionChunk is some of a person's reflections, oldest first; total is
// how many the whole stream holds.
type reflectionChunk struct {
	reflections []journal.Reflection
	total       int
	err         error
}

// chunkSize is about how many evenings one chunk of a stream holds (a
// variable so tests can cut small chunks).
var chunkSize = 400

// streamReflections reads a person's reflections in the report's range,
// oldest first, in chunks: the timeline reads newest first, so each chunk is
// a window of time read and reversed. The timeline bounds evenings by their
// wall clock, the time as written in its own offset, so the windows are cut
// on wall clocks too: they then cover every evening exactly once, wherever
// each was written. The channel closes after the last chunk or an error; the
// reader must drain it or cancel the report's context.
func (rw *reportWriter) streamReflections(h *PersonHistory) <-chan reflectionChunk {
	from, to := wallString(rw.opt.Range.From), wallString(rw.opt.Range.To)
	type evening struct {
		at   time.Time
		wall string
	}
	var evs []evening
	for _, e := range h.Evenings {
		w := wallString(e.At)
		if (from == "" || w >= from) && (to == "" || w <= to) {
			evs = append(evs, evening{e.At, w})
		}
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].wall < evs[j].wall })
	times := make([]time.Time, len(evs))
	walls := make([]string, len(evs))
	for i, e := range evs {
		times[i], walls[i] = e.at, e.wall
	}
	ch := make(chan reflectionChunk, 2)
	go func() {
		defer close(ch)
		for start := 0; start < len(times); {
			end := min(start+chunkSize, len(times))
			for end < len(times) && walls[end] == walls[end-1] {
				end++ // evenings at the same time stay in one window
			}
			win := Range{From: times[start], To: rw.opt.Range.To}
			if start == 0 {
				win.From = rw.opt.Range.From
			}
			if end < len(times) {
				// Just before the next window, on that evening's own clock;
				// stored times are whole milliseconds.
				win.To = times[end].Add(-time.Millisecond)
			}
			refls, err := reflectionsIn(rw.ctx, rw.src, h.Person.ID, win, nil)
			if err != nil {
				err = fmt.Errorf("read %s's evenings: %w", h.Person.Name, err)
			}
			sort.SliceStable(refls, func(i, j int) bool { return wallString(refls[i].At) < wallString(refls[j].At) })
			select {
			case ch <- reflectionChunk{reflections: refls, total: len(times), err: err}:
			case <-rw.ctx.Done():
				return
			}
			if err != nil {
				return
			}
			start = end
		}
	}()
	return ch
}

// wallString is t as written on its own clock, to the millisecond, in a
// form that sorts as text; "" for a zero time.
func wallString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02T15:04:05.000")
}
