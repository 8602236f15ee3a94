package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestAnEmptyJournalShowsTheWelcome(t *testing.T) {
	st := openJournal(t)
	m := newWindow(t, st)
	if !m.ShowingWelcome() {
		t.Fatal("an empty journal does not show the welcome")
	}
	w := m.Welcome
	test.Tap(w.AddFirst)
	if !w.Problem.Visible() || w.Problem.Text != "A person needs a name." {
		t.Errorf("adding no one: got %q (visible %v)", w.Problem.Text, w.Problem.Visible())
	}
	typeInto(m, w.Name, "Sam Rivera")
	pressKey(m, fyne.KeyReturn)
	people, err := st.People(context.Background(), true)
	if err != nil || len(people) != 1 || people[0].Name != "Sam Rivera" {
		t.Fatalf("people after the welcome: got %+v (%v)", people, err)
	}
	if m.ShowingWelcome() || m.Tabs.SelectedIndex() != 0 {
		t.Error("after adding the first person the composer is not shown")
	}
	c := m.Reflect.Composer
	if len(c.Cards) != 1 || c.Cards[0].Person.ID != people[0].ID {
		t.Fatal("the composer has no card for the first person")
	}
	if m.Window.Canvas().Focused() != c.Cards[0].Closeness {
		t.Error("the keyboard is not on the first person's closeness")
	}
}

func TestAJournalWithPeopleSkipsTheWelcome(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	if m.ShowingWelcome() || m.IsSample || m.Banner != nil {
		t.Error("a journal with people shows the welcome or a sample banner")
	}
	if m.Window.Title() != "Kindred" {
		t.Errorf("title: got %q", m.Window.Title())
	}
}

func TestTheSampleJournalOpensApartAndMarked(t *testing.T) {
	st := openJournal(t)
	m := newWindow(t, st)
	sw := <-m.OpenSample()
	if sw == nil {
		t.Fatal("the sample journal did not open")
	}
	t.Cleanup(func() {
		if !sw.closed {
			sw.Window.Close()
		}
	})
	<-sw.Loaded()
	path := filepath.Join(filepath.Dir(st.Path()), "sample.db")
	if sw.store.Path() != path {
		t.Errorf("sample path: got %s, want %s", sw.store.Path(), path)
	}
	if !sw.IsSample || sw.Banner == nil || !strings.Contains(sw.Banner.Text(), "Sample journal") {
		t.Error("the sample window is not marked as a sample")
	}
	if sw.Window.Title() != "Kindred — sample journal" || sw.ShowingWelcome() {
		t.Errorf("sample window: title %q, welcome %v", sw.Window.Title(), sw.ShowingWelcome())
	}
	if n := len(sw.Sidebar.Shown()); n < 10 {
		t.Errorf("people in the sample: got %d, want about a dozen", n)
	}
	// The user's journal is untouched.
	stats, err := st.Stats(context.Background())
	if err != nil || stats != (journal.Stats{}) {
		t.Errorf("the user's journal after the sample: %+v (%v), want empty", stats, err)
	}
	if !m.ShowingWelcome() {
		t.Error("the user's window left the welcome")
	}
	// Closing the sample closes its journal; opening it again reuses the file.
	sw.Window.Close()
	if _, err := sw.store.Stats(context.Background()); err == nil {
		t.Error("the sample's journal is still open after its window closed")
	}
	again := <-m.OpenSample()
	if again == nil {
		t.Fatal("the sample did not open a second time")
	}
	<-again.Loaded()
	if len(again.Sidebar.Shown()) != len(sw.Sidebar.Shown()) {
		t.Error("the second opening shows a different sample")
	}
	again.Window.Close()
}

func TestAFileThatIsNotASampleIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	other, err := journal.Open(context.Background(), filepath.Join(dir, "sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	journaltest.MustAddPerson(t, other, "Someone real")
	other.Close()
	st, err := journal.Open(context.Background(), filepath.Join(dir, "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := newWindow(t, st)
	if sw := <-m.OpenSample(); sw != nil {
		t.Fatal("a journal that is not a sample was opened as one")
	}
	if len(m.dialogs) != 1 {
		t.Error("the refusal was not shown")
	}
	info, err := os.Stat(filepath.Join(dir, "sample.db"))
	if err != nil || info.Size() == 0 {
		t.Errorf("the other file: %v", err)
	}
}

func TestTheSidebarFiltersAsYouType(t *testing.T) {
	st := openJournal(t)
	ctx := context.Background()
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	journaltest.MustAddPerson(t, st, "Ben Okafor")
	journaltest.MustAddPerson(t, st, "Zoë Martin")
	old := journaltest.MustAddPerson(t, st, "Anaïs Roy")
	if err := st.SetArchived(ctx, old.ID, true); err != nil {
		t.Fatal(err)
	}
	r := &journal.Reflection{At: testNow.Add(-3 * 24 * time.Hour), Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5}}}
	if err := st.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	s := m.Sidebar
	names := func() string {
		var out []string
		for _, p := range s.Shown() {
			out = append(out, p.Name)
		}
		return strings.Join(out, ", ")
	}
	if got := names(); got != "Ana Lima, Ben Okafor, Zoë Martin" || s.Count.Text != "People (3)" {
		t.Errorf("sidebar: got %q, %q", got, s.Count.Text)
	}
	typeInto(m, s.Filter, "zoe")
	if got := names(); got != "Zoë Martin" || s.Count.Text != "People (1 of 3)" {
		t.Errorf("filter zoe: got %q, %q", got, s.Count.Text)
	}
	s.Filter.SetText("an")
	if got := names(); got != "Ana Lima" {
		t.Errorf("filter an: got %q", got)
	}
	test.Tap(s.ShowArchived)
	if got := names(); got != "Ana Lima, Anaïs Roy" {
		t.Errorf("filter an with archived: got %q", got)
	}
	s.Filter.SetText("xyz")
	if !s.empty.Visible() || !strings.Contains(s.empty.Text, "No one matches") {
		t.Errorf("no match: got %q", s.empty.Text)
	}

	// A row shows the badge, when they were last together and how close.
	row := newPersonRow()
	row.set(m.people.person(ana.ID), m.now())
	if row.badge.Initials != "AL" || row.name.Text != "Ana Lima" || row.detail.Text != "3 days ago · 1 evening" || row.glyph.Value != 5 {
		t.Errorf("Ana's row: %q %q %q closeness %d", row.badge.Initials, row.name.Text, row.detail.Text, row.glyph.Value)
	}
	row.set(m.people.person(old.ID), m.now())
	if row.name.Text != "Anaïs Roy (archived)" || row.detail.Text != "No evenings yet" || row.glyph.Value != journal.NotRated {
		t.Errorf("Anaïs's row: %q %q", row.name.Text, row.detail.Text)
	}
}

func TestSinceText(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, "not yet"},
		{now.Add(-time.Hour), "today"},
		{time.Date(2026, 3, 9, 23, 0, 0, 0, time.UTC), "yesterday"},
		{now.AddDate(0, 0, -5), "5 days ago"},
		{now.AddDate(0, 0, -20), "2 weeks ago"},
		{now.AddDate(0, 0, -70), "December 2025"},
		{time.Date(2026, 1, 2, 20, 0, 0, 0, time.UTC), "January"},
		{now.AddDate(0, 0, -50), "7 weeks ago"},
	} {
		if got := sinceText(c.t, now); got != c.want {
			t.Errorf("sinceText(%v): got %q, want %q", c.t, got, c.want)
		}
	}
}

