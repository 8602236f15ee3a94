package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The date entry opens its own calendar pop-up rather than Fyne's: Fyne's
// cannot be reached, and nothing in it takes the keyboard, so Escape went to
// the window and the calendar stayed open. Ours takes the keyboard while it
// is open: Escape closes it and gives the keyboard back to the date field.

// calendarButton is the date entry's action item: it opens the calendar.
func (e *dateEntry) calendarButton() *escButton {
	b := newKeyButton("", theme.Icon(theme.IconNameCalendar), e.openCalendar)
	b.Importance = widget.LowImportance
	return b
}

// openCalendar shows the calendar under the field, at the date it holds.
func (e *dateEntry) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start := time.Now()
	if e.Date != nil {
		start = *e.Date
	}
	panel := &calendarPanel{cal: widget.NewCalendar(start, e.pick), onEscape: e.closeCalendar}
	panel.ExtendBaseWidget(panel)
	e.calendar = widget.NewPopUp(panel, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.calendar.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height-e.Theme().Size(theme.SizeNameInputBorder))))
	e.calendar.Resize(fyne.NewSize(e.Size().Width, e.calendar.MinSize().Height))
	c.Focus(panel)
}

// CalendarOpen reports whether the calendar pop-up is showing.
func (e *dateEntry) CalendarOpen() bool { return e.calendar != nil && e.calendar.Visible() }

// pick takes the day chosen in the calendar.
func (e *dateEntry) pick(d time.Time) {
	e.closeCalendar()
	e.SetDate(&d)
	e.edited()
}

// closeCalendar hides the calendar and gives the keyboard back to the field.
func (e *dateEntry) closeCalendar() {
	if e.calendar == nil {
		return
	}
	e.calendar.Hide()
	e.calendar = nil
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// calendarPanel holds the calendar and takes the keyboard while it shows,
// for Escape.
type calendarPanel struct {
	widget.BaseWidget
	cal      *widget.Calendar
	onEscape func()
}

var _ fyne.Focusable = (*calendarPanel)(nil)

func (p *calendarPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.cal)
}

func (p *calendarPanel) FocusGained()   {}
func (p *calendarPanel) FocusLost()     {}
func (p *calendarPanel) TypedRune(rune) {}

func (p *calendarPanel) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		p.onEscape()
	}
}
