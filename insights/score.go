package insights

import (
	"fmt"
	"math"
	mathbits "math/bits"
	"time"

	"kindred/journal"
)

// The depth score's weights and windows; docs/insights.md explains them.
const (
	WeightCloseness   = 0.4
	WeightBreadth     = 0.2
	WeightReciprocity = 0.2
	WeightRecency     = 0.2

	BreadthWindowDays     = 90  // connection kinds counted over this many days
	BreadthFullKinds      = 6   // this many different kinds make breadth full
	ReciprocityWindowDays = 180 // who opened up, over this many days
	RecencyHalfLifeDays   = 30  // recency halves every this many days apart
)

// DepthScoreAt is a person's depth score as it stood at t, from their
// evenings (oldest first) up to t:
//
//	score = round(100 * (0.4*closeness + 0.2*breadth + 0.2*reciprocity + 0.2*recency))
//
// closeness = (trend-1)/6 with the closeness trend at t (0 if never rated);
// breadth = min(1, k/6) for k different connection kinds in the 90 days up
// to t; reciprocity = min(a,b)/max(a,b) for a evenings on which they opened
// up (deep-talk, or a deck question they answered) and b on which I did
// (shared-back, or a deck question I answered) in the 180 days up to t (0 if
// neither): a mutual answer counts on both sides; recency =
// 0.5^(d/30) for d calendar days since the last evening (0 if none).
func DepthScoreAt(evs []Evening, kinds []journal.MomentKind, t time.Time) DepthScore {
	cat := newCatalog(kinds)
	past := upTo(evs, t)
	return depthScore(past, nil, trendAt(past, t), cat, t)
}

// kindBits numbers the kinds met in a person's evenings, so that the kinds
// of a window of evenings are an OR of masks rather than map lookups; the
// monthly scores look at the same evenings many times over.
type kindBits struct {
	masks                            []uint64 // one per evening
	connection, deepTalk, sharedBack uint64
}

// The two highest bits of an evening's mask say a deck question was answered
// that evening, by them and by me; kinds take the bits below.
const (
	theyAnsweredBit uint64 = 1 << 63
	iAnsweredBit    uint64 = 1 << 62
	maxKindBits            = 62
)

// newKindBits numbers the kinds of evs; ok is false past 62 kinds.
func newKindBits(evs []Evening, cat catalog) (b kindBits, ok bool) {
	bit := map[string]uint64{}
	b.masks = make([]uint64, len(evs))
	for i := range evs {
		for _, k := range evs[i].Kinds {
			v, seen := bit[k]
			if !seen {
				if len(bit) == maxKindBits {
					return kindBits{}, false
				}
				v = 1 << len(bit)
				bit[k] = v
				if cat.connection(k) {
					b.connection |= v
				}
			}
			b.masks[i] |= v
		}
		if evs[i].TheyAnswered {
			b.masks[i] |= theyAnsweredBit
		}
		if evs[i].IAnswered {
			b.masks[i] |= iAnsweredBit
		}
	}
	b.deepTalk, b.sharedBack = bit[journal.KindDeepTalk], bit[journal.KindSharedBack]
	return b, true
}

// depthScore scores the evenings past (all at or before t), given the trend
// at t; bits, when set, holds the kinds of past.
func depthScore(past []Evening, bits *kindBits, trendValue float64, cat catalog, t time.Time) DepthScore {
	in := Ingredients{ClosenessTrend: trendValue, DaysSince: -1}
	if trendValue > 0 {
		in.Closeness = (trendValue - 1) / 6
	}
	breadth := len(past) - len(from(past, t.AddDate(0, 0, -BreadthWindowDays)))
	recip := len(past) - len(from(past, t.AddDate(0, 0, -ReciprocityWindowDays)))
	if bits != nil {
		var seen uint64
		for _, m := range bits.masks[breadth:len(past)] {
			seen |= m
		}
		in.BreadthKinds = mathbits.OnesCount64(seen & bits.connection)
		they, me := bits.deepTalk|theyAnsweredBit, bits.sharedBack|iAnsweredBit
		for _, m := range bits.masks[recip:len(past)] {
			if m&they != 0 {
				in.TheyOpened++
			}
			if m&me != 0 {
				in.IOpened++
			}
			if m&(theyAnsweredBit|iAnsweredBit) == theyAnsweredBit|iAnsweredBit {
				in.MutualAnswers++
			}
		}
	} else {
		seen := map[string]bool{}
		for _, e := range past[breadth:] {
			for _, k := range e.Kinds {
				if cat.connection(k) && !seen[k] {
					seen[k] = true
					in.BreadthKinds++
				}
			}
		}
		for i := range past[recip:] {
			e := &past[recip+i]
			if e.TheyOpenedUp() {
				in.TheyOpened++
			}
			if e.IOpenedUp() {
				in.IOpened++
			}
			if e.TheyAnswered && e.IAnswered {
				in.MutualAnswers++
			}
		}
	}
	in.Breadth = min(1, float64(in.BreadthKinds)/BreadthFullKinds)
	in.Reciprocity = evenness(in.TheyOpened, in.IOpened)
	if len(past) > 0 {
		in.DaysSince = max(0, daysBetween(past[len(past)-1].At, t))
		in.Recency = math.Exp2(-float64(in.DaysSince) / RecencyHalfLifeDays)
	}
	score := 100 * (WeightCloseness*in.Closeness + WeightBreadth*in.Breadth +
		WeightReciprocity*in.Reciprocity + WeightRecency*in.Recency)
	return DepthScore{Month: MonthOf(t), AsOf: t, Score: int(math.Round(score)), Ingredients: in}
}

