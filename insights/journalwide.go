package insights

import (
	"fmt"
	"math"
	"sort"
	"time"

	"kindred/journal"
)

// How the journal-wide lists are made; docs/insights.md explains them.
const (
	GrowingMinChange = 0.5 // the trend rose at least this much over the range
	DriftingMinDrop  = 0.5 // or fell at least this much
)

// GrowingAndDrifting finds who grew closer over the range (the closeness
// trend rose by GrowingMinChange or more) and who is drifting: their trend
// fell by DriftingMinDrop or more, or their own insights say so (the
// drifting rule of the suggestions, put aside or not). A change counts only
// on the evidence ClosenessSeries.ChangeKnown asks for. A person is in one
// list at most, and drifting wins: it is about now, a rise about the range
// before it. Each list holds everyone who qualifies, most marked first;
// archived people are left out. Evenings are in order (see ordered).
func GrowingAndDrifting(people []PersonHistory, rng Range, asOf time.Time) (growing, drifting []PersonTrend) {
	type scored struct {
		PersonTrend
		weight float64
	}
	var grow, drift []scored
	for _, p := range people {
		past := upTo(p.Evenings, asOf)
		if p.Person.Archived || len(past) == 0 {
			continue
		}
		last := &past[len(past)-1]
		series := ClosenessOverTime(past, rng)
		t := PersonTrend{Person: personRef(p.Person), Trend: series.Latest, Change: series.Change,
			DaysSince: daysBetween(last.At, asOf), Last: *refOf(last)}
		t.UsualGapDays, _ = rhythm(past)
		known := rng.Contains(last.At) && series.ChangeKnown()
		from := series.Latest - series.Change
		rose, fell := known && series.Change >= GrowingMinChange, known && series.Change <= -DriftingMinDrop
		d, drifting := driftOf(past, asOf)
		switch {
		case drifting:
			if d.quiet {
				t.Reason = fmt.Sprintf("%d days since your last evening; usually about every %s", d.days, dayCount(d.gap))
			} else {
				t.Reason = fmt.Sprintf("still meeting, but nobody opened up for %d days; usually about every %s", d.days, dayCount(d.gap))
			}
			switch {
			case rose:
				t.Reason += fmt.Sprintf(" (closeness had risen from %.1f to %.1f)", from, series.Latest)
			case fell:
				t.Reason += fmt.Sprintf("; closeness fell from %.1f to %.1f", from, series.Latest)
			}
			drift = append(drift, scored{t, float64(d.days) / math.Max(d.gap, 1)})
		case fell:
			t.Reason = fmt.Sprintf("closeness fell from %.1f to %.1f", from, series.Latest)
			drift = append(drift, scored{t, -series.Change})
		case rose:
			t.Reason = fmt.Sprintf("closeness rose from %.1f to %.1f", from, series.Latest)
			grow = append(grow, scored{t, series.Change})
		}
	}
	order := func(list []scored) []PersonTrend {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].weight != list[j].weight {
				return list[i].weight > list[j].weight
			}
			return list[i].Person.Name < list[j].Person.Name
		})
		out := make([]PersonTrend, len(list))
		for i := range list {
			out[i] = list[i].PersonTrend
		}
		return out
	}
	return order(grow), order(drift)
}

// HeatMap counts evenings per day (on each evening's own wall clock) in the
// range up to asOf, days with none left out, oldest first. An evening with
// several people counts once.
func HeatMap(people []PersonHistory, rng Range, asOf time.Time) []DayCount {
	return heatMap(people, firstOfReflection(people), rng, asOf)
}

func heatMap(people []PersonHistory, first [][]bool, rng Range, asOf time.Time) []DayCount {
	const day = 24 * 60 * 60
	number := func(t time.Time) int64 { return DayOf(t).Time().Unix() / day }
	var lo, hi int64
	found := false
	for _, p := range people {
		if in := within(p.Evenings, rng, asOf); len(in) > 0 {
			// Wall days are nearly in the order of instants; a day's margin
			// on each side covers any two time zones.
			a, b := number(in[0].At)-1, number(in[len(in)-1].At)+1
			if !found || a < lo {
				lo = a
			}
			if !found || b > hi {
				hi = b
			}
			found = true
		}
	}
	if !found {
		return []DayCount{}
	}
	counts := make([]int, hi-lo+1)
	for i, p := range people {
		past := upTo(p.Evenings, rng.AsOf(asOf))
		in := from(past, rng.From)
		offset := len(past) - len(in)
		for j := range in {
			if first[i][offset+j] {
				counts[number(in[j].At)-lo]++
			}
		}
	}
	out := []DayCount{}
	for i, n := range counts {
		if n > 0 {
			out = append(out, DayCount{Day: DayOf(time.Unix((lo+int64(i))*day, 0).UTC()), Evenings: n})
		}
	}
	return out
}

// YearInMoments sums up the twelve months up to asOf (or the range, when it
// is shorter): evenings (several people count once), people seen, moments
// by kind, the busiest month, and every connection kind that happened with
// someone for the very first time in that year.
func YearInMoments(people []PersonHistory, kinds []journal.MomentKind, rng Range, asOf time.Time) YearSummary {
	return yearInMoments(people, firstOfReflection(people), kinds, rng, asOf)
}

