package insights

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

// sugAsOf is the moment the suggestion tests look from: the end of June,
// the second quarter.
var sugAsOf = utc(2024, 6, 30)

// on is an evening the given number of days before sugAsOf.
func on(id string, daysBefore int, c journal.Closeness, kinds ...string) Evening {
	return ev(id, sugAsOf.AddDate(0, 0, -daysBefore), c, kinds...)
}

// every makes n evenings, step days apart, the last one last days before
// sugAsOf; kinds(i) gives the i-th evening's moments.
func every(n, step, last int, c journal.Closeness, kinds func(i int) []string) []Evening {
	out := make([]Evening, n)
	for i := range out {
		out[i] = on(fmt.Sprintf("r%02d", i), last+(n-1-i)*step, c, kinds(i)...)
	}
	return out
}

func just(kinds ...string) func(int) []string { return func(int) []string { return kinds } }

func TestSuggest(t *testing.T) {
	laughed := just(journal.KindLaughed)
	tests := []struct {
		name      string
		evs       []Evening
		archived  bool
		rules     []SuggestionRule
		key       string   // of the first suggestion
		technique string   // of the first suggestion
		ids       []string // of the first suggestion
		text      string   // in the first suggestion's text
	}{
		{name: "no evenings", rules: []SuggestionRule{}},
		{name: "one evening only", evs: []Evening{on("a", 1, 6, journal.KindDeepTalk)}, rules: []SuggestionRule{}},
		{
			name: "three deep evenings in a row without lightness",
			evs: []Evening{on("x", 40, 4, journal.KindLaughed), on("d1", 10, 4, journal.KindDeepTalk),
				on("d2", 5, 4, journal.KindDeepTalk, journal.KindListened), on("d3", 1, 4, journal.KindSharedBack)},
			rules: []SuggestionRule{RuleDeepWithoutAir}, key: "deep-without-air/ana/d1", technique: journal.KindCameUpForAir,
			ids: []string{"d3", "d2", "d1"}, text: "Your last 3 evenings with Ana all went deep",
		},
		{
			name: "a light moment breaks the run",
			evs: []Evening{on("d1", 10, 4, journal.KindDeepTalk), on("d2", 5, 4, journal.KindDeepTalk, journal.KindInsideJoke),
				on("d3", 1, 4, journal.KindDeepTalk)},
			rules: []SuggestionRule{},
		},
		{
			name: "a run that ended two months ago is old news",
			evs: []Evening{on("d1", 100, 4, journal.KindDeepTalk), on("d2", 90, 4, journal.KindDeepTalk),
				on("d3", 80, 4, journal.KindDeepTalk)},
			rules: []SuggestionRule{},
		},
		{
			name: "close for months, the bond never named",
			evs: every(14, 10, 0, 6, func(i int) []string {
				if i == 12 {
					return []string{journal.KindAdventure}
				}
				return []string{journal.KindLaughed}
			}),
			rules: []SuggestionRule{RuleBondUnnamed}, key: "bond-unnamed/ana/r00", technique: journal.KindLabeledBond,
			ids: []string{"r13", "r12", "r11", "r10", "r09"}, text: "For about 4 months you have felt close to Ana",
		},
		{
			name: "the bond was named once",
			evs: every(14, 10, 0, 6, func(i int) []string {
				if i == 3 {
					return []string{journal.KindLabeledBond, journal.KindAdventure}
				}
				return []string{journal.KindLaughed, journal.KindAdventure}
			}),
			rules: []SuggestionRule{},
		},
		{name: "close for only two months", evs: every(7, 10, 0, 6, laughed), rules: []SuggestionRule{}},
		{
			name: "no adventure or whole day in a season",
			evs: append([]Evening{on("old", 200, 4, journal.KindAdventure)}, on("s1", 80, 4, journal.KindLaughed),
				on("s2", 60, 4, journal.KindLaughed), on("s3", 40, 4, journal.KindLaughed), on("s4", 20, 4, journal.KindLaughed)),
			rules: []SuggestionRule{RuleNoAdventure}, key: "no-adventure/ana/2024-Q2", technique: journal.KindAdventure,
			ids: []string{"s4", "s3", "s2", "s1"}, text: "You have met Ana 4 times in the last three months",
		},
		{
			name: "a whole day together counts",
			evs: []Evening{on("old", 200, 4, journal.KindAdventure), on("s1", 80, 4, journal.KindLaughed),
				on("s2", 60, 4, journal.KindPerfectDay), on("s3", 40, 4, journal.KindLaughed), on("s4", 20, 4, journal.KindLaughed)},
			rules: []SuggestionRule{},
		},
		{
			name: "three evenings are not yet a habit of staying in",
			evs: []Evening{on("old", 200, 4, journal.KindAdventure), on("s1", 60, 4, journal.KindLaughed),
				on("s2", 40, 4, journal.KindLaughed), on("s3", 20, 4, journal.KindLaughed)},
			rules: []SuggestionRule{},
		},
		{name: "too new to speak of seasons", evs: every(5, 20, 0, 4, laughed), rules: []SuggestionRule{}},
		{
			name: "a misstep that keeps recurring",
			evs: every(10, 5, 0, 4, func(i int) []string {
				if i == 2 || i == 5 || i == 8 {
					return []string{journal.KindLaughed, journal.KindTriedToFix}
				}
				return []string{journal.KindLaughed}
			}),
			rules: []SuggestionRule{RuleRecurringMisstep}, key: "recurring-misstep/ana/tried-to-fix/r02", technique: journal.KindListened,
			ids: []string{"r08", "r05", "r02"}, text: `"Tried to fix it" came up on 3 of your last 10 evenings with Ana. When Ana brings something hard`,
		},
		{
			name: "a misstep of the journal's own",
			evs: every(10, 5, 0, 4, func(i int) []string {
				if i >= 7 {
					return []string{"checked-phone"}
				}
				return []string{journal.KindLaughed}
			}),
			rules: []SuggestionRule{RuleRecurringMisstep}, key: "recurring-misstep/ana/checked-phone/r07", technique: journal.KindListened,
			ids: []string{"r09", "r08", "r07"}, text: `"Checked my phone" came up on 3 of your last 10 evenings with Ana.`,
		},
		{
			name: "the same misstep twice is not a pattern",
			evs: every(10, 5, 0, 4, func(i int) []string {
				if i == 2 || i == 5 {
					return []string{journal.KindJudged}
				}
				return []string{journal.KindLaughed}
			}),
			rules: []SuggestionRule{},
		},
		{
			name: "two recurring missteps, the more frequent first",
			evs: every(10, 5, 0, 4, func(i int) []string {
				switch {
				case i < 3:
					return []string{journal.KindJudged}
				case i < 7:
					return []string{journal.KindStayedTooDeep}
				}
				return []string{journal.KindLaughed}
			}),
			rules: []SuggestionRule{RuleRecurringMisstep, RuleRecurringMisstep}, key: "recurring-misstep/ana/stayed-too-deep/r03",
			technique: journal.KindCameUpForAir, ids: []string{"r06", "r05", "r04", "r03"},
		},
		{
			name:  "missteps from long ago are left alone",
			evs:   every(10, 5, 300, 4, just(journal.KindTriedToFix)),
			rules: []SuggestionRule{},
		},
		{
			name:  "a close person quiet for much longer than usual",
			evs:   every(6, 7, 30, 6, laughed),
			rules: []SuggestionRule{RuleDrifting}, key: "drifting/ana/r05", technique: journal.KindDeepTalk,
			ids: []string{"r05"}, text: "Your last evening with Ana was 30 days ago; you usually see each other about every 7 days.",
		},
		{name: "not quiet for long enough", evs: every(6, 7, 20, 6, laughed), rules: []SuggestionRule{}},
		{name: "someone not close is not drifting", evs: every(6, 7, 30, 3, laughed), rules: []SuggestionRule{}},
		{name: "after a year apart it is over, not drifting", evs: every(6, 7, 400, 6, laughed), rules: []SuggestionRule{}},
		{
			name: "still meeting, but no depth for much longer than usual",
			evs: every(20, 7, 0, 5, func(i int) []string {
				switch {
				case i == 0:
					return []string{journal.KindDeepTalk, journal.KindLabeledBond}
				case i < 12:
					return []string{journal.KindDeepTalk, journal.KindLaughed}
				case i == 18:
					return []string{journal.KindAdventure}
				}
				return []string{journal.KindLaughed}
			}),
			// The last deep evening, r11, was 8 weeks ago; depth used to come weekly.
			rules: []SuggestionRule{RuleDrifting}, key: "drifting/ana/deep/r11", technique: journal.KindDeepTalk,
			ids: []string{"r19", "r18", "r17", "r16", "r15"}, text: "The last time one of you opened up was 56 days ago, and it used to happen about every 7 days.",
		},
		{
			name: "most pressing first",
			evs: append([]Evening{on("old", 200, 4, journal.KindAdventure)},
				on("a", 80, 4, journal.KindLaughed, journal.KindJudged), on("b", 60, 4, journal.KindLaughed, journal.KindJudged),
				on("c", 40, 4, journal.KindDeepTalk, journal.KindJudged), on("d", 20, 4, journal.KindDeepTalk), on("e", 10, 4, journal.KindListened)),
			rules: []SuggestionRule{RuleDeepWithoutAir, RuleRecurringMisstep, RuleNoAdventure}, key: "deep-without-air/ana/c",
			technique: journal.KindCameUpForAir, ids: []string{"e", "d", "c"},
		},
		{name: "archived people get none", evs: every(6, 7, 30, 6, laughed), archived: true, rules: []SuggestionRule{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := PersonHistory{Person: person("ana", "Ana Lima"), Evenings: tc.evs}
			p.Person.Archived = tc.archived
			sugs := Suggest(p, testKinds, sugAsOf)
			if got := rulesOf(sugs); !reflect.DeepEqual(got, tc.rules) {
				t.Fatalf("rules %v, want %v", got, tc.rules)
			}
			if len(sugs) == 0 {
				return
			}
			s := sugs[0]
			if s.Key != tc.key || s.Technique != tc.technique || !reflect.DeepEqual(s.ReflectionIDs, tc.ids) {
				t.Errorf("got key %q technique %q evenings %v, want %q %q %v", s.Key, s.Technique, s.ReflectionIDs, tc.key, tc.technique, tc.ids)
			}
			if !strings.Contains(s.Text, tc.text) {
				t.Errorf("text %q does not say %q", s.Text, tc.text)
			}
			if s.Person.ID != "ana" || s.Person.Name != "Ana Lima" || s.Title == "" {
				t.Errorf("suggestion %+v lacks its person or title", s)
			}
		})
	}
}

