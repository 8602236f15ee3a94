package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// personList is the sidebar's list of people with the keyboard's way to the
// menu a right click opens: the Menu key, or Shift+F10. Fyne reports Shift
// with F10 as a plain F10, so the list follows Shift itself.
type personList struct {
	widget.List
	shift  shiftKey
	onMenu func(row widget.ListItemID)
	// cursor mirrors the row the List's keyboard focus is on, which Fyne
	// keeps to itself and moves only with Up and Down (and with a tap on a
	// row, which our rows take before the List sees it).
	cursor widget.ListItemID
}

var _ desktop.Keyable = (*personList)(nil)

// shiftKey follows whether Shift is held, from key presses and releases,
// to tell the menu keys: Menu, or Shift+F10.
type shiftKey struct{ held bool }

func (s *shiftKey) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		s.held = true
	}
}

func (s *shiftKey) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		s.held = false
	}
}

// menuKey reports whether ev asks for a context menu.
func (s *shiftKey) menuKey(ev *fyne.KeyEvent) bool {
	return ev.Name == desktop.KeyMenu || (ev.Name == fyne.KeyF10 && s.held)
}

func newPersonList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *personList {
	l := &personList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *personList) KeyDown(ev *fyne.KeyEvent) { l.shift.KeyDown(ev) }
func (l *personList) KeyUp(ev *fyne.KeyEvent)   { l.shift.KeyUp(ev) }

func (l *personList) FocusLost() {
	l.shift.held = false
	l.List.FocusLost()
}

func (l *personList) TypedKey(ev *fyne.KeyEvent) {
	if l.shift.menuKey(ev) {
		if l.onMenu != nil {
			l.onMenu(l.cursor)
		}
		return
	}
	if windowKey(l, ev) {
		return
	}
	n := 0
	if l.Length != nil {
		n = l.Length()
	}
	switch {
	case ev.Name == fyne.KeyDown && l.cursor < n-1:
		l.cursor++
	case ev.Name == fyne.KeyUp && l.cursor > 0:
		l.cursor--
	}
	l.List.TypedKey(ev)
}

// focusRow gives the list the keyboard with its focus on row i, as a click
// on a row of a plain List does on the desktop.
func (l *personList) focusRow(i widget.ListItemID) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(l)
	}
	for l.cursor < i && l.cursor < l.Length()-1 {
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	for l.cursor > i && l.cursor > 0 {
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	}
}

// selectedPerson is the person the sidebar has selected, else the one whose
// timeline is shown; nil for nobody.
func (s *Sidebar) selectedPerson() *journal.PersonSummary {
	if s.selected >= 0 && s.selected < len(s.shown) {
		return &s.shown[s.selected]
	}
	if s.m.Timeline != nil && s.m.people != nil {
		return s.m.people.person(s.m.Timeline.PersonID())
	}
	return nil
}

// showMenu opens a person's menu by their row, as a right click on it would
// (the Menu key, Shift+F10): the person on the list's keyboard row, or with
// row < 0 (the list without the keyboard) the selected one.
func (s *Sidebar) showMenu(row widget.ListItemID) {
	p := s.selectedPerson()
	if row >= 0 && row < len(s.shown) {
		p = &s.shown[row]
	}
	if p == nil {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s.List)
	if c == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(s.List)
	for i := range s.shown {
		if s.shown[i].ID == p.ID {
			s.List.ScrollTo(i)
			for _, r := range s.rows {
				if r.index == i && r.Visible() {
					pos = d.AbsolutePositionForObject(r).Add(fyne.NewPos(r.Size().Width/3, r.Size().Height/2))
				}
			}
		}
	}
	s.menuShown = s.menuFor(*p)
	s.Menu = widget.NewPopUpMenu(s.menuShown, c)
	s.Menu.ShowAtPosition(pos)
}

// personMenu is the menu bar's Person menu: what the sidebar's menu offers
// for the selected person.
func (m *MainWindow) personMenu() *fyne.Menu {
	m.personItems = fyne.NewMenu("Person")
	m.refreshPersonMenu()
	return m.personItems
}

// refreshPersonMenu puts the selected person in the Person menu.
func (m *MainWindow) refreshPersonMenu() {
	if m.personItems == nil || m.Sidebar == nil {
		return
	}
	if p := m.Sidebar.selectedPerson(); p != nil {
		m.personItems.Items = m.Sidebar.menuFor(*p).Items
	} else {
		none := fyne.NewMenuItem("Select someone in the list first", nil)
		none.Disabled = true
		m.personItems.Items = []*fyne.MenuItem{none}
	}
	if mm := m.Window.MainMenu(); mm != nil {
		mm.Refresh()
	}
}
