package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands a key without Ctrl or Alt to the focused widget alone; the
// window hears it only while nothing has the keyboard. So the window's
// plain keys (F1 for the keys, F10 for the menus) are passed on by our own
// widgets through windowKey, which finds their window by canvas.

// windows are the open main windows by canvas, for windowKey.
var windows = map[fyne.Canvas]*MainWindow{}

// windowKey runs the window key ev is, if it is one, for the window obj is
// in; it reports whether it did.
func windowKey(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyF1 && ev.Name != fyne.KeyF10 {
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil {
		return false
	}
	m := windows[c]
	if m == nil {
		return false
	}
	return m.functionKey(ev)
}

// keyList is a List whose rows open with Enter as well as Space, and whose
// keyboard row steps over rows that are only headings.
type keyList struct {
	widget.List
	// heading reports whether a row is a heading the keyboard skips.
	heading func(widget.ListItemID) bool
	// travel, if set, takes the keys that move in time (the timeline's
	// Page Up/Down, Home/End) before the list does.
	travel func(*fyne.KeyEvent) bool
	// cursor mirrors the row the List's keyboard focus is on, which Fyne
	// keeps to itself.
	cursor widget.ListItemID
}

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(l, ev) || l.travel != nil && l.travel(ev) {
		return
	}
	n := 0
	if l.Length != nil {
		n = l.Length()
	}
	if l.cursor >= n {
		l.cursor = 0 // the rows were replaced; Fyne starts again at the top
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	case fyne.KeyDown:
		for l.cursor < n-1 {
			l.List.TypedKey(ev)
			l.cursor++
			if l.heading == nil || !l.heading(l.cursor) {
				break
			}
		}
		return
	case fyne.KeyUp:
		for l.cursor > 0 {
			l.List.TypedKey(ev)
			l.cursor--
			if l.heading == nil || !l.heading(l.cursor) || l.cursor == 0 {
				break
			}
		}
		return
	}
	l.List.TypedKey(ev)
}

// FocusGained puts the keyboard on the first row that is not a heading.
func (l *keyList) FocusGained() {
	l.List.FocusGained()
	if l.heading != nil && l.cursor == 0 && l.Length != nil && l.Length() > 1 && l.heading(0) {
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
}

// reset says the rows were replaced: Fyne's keyboard row is not moved, so
// ours follows it back to where it is.
func (l *keyList) reset() {
	for l.cursor > 0 {
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		l.cursor--
	}
}

// newKeyButton is a button that Enter presses as well as Space.
func newKeyButton(label string, icon fyne.Resource, tapped func()) *escButton {
	b := newEscButton(label, widget.MediumImportance, tapped)
	b.Icon = icon
	return b
}
