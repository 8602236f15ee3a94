package journal_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	_ "kindred/assets" // installs the deck the journal checks ids against
	"kindred/journal"
	"kindred/journal/journaltest"
)

func askedIDs(e journal.Encounter) []string {
	var out []string
	for _, q := range e.Questions {
		out = append(out, q.ID+":"+q.Answers())
	}
	return out
}

func TestAskedQuestionsSaveEditDeleteUndo(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	leo := journaltest.MustAddPerson(t, s, "Leo")
	r := &journal.Reflection{At: time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC), Text: "by the lake",
		Encounters: []journal.Encounter{
			{PersonID: ana.ID, Questions: []journal.AskedQuestion{{ID: "q03", TheyAnswered: true, IAnswered: true}, {ID: "q01"}}},
			{PersonID: leo.ID, Questions: []journal.AskedQuestion{{ID: "q03", TheyAnswered: true}}},
		}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Reflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a, want := askedIDs(got.Encounters[0]), []string{"q03:both", "q01:"}; !reflect.DeepEqual(a, want) {
		t.Errorf("Ana's questions: got %v, want %v", a, want)
	}
	if a, want := askedIDs(got.Encounters[1]), []string{"q03:them"}; !reflect.DeepEqual(a, want) {
		t.Errorf("Leo's questions: got %v, want %v", a, want)
	}

	// Editing keeps what is kept and drops what is dropped.
	got.Encounters[0].Questions = []journal.AskedQuestion{{ID: "q01", IAnswered: true}}
	got.Encounters = got.Encounters[:1]
	if err := s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	edited, _ := s.Reflection(ctx, r.ID)
	if a, want := askedIDs(edited.Encounters[0]), []string{"q01:me"}; !reflect.DeepEqual(a, want) {
		t.Errorf("after edit: got %v, want %v", a, want)
	}
	if leos, _ := s.AskedQuestions(ctx, leo.ID); len(leos) != 0 {
		t.Errorf("Leo left the evening but keeps %d asked questions", len(leos))
	}

	old, err := s.DeleteReflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if all, _ := s.AskedQuestions(ctx, ""); len(all) != 0 {
		t.Errorf("after delete: %d asked questions remain", len(all))
	}
	if err := s.SaveReflection(ctx, old); err != nil { // undo
		t.Fatal(err)
	}
	back, _ := s.AskedQuestions(ctx, ana.ID)
	if len(back) != 1 || back[0].ID != "q01" || !back[0].IAnswered || back[0].TheyAnswered || !back[0].At.Equal(r.At) {
		t.Errorf("after undo: got %+v, want q01 answered by me on %v", back, r.At)
	}
}

func TestUnknownQuestionIsRefusedAndNothingSaved(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	for name, qs := range map[string][]journal.AskedQuestion{
		"unknown id": {{ID: "q99"}},
		"twice":      {{ID: "q02"}, {ID: "q02", TheyAnswered: true}},
	} {
		t.Run(name, func(t *testing.T) {
			r := &journal.Reflection{At: time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC), Text: "not saved",
				Encounters: []journal.Encounter{{PersonID: ana.ID, Questions: qs}}}
			err := s.SaveReflection(ctx, r)
			if journal.ErrorCode(err) != journal.EINVALID || journal.ErrorField(err) != "questions" {
				t.Fatalf("got %v (code %s), want an invalid questions error", err, journal.ErrorCode(err))
			}
			if name == "unknown id" && !strings.Contains(err.Error(), "q99") {
				t.Errorf("error %q does not name the id", err)
			}
			if tl, _ := s.Stats(ctx); tl.Reflections != 0 {
				t.Errorf("a reflection was saved: %+v", tl)
			}
		})
	}
}

func TestQuestionStatesAndNext(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	leo := journaltest.MustAddPerson(t, s, "Leo")
	save := func(day int, pid string, qs ...journal.AskedQuestion) string {
		t.Helper()
		r := &journal.Reflection{At: time.Date(2025, 5, day, 20, 0, 0, 0, time.UTC),
			Encounters: []journal.Encounter{{PersonID: pid, Questions: qs}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	save(1, ana.ID, journal.AskedQuestion{ID: "q01", TheyAnswered: true}, journal.AskedQuestion{ID: "q02"})
	save(8, ana.ID, journal.AskedQuestion{ID: "q01", IAnswered: true}, journal.AskedQuestion{ID: "q13", IAnswered: true})
	last := save(9, leo.ID, journal.AskedQuestion{ID: "q03"})

	asked, err := s.AskedQuestions(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	states := journal.QuestionStates(journal.Deck(), asked)
	if len(states) != len(journal.Deck().Questions()) {
		t.Fatalf("got %d states, want one per question", len(states))
	}
	want := map[string]string{"q01": "both", "q02": "asked", "q03": "", "q13": "i-answered"}
	for _, st := range states {
		if w, ok := want[st.ID]; ok && st.State() != w {
			t.Errorf("%s: state %q, want %q", st.ID, st.State(), w)
		}
	}
	if states[0].Asked != 2 || !states[0].LastAsked.Equal(time.Date(2025, 5, 8, 20, 0, 0, 0, time.UTC)) {
		t.Errorf("q01 asked %d times, last %v; want 2, 8 May", states[0].Asked, states[0].LastAsked)
	}

	next, err := s.NextQuestions(ctx, []string{ana.ID, leo.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(next) == 0 || next[0].ID != "q04" {
		t.Errorf("next for Ana and Leo: got %v, want q04 first", next[:min(1, len(next))])
	}
	// The evening being edited does not hide its own question.
	next, _ = s.NextQuestions(ctx, []string{leo.ID}, last)
	if next[0].ID != "q01" {
		t.Errorf("next for Leo, editing his evening: got %s, want q01", next[0].ID)
	}
}

func TestDeletePersonRemovesTheirQuestions(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	r := &journal.Reflection{At: time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC),
		Encounters: []journal.Encounter{{PersonID: ana.ID, Questions: []journal.AskedQuestion{{ID: "q05"}}}}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePerson(ctx, ana.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM asked_questions").Scan(&n); err != nil || n != 0 {
		t.Errorf("after deleting the person: %d asked questions (%v), want 0", n, err)
	}
}
