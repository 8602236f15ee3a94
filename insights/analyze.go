package insights

import (
	"sort"
	"time"

	"kindred/journal"
)

// AnalyzePerson computes everything about one person for the range, looking
// from rng.AsOf(now). dismissed holds the keys of suggestions put aside.
func AnalyzePerson(p PersonHistory, kinds []journal.MomentKind, dismissed map[string]time.Time, rng Range, now time.Time) PersonInsights {
	asOf := rng.AsOf(now)
	p.Evenings = ordered(p.Evenings)
	evs := p.Evenings
	past := upTo(evs, asOf)
	in := from(past, rng.From)
	pi := PersonInsights{
		Person:      personRef(p.Person),
		Range:       rng,
		AsOf:        asOf,
		Evenings:    len(in),
		Closeness:   ClosenessOverTime(past, rng),
		Ledger:      MomentLedger(evs, kinds, rng, asOf),
		Balance:     DepthBalance(evs, rng, asOf),
		Reciprocity: ReciprocityOf(evs, rng, asOf),
		Score:       DepthScoreAt(evs, kinds, asOf),
		Scores:      DepthScores(evs, kinds, rng, asOf),
		// One person's evenings are each a different reflection.
		HeatMap: heatMap([]PersonHistory{p}, [][]bool{allTrue(len(evs))}, rng, asOf),
		Deck:    DeckProgressOf(p.Asked, journal.Deck(), asOf),
		Kinds:   kinds,
	}
	sugs := Suggest(p, kinds, asOf)
	pi.Suggestions = Pick(sugs, dismissed, MaxSuggestions)
	pi.PutAside = putAside(sugs, dismissed)
	if len(past) > 0 {
		pi.First, pi.Last = refOf(&past[0]), refOf(&past[len(past)-1])
	}
	pi.Anniversaries = UpcomingAnniversaries(pi.Ledger, kinds, asOf)
	return pi
}

// AnalyzeJournal computes the journal-wide view for the range, looking from
// rng.AsOf(now).
func AnalyzeJournal(h History, rng Range, now time.Time) JournalInsights {
	asOf := rng.AsOf(now)
	people := make([]PersonHistory, len(h.People))
	for i, p := range h.People {
		people[i] = PersonHistory{Person: p.Person, Evenings: ordered(p.Evenings), Asked: p.Asked}
	}
	j := JournalInsights{Range: rng, AsOf: asOf, Kinds: h.Kinds}
	j.Growing, j.Drifting = GrowingAndDrifting(people, rng, asOf)
	first := firstOfReflection(people)
	j.Months, j.Balance = journalMonths(people, first, rng, asOf)
	j.HeatMap = heatMap(people, first, rng, asOf)
	for _, d := range j.HeatMap {
		j.Evenings += d.Evenings
	}
	for _, p := range people {
		if len(within(p.Evenings, rng, asOf)) > 0 {
			j.People++
		}
	}
	j.Year = yearInMoments(people, first, h.Kinds, rng, asOf)
	j.Suggestions, j.PutAside = journalSuggestions(people, h.Kinds, h.Dismissed, asOf)
	return j
}

// journalSuggestions picks the few most pressing suggestions across people,
// at most one per person, and lists those put aside that still hold.
func journalSuggestions(people []PersonHistory, kinds []journal.MomentKind, dismissed map[string]time.Time, asOf time.Time) (picked, aside []Suggestion) {
	var all []Suggestion
	for _, p := range people {
		sugs := Suggest(p, kinds, asOf)
		all = append(all, Pick(sugs, dismissed, 1)...)
		aside = append(aside, putAside(sugs, dismissed)...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if ri, rj := ruleRank[all[i].Rule], ruleRank[all[j].Rule]; ri != rj {
			return ri < rj
		}
		return all[i].at.After(all[j].at)
	})
	return Pick(all, nil, MaxSuggestions), aside
}

// ordered returns evenings by their own dates, oldest first (see
// eveningBefore), sorting a copy only when needed: evenings written in
// different zones can be a few hours out of the order of instants.
func ordered(evs []Evening) []Evening {
	if inOwnDateOrder(evs) {
		return evs
	}
	out := append([]Evening(nil), evs...)
	sortByOwnDate(out)
	return out
}

func allTrue(n int) []bool {
	out := make([]bool, n)
	for i := range out {
		out[i] = true
	}
	return out
}
