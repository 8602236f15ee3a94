package insights

import (
	"testing"
	"time"

	"kindred/journal"
)

func TestClosenessOverTime(t *testing.T) {
	day0 := utc(2024, 5, 1)
	tests := []struct {
		name   string
		evs    []Evening
		rng    Range
		points string // reflection ids
		trend  []float64
		latest float64
		change float64
	}{
		{name: "no evenings", evs: nil, points: "", trend: nil},
		{name: "one evening only", evs: []Evening{ev("a", day0, 5)}, points: "a", trend: []float64{5}, latest: 5, change: 0},
		{name: "unrated evenings are left out", evs: []Evening{ev("a", day0, 0), ev("b", day0.AddDate(0, 0, 3), 3)},
			points: "b", trend: []float64{3}, latest: 3},
		// Thirty days is one half-life: the older rating weighs 1/2. (4*0.5+6)/1.5
		{name: "a half-life apart", evs: []Evening{ev("a", day0, 4), ev("b", day0.Add(TrendHalfLife), 6)},
			points: "a,b", trend: []float64{4, 16.0 / 3}, latest: 16.0 / 3, change: 16.0/3 - 4},
		{name: "two ratings at the same moment weigh the same", evs: []Evening{ev("a", day0, 2), ev("b", day0, 6)},
			points: "a,b", trend: []float64{2, 4}, latest: 4, change: 2},
		// After five years the old rating weighs 2^-61: the new one sets the trend.
		{name: "a gap of years", evs: []Evening{ev("a", utc(2015, 1, 1), 2), ev("b", utc(2020, 1, 1), 7)},
			points: "a,b", trend: []float64{2, 7}, latest: 7, change: 5},
		{name: "history before the range shapes the trend", evs: []Evening{ev("a", day0, 4), ev("b", day0.Add(TrendHalfLife), 6)},
			rng: Range{From: day0.AddDate(0, 0, 1)}, points: "b", trend: []float64{16.0 / 3}, latest: 16.0 / 3, change: 16.0/3 - 4},
		{name: "a quiet range keeps the trend as it stood", evs: []Evening{ev("a", day0, 4)},
			rng: Range{From: day0.AddDate(0, 1, 0)}, points: "", trend: nil, latest: 4, change: 0},
		{name: "evenings after the range are left out", evs: []Evening{ev("a", day0, 4), ev("b", day0.AddDate(0, 0, 10), 7)},
			rng: Range{To: day0.AddDate(0, 0, 5)}, points: "a", trend: []float64{4}, latest: 4},
		// Summer time began in between: 23 hours passed, not 24.
		// (4*2^(-23/720)+6)/(2^(-23/720)+1) = 5.0110706
		{name: "across a change to summer time", evs: []Evening{
			ev("a", time.Date(2024, 3, 30, 21, 0, 0, 0, paris), 4), ev("b", time.Date(2024, 3, 31, 21, 0, 0, 0, paris), 6)},
			points: "a,b", trend: []float64{4, 5.0110706485}, latest: 5.0110706485, change: 1.0110706485},
		// Kathmandu and New York: the order is by the instant, not the wall clock.
		{name: "time zones", evs: []Evening{
			ev("a", time.Date(2024, 6, 1, 23, 0, 0, 0, kathmandu), 2),                       // 17:15 UTC
			ev("b", time.Date(2024, 6, 1, 14, 0, 0, 0, time.FixedZone("EDT", -4*3600)), 2)}, // 18:00 UTC
			points: "a,b", trend: []float64{2, 2}, latest: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ClosenessOverTime(tc.evs, tc.rng)
			var got []string
			for _, p := range s.Points {
				got = append(got, p.ReflectionID)
			}
			if ids(got) != tc.points {
				t.Errorf("points %q, want %q", ids(got), tc.points)
			}
			if len(s.Trend) != len(tc.trend) {
				t.Fatalf("got %d trend points, want %d", len(s.Trend), len(tc.trend))
			}
			for i := range tc.trend {
				if !near(s.Trend[i].Value, tc.trend[i]) {
					t.Errorf("trend[%d] = %.9f, want %.9f", i, s.Trend[i].Value, tc.trend[i])
				}
				if !s.Trend[i].At.Equal(s.Points[i].At) {
					t.Errorf("trend[%d] at %v, want the rating's %v", i, s.Trend[i].At, s.Points[i].At)
				}
			}
			if !near(s.Latest, tc.latest) || !near(s.Change, tc.change) {
				t.Errorf("latest %.6f change %.6f, want %.6f and %.6f", s.Latest, s.Change, tc.latest, tc.change)
			}
		})
	}
}

func TestClosenessPointsCarryTheirEvening(t *testing.T) {
	at := time.Date(2024, 3, 31, 23, 30, 0, 0, paris)
	s := ClosenessOverTime([]Evening{ev("r1", at, journal.MaxCloseness)}, Range{})
	want := ClosenessPoint{At: at, ReflectionID: "r1", Closeness: 7}
	if len(s.Points) != 1 || s.Points[0] != want {
		t.Fatalf("got %+v, want %+v", s.Points, want)
	}
	if _, off := s.Points[0].At.Zone(); off != 2*3600 {
		t.Errorf("the point lost its offset: %v", s.Points[0].At)
	}
}