func TestAddingAPersonFromTheSidebarKeepsTheNameOnAProblem(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	test.Tap(m.Sidebar.AddButton)
	if len(m.dialogs) != 1 || m.Window.Canvas().Focused() != m.addPersonEntry {
		t.Fatal("Add person does not open a dialog with the keyboard in its name field")
	}
	typeText(m, "ana lima")
	pressKey(m, fyne.KeyReturn)
	if len(m.dialogs) != 1 || m.addPersonEntry.Text != "ana lima" {
		t.Fatal("a name already in the journal closed the dialog or lost the name")
	}
	m.addPersonEntry.SetText("Ana Pereira")
	pressKey(m, fyne.KeyReturn)
	if len(m.dialogs) != 0 {
		t.Fatal("the dialog did not close after adding")
	}
	<-m.Loaded()
	found := false
	for _, p := range m.Sidebar.Shown() {
		found = found || p.Name == "Ana Pereira"
	}
	if !found {
		t.Error("the new person is not in the sidebar")
	}
}

func TestCtrlKJumpsToAPerson(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	ben := journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	pressShortcut(m, ctrl(fyne.KeyK))
	if m.jump == nil || len(m.dialogs) != 1 || m.Window.Canvas().Focused() != m.jump.Entry {
		t.Fatal("Ctrl+K did not open the picker with the keyboard in it")
	}
	typeText(m, "oka")
	if len(m.jump.matches) != 1 || m.jump.matches[0].ID != ben.ID {
		t.Fatalf("matches for oka: %+v", m.jump.matches)
	}
	pressKey(m, fyne.KeyReturn)
	if len(m.dialogs) != 0 || m.Tabs.SelectedIndex() != 1 {
		t.Errorf("after Enter: %d dialogs, tab %d, want the timeline", len(m.dialogs), m.Tabs.SelectedIndex())
	}
}

func TestEscapeClosesDialogs(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)

	m.ShowError("Could not read the journal", errors.New("the disk went away"))
	if len(m.dialogs) != 1 || m.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("ShowError did not show a dialog")
	}
	pressKey(m, fyne.KeyEscape) // nothing in the dialog has the keyboard
	if len(m.dialogs) != 0 || m.Window.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the error")
	}

	pressShortcut(m, ctrl(fyne.KeyK))
	pressKey(m, fyne.KeyEscape) // the picker's entry has it
	if len(m.dialogs) != 0 {
		t.Error("Escape did not close the person picker")
	}

	md := m.confirm("Really?", "A question.", "Yes", func() { t.Error("Escape confirmed") })
	m.Window.Canvas().Focus(md.buttons[0].(fyne.Focusable))
	pressKey(m, fyne.KeyEscape) // a button has it
	if len(m.dialogs) != 0 || m.Window.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the confirmation")
	}
}

func TestKeyboardShortcutsOpenTheScreens(t *testing.T) {
	st := openJournal(t)
	m := newWindow(t, st)
	pressShortcut(m, ctrl(fyne.KeyN))
	if m.ShowingWelcome() || m.Tabs.SelectedIndex() != 0 || m.Window.Canvas().Focused() != m.Reflect.Composer.People.Entry {
		t.Error("Ctrl+N from the welcome does not open the composer on the people field")
	}
	pressShortcut(m, ctrl(fyne.KeyF))
	if m.Tabs.SelectedIndex() != 3 {
		t.Errorf("Ctrl+F: tab %d, want search", m.Tabs.SelectedIndex())
	}
	// Ctrl+S away from the composer saves nothing and changes nothing.
	m.Reflect.Composer.Text.SetText("kept")
	pressShortcut(m, ctrl(fyne.KeyS))
	if m.Reflect.Composer.Text.Text != "kept" || m.Reflect.Composer.People.Error.Visible() {
		t.Error("Ctrl+S acted on the composer from another tab")
	}
	pressShortcut(m, ctrl(fyne.KeyN))
	if m.Tabs.SelectedIndex() != 0 || m.Reflect.Composer.Text.Text != "kept" {
		t.Error("Ctrl+N threw away a reflection in progress")
	}
}