// DepthScores is the score at the end of each month of the range from the
// person's first evening on, the current month's at asOf. Evenings are
// oldest first.
func DepthScores(evs []Evening, kinds []journal.MomentKind, rng Range, asOf time.Time) []DepthScore {
	past := upTo(evs, asOf)
	if len(past) == 0 {
		return nil
	}
	cat := newCatalog(kinds)
	first := MonthOf(past[0].At)
	if !rng.From.IsZero() && first.Before(MonthOf(rng.From)) {
		first = MonthOf(rng.From)
	}
	last := MonthOf(asOf)
	var bits *kindBits
	if b, ok := newKindBits(past, cat); ok {
		bits = &b
	}
	// One pass keeps the trend as months go by, instead of recomputing it.
	var tr trend
	trendValue, next := 0.0, 0
	var out []DepthScore
	for m := first; !last.Before(m); m = m.Next() {
		t := m.Next().Start(asOf.Location()).Add(-time.Nanosecond)
		if !m.Before(last) {
			t = asOf
		}
		day := ownDay(t)
		for next < len(past) && ownDay(past[next].At) <= day {
			if c := past[next].Closeness; c.Rated() {
				trendValue = tr.add(past[next].At, float64(c))
			}
			next++
		}
		out = append(out, depthScore(past[:next], bits, trendValue, cat, t))
	}
	return out
}

// Parts lays out the score's ingredients, with their weights and what each
// adds, for showing beside the score.
func (d DepthScore) Parts() []ScorePart {
	in := d.Ingredients
	closeness := "not rated yet"
	if in.ClosenessTrend > 0 {
		closeness = fmt.Sprintf("trend %.1f of 7", in.ClosenessTrend)
	}
	recency := "no evenings yet"
	switch {
	case in.DaysSince == 0:
		recency = "together today"
	case in.DaysSince == 1:
		recency = "last together yesterday"
	case in.DaysSince > 1:
		recency = fmt.Sprintf("last together %d days ago", in.DaysSince)
	}
	reciprocity := fmt.Sprintf("they opened up on %s and you on %s, in %d days", evenings(in.TheyOpened), evenings(in.IOpened), ReciprocityWindowDays)
	if in.MutualAnswers > 0 {
		reciprocity += fmt.Sprintf("; both answered a deck question on %s", evenings(in.MutualAnswers))
	}
	parts := []ScorePart{
		{Name: "Closeness", Weight: WeightCloseness, Value: in.Closeness, Detail: closeness},
		{Name: "Breadth", Weight: WeightBreadth, Value: in.Breadth,
			Detail: fmt.Sprintf("%d kinds of moments in %d days", in.BreadthKinds, BreadthWindowDays)},
		{Name: "Reciprocity", Weight: WeightReciprocity, Value: in.Reciprocity, Detail: reciprocity},
		{Name: "Recency", Weight: WeightRecency, Value: in.Recency, Detail: recency},
	}
	for i := range parts {
		parts[i].Points = 100 * parts[i].Weight * parts[i].Value
	}
	return parts
}

func evenings(n int) string {
	if n == 1 {
		return "1 evening"
	}
	return fmt.Sprintf("%d evenings", n)
}
