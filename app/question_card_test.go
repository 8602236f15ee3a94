package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

func offeredID(t *testing.T, c *Composer) string {
	t.Helper()
	if !c.Deck.Visible() {
		t.Fatal("the question card is hidden")
	}
	q, ok := c.Deck.Offered()
	if !ok {
		return ""
	}
	if c.Deck.Question.Text != q.Text || !strings.Contains(c.Deck.Level.Text, q.ID) {
		t.Errorf("the card shows %q (%s), not the offered %s", c.Deck.Question.Text, c.Deck.Level.Text, q.ID)
	}
	return q.ID
}

func answers(e journal.Encounter) string {
	var out []string
	for _, q := range e.Questions {
		out = append(out, q.ID+":"+q.Answers())
	}
	return strings.Join(out, ",")
}

func TestComposerOffersTheNextQuestionAndSavesIt(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	leo := journaltest.MustAddPerson(t, st, "Leo Marin")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	if c.Deck.Visible() {
		t.Error("the question card shows before anyone is chosen")
	}
	c.AddPerson(*m.people.person(ana.ID))
	if got := offeredID(t, c); got != "q01" {
		t.Fatalf("offered to Ana first: got %s, want q01", got)
	}
	test.Tap(c.Deck.Another)
	if got := offeredID(t, c); got != "q02" {
		t.Fatalf("after Another: got %s, want q02", got)
	}
	c.Deck.Answered.SetSelected(answeredBoth)
	test.Tap(c.Deck.Asked)
	if len(c.Deck.Rows) != 1 || c.Deck.Rows[0].ID != "q02" || c.Deck.Rows[0].Answered.Selected != answeredBoth {
		t.Fatalf("recorded rows: %+v", c.Deck.Rows)
	}
	if got := offeredID(t, c); got != "q01" {
		t.Errorf("after recording q02 the card offers %s, want q01 back", got)
	}
	// The keyboard reaches the card: Space on "Asked it" records q01, asked
	// without an answer yet.
	m.Window.Canvas().Focus(c.Deck.Asked)
	pressKey(m, fyne.KeySpace)
	typeInto(m, c.Text, "Long walk.")
	pressShortcut(m, ctrl(fyne.KeyS))

	got := reflections(t, st)
	if len(got) != 1 || answers(got[0].Encounters[0]) != "q02:both,q01:" {
		t.Fatalf("saved: %d reflections, questions %q; want q02:both,q01:", len(got), answers(got[0].Encounters[0]))
	}
	if c.Deck.Visible() || len(c.Deck.Rows) != 0 {
		t.Error("the fresh composer still shows the saved evening's questions")
	}

	// Next evening with Ana and Leo: nothing asked of either comes first.
	c.AddPerson(*m.people.person(ana.ID))
	if got := offeredID(t, c); got != "q03" {
		t.Errorf("offered to Ana next: got %s, want q03", got)
	}
	c.AddPerson(*m.people.person(leo.ID))
	if got := offeredID(t, c); got != "q03" {
		t.Errorf("offered to Ana and Leo: got %s, want q03", got)
	}
	c.removeCard(c.Cards[0])
	if got := offeredID(t, c); got != "q01" {
		t.Errorf("offered to Leo alone: got %s, want q01", got)
	}
}

