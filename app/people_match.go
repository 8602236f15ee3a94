package app

import (
	"sort"
	"strings"

	"kindred/journal"
)

// peopleIndex holds the journal's people with their names folded once, so
// filtering as the user types costs no allocation per person.
type peopleIndex struct {
	people []journal.PersonSummary
	folded []string
	byID   map[string]int
}

func newPeopleIndex(people []journal.PersonSummary) *peopleIndex {
	ix := &peopleIndex{people: people, folded: make([]string, len(people)), byID: make(map[string]int, len(people))}
	for i, p := range people {
		ix.folded[i] = journal.FoldName(p.Name)
		ix.byID[p.ID] = i
	}
	return ix
}

// person returns the person with id, or nil.
func (ix *peopleIndex) person(id string) *journal.PersonSummary {
	if i, ok := ix.byID[id]; ok {
		return &ix.people[i]
	}
	return nil
}

// exact returns the person whose name is query (ignoring case, accents and
// spacing), or nil.
func (ix *peopleIndex) exact(query string) *journal.PersonSummary {
	q := journal.FoldName(query)
	for i, f := range ix.folded {
		if f == q {
			return &ix.people[i]
		}
	}
	return nil
}

// match returns the people whose name contains query: names that start with
// it first, then names with a word that starts with it, then the rest, each
// group in the journal's order. An empty query matches everyone.
func (ix *peopleIndex) match(query string, includeArchived bool) []journal.PersonSummary {
	q := journal.FoldName(query)
	type hit struct{ rank, i int }
	var hits []hit
	for i, f := range ix.folded {
		if !includeArchived && ix.people[i].Archived {
			continue
		}
		switch {
		case q == "" || strings.HasPrefix(f, q):
			hits = append(hits, hit{0, i})
		case strings.Contains(f, " "+q):
			hits = append(hits, hit{1, i})
		case strings.Contains(f, q):
			hits = append(hits, hit{2, i})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
	out := make([]journal.PersonSummary, len(hits))
	for k, h := range hits {
		out[k] = ix.people[h.i]
	}
	return out
}
