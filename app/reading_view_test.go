package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// The reading view sets the text at a readable measure however wide the
// window, and shows who was there, how close, the moments with their notes
// and the questions asked.
func TestReadingViewSetsTheEveningWell(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	ben := journaltest.MustAddPerson(t, st, "Ben Okafor")
	q := journal.Deck().Questions()[0]
	text := strings.Repeat("We cooked, then talked until late about her plans and the years ahead. ", 80)
	r := &journal.Reflection{At: time.Date(2026, 3, 8, 21, 30, 0, 0, time.UTC), Text: text, Encounters: []journal.Encounter{
		{PersonID: ana.ID, Closeness: 6, Moments: []journal.Moment{{Kind: journal.KindDeepTalk, Note: "About moving abroad"}},
			Questions: []journal.AskedQuestion{{ID: q.ID, TheyAnswered: true, IAnswered: true}}},
		{PersonID: ben.ID, Closeness: 3},
	}}
	if err := st.SaveReflection(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	m := openWindow(t, a, st)
	m.Window.Resize(fyne.NewSize(1800, 900))
	m.Window.Show()
	m.OpenReflection(r.ID)
	settle(m)
	v := m.Reading
	if !m.ReadingShown() || v.Reflection == nil || v.Reflection.ID != r.ID {
		t.Fatal("Open did not show the evening in the reading view")
	}
	if m.Window.Canvas().Focused() != v {
		t.Errorf("the keyboard is in %T, want the reading view (its keys)", m.Window.Canvas().Focused())
	}
	// About 80 characters a line: the column is no wider than that, and
	// the text wraps in it.
	chars := fyne.MeasureText(strings.Repeat("abcdefghij", 8), theme.TextSize(), fyne.TextStyle{}).Width
	if w := v.Text.Size().Width; w > chars*1.15 || w < chars*0.6 {
		t.Errorf("the text is set %v wide in a 1800 wide window; 80 characters are %v", w, chars)
	}
	if p, ok := inView(m, v.Heading); !ok {
		t.Errorf("the heading at %v is out of view", p)
	}
	var people []string
	for _, o := range v.People.Objects {
		people = append(people, o.(*widget.Label).Text)
	}
	want := []string{"Ana Lima \u2014 " + journal.Closeness(6).Label() + " (6 of 7)", "Ben Okafor \u2014 " + journal.Closeness(3).Label() + " (3 of 7)"}
	if strings.Join(people, "|") != strings.Join(want, "|") {
		t.Errorf("who was there: %q, want %q", people, want)
	}
	var details []string
	for _, o := range v.Details.Objects {
		details = append(details, o.(*widget.Label).Text)
	}
	got := strings.Join(details, "\n")
	for _, w := range []string{"With Ana Lima", "About moving abroad", q.Text, "(both answered)"} {
		if !strings.Contains(got, w) {
			t.Errorf("the details do not say %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "Ben Okafor") {
		t.Errorf("Ben, with no moments or questions, has a details section:\n%s", got)
	}
	// Page Down reads on; Escape goes back to the tabs.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if v.scroll.Offset.Y == 0 {
		t.Errorf("Page Down did not scroll the evening")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.ReadingShown() {
		t.Errorf("Escape did not close the reading view")
	}
	// Ctrl+Shift+E edits.
	m.OpenReflection(r.ID)
	v.TypedShortcut(readingEditKey)
	if m.ReadingShown() || m.Reflect.Composer.ReflectionID != r.ID {
		t.Errorf("Ctrl+Shift+E did not open the evening in the composer")
	}
}

// Whatever shows a screen puts the tabs back in the reading view's place.
func TestScreensReplaceTheReadingView(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	r := &journal.Reflection{At: time.Date(2026, 3, 8, 21, 30, 0, 0, time.UTC), Text: "Tea.",
		Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 4}}}
	if err := st.SaveReflection(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	m := openWindow(t, test.NewTempApp(t), st)
	m.OpenReflection(r.ID)
	m.ShowSearch()
	if m.ReadingShown() || m.Tabs.SelectedIndex() != 3 {
		t.Errorf("Ctrl+F left the reading view in place of the search")
	}
	m.OpenReflection(r.ID)
	m.SelectPerson(ana.ID)
	if m.ReadingShown() || m.Tabs.SelectedIndex() != 1 {
		t.Errorf("choosing a person left the reading view in place of the timeline")
	}
}
