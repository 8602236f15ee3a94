package insights

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

func TestGrowingAndDrifting(t *testing.T) {
	rng := Range{From: sugAsOf.AddDate(0, 0, -91), To: sugAsOf}
	steady := func(id string, c journal.Closeness, days ...int) []Evening {
		var out []Evening
		for i, d := range days {
			out = append(out, on(fmt.Sprintf("%s%d", id, i), d, c, journal.KindLaughed))
		}
		return out
	}
	dee := PersonHistory{Person: person("dee", "Dee"), Evenings: []Evening{on("d0", 200, 2), on("d1", 30, 7)}}
	dee.Person.Archived = true
	people := []PersonHistory{
		// Trend 3 before the range, 5.92 at its end: +2.92.
		{Person: person("ana", "Ana"), Evenings: []Evening{on("a0", 201, 3), on("a0", 200, 3), on("a1", 60, 6), on("a2", 30, 6)}},
		// 6 before, 2.08 at the end: -3.92.
		{Person: person("ben", "Ben"), Evenings: []Evening{on("b0", 201, 6), on("b0", 200, 6), on("b1", 60, 2), on("b2", 30, 2)}},
		// Two evenings, 6 then 5: too little to say anything.
		{Person: person("hal", "Hal"), Evenings: []Evening{on("h0", 40, 6), on("h1", 33, 5)}},
		// Close and steady, weekly, but nothing for 40 days: 40/7 = 5.7 gaps.
		{Person: person("cy", "Cy"), Evenings: steady("c", 6, 75, 68, 61, 54, 47, 40)},
		dee, // archived: left out however much they changed
		{Person: person("eve", "Eve"), Evenings: steady("e", 4, 80, 50, 20, 5)},
		// Grew closer, but long before the range.
		{Person: person("fay", "Fay"), Evenings: []Evening{on("f0", 400, 2), on("f1", 380, 7), on("f2", 200, 7)}},
		{Person: person("gus", "Gus")}, // no evenings at all
	}
	growing, drifting := GrowingAndDrifting(people, rng, sugAsOf)
	line := func(list []PersonTrend) string {
		var out []string
		for _, p := range list {
			out = append(out, fmt.Sprintf("%s %.2f %+.2f %dd %.0fd: %s", p.Person.Name, p.Trend, p.Change, p.DaysSince, p.UsualGapDays, p.Reason))
		}
		return strings.Join(out, "\n")
	}
	if got, want := line(growing), "Ana 5.92 +2.92 30d 0d: closeness rose from 3.0 to 5.9"; got != want {
		t.Errorf("growing:\n got %s\nwant %s", got, want)
	}
	want := "Cy 6.00 +0.00 40d 7d: 40 days since your last evening; usually about every 7 days\n" +
		"Ben 2.10 -3.90 30d 0d: closeness fell from 6.0 to 2.1"
	if got := line(drifting); got != want {
		t.Errorf("drifting:\n got %s\nwant %s", got, want)
	}
	if drifting[0].Last.ReflectionID != "c5" {
		t.Errorf("Cy's last evening is %q, want c5", drifting[0].Last.ReflectionID)
	}
	g, d := GrowingAndDrifting(nil, rng, sugAsOf)
	if len(g) != 0 || len(d) != 0 || g == nil || d == nil {
		t.Errorf("an empty journal gave %v and %v, want two empty lists", g, d)
	}
}

