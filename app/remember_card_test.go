package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// rememberFixture is a journal whose today (testNow, 10 March 2026) has
// something to remember with Ana and nothing with Leo.
type rememberFixture struct {
	st           *journal.Store
	ana, leo     *journal.Person
	yearAgo      *journal.Reflection // 10 March 2025, Ana: the bond named for the first time
	fiveYearsAgo *journal.Reflection // 10 March 2021, Ana and Leo
}

func newRememberFixture(t *testing.T) *rememberFixture {
	t.Helper()
	f := &rememberFixture{st: openJournal(t)}
	f.ana = journaltest.MustAddPerson(t, f.st, "Ana Lima")
	f.leo = journaltest.MustAddPerson(t, f.st, "Leo Park")
	save := func(at time.Time, text string, encs ...journal.Encounter) *journal.Reflection {
		r := &journal.Reflection{At: at, Text: text, Encounters: encs}
		if err := f.st.SaveReflection(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	bond := journal.Encounter{PersonID: f.ana.ID, Moments: []journal.Moment{{Kind: journal.KindLabeledBond}}}
	f.fiveYearsAgo = save(time.Date(2021, 3, 10, 20, 0, 0, 0, time.Local), "Board games at Leo's.",
		journal.Encounter{PersonID: f.ana.ID}, journal.Encounter{PersonID: f.leo.ID})
	f.yearAgo = save(time.Date(2025, 3, 10, 21, 0, 0, 0, time.Local), "We said it out loud, finally.", bond)
	save(time.Date(2025, 3, 12, 21, 0, 0, 0, time.Local), "Leo, a quiet walk.", journal.Encounter{PersonID: f.leo.ID})
	return f
}

func cardTexts(c *RememberCard) []string {
	var out []string
	for _, m := range c.Memories {
		out = append(out, m.Kind+" "+m.Text)
	}
	return out
}

func TestRememberCardOnTheReflectScreen(t *testing.T) {
	f := newRememberFixture(t)
	m := newWindow(t, f.st)
	m.Window.Show()
	settle(m)
	c := m.Reflect.Remember
	// Above the composer one memory shows; the other is a click away.
	if !c.Visible() || len(c.Memories) != 2 || len(c.Opens) != 1 || c.Size().Height == 0 || c.More.Text != "Show 1 more" {
		t.Fatalf("card: visible %v, %d memories in %d rows, height %v, %q; want 2 memories, 1 row on screen and Show 1 more: %v", c.Visible(), len(c.Memories), len(c.Opens), c.Size().Height, c.More.Text, cardTexts(c))
	}
	// The evening the bond was named shows once, as that anniversary.
	want := []string{
		"first-labeled-bond-1y A year ago today, you first named the bond with Ana Lima.",
		"on-this-day-5y Five years ago today: an evening with Ana Lima and Leo Park.",
	}
	if got := cardTexts(c); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("memories:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	test.Tap(c.More)
	if len(c.Opens) != 2 {
		t.Fatalf("Show 1 more: %d rows, want 2", len(c.Opens))
	}
	if c.Day.Text != "Tuesday 10 March" {
		t.Errorf("day: got %q", c.Day.Text)
	}

	// Each memory opens its evening to be read.
	test.Tap(c.Opens[1])
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != f.fiveYearsAgo.ID {
		t.Fatalf("Open: the reading view does not show the evening of 2021")
	}

	// Deleting an evening takes it off the card at once.
	m.Reflect.DeleteNow(f.fiveYearsAgo.ID)
	if len(c.Memories) != 1 {
		t.Errorf("after a delete: got %v, want the one of 2025", cardTexts(c))
	}
	// And undoing it brings it back.
	test.Tap(m.Reflect.NoticeAction)
	if len(c.Memories) != 2 {
		t.Errorf("after undo: got %v, want both", cardTexts(c))
	}

	// Put away, it stays away for the day, and comes back the next.
	test.Tap(c.Dismiss)
	if c.Visible() {
		t.Error("dismissed, the card is still shown")
	}
	c.Reload()
	if c.Visible() {
		t.Error("dismissed, the card came back the same day")
	}
	f.st.Now = func() time.Time { return time.Date(2026, 3, 12, 9, 0, 0, 0, time.Local) }
	m.checkDay()
	if !c.Visible() || len(c.Memories) != 1 || !strings.Contains(c.Memories[0].Text, "Leo Park") {
		t.Errorf("the next day but one: visible %v, %v; want the walk with Leo", c.Visible(), cardTexts(c))
	}
	// A day with nothing to remember has no card at all.
	f.st.Now = func() time.Time { return time.Date(2026, 3, 13, 9, 0, 0, 0, time.Local) }
	m.checkDay()
	if c.Visible() || len(c.Opens) != 0 {
		t.Errorf("nothing to remember: visible %v with %d rows, want no card", c.Visible(), len(c.Opens))
	}
}

func TestRememberCardAbsentWithNothingToRemember(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	r := &journal.Reflection{At: testNow.AddDate(0, 0, -3), Text: "Lunch.", Encounters: []journal.Encounter{{PersonID: ana.ID}}}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	if m.Reflect.Remember.Visible() || len(m.Reflect.Remember.Opens) != 0 {
		t.Error("nothing on this day: the Reflect screen shows a Remember card")
	}
	m.SelectPerson(ana.ID)
	if m.Timeline.Remember.Visible() {
		t.Error("nothing on this day: the timeline shows a Remember section")
	}
}

func TestRememberOnTheTimeline(t *testing.T) {
	f := newRememberFixture(t)
	m := newWindow(t, f.st)
	m.Window.Show()
	c := m.Timeline.Remember
	if c.Visible() {
		t.Fatal("nobody chosen: the timeline shows a Remember section")
	}
	m.SelectPerson(f.leo.ID)
	if !c.Visible() || len(c.Memories) != 1 || c.Memories[0].ReflectionID != f.fiveYearsAgo.ID {
		t.Fatalf("Leo: visible %v, %v; want the evening of 2021", c.Visible(), cardTexts(c))
	}
	if c.Dismiss != nil {
		t.Error("the timeline's section cannot be put away: it is the person's own")
	}
	m.SelectPerson(f.ana.ID)
	if len(c.Memories) != 2 {
		t.Fatalf("Ana: got %v, want two", cardTexts(c))
	}
	test.Tap(c.Opens[0])
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != f.yearAgo.ID {
		t.Errorf("Open: the reading view does not show the evening the bond was named")
	}

	// A new evening a year ago with Leo, saved elsewhere, shows on his
	// timeline once the window hears of it.
	m.SelectPerson(f.leo.ID)
	r := &journal.Reflection{At: time.Date(2025, 3, 10, 19, 0, 0, 0, time.Local), Text: "Climbing.",
		Encounters: []journal.Encounter{{PersonID: f.leo.ID, Moments: []journal.Moment{{Kind: journal.KindAdventure}}}}}
	if err := f.st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m.ReflectionChanged(r.ID)
	if got := cardTexts(c); len(got) != 2 || !strings.HasPrefix(got[0], "first-adventure-1y") {
		t.Errorf("after a save: got %v, want Leo's first adventure and 2021's evening", got)
	}
}

func TestRememberCardFoldsABusyDay(t *testing.T) {
	st := openJournal(t)
	leo := journaltest.MustAddPerson(t, st, "Leo Park")
	for h := range 5 {
		r := &journal.Reflection{At: time.Date(2025, 3, 10, 9+2*h, 0, 0, 0, time.Local), Text: "Another one.", Encounters: []journal.Encounter{{PersonID: leo.ID}}}
		if err := st.SaveReflection(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	m := newWindow(t, st)
	c := m.Reflect.Remember
	if len(c.Memories) != 5 || len(c.Opens) != 1 || !c.More.Visible() || c.More.Text != "Show 4 more" {
		t.Fatalf("got %d memories in %d rows, more %v %q; want 5 in 1 row and Show 4 more", len(c.Memories), len(c.Opens), c.More.Visible(), c.More.Text)
	}
	test.Tap(c.More)
	if len(c.Opens) != 5 || c.More.Text != "Show fewer" {
		t.Errorf("unfolded: %d rows, %q; want 5 and Show fewer", len(c.Opens), c.More.Text)
	}
	test.Tap(c.More)
	if len(c.Opens) != 1 {
		t.Errorf("folded again: %d rows, want 1", len(c.Opens))
	}
}

// findLabel finds a label whose text has part, among o and everything in it.
func findLabel(o fyne.CanvasObject, part string) *widget.Label {
	if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, part) {
		return l
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if l := findLabel(c, part); l != nil {
			return l
		}
	}
	return nil
}

func TestInsightsSayWhichFirstsComeRoundSoon(t *testing.T) {
	st := openJournal(t)
	leo := journaltest.MustAddPerson(t, st, "Leo Park")
	r := &journal.Reflection{At: time.Date(2025, 3, 20, 19, 0, 0, 0, time.Local), Text: "Climbing.",
		Encounters: []journal.Encounter{{PersonID: leo.ID, Moments: []journal.Moment{{Kind: journal.KindAdventure}, {Kind: journal.KindJudged}}}}}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	m.SelectPerson(leo.ID)
	m.Tabs.Select(m.Tabs.Items[2])
	want := "Coming up: 1 year since the first “Adventure” (Fri 20 Mar)."
	if l := findLabel(m.Insights, "Coming up"); l == nil || l.Text != want {
		t.Errorf("got %v, want a line %q", l, want)
	}
}

// Each memory says what makes its evening itself: when it was and the
// moments it held, not only the sentence that may repeat.
func TestRememberCardTellsItsEveningsApart(t *testing.T) {
	f := newRememberFixture(t)
	m := newWindow(t, f.st)
	m.Window.Show()
	settle(m)
	var label string
	for _, k := range m.kinds {
		if k.ID == journal.KindLabeledBond {
			label = k.Label
		}
	}
	test.Tap(m.Reflect.Remember.More) // every memory, not only the first
	var texts []string
	for _, o := range test.LaidOutObjects(m.Reflect.Remember.Rows) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	want := eveningText(f.yearAgo.At) + " \u00b7 " + label
	if !slices.Contains(texts, want) {
		t.Errorf("the card says %q, want a line %q", texts, want)
	}
	if !slices.Contains(texts, eveningText(f.fiveYearsAgo.At)) {
		t.Errorf("the card says %q, want the time of the evening of 2021", texts)
	}
}
