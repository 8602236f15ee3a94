package insights

import (
	"fmt"
	"math"
	"time"
)

// TrendHalfLife is how fast old ratings fade from the closeness trend: a
// rating this old weighs half as much as tonight's.
const TrendHalfLife = 30 * 24 * time.Hour

// trend is the closeness trend: the mean of every rating so far, each
// weighted by 0.5^(age/TrendHalfLife). Ratings on the same evening weigh the
// same, a dense month averages out its noise, and after a gap of years the
// old ratings have all but vanished, so the first evening back sets the trend.
type trend struct {
	num, den float64
	last     time.Time
}

func (t *trend) add(at time.Time, c float64) float64 {
	if t.den > 0 {
		d := math.Exp2(-float64(at.Sub(t.last)) / float64(TrendHalfLife))
		t.num *= d
		t.den *= d
	}
	t.num += c
	t.den++
	t.last = at
	return t.num / t.den
}

// ClosenessOverTime returns the ratings in the range (evenings oldest first)
// and the smoothed trend through them. Ratings before the range still shape
// the trend; Change compares the trend at the range's end with where it stood
// at its start (the last rating before it, else the first in it).
func ClosenessOverTime(evs []Evening, rng Range) ClosenessSeries {
	var s ClosenessSeries
	s.Points = make([]ClosenessPoint, 0, len(evs))
	s.Trend = make([]TrendPoint, 0, len(evs))
	var tr trend
	start, haveStart := 0.0, false
	var first *Evening
	for i := range evs {
		e := &evs[i]
		if !rng.To.IsZero() && !sameDayOrBefore(e.At, rng.To) {
			break
		}
		if !e.Closeness.Rated() {
			continue
		}
		if first == nil {
			first = e
		}
		s.Ratings++
		s.RatedDays = daysBetween(first.At, e.At)
		v := tr.add(e.At, float64(e.Closeness))
		if !rng.Contains(e.At) {
			start, haveStart = v, true
			continue
		}
		if !haveStart {
			start, haveStart = v, true
		}
		s.Points = append(s.Points, ClosenessPoint{At: e.At, ReflectionID: e.ReflectionID, Closeness: e.Closeness})
		s.Trend = append(s.Trend, TrendPoint{At: e.At, Value: v})
		s.Latest = v
	}
	if len(s.Points) == 0 {
		s.Points, s.Trend = nil, nil
		s.Latest = start // the trend as it stood before a quiet range
		return s
	}
	s.Change = s.Latest - start
	return s
}

// The evidence a change in the trend needs before anything is said of it:
// two ratings prove nothing about a direction.
const (
	ChangeMinRatings   = 4  // ratings up to the range's end
	ChangeMinInRange   = 2  // of which in the range
	ChangeMinRatedDays = 28 // from the first rating to the last
)

// ChangeKnown reports whether there is the evidence to speak of a change:
// ChangeMinRatings ratings, ChangeMinInRange of them in the range, over
// ChangeMinRatedDays days or more.
func (s ClosenessSeries) ChangeKnown() bool {
	return s.Ratings >= ChangeMinRatings && len(s.Points) >= ChangeMinInRange && s.RatedDays >= ChangeMinRatedDays
}

// TrendWords says what the trend is and how it moved, claiming a change only
// on the evidence ChangeKnown asks for: "trend 5.3 of 7 from 12 ratings, up
// 0.6 over the range".
func (s ClosenessSeries) TrendWords() string {
	if s.Latest == 0 {
		return "no ratings yet"
	}
	out := fmt.Sprintf("trend %.1f of 7 from %s", s.Latest, nounCount(s.Ratings, "rating", "ratings"))
	switch {
	case !s.ChangeKnown():
		return out + fmt.Sprintf(", too few yet to tell a direction (%d ratings over %d days or more)", ChangeMinRatings, ChangeMinRatedDays)
	case math.Abs(s.Change) < 0.05:
		return out + ", steady over the range"
	case s.Change > 0:
		return out + fmt.Sprintf(", up %.1f over the range", s.Change)
	}
	return out + fmt.Sprintf(", down %.1f over the range", -s.Change)
}

// trendAt is the trend after the last rating dated on or before t's date, 0
// if none.
func trendAt(evs []Evening, t time.Time) float64 {
	var tr trend
	v := 0.0
	day := ownDay(t)
	for i := range evs {
		if ownDay(evs[i].At) > day {
			break
		}
		if evs[i].Closeness.Rated() {
			v = tr.add(evs[i].At, float64(evs[i].Closeness))
		}
	}
	return v
}