func yearInMoments(people []PersonHistory, first [][]bool, kinds []journal.MomentKind, rng Range, asOf time.Time) YearSummary {
	cat := newCatalog(kinds)
	// Twelve months of dates, as of's the last: from the day after its
	// date a year before.
	year := Range{From: startOfDay(asOf.AddDate(-1, 0, 1)), To: asOf}
	if !rng.From.IsZero() && ownDay(rng.From) > ownDay(year.From) {
		year.From = rng.From
	}
	y := YearSummary{Range: year, Kinds: []KindCount{}, Firsts: []YearFirst{}}
	byKind := map[string]int{}
	byMonth := map[Month]int{}
	for pi, p := range people {
		past := upTo(p.Evenings, asOf)
		met := false
		firstSeen := map[string]bool{}
		for i := range past {
			e := &past[i]
			in := year.Contains(e.At)
			for _, k := range e.Kinds {
				if !firstSeen[k] {
					firstSeen[k] = true
					if in && cat.connection(k) {
						y.Firsts = append(y.Firsts, YearFirst{Person: personRef(p.Person), Kind: k, Label: cat.label(k), MomentRef: *refOf(e)})
					}
				}
				if in {
					byKind[k]++
					y.Moments++
				}
			}
			if !in {
				continue
			}
			met = true
			if first[pi][i] {
				y.Evenings++
				byMonth[MonthOf(e.At)]++
			}
		}
		if met {
			y.People++
		}
	}
	for k, n := range byKind {
		y.Kinds = append(y.Kinds, KindCount{Kind: k, Label: cat.label(k), Count: n})
	}
	sort.Slice(y.Kinds, func(i, j int) bool {
		if y.Kinds[i].Count != y.Kinds[j].Count {
			return y.Kinds[i].Count > y.Kinds[j].Count
		}
		return cat.position(y.Kinds[i].Kind) < cat.position(y.Kinds[j].Kind)
	})
	for m, n := range byMonth {
		switch {
		case n > y.BusiestEvenings:
			y.BusiestEvenings, y.BusiestMonths = n, []Month{m}
		case n == y.BusiestEvenings:
			y.BusiestMonths = append(y.BusiestMonths, m)
		}
	}
	sort.Slice(y.BusiestMonths, func(i, j int) bool { return y.BusiestMonths[i].Before(y.BusiestMonths[j]) })
	if len(y.BusiestMonths) == 1 {
		y.BusiestMonth = &y.BusiestMonths[0]
	}
	sort.SliceStable(y.Firsts, func(i, j int) bool {
		if !y.Firsts[i].At.Equal(y.Firsts[j].At) {
			return y.Firsts[i].At.Before(y.Firsts[j].At)
		}
		if y.Firsts[i].Person.Name != y.Firsts[j].Person.Name {
			return y.Firsts[i].Person.Name < y.Firsts[j].Person.Name
		}
		return cat.position(y.Firsts[i].Kind) < cat.position(y.Firsts[j].Kind)
	})
	return y
}

// journalMonths is the journal-wide ledger: per month, evenings (several
// people count once) and moments by kind; and the journal-wide balance.
func journalMonths(people []PersonHistory, first [][]bool, rng Range, asOf time.Time) ([]MonthMoments, Balance) {
	var earliest *Evening
	all := make([][]Evening, len(people))
	offsets := make([]int, len(people))
	for i, p := range people {
		past := upTo(p.Evenings, rng.AsOf(asOf))
		all[i] = from(past, rng.From)
		offsets[i] = len(past) - len(all[i])
		if in := all[i]; len(in) > 0 && (earliest == nil || eveningBefore(&in[0], earliest)) {
			earliest = &in[0]
		}
	}
	var span []Evening
	if earliest != nil {
		span = []Evening{*earliest}
	}
	months := monthsOf(span, rng, asOf)
	idx := monthIndex(months)
	out := make([]MonthMoments, len(months))
	bal := Balance{Months: make([]BalanceMonth, len(months))}
	for i, m := range months {
		out[i] = MonthMoments{Month: m, Counts: map[string]int{}}
		bal.Months[i].Month = m
	}
	for p, in := range all {
		for i := range in {
			e := &in[i]
			j, ok := idx.at(MonthOf(e.At))
			if !ok {
				continue // dated a little after asOf's month
			}
			if first[p][offsets[p]+i] {
				out[j].Evenings++
			}
			for _, k := range e.Kinds {
				out[j].Counts[k]++
				switch {
				case deepKind[k]:
					bal.Months[j].Deep++
					bal.Deep++
				case lightKind[k]:
					bal.Months[j].Light++
					bal.Light++
				}
			}
		}
	}
	if bal.Deep+bal.Light > 0 {
		bal.DeepShare = float64(bal.Deep) / float64(bal.Deep+bal.Light)
	}
	return out, bal
}

// BusiestWords names the busiest month, or the months that tie for it:
// "Busiest month: October 2024 (9 evenings)", "Busiest months: March and
// October 2024 (6 evenings each)"; "" when there were no evenings.
func (y YearSummary) BusiestWords() string {
	switch len(y.BusiestMonths) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("Busiest month: %s (%s)", y.BusiestMonths[0].Start(time.UTC).Format("January 2006"), nounCount(y.BusiestEvenings, "evening", "evenings"))
	}
	names := make([]string, len(y.BusiestMonths))
	for i, m := range y.BusiestMonths {
		layout := "January 2006"
		if i+1 < len(y.BusiestMonths) && y.BusiestMonths[i+1].Year == m.Year {
			layout = "January"
		}
		names[i] = m.Start(time.UTC).Format(layout)
	}
	return fmt.Sprintf("Busiest months: %s (%s each)", journal.JoinNames(names), nounCount(y.BusiestEvenings, "evening", "evenings"))
}
