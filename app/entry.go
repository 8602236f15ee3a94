package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"strings"
	"time"
)

// textEntry is a widget.Entry that passes on what a focused Fyne entry would
// swallow: the window's own shortcuts (Ctrl+Enter to save...), Escape (to
// close the dialog it sits in) and, for a single line, Down (to move into a
// list of suggestions).
type textEntry struct {
	widget.Entry
	onShortcut func(fyne.Shortcut) bool // reports whether it handled it
	onEscape   func()
	onDown     func()
}

func newTextEntry(placeholder string) *textEntry {
	e := &textEntry{}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineTextEntry(placeholder string) *textEntry {
	e := newTextEntry(placeholder)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *textEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// AcceptsTab is false even for several lines: Tab moves on, as everywhere
// else, so the keyboard never gets stuck in a text box.
func (e *textEntry) AcceptsTab() bool { return false }

func (e *textEntry) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(e, ev) {
		return
	}
	switch {
	case ev.Name == fyne.KeyEscape && e.onEscape != nil:
		e.onEscape()
		return
	case ev.Name == fyne.KeyDown && !e.MultiLine && e.onDown != nil:
		e.onDown()
		return
	}
	e.Entry.TypedKey(ev)
}

// dateEntry is a widget.DateEntry that passes the window's shortcuts on and
// reports every edit (the DateEntry itself reports only whole dates).
// Its calendar pop-up is its own (date_calendar.go), closed by Escape.
type dateEntry struct {
	widget.DateEntry
	onShortcut func(fyne.Shortcut) bool
	onEdited   func()
	calendar   *widget.PopUp // while open
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ActionItem = e.calendarButton()
	return e
}

// CreateRenderer reads and checks the field as a person writes a date
// (date_words.go) rather than in the locale's numbers, which Fyne's own
// entry insists on. An empty field is no error: a form that needs a date
// says so itself.
func (e *dateEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	e.Validator = func(in string) error {
		if strings.TrimSpace(in) == "" {
			return nil
		}
		_, err := parseDayText(in, time.Now(), time.Local)
		return err
	}
	e.Entry.OnChanged = func(in string) {
		var d *time.Time
		if t, err := parseDayText(in, time.Now(), time.Local); err == nil {
			d = &t
		} else if strings.TrimSpace(in) != "" {
			return
		}
		e.Date = d
		if f := e.OnChanged; f != nil {
			f(d)
		}
	}
	return r
}

// SetDate shows the day with its month's name: 6 Dec 2026.
func (e *dateEntry) SetDate(d *time.Time) {
	e.Date = d
	if d == nil {
		e.Entry.SetText("")
		return
	}
	e.Entry.SetText(dayText(*d))
}

func (e *dateEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.DateEntry.TypedShortcut(s)
	e.edited()
}

func (e *dateEntry) TypedRune(r rune) {
	e.DateEntry.TypedRune(r)
	e.edited()
}

func (e *dateEntry) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(e, ev) {
		return
	}
	e.DateEntry.TypedKey(ev)
	e.edited()
}

func (e *dateEntry) edited() {
	if e.onEdited != nil {
		e.onEdited()
	}
}

// escButton is a button that hands Escape on, so a dialog closes with
// Escape even while one of its buttons has the keyboard, and that Enter
// presses as well as Space.
type escButton struct {
	widget.Button
	onEscape func()
}

func newEscButton(label string, importance widget.Importance, tapped func()) *escButton {
	b := &escButton{}
	b.Text = label
	b.Importance = importance
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *escButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && b.onEscape != nil:
		b.onEscape()
		return
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		// Enter presses a focused button, as Space does.
		b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	case windowKey(b, ev):
		return
	}
	b.Button.TypedKey(ev)
}