func TestSuggestionKeysLastAsLongAsTheSituation(t *testing.T) {
	run := []Evening{on("x", 40, 4, journal.KindLaughed), on("d1", 10, 4, journal.KindDeepTalk),
		on("d2", 5, 4, journal.KindDeepTalk), on("d3", 2, 4, journal.KindDeepTalk)}
	p := PersonHistory{Person: person("ana", "Ana"), Evenings: run}
	before := Suggest(p, testKinds, sugAsOf)
	// One more heavy evening: the same situation, the same key.
	p.Evenings = append(p.Evenings, on("d4", 1, 4, journal.KindDeepTalk))
	longer := Suggest(p, testKinds, sugAsOf)
	if len(before) != 1 || len(longer) != 1 || before[0].Key != longer[0].Key {
		t.Fatalf("the key changed as the run went on: %v then %v", before, longer)
	}
	// A light evening ends it; a new run is a new situation.
	p.Evenings = append(p.Evenings, ev("l", sugAsOf.AddDate(0, 0, -1).Add(time.Hour), 4, journal.KindLaughed),
		ev("n1", sugAsOf.Add(-3*time.Hour), 4, journal.KindDeepTalk), ev("n2", sugAsOf.Add(-2*time.Hour), 4, journal.KindDeepTalk),
		ev("n3", sugAsOf.Add(-time.Hour), 4, journal.KindDeepTalk))
	again := Suggest(p, testKinds, sugAsOf)
	if len(again) != 1 || again[0].Key == before[0].Key {
		t.Fatalf("a new run kept the old key: %v", again)
	}
}

func TestPick(t *testing.T) {
	sugs := []Suggestion{{Key: "a"}, {Key: "b"}, {Key: "c"}, {Key: "d"}}
	keys := func(s []Suggestion) string {
		var k []string
		for _, x := range s {
			k = append(k, x.Key)
		}
		return strings.Join(k, ",")
	}
	tests := []struct {
		name      string
		dismissed map[string]time.Time
		max       int
		want      string
	}{
		{name: "a few at once", max: MaxSuggestions, want: "a,b,c"},
		{name: "dismissed ones make room for the next", dismissed: map[string]time.Time{"b": sugAsOf}, max: 3, want: "a,c,d"},
		{name: "all dismissed", dismissed: map[string]time.Time{"a": {}, "b": {}, "c": {}, "d": {}}, max: 3, want: ""},
		{name: "one", max: 1, want: "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := keys(Pick(sugs, tc.dismissed, tc.max)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