func TestEditingAnEveningKeepsEachPersonsQuestions(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	leo := journaltest.MustAddPerson(t, st, "Leo Marin")
	r := &journal.Reflection{At: testNow.Add(-24 * time.Hour), Text: "dinner",
		Encounters: []journal.Encounter{
			{PersonID: ana.ID, Questions: []journal.AskedQuestion{{ID: "q01", TheyAnswered: true}}},
			{PersonID: leo.ID, Questions: []journal.AskedQuestion{{ID: "q03", IAnswered: true}}},
		}}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	m.Reflect.Edit(r.ID)
	c := m.Reflect.Composer
	if len(c.Deck.Rows) != 2 {
		t.Fatalf("editing shows %d recorded questions, want 2", len(c.Deck.Rows))
	}
	typeInto(m, c.Text, " and dessert")
	if !m.Reflect.Save() {
		t.Fatal("save failed")
	}
	back, _ := st.Reflection(context.Background(), r.ID)
	if answers(back.Encounters[0]) != "q01:them" || answers(back.Encounters[1]) != "q03:me" {
		t.Errorf("after an edit of the text: Ana %q, Leo %q; want q01:them and q03:me", answers(back.Encounters[0]), answers(back.Encounters[1]))
	}

	// Taking a question back changes the evening for everyone on it.
	m.Reflect.Edit(r.ID)
	test.Tap(c.Deck.Rows[0].Remove)
	c.Deck.Rows[0].Answered.SetSelected(answeredBoth)
	if !m.Reflect.Save() {
		t.Fatal("save failed")
	}
	back, _ = st.Reflection(context.Background(), r.ID)
	if answers(back.Encounters[0]) != "q03:both" || answers(back.Encounters[1]) != "q03:both" {
		t.Errorf("after changing the card: Ana %q, Leo %q; want q03:both for both", answers(back.Encounters[0]), answers(back.Encounters[1]))
	}
}

func TestQuestionsSurviveADraft(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	c.Deck.Answered.SetSelected(answeredThem)
	test.Tap(c.Deck.Asked)
	b := c.draft()
	body, err := encodeDraft(b)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeDraft(body)
	if err != nil {
		t.Fatal(err)
	}
	c.Reset(testNow, 0)
	c.restore(back, time.UTC)
	r, err := c.Reflection()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Encounters) != 1 || answers(r.Encounters[0]) != "q01:them" {
		t.Errorf("restored draft records %q, want q01:them", answers(r.Encounters[0]))
	}
}

// labelTexts is the text of every label under obj, as the window lays it out.
func labelTexts(obj fyne.CanvasObject) []string {
	var out []string
	switch o := obj.(type) {
	case *widget.Label:
		return []string{o.Text}
	case *fyne.Container:
		for _, c := range o.Objects {
			out = append(out, labelTexts(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			out = append(out, labelTexts(c)...)
		}
	}
	return out
}

func TestInsightsScreenShowsTheDeck(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	r := &journal.Reflection{At: testNow.Add(-48 * time.Hour), Encounters: []journal.Encounter{{PersonID: ana.ID,
		Questions: []journal.AskedQuestion{{ID: "q02", TheyAnswered: true, IAnswered: true}, {ID: "q15", TheyAnswered: true}}}}}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	s := m.Insights
	s.RangeSelect.SetSelected(insights.PresetAll.String())
	s.SetPerson(ana.ID)
	m.Tabs.Select(m.Tabs.Items[2])
	want := "The deck of questions: Deepest level reached: Personal, since "
	tail := ". 2 of 36 questions asked; they answered 2, you answered 1, both answered 1."
	for _, text := range labelTexts(m.Window.Content()) {
		if strings.HasPrefix(text, want) && strings.HasSuffix(text, tail) {
			return
		}
	}
	t.Errorf("the insights screen has no line %q", want)
}

func TestTimelineRowShowsTheQuestionAsked(t *testing.T) {
	c := newTLRowContext("z", journal.BuiltinKinds, []journal.Person{{ID: "z", Name: "Zoë"}, {ID: "o", Name: "Omar"}})
	r := journal.Reflection{ID: "r1", At: testNow, Encounters: []journal.Encounter{
		{PersonID: "z", Questions: []journal.AskedQuestion{{ID: "q03", TheyAnswered: true, IAnswered: true}, {ID: "q04"}}},
		{PersonID: "o", Questions: []journal.AskedQuestion{{ID: "q20"}}},
	}}
	want := "with Omar · asked \u201cWhat were you completely obsessed with at the age of ten?\u201d (both answered) and 1 more"
	if got := c.row(&r).Others; got != want {
		t.Errorf("footer: got %q, want %q", got, want)
	}
	r.Encounters = r.Encounters[:1]
	r.Encounters[0].Questions = []journal.AskedQuestion{{ID: "q13", IAnswered: true}}
	if got := c.row(&r).Others; !strings.HasPrefix(got, "asked \u201cWhat did your family") || !strings.HasSuffix(got, "(you answered)") {
		t.Errorf("footer alone: %q", got)
	}
}