// Every control of the main window and the composer can be reached with Tab.
func TestTabReachesEveryControl(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	card := c.AddPerson(*m.people.person(ana.ID))
	card.Toggle(journal.KindDeepTalk)
	settle(m)
	reached := map[fyne.Focusable]bool{}
	canvas := m.Window.Canvas()
	canvas.Unfocus()
	for range 400 {
		canvas.FocusNext()
		f := canvas.Focused()
		if f == nil || reached[f] {
			break
		}
		reached[f] = true
	}
	want := map[string]fyne.Focusable{
		"sidebar filter":      m.Sidebar.Filter,
		"add person":          m.Sidebar.AddButton,
		"show archived":       m.Sidebar.ShowArchived,
		"people list":         m.Sidebar.List,
		"date":                c.Date,
		"time":                c.Time,
		"people field":        c.People.Entry,
		"remove person":       card.Remove,
		"closeness":           card.Closeness,
		"a moment chip":       card.Chips[journal.KindLaughed],
		"a misstep chip":      card.Chips[journal.KindJudged],
		"your own kind":       card.NewKind,
		"a moment's note":     card.Notes[journal.KindDeepTalk],
		"another prompt":      c.PromptNext,
		"hide the prompt":     c.PromptHide,
		"the reflection text": c.Text,
		"discard":             c.Discard,
		"save":                c.Save,
	}
	for name, f := range want {
		if !reached[f] {
			t.Errorf("Tab never reaches the %s", name)
		}
	}
}

func TestAPersonsMenuWritesAboutThemAndArchives(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	menu := m.Sidebar.menuFor(*m.people.person(ana.ID))
	item := func(label string) *fyne.MenuItem {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
		t.Fatalf("no menu item %q", label)
		return nil
	}
	m.Tabs.SelectIndex(2)
	item("Write about Ana Lima").Action()
	c := m.Reflect.Composer
	if m.Tabs.SelectedIndex() != 0 || len(c.Cards) != 1 || c.Cards[0].Person.ID != ana.ID {
		t.Fatal("Write about did not open the composer with Ana's card")
	}
	item("Archive").Action()
	<-m.Loaded()
	if len(m.Sidebar.Shown()) != 1 || m.Sidebar.Shown()[0].Name != "Ben Okafor" {
		t.Errorf("after archiving Ana the sidebar shows %+v", m.Sidebar.Shown())
	}
	p, _ := st.Person(context.Background(), ana.ID)
	if !p.Archived {
		t.Error("Ana is not archived in the journal")
	}
	menu = m.Sidebar.menuFor(*m.people.person(ana.ID))
	item("Bring back from the archive").Action()
	<-m.Loaded()
	if len(m.Sidebar.Shown()) != 2 {
		t.Error("Ana did not come back from the archive")
	}
}

func TestClickingAPersonInTheSidebarOpensTheirTimeline(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	m.Window.Resize(fyne.NewSize(1100, 720))
	m.Window.Show()

	// Click where a user would: on the first row of the list, through the canvas.
	rowAt := fyne.CurrentApp().Driver().AbsolutePositionForObject(m.Sidebar.List).Add(fyne.NewPos(60, 20))
	test.TapCanvas(m.Window.Canvas(), rowAt)
	if got := m.Tabs.Selected().Text; got != "Timeline" {
		t.Fatalf("after clicking Ana the %q tab is shown, want Timeline", got)
	}
	if m.Timeline.personID != ana.ID {
		t.Errorf("the timeline shows %q, want Ana's", m.Timeline.personID)
	}

	// Clicking her again after moving away brings the timeline back.
	m.Tabs.SelectIndex(0)
	test.TapCanvas(m.Window.Canvas(), rowAt)
	if got := m.Tabs.Selected().Text; got != "Timeline" {
		t.Errorf("clicking the selected person again shows %q, want Timeline", got)
	}
}
