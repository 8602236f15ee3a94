package insights

import (
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
	for i := range evs {
		e := &evs[i]
		if !rng.To.IsZero() && !sameDayOrBefore(e.At, rng.To) {
			break
		}
		if !e.Closeness.Rated() {
			continue
		}
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
