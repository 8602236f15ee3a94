package insights

import (
	"context"
	"strings"
	"testing"
	"time"

	"kindred/assets"
	"kindred/journal"
	"kindred/journal/journaltest"
)

func asked(id string, at time.Time, qid, answers string) journal.AskedRecord {
	they, me, err := journal.ParseAnswers(answers)
	if err != nil {
		panic(err)
	}
	return journal.AskedRecord{ReflectionID: id, PersonID: "ana", At: at,
		AskedQuestion: journal.AskedQuestion{ID: qid, TheyAnswered: they, IAnswered: me}}
}

func TestDeckProgressOf(t *testing.T) {
	recs := []journal.AskedRecord{
		asked("e1", utc(2024, 1, 5), "q01", "them"),
		asked("e2", utc(2024, 2, 5), "q01", "me"), // the same question again: now mutual
		asked("e2", utc(2024, 2, 5), "q02", ""),
		asked("e3", utc(2024, 3, 5), "q14", "both"),
		asked("e4", utc(2024, 4, 5), "q16", "them"),
		asked("e5", utc(2024, 9, 5), "q30", "both"), // after as of
	}
	p := DeckProgressOf(recs, assets.Questions, utc(2024, 6, 1))
	if p.Level != journal.LevelPersonal || p.LevelSince == nil || p.LevelSince.ReflectionID != "e3" {
		t.Errorf("level %v since %+v, want personal since e3", p.Level, p.LevelSince)
	}
	if p.Asked != 4 || p.TheyAnswered != 3 || p.IAnswered != 2 || p.Mutual != 2 {
		t.Errorf("asked %d, they %d, me %d, mutual %d; want 4, 3, 2, 2", p.Asked, p.TheyAnswered, p.IAnswered, p.Mutual)
	}
	want := []DeckLevel{{journal.LevelLight, 2, 12}, {journal.LevelPersonal, 2, 12}, {journal.LevelVulnerable, 0, 12}}
	for i, l := range want {
		if p.Levels[i] != l {
			t.Errorf("level %d: got %+v, want %+v", i+1, p.Levels[i], l)
		}
	}
	if p.Next != "q03" {
		t.Errorf("next %q, want q03", p.Next)
	}
	if s := p.Summary(); !strings.Contains(s, "Personal") || !strings.Contains(s, "4 of 36") || !strings.Contains(s, "since 5 March 2024") || !strings.Contains(s, "both answered 2") {
		t.Errorf("summary %q", s)
	}
	if empty := DeckProgressOf(nil, assets.Questions, utc(2024, 6, 1)); empty.Level != 0 || empty.Next != "q01" || !strings.Contains(empty.Summary(), "No questions") {
		t.Errorf("no questions: %+v %q", empty, empty.Summary())
	}
}

// The reciprocity ingredient counts deck answers as opening up: a mutual
// answer on both sides, a one-sided one on one side only.
func TestDepthScoreCountsMutualAnswers(t *testing.T) {
	at := utc(2024, 6, 1)
	answered := func(id string, day int, they, me bool, kinds ...string) Evening {
		e := ev(id, utc(2024, 5, day), 5, kinds...)
		e.TheyAnswered, e.IAnswered = they, me
		return e
	}
	tests := []struct {
		name             string
		evs              []Evening
		they, me, mutual int
		reciprocity      float64
	}{
		{"no questions, as before", []Evening{answered("a", 1, false, false, journal.KindDeepTalk)}, 1, 0, 0, 0},
		{"mutual answers", []Evening{answered("a", 1, true, true), answered("b", 8, true, true)}, 2, 2, 2, 1},
		{"they answer, I do not: an interview", []Evening{answered("a", 1, true, false), answered("b", 8, true, false)}, 2, 0, 0, 0},
		{"my answer balances their deep talk", []Evening{answered("a", 1, false, false, journal.KindDeepTalk), answered("b", 8, false, true)}, 1, 1, 0, 1},
		{"answer and tag on one evening count once", []Evening{answered("a", 1, true, true, journal.KindDeepTalk, journal.KindSharedBack), answered("b", 8, true, false)}, 2, 1, 1, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DepthScoreAt(tc.evs, testKinds, at).Ingredients
			if got.TheyOpened != tc.they || got.IOpened != tc.me || got.MutualAnswers != tc.mutual || !near(got.Reciprocity, tc.reciprocity) {
				t.Errorf("got they %d, me %d, mutual %d, reciprocity %.2f; want %d, %d, %d, %.2f",
					got.TheyOpened, got.IOpened, got.MutualAnswers, got.Reciprocity, tc.they, tc.me, tc.mutual, tc.reciprocity)
			}
			// The monthly scores (their own fast path) agree.
			scores := DepthScores(tc.evs, testKinds, Range{}, at)
			if last := scores[len(scores)-1]; last.Ingredients != got {
				t.Errorf("monthly score ingredients %+v, want %+v", last.Ingredients, got)
			}
		})
	}
	if d := DepthScoreAt(tests[1].evs, testKinds, at).Parts()[2].Detail; !strings.Contains(d, "both answered a deck question on 2 evenings") {
		t.Errorf("reciprocity detail %q does not mention the mutual answers", d)
	}
}

