package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal/journaltest"
)

// The date field's calendar closes with Escape, and the keyboard goes back
// to the date field; a day picked in it fills the field.
func TestEscapeClosesTheDateCalendar(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima") // past the welcome
	m := newWindow(t, st)
	m.Window.Show()
	c := m.Reflect.Composer
	open := func() {
		t.Helper()
		test.Tap(c.Date.ActionItem.(*escButton))
		if !c.Date.CalendarOpen() || m.Window.Canvas().Overlays().Top() == nil {
			t.Fatal("the calendar button showed no calendar")
		}
	}
	open()
	pressKey(m, fyne.KeyEscape)
	if c.Date.CalendarOpen() || m.Window.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape left the calendar open")
	}
	if m.Window.Canvas().Focused() != c.Date {
		t.Errorf("after Escape the keyboard is on %T, want the date field", m.Window.Canvas().Focused())
	}

	open()
	var day *widget.Button
	for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "15" {
			day = b
		}
	}
	if day == nil {
		t.Fatal("no day 15 in the calendar")
	}
	test.Tap(day)
	if c.Date.CalendarOpen() || c.Date.Date == nil || c.Date.Date.Day() != 15 || c.Date.Text == "" {
		t.Errorf("after picking the 15th: open %v, date %v, text %q", c.Date.CalendarOpen(), c.Date.Date, c.Date.Text)
	}
}

// The Menu key and Shift+F10 open the sidebar's menu for the selected
// person, as a right click does; the Person menu of the menu bar offers the
// same.
func TestThePersonMenuFromTheKeyboard(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	m.Window.Show()
	s := m.Sidebar

	personMenu := func() *fyne.Menu {
		for _, mu := range m.Window.MainMenu().Items {
			if mu.Label == "Person" {
				return mu
			}
		}
		t.Fatal("the menu bar has no Person menu")
		return nil
	}
	if items := personMenu().Items; len(items) != 1 || !items[0].Disabled {
		t.Errorf("with nobody selected the Person menu offers %d items, want one disabled", len(items))
	}

	// A click on her row gives the list the keyboard, on her row.
	rowAt := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.List).Add(fyne.NewPos(60, 20))
	test.TapCanvas(m.Window.Canvas(), rowAt)
	if m.Window.Canvas().Focused() != s.List || s.List.cursor != 0 || s.selectedPerson() == nil || s.selectedPerson().ID != ana.ID {
		t.Fatalf("after clicking Ana: the keyboard is on %T, its row %d", m.Window.Canvas().Focused(), s.List.cursor)
	}
	s.List.focusRow(1)
	if s.List.cursor != 1 {
		t.Errorf("the list's keyboard row is %d, want 1", s.List.cursor)
	}
	s.List.focusRow(0)
	shown := func(what string) {
		t.Helper()
		if s.Menu == nil || !s.Menu.Visible() || m.Window.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s opened no menu", what)
		}
		var labels []string
		for _, it := range s.menuShown.Items {
			labels = append(labels, it.Label)
		}
		if !strings.Contains(strings.Join(labels, "|"), "Write about Ana Lima") {
			t.Errorf("%s: the menu offers %q, want Ana's", what, labels)
		}
		s.Menu.Hide()
		s.Menu = nil
		m.focus(s.List)
	}
	pressKey(m, desktop.KeyMenu)
	shown("the Menu key")

	s.List.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	pressKey(m, fyne.KeyF10)
	s.List.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	shown("Shift+F10")

	pressKey(m, fyne.KeyF10)
	if s.Menu != nil {
		t.Error("F10 without Shift opened the person's menu")
	}
	// F10 alone opens the window's menus; Escape closes them.
	if m.menuPopUp == nil || !m.menuPopUp.Visible() {
		t.Error("F10 without Shift opened no menus")
	}
	pressKey(m, fyne.KeyEscape)
	if m.menuPopUp.Visible() {
		t.Error("Escape left the F10 menus open")
	}

	// The keyboard on Ben's row while Ana is selected: the menu is his.
	s.List.focusRow(1)
	pressKey(m, desktop.KeyMenu)
	var labels []string
	if s.Menu != nil {
		for _, it := range s.menuShown.Items {
			labels = append(labels, it.Label)
		}
	}
	if !strings.Contains(strings.Join(labels, "|"), "Write about Ben Okafor") {
		t.Errorf("the Menu key on Ben's row opened %q, want Ben's menu", labels)
	}
	if s.Menu != nil {
		s.Menu.Hide()
		s.Menu = nil
	}
	s.List.focusRow(0)
	m.focus(s.List)

	// With nothing holding the keyboard, the window takes the keys.
	m.Window.Canvas().Unfocus()
	pressKey(m, desktop.KeyMenu)
	shown("the Menu key, nothing focused")
	m.Window.Canvas().Unfocus()
	m.shift.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftRight}) // the desktop canvas's key down
	pressKey(m, fyne.KeyF10)
	m.shift.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftRight})
	shown("Shift+F10, nothing focused")

	var write *fyne.MenuItem
	for _, it := range personMenu().Items {
		if it.Label == "Write about Ana Lima" {
			write = it
		}
	}
	if write == nil {
		t.Fatalf("the Person menu does not offer to write about Ana")
	}
	write.Action()
	if cards := m.Reflect.Composer.Cards; m.Tabs.SelectedIndex() != 0 || len(cards) != 1 || cards[0].Person.ID != ana.ID {
		t.Error("Person > Write about did not open the composer with Ana's card")
	}
}