func TestHeatMap(t *testing.T) {
	shared := time.Date(2024, 1, 1, 1, 0, 0, 0, kathmandu) // 31 December in UTC
	people := []PersonHistory{
		{Person: person("ana", "Ana"), Evenings: []Evening{ev("r1", shared, 4), ev("r2", utc(2024, 1, 1), 4),
			ev("r3", time.Date(2024, 3, 31, 23, 30, 0, 0, paris), 4)}},
		{Person: person("ben", "Ben"), Evenings: []Evening{ev("r1", shared, 5),
			ev("r4", time.Date(2024, 4, 1, 0, 30, 0, 0, paris), 4)}},
	}
	asOf := utc(2024, 6, 30)
	tests := []struct {
		name string
		rng  Range
		want string
	}{
		// r1 had two people: one evening. r3 and r4 were an hour apart, on
		// either side of midnight in Paris.
		{name: "all time", want: "2024-01-01:2 2024-03-31:1 2024-04-01:1"},
		{name: "a range", rng: Range{From: utc(2024, 2, 1)}, want: "2024-03-31:1 2024-04-01:1"},
		{name: "nothing in range", rng: Range{From: utc(2024, 5, 1)}, want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range HeatMap(people, tc.rng, asOf) {
				got = append(got, fmt.Sprintf("%s:%d", d.Day, d.Evenings))
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

func TestYearInMoments(t *testing.T) {
	s1 := utc(2024, 2, 20)
	people := []PersonHistory{
		{Person: person("ana", "Ana"), Evenings: []Evening{
			ev("a0", utc(2023, 1, 10), 4, journal.KindDeepTalk),
			ev("a1", utc(2023, 9, 10), 4, journal.KindDeepTalk, journal.KindLaughed),
			ev("a2", utc(2024, 2, 10), 4, journal.KindLabeledBond, journal.KindJudged),
			ev("s1", s1, 4, journal.KindLaughed),
		}},
		{Person: person("ben", "Ben"), Evenings: []Evening{
			ev("s1", s1, 4, journal.KindLaughed, journal.KindAdventure),
			ev("b2", utc(2024, 6, 1), 4, journal.KindDeepTalk),
		}},
	}
	tests := []struct {
		name                      string
		rng                       Range
		evenings, people, moments int
		kinds, busiest, firsts    string
	}{
		{
			name: "the last twelve months", evenings: 4, people: 2, moments: 8,
			kinds:   "laughed=3 deep-talk=2 labeled-bond=1 adventure=1 judged=1",
			busiest: "2024-02",
			// Ana's first deep talk was before the year; a misstep is no milestone.
			firsts: "2023-09-10 Ana laughed, 2024-02-10 Ana labeled-bond, 2024-02-20 Ben laughed, 2024-02-20 Ben adventure, 2024-06-01 Ben deep-talk",
		},
		{
			name: "a shorter range", rng: Range{From: utc(2024, 2, 15)}, evenings: 2, people: 2, moments: 4,
			kinds: "laughed=2 deep-talk=1 adventure=1", busiest: "2024-02 2024-06", // a tie
			firsts: "2024-02-20 Ben laughed, 2024-02-20 Ben adventure, 2024-06-01 Ben deep-talk",
		},
		{name: "a quiet year", rng: Range{From: utc(2024, 6, 10)}, kinds: "", busiest: "none", firsts: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			y := YearInMoments(people, testKinds, tc.rng, sugAsOf)
			var kinds, firsts []string
			for _, k := range y.Kinds {
				kinds = append(kinds, fmt.Sprintf("%s=%d", k.Kind, k.Count))
			}
			for _, f := range y.Firsts {
				firsts = append(firsts, fmt.Sprintf("%s %s %s", f.At.Format("2006-01-02"), f.Person.Name, f.Kind))
			}
			busiest := "none"
			if len(y.BusiestMonths) > 0 {
				busiest = fmt.Sprint(y.BusiestMonths)
				busiest = strings.Trim(busiest, "[]")
			}
			if (y.BusiestMonth != nil) != (len(y.BusiestMonths) == 1) {
				t.Errorf("busiest month %v beside busiest months %v", y.BusiestMonth, y.BusiestMonths)
			}
			if y.Evenings != tc.evenings || y.People != tc.people || y.Moments != tc.moments {
				t.Errorf("got %d evenings, %d people, %d moments, want %d, %d, %d", y.Evenings, y.People, y.Moments, tc.evenings, tc.people, tc.moments)
			}
			if strings.Join(kinds, " ") != tc.kinds || busiest != tc.busiest || strings.Join(firsts, ", ") != tc.firsts {
				t.Errorf("got kinds %q busiest %s firsts %q\nwant kinds %q busiest %s firsts %q",
					strings.Join(kinds, " "), busiest, strings.Join(firsts, ", "), tc.kinds, tc.busiest, tc.firsts)
			}
		})
	}
}

func TestAnalyzeJournal(t *testing.T) {
	ana := PersonHistory{Person: person("ana", "Ana"), Evenings: []Evening{on("old", 200, 4, journal.KindAdventure),
		on("a", 80, 4, journal.KindLaughed, journal.KindJudged), on("b", 60, 4, journal.KindLaughed, journal.KindJudged),
		on("c", 40, 4, journal.KindDeepTalk, journal.KindJudged), on("d", 20, 4, journal.KindDeepTalk), on("e", 10, 4, journal.KindListened)}}
	ben := PersonHistory{Person: person("ben", "Ben"), Evenings: every(6, 7, 30, 6, just(journal.KindLaughed))}
	cy := PersonHistory{Person: person("cy", "Cy"), Evenings: []Evening{on("c0", 200, 4, journal.KindAdventure),
		on("c1", 80, 4, journal.KindLaughed), on("c2", 60, 4, journal.KindLaughed), on("c3", 40, 4, journal.KindLaughed),
		// Shared with Ana: one evening, two encounters.
		{ReflectionID: "e", At: sugAsOf.AddDate(0, 0, -10), Closeness: 4, Kinds: []string{journal.KindLaughed}}}}
	// Out of order on purpose: analysis sorts what it is given.
	cy.Evenings[1], cy.Evenings[3] = cy.Evenings[3], cy.Evenings[1]
	h := History{People: []PersonHistory{ana, ben, cy}, Kinds: testKinds}
	rng := Range{From: sugAsOf.AddDate(0, 0, -90), To: sugAsOf}

	// The range ended the day before now: as of is its end.
	j := AnalyzeJournal(h, rng, sugAsOf.AddDate(0, 0, 1))
	who := func(s []Suggestion) string {
		var out []string
		for _, x := range s {
			out = append(out, x.Person.Name+":"+string(x.Rule))
		}
		return strings.Join(out, " ")
	}
	// One per person, the most pressing rule first.
	if got, want := who(j.Suggestions), "Ben:drifting Ana:deep-without-air Cy:no-adventure"; got != want {
		t.Errorf("suggestions %q, want %q", got, want)
	}
	// Ana: a to e (5); Ben: all six, 65 to 30 days back; Cy: c1-c3, and e,
	// which is Ana's too and counts once: 14.
	if j.Evenings != 14 || j.People != 3 {
		t.Errorf("got %d evenings with %d people, want 14 with 3", j.Evenings, j.People)
	}
	if !j.AsOf.Equal(sugAsOf) {
		t.Errorf("as of %v, want the range's end %v", j.AsOf, sugAsOf)
	}
	months := 0
	for _, m := range j.Months {
		months += m.Evenings
	}
	if months != j.Evenings || j.Months[0].Month.String() != "2024-04" || j.Months[len(j.Months)-1].Month.String() != "2024-06" {
		t.Errorf("months %v hold %d evenings, want April to June holding %d", j.Months, months, j.Evenings)
	}
	// Deep: Ana's c, d, e. Light: Ana's a, b, Ben's six, Cy's four (moments,
	// not evenings: the shared one has a light moment for Cy).
	if j.Balance.Deep != 3 || j.Balance.Light != 12 {
		t.Errorf("balance %d deep, %d light, want 3 and 12", j.Balance.Deep, j.Balance.Light)
	}

	h.Dismissed = map[string]time.Time{j.Suggestions[1].Key: sugAsOf}
	j = AnalyzeJournal(h, rng, sugAsOf)
	if got, want := who(j.Suggestions), "Ben:drifting Ana:recurring-misstep Cy:no-adventure"; got != want {
		t.Errorf("after putting one aside: %q, want %q", got, want)
	}
}

func TestAnalyzePerson(t *testing.T) {
	evs, asOf := fixture()
	p := PersonHistory{Person: person("ana", "Ana Lima"), Evenings: evs}
	pi := AnalyzePerson(p, testKinds, nil, Range{}, asOf)
	if pi.Person.Name != "Ana Lima" || pi.Evenings != 4 || pi.First.ReflectionID != "e1" || pi.Last.ReflectionID != "e4" {
		t.Errorf("got %+v with %d evenings from %v to %v", pi.Person, pi.Evenings, pi.First, pi.Last)
	}
	if pi.Score.Score != 79 || len(pi.Scores) != 4 || len(pi.Closeness.Points) != 3 || len(pi.Ledger.Months) != 4 {
		t.Errorf("score %d, %d monthly scores, %d ratings, %d months; want 79, 4, 3, 4", pi.Score.Score, len(pi.Scores), len(pi.Closeness.Points), len(pi.Ledger.Months))
	}
	if pi.Reciprocity != (Reciprocity{TheyOpened: 2, IOpened: 2, Both: 1, Evenness: 1}) || pi.Balance.Deep != 4 {
		t.Errorf("reciprocity %+v balance %+v", pi.Reciprocity, pi.Balance)
	}
	if len(pi.HeatMap) != 4 || !reflect.DeepEqual(pi.Suggestions, []Suggestion{}) {
		t.Errorf("heat map %v, suggestions %v", pi.HeatMap, pi.Suggestions)
	}
	cd := pi.ChartData()
	if len(cd.Closeness.Points) != 3 || len(cd.Months) != 4 || len(cd.Balance) != 4 || len(cd.HeatMap) != 4 || len(cd.Kinds) != len(testKinds) {
		t.Errorf("chart data is missing parts: %+v", cd)
	}
}

// TestDriftingListAgreesWithPeople: whoever's own insights say they are
// drifting is in the journal's drifting list, and only there, even when
// their closeness rose over the range.
func TestDriftingListAgreesWithPeople(t *testing.T) {
	rng := Range{From: sugAsOf.AddDate(-1, 0, 0), To: sugAsOf}
	var ivy, jo []Evening
	// Ivy: weekly, closer and closer, then 92 quiet days.
	for i, c := range []journal.Closeness{3, 3, 4, 5, 6, 6, 7} {
		ivy = append(ivy, on(fmt.Sprintf("i%d", i), 92+7*(6-i), c, journal.KindLaughed))
	}
	// Jo: still weekly, but nobody opened up for 70 days, after deep
	// evenings every fortnight.
	for i := range 20 {
		kinds := []string{journal.KindLaughed}
		days := 7 * (19 - i)
		if days >= 70 && i%2 == 0 {
			kinds = []string{journal.KindDeepTalk}
		}
		jo = append(jo, on(fmt.Sprintf("j%d", i), days, 6, kinds...))
	}
	people := []PersonHistory{
		{Person: person("ivy", "Ivy"), Evenings: ivy},
		{Person: person("jo", "Jo"), Evenings: jo},
		{Person: person("kim", "Kim"), Evenings: []Evening{on("k0", 12, 6), on("k1", 5, 5)}},
	}
	growing, drifting := GrowingAndDrifting(people, rng, sugAsOf)
	in := func(list []PersonTrend, id string) *PersonTrend {
		for i := range list {
			if list[i].Person.ID == id {
				return &list[i]
			}
		}
		return nil
	}
	for _, p := range people {
		says := false
		for _, s := range Suggest(p, testKinds, sugAsOf) {
			says = says || s.Rule == RuleDrifting
		}
		if got := in(drifting, p.Person.ID) != nil; got != says {
			t.Errorf("%s: in the drifting list %v, own suggestions say drifting %v", p.Person.Name, got, says)
		}
	}
	if in(drifting, "ivy") == nil || in(drifting, "jo") == nil {
		t.Fatalf("drifting %+v, want Ivy and Jo", drifting)
	}
	if in(growing, "ivy") != nil {
		t.Errorf("Ivy is growing too; drifting wins")
	}
	if r := in(drifting, "ivy").Reason; !strings.Contains(r, "92 days since your last evening") || !strings.Contains(r, "had risen from") {
		t.Errorf("Ivy's reason %q", r)
	}
	if in(growing, "kim") != nil || in(drifting, "kim") != nil {
		t.Errorf("Kim, after two evenings, is in a list")
	}
}

func TestBusiestWords(t *testing.T) {
	for _, tc := range []struct {
		y    YearSummary
		want string
	}{
		{YearSummary{}, ""},
		{YearSummary{BusiestMonths: []Month{{2024, time.October}}, BusiestEvenings: 1}, "Busiest month: October 2024 (1 evening)"},
		{YearSummary{BusiestMonths: []Month{{2024, time.March}, {2024, time.October}}, BusiestEvenings: 6}, "Busiest months: March and October 2024 (6 evenings each)"},
		{YearSummary{BusiestMonths: []Month{{2023, time.December}, {2024, time.March}, {2024, time.October}}, BusiestEvenings: 2},
			"Busiest months: December 2023, March and October 2024 (2 evenings each)"},
	} {
		if got := tc.y.BusiestWords(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
