package insights

import (
	"sort"
	"time"

	"kindred/journal"
)

// MomentLedger counts, for each month of the range, the evenings and the
// moments of each kind; and for each kind, how many evenings of the range
// had it and the first and latest evening with it over the whole history up
// to asOf. Evenings are oldest first; asOf is the analysis's moment (see
// Range.AsOf). Every built-in connection kind has a line, as has every other
// kind that ever happened, in the catalogue's order.
func MomentLedger(evs []Evening, kinds []journal.MomentKind, rng Range, asOf time.Time) Ledger {
	cat := newCatalog(kinds)
	past := upTo(evs, asOf)
	in := from(past, rng.From)
	months := monthsOf(in, rng, asOf)
	idx := monthIndex(months)
	l := Ledger{Months: make([]MonthMoments, len(months))}
	for i, m := range months {
		l.Months[i] = MonthMoments{Month: m, Counts: map[string]int{}}
	}
	for i := range in {
		j, ok := idx.at(MonthOf(in[i].At))
		if !ok {
			continue
		}
		mm := &l.Months[j]
		mm.Evenings++
		for _, k := range in[i].Kinds {
			mm.Counts[k]++
		}
	}

	records := map[string]*KindRecord{}
	record := func(kind string) *KindRecord {
		r := records[kind]
		if r == nil {
			r = &KindRecord{Kind: kind, Label: cat.label(kind), DaysSinceLast: -1}
			records[kind] = r
		}
		return r
	}
	for _, k := range journal.BuiltinKinds {
		if !k.Misstep {
			record(k.ID)
		}
	}
	// Where each kind was first and last seen, as indices into past: the
	// references are made once at the end.
	type span struct{ first, last int }
	spans := map[string]*span{}
	for i := range past {
		e := &past[i]
		in := rng.Contains(e.At)
		for _, k := range e.Kinds {
			r := record(k)
			if sp := spans[k]; sp == nil {
				spans[k] = &span{i, i}
			} else {
				sp.last = i
			}
			if in {
				r.Count++
			}
		}
	}
	for k, r := range records {
		if sp := spans[k]; sp != nil {
			r.First, r.Last = refOf(&past[sp.first]), refOf(&past[sp.last])
			r.DaysSinceLast = daysBetween(r.Last.At, asOf)
		}
		l.Kinds = append(l.Kinds, *r)
	}
	sort.Slice(l.Kinds, func(i, j int) bool {
		pi, pj := cat.position(l.Kinds[i].Kind), cat.position(l.Kinds[j].Kind)
		if pi != pj {
			return pi < pj
		}
		return l.Kinds[i].Kind < l.Kinds[j].Kind
	})
	return l
}

// DepthBalance counts, per month of the range, the deep moments
// (journal.DeepKinds) and the light ones (journal.LightKinds). Evenings are
// oldest first; asOf is the analysis's moment.
func DepthBalance(evs []Evening, rng Range, asOf time.Time) Balance {
	in := within(evs, rng, asOf)
	months := monthsOf(in, rng, asOf)
	idx := monthIndex(months)
	b := Balance{Months: make([]BalanceMonth, len(months))}
	for i, m := range months {
		b.Months[i].Month = m
	}
	for i := range in {
		j, ok := idx.at(MonthOf(in[i].At))
		if !ok {
			continue
		}
		bm := &b.Months[j]
		for _, k := range in[i].Kinds {
			switch {
			case deepKind[k]:
				bm.Deep++
				b.Deep++
			case lightKind[k]:
				bm.Light++
				b.Light++
			}
		}
	}
	if b.Deep+b.Light > 0 {
		b.DeepShare = float64(b.Deep) / float64(b.Deep+b.Light)
	}
	return b
}

// ReciprocityOf counts the evenings of the range where they opened up
// (deep-talk), where I opened up too (shared-back), and both.
func ReciprocityOf(evs []Evening, rng Range, asOf time.Time) Reciprocity {
	var r Reciprocity
	for _, e := range within(evs, rng, asOf) {
		they, me := e.TheyOpenedUp(), e.IOpenedUp()
		if they {
			r.TheyOpened++
		}
		if me {
			r.IOpened++
		}
		if they && me {
			r.Both++
		}
	}
	r.Evenness = evenness(r.TheyOpened, r.IOpened)
	return r
}

func evenness(a, b int) float64 {
	if max(a, b) == 0 {
		return 0
	}
	return float64(min(a, b)) / float64(max(a, b))
}
