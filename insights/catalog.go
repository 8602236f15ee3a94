package insights

import (
	"sort"
	"time"

	"kindred/journal"
)

// catalog answers questions about moment kinds by id.
type catalog struct {
	kinds []journal.MomentKind
	byID  map[string]journal.MomentKind
}

func newCatalog(kinds []journal.MomentKind) catalog {
	c := catalog{kinds: kinds, byID: make(map[string]journal.MomentKind, len(kinds))}
	for _, k := range kinds {
		c.byID[k.ID] = k
	}
	return c
}

// label is the kind's label, or its id when the journal no longer knows it.
func (c catalog) label(id string) string {
	if k, ok := c.byID[id]; ok {
		return k.Label
	}
	return id
}

func (c catalog) misstep(id string) bool { return c.byID[id].Misstep }

// connection reports whether a kind counts towards the bond: everything but
// missteps, the journal's own kinds included.
func (c catalog) connection(id string) bool { return !c.byID[id].Misstep }

// position orders kinds as the catalogue lists them; unknown ones go last.
func (c catalog) position(id string) int {
	for i, k := range c.kinds {
		if k.ID == id {
			return i
		}
	}
	return len(c.kinds)
}

var (
	deepKind  = setOf(journal.DeepKinds)
	lightKind = setOf(journal.LightKinds)
)

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// upTo returns the evenings dated (on their own clocks) on or before t's
// date; evenings are in order (see ordered).
func upTo(evs []Evening, t time.Time) []Evening {
	day := ownDay(t)
	n := sort.Search(len(evs), func(i int) bool { return ownDay(evs[i].At) > day })
	return evs[:n]
}

// from returns the evenings dated on or after t's date.
func from(evs []Evening, t time.Time) []Evening {
	if t.IsZero() {
		return evs
	}
	day := ownDay(t)
	n := sort.Search(len(evs), func(i int) bool { return ownDay(evs[i].At) >= day })
	return evs[n:]
}

// within is the evenings of the range that are not after asOf.
func within(evs []Evening, rng Range, asOf time.Time) []Evening {
	return from(upTo(evs, rng.AsOf(asOf)), rng.From)
}

// monthsOf lists every month from the range's start (or the first evening)
// to asOf's month, so charts show quiet months as gaps.
func monthsOf(evs []Evening, rng Range, asOf time.Time) []Month {
	var first Month
	switch {
	case !rng.From.IsZero():
		first = MonthOf(rng.From)
	case len(evs) > 0:
		first = MonthOf(evs[0].At)
	default:
		return nil
	}
	last := MonthOf(rng.AsOf(asOf))
	if len(evs) > 0 {
		// An evening dated slightly ahead of the clock still shows.
		if m := MonthOf(evs[len(evs)-1].At); last.Before(m) {
			last = m
		}
	}
	var out []Month
	for m := first; !last.Before(m); m = m.Next() {
		out = append(out, m)
	}
	return out
}

// monthSpan places months in a contiguous list by arithmetic, not lookup.
type monthSpan struct {
	first Month
	n     int
}

func monthIndex(months []Month) monthSpan {
	if len(months) == 0 {
		return monthSpan{}
	}
	return monthSpan{first: months[0], n: len(months)}
}

// at is m's place in the list, and whether it is in it.
func (s monthSpan) at(m Month) (int, bool) {
	i := (m.Year-s.first.Year)*12 + int(m.Month) - int(s.first.Month)
	return i, i >= 0 && i < s.n
}

// firstOfReflection marks, for each person's evenings, those that are the
// first encounter of their reflection met in people: counting only those
// counts an evening with several people once, in any time window (the
// encounters of one reflection share its moment).
func firstOfReflection(people []PersonHistory) [][]bool {
	total := 0
	for _, p := range people {
		total += len(p.Evenings)
	}
	seen := make(map[string]struct{}, total)
	out := make([][]bool, len(people))
	for i, p := range people {
		out[i] = make([]bool, len(p.Evenings))
		for j := range p.Evenings {
			id := p.Evenings[j].ReflectionID
			if _, dup := seen[id]; !dup {
				seen[id] = struct{}{}
				out[i][j] = true
			}
		}
	}
	return out
}

func refOf(e *Evening) *MomentRef { return &MomentRef{At: e.At, ReflectionID: e.ReflectionID} }

func personRef(p journal.Person) PersonRef {
	return PersonRef{ID: p.ID, Name: p.Name, Color: p.Color}
}
