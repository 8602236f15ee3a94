package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// page is a screen's scrolling page, and whether it is on screen now.
type page struct {
	scroll  *container.Scroll
	showing func() bool
}

// addPage makes a screen's scroll one that follows the keyboard and that
// the wheel over its entries scrolls.
func (m *MainWindow) addPage(s *container.Scroll, showing func() bool) {
	m.pages = append(m.pages, page{scroll: s, showing: showing})
}

// pageOf is the page on screen that holds o, or nil.
func pageOf(o fyne.CanvasObject) *container.Scroll {
	d := fyne.CurrentApp().Driver()
	m := windows[d.CanvasForObject(o)]
	if m == nil {
		return nil
	}
	at := d.AbsolutePositionForObject(o)
	for _, p := range m.pages {
		if !p.showing() {
			continue
		}
		top := d.AbsolutePositionForObject(p.scroll)
		size := p.scroll.Size()
		if at.X >= top.X && at.Y >= top.Y-p.scroll.Offset.Y && at.X < top.X+size.Width &&
			at.Y < top.Y-p.scroll.Offset.Y+p.scroll.Content.Size().Height {
			return p.scroll
		}
	}
	return nil
}

// followFocus scrolls the page holding the focused widget so that the
// widget is in view: Tab into a card below the fold shows it.
func (m *MainWindow) followFocus() {
	f, ok := m.Window.Canvas().Focused().(fyne.CanvasObject)
	if !ok {
		return
	}
	if s := pageOf(f); s != nil {
		scrollIntoView(s, f)
	}
}

// scrollIntoView moves s the least that shows o, which it holds: its top
// when o is taller than the page.
func scrollIntoView(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	rel := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y + s.Offset.Y
	h, view := o.Size().Height, s.Size().Height
	pad := theme.Padding() * 2
	y := s.Offset.Y
	switch {
	case rel < y || h+2*pad > view:
		y = rel - pad
	case rel+h > y+view:
		y = rel + h - view + pad
	default:
		return
	}
	y = max(0, min(y, s.Content.Size().Height-view))
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, y))
}

// installFollowFocus scrolls to the focused widget after each key: Tab and
// Shift+Tab move the focus in the driver, where nothing else hears of it.
func (m *MainWindow) installFollowFocus() {
	dc, ok := m.Window.Canvas().(desktop.Canvas)
	if !ok {
		return
	}
	up := m.shift.KeyUp
	dc.SetOnKeyUp(func(ev *fyne.KeyEvent) {
		up(ev)
		if ev.Name == fyne.KeyTab {
			m.followFocus()
		}
	})
}

// installTravelKeys binds the keys of the reading view and the timeline
// that work while nothing has the keyboard: Page Up/Down, Home and End on
// the timeline, Ctrl+G for its calendar. The canvas's own key handler
// (shortcuts.go) still runs for every other key.
func (m *MainWindow) installTravelKeys() {
	c := m.Window.Canvas()
	m.keys[calendarKey.ShortcutName()] = m.showCalendarHere
	c.AddShortcut(calendarKey, func(fyne.Shortcut) { m.showCalendarHere() })
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if len(m.dialogs) == 0 && m.showing == m.main && !m.ReadingShown() && m.Tabs.SelectedIndex() == 1 &&
			m.Timeline.travelKey(ev) {
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
}

// showCalendarHere opens the calendar of the timeline's person, from the
// timeline.
func (m *MainWindow) showCalendarHere() {
	if len(m.dialogs) > 0 || m.showing != m.main {
		return
	}
	m.closeReading()
	m.showTab(1)
	m.ShowCalendar()
}