func TestDeckStalledSuggestion(t *testing.T) {
	asOf := utc(2024, 9, 1)
	var evs []Evening
	for i := 0; i < 8; i++ {
		evs = append(evs, ev(string(rune('a'+i)), utc(2024, 1, 10).AddDate(0, 0, 30*i), 4))
	}
	lightSince := []journal.AskedRecord{asked("a", evs[0].At, "q01", "both"), asked("c", evs[2].At, "q02", "them")}
	p := PersonHistory{Person: person("ana", "Ana Lopez"), Evenings: evs, Asked: lightSince}
	sugs := Suggest(p, testKinds, asOf)
	var got *Suggestion
	for i := range sugs {
		if sugs[i].Rule == RuleDeckStalled {
			got = &sugs[i]
		}
	}
	if got == nil {
		t.Fatalf("no deck-stalled suggestion among %v", rulesOf(sugs))
	}
	if got.Key != "deck-stalled/ana/light" || !strings.Contains(got.Title, "stayed light") ||
		!strings.Contains(got.Text, "January 2024") || !strings.Contains(got.Text, assets.Questions.Questions()[12].Text) {
		t.Errorf("suggestion %+v", got)
	}
	// Reaching the next level recently, or a short stay, leaves it out.
	for name, recs := range map[string][]journal.AskedRecord{
		"went deeper lately": append(lightSince, asked("h", evs[7].At, "q13", "")),
		"light only lately":  {asked("g", evs[6].At, "q01", "")},
		"vulnerable reached": {asked("a", evs[0].At, "q25", "")},
		"no questions":       nil,
	} {
		p.Asked = recs
		if rules := rulesOf(Suggest(p, testKinds, asOf)); strings.Contains(strings.Join(toStrings(rules), ","), string(RuleDeckStalled)) {
			t.Errorf("%s: got %v, want no deck-stalled", name, rules)
		}
	}
}

func toStrings(rules []SuggestionRule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = string(r)
	}
	return out
}

// Load reads the asked questions of a real journal and marks the evenings
// they were answered on.
func TestLoadAttachesAskedQuestions(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	leo := journaltest.MustAddPerson(t, s, "Leo")
	r := &journal.Reflection{At: utc(2024, 5, 1), Encounters: []journal.Encounter{
		{PersonID: ana.ID, Questions: []journal.AskedQuestion{{ID: "q14", TheyAnswered: true, IAnswered: true}}},
		{PersonID: leo.ID, Questions: []journal.AskedQuestion{{ID: "q14", TheyAnswered: true}}},
	}}
	checkNoErr(t, s.SaveReflection(ctx, r))
	checkNoErr(t, s.SaveReflection(ctx, &journal.Reflection{At: utc(2024, 5, 2), Encounters: []journal.Encounter{{PersonID: ana.ID}}}))
	pi, err := PersonReport(ctx, s, ana.ID, Range{}, utc(2024, 6, 1))
	checkNoErr(t, err)
	if pi.Deck.Level != journal.LevelPersonal || pi.Deck.Mutual != 1 || pi.Score.Ingredients.MutualAnswers != 1 || pi.Reciprocity.Both != 1 {
		t.Errorf("Ana: deck %+v, mutual answers %d, reciprocity %+v", pi.Deck, pi.Score.Ingredients.MutualAnswers, pi.Reciprocity)
	}
	h, err := Load(ctx, s, "")
	checkNoErr(t, err)
	for _, p := range h.People {
		if p.Person.ID == leo.ID && (len(p.Asked) != 1 || !p.Evenings[0].TheyAnswered || p.Evenings[0].IAnswered) {
			t.Errorf("Leo: asked %v, evening %+v", p.Asked, p.Evenings[0])
		}
	}
}
