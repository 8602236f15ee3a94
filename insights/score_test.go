package insights

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

func TestDepthScoreAt(t *testing.T) {
	fix, asOf := fixture()
	at := utc(2024, 6, 1)
	tests := []struct {
		name  string
		evs   []Evening
		t     time.Time
		score int
		want  Ingredients
	}{
		{name: "no evenings", t: at, score: 0, want: Ingredients{DaysSince: -1}},
		// 100 * (0.4*1 + 0.2*3/6 + 0.2*1 + 0.2*1) = 90
		{name: "one evening only, the same night", t: at.Add(2 * time.Hour),
			evs:   []Evening{ev("a", at, 7, journal.KindDeepTalk, journal.KindSharedBack, journal.KindLaughed)},
			score: 90, want: Ingredients{Closeness: 1, ClosenessTrend: 7, Breadth: 0.5, BreadthKinds: 3, Reciprocity: 1, TheyOpened: 1, IOpened: 1, Recency: 1}},
		// closeness (4.8971-1)/6 = 0.6495 -> 25.98; breadth 5/6 -> 16.67 (the
		// phone is a misstep); reciprocity 2 and 2 -> 20; recency: last on
		// 1 April, 10 days -> 0.5^(1/3) -> 15.87. 78.52
		{name: "the fixture", evs: fix, t: asOf, score: 79, want: Ingredients{Closeness: (4.897103819384516 - 1) / 6,
			ClosenessTrend: 4.897103819384516, Breadth: 5.0 / 6, BreadthKinds: 5, Reciprocity: 1, TheyOpened: 2, IOpened: 2,
			Recency: 0.7937005259840998, DaysSince: 10}},
		// breadth 1/6 -> 3.33; recency 60 days -> 0.25 -> 5: 8.33
		{name: "never rated", evs: []Evening{ev("a", at.AddDate(0, 0, -60), 0, journal.KindLaughed)}, t: at,
			score: 8, want: Ingredients{Breadth: 1.0 / 6, BreadthKinds: 1, Recency: 0.25, DaysSince: 60}},
		// Five years on the trend still stands at 7 (40 points), but nothing
		// is recent: 1826 days.
		{name: "a gap of years", evs: []Evening{ev("a", utc(2015, 1, 1), 7, journal.KindDeepTalk, journal.KindSharedBack)},
			t: utc(2020, 1, 1), score: 40, want: Ingredients{Closeness: 1, ClosenessTrend: 7, Recency: 4.7e-19, DaysSince: 1826}},
		{name: "breadth is full at six kinds", t: at, evs: []Evening{
			ev("a", at.AddDate(0, 0, -89), 4, journal.KindDeepTalk, journal.KindListened, journal.KindLaughed, journal.KindInsideJoke),
			ev("b", at, 4, journal.KindAdventure, journal.KindPerfectDay, journal.KindUsVsWorld, "board-games", journal.KindJudged)},
			// 0.4*0.5 + 0.2*1 + 0 + 0.2*1 = 0.6
			score: 60, want: Ingredients{Closeness: 0.5, ClosenessTrend: 4, Breadth: 1, BreadthKinds: 8, TheyOpened: 1, Recency: 1}},
		{name: "evenings after t do not count", t: at, evs: []Evening{ev("a", at.AddDate(0, 0, 1), 7, journal.KindLaughed)},
			score: 0, want: Ingredients{DaysSince: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := DepthScoreAt(tc.evs, testKinds, tc.t)
			if d.Score != tc.score {
				t.Errorf("score %d, want %d", d.Score, tc.score)
			}
			g, w := d.Ingredients, tc.want
			if !near(g.Closeness, w.Closeness) || !near(g.ClosenessTrend, w.ClosenessTrend) || !near(g.Breadth, w.Breadth) ||
				g.BreadthKinds != w.BreadthKinds || !near(g.Reciprocity, w.Reciprocity) || g.TheyOpened != w.TheyOpened ||
				g.IOpened != w.IOpened || !near(g.Recency, w.Recency) || g.DaysSince != w.DaysSince {
				t.Errorf("ingredients\n got %+v\nwant %+v", g, w)
			}
			if d.Month != MonthOf(tc.t) || !d.AsOf.Equal(tc.t) {
				t.Errorf("month %v as of %v, want %v and %v", d.Month, d.AsOf, MonthOf(tc.t), tc.t)
			}
			points := 0.0
			for _, p := range d.Parts() {
				points += p.Points
			}
			if int(points+0.5) != d.Score {
				t.Errorf("the parts add up to %.2f, the score is %d", points, d.Score)
			}
		})
	}
}

func TestDepthScores(t *testing.T) {
	fix, asOf := fixture()
	tests := []struct {
		name string
		rng  Range
		want string
	}{
		// January (31 Jan): trend 4.586, 4 kinds, 1 and 1, 11 days: 72.75.
		// February: the same but 40 days since: 65.18. March, at 23:59 on
		// the 31st in Paris: e3 is in, e4 (April by its clock) is not:
		// 0 days, 5 kinds, 2 and 2: 82.65. April: the score as of asOf, 79.
		{name: "every month from the first evening", want: "2024-01:73 2024-02:65 2024-03:83 2024-04:79"},
		{name: "a range", rng: Range{From: time.Date(2024, 3, 5, 0, 0, 0, 0, paris)}, want: "2024-03:83 2024-04:79"},
		{name: "a range before the first evening starts at it", rng: Range{From: utc(2023, 6, 1)}, want: "2024-01:73 2024-02:65 2024-03:83 2024-04:79"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range DepthScores(fix, testKinds, tc.rng, asOf) {
				got = append(got, fmt.Sprintf("%s:%d", s.Month, s.Score))
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
	if got := DepthScores(nil, testKinds, Range{}, asOf); got != nil {
		t.Errorf("no evenings gave %v, want none", got)
	}
	// The last month's score is the score at asOf, whatever the path to it.
	all := DepthScores(fix, testKinds, Range{}, asOf)
	if last, at := all[len(all)-1], DepthScoreAt(fix, testKinds, asOf); last.Score != at.Score || last.Ingredients != at.Ingredients {
		t.Errorf("the last month %+v differs from the score at asOf %+v", last, at)
	}
}

func TestScoreParts(t *testing.T) {
	d := DepthScore{Score: 62, Ingredients: Ingredients{Closeness: 0.5, ClosenessTrend: 4, Breadth: 0.5, BreadthKinds: 3,
		Reciprocity: 0.5, TheyOpened: 2, IOpened: 1, Recency: 0.5, DaysSince: 30}}
	var got []string
	for _, p := range d.Parts() {
		got = append(got, fmt.Sprintf("%s %.0f%% %.1f: %s", p.Name, p.Weight*100, p.Points, p.Detail))
	}
	want := []string{
		"Closeness 40% 20.0: trend 4.0 of 7",
		"Breadth 20% 10.0: 3 kinds of moments in 90 days",
		"Reciprocity 20% 10.0: they opened up on 2 evenings and you on 1 evening, in 180 days",
		"Recency 20% 10.0: last together 30 days ago",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
