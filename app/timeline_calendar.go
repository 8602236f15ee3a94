package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// calendarKey opens the timeline's calendar (Ctrl+G, "go to").
var calendarKey = &desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault}

// tlCalendar is a month of one person's evenings, in the spirit of Day
// One's calendar: the days with an evening stand out and open it; a date or
// a year typed in goes there, in the calendar and in the timeline.
type tlCalendar struct {
	s *TimelineScreen

	Title   *widget.Label
	Days    *fyne.Container // a 7-column grid of the month
	DayOpen map[int]*escButton
	Go      *textEntry
	Problem *widget.Label
	Older   *escButton
	Newer   *escButton

	month time.Time // the first of the month shown
	gen   int
	md    *modal
}

// ShowCalendar opens the calendar of the person on the timeline at the
// month of the evening at the top of the list (or of today).
func (m *MainWindow) ShowCalendar() { m.showCalendar() }

func (m *MainWindow) showCalendar() *tlCalendar {
	s := m.Timeline
	if s.personID == "" {
		m.inform("Calendar", "Choose someone on the left first: the calendar shows your evenings with one person.")
		return nil
	}
	at := m.now()
	if len(s.rows) > 0 {
		// The stored form of the newest loaded evening (journal.FormatUTC).
		if r, err := time.Parse(time.RFC3339, s.rows[0].Key.AtUTC); err == nil {
			at = r.In(at.Location())
		}
	}
	c := &tlCalendar{s: s, DayOpen: map[int]*escButton{}}
	c.Title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.Days = container.NewGridWithColumns(7)
	c.Older = newKeyButton("", theme.NavigateBackIcon(), func() { c.showMonth(c.month.AddDate(0, -1, 0)) })
	c.Newer = newKeyButton("", theme.NavigateNextIcon(), func() { c.showMonth(c.month.AddDate(0, 1, 0)) })
	c.Go = newTextEntry("Go to a date or a year: 2025-03-14, 2025-03, 2025")
	c.Go.OnSubmitted = func(string) { c.goTo() }
	c.Problem = errorLabel()
	head := container.NewBorder(nil, nil, c.Older, c.Newer, c.Title)
	content := container.NewVBox(head, c.Days, c.Go, c.Problem)
	c.md = m.newModal("Evenings with "+s.Header.Name.Text, content)
	c.md.escapes(c.Go)
	c.md.cancelButton("Close")
	c.md.button("Show this month in the timeline", widget.HighImportance, func() {
		s.JumpTo(c.month.AddDate(0, 1, -1))
	})
	c.md.show()
	c.md.resize(fyne.NewSize(520, 460))
	c.showMonth(at)
	m.focus(c.Go)
	return c
}

// goTo reads the date or year typed in and goes there.
func (c *tlCalendar) goTo() {
	day, err := parseGoTo(c.Go.Text, c.month.Location())
	if err != nil {
		c.Problem.SetText(err.Error())
		c.Problem.Show()
		return
	}
	c.Problem.Hide()
	c.showMonth(day)
	c.s.JumpTo(day)
}

// parseGoTo reads "2025", "2025-03" or "2025-03-14" (or a date as the date
// field writes it). A year or a month goes to its last day: the timeline
// runs newest first, so that is where the year begins to read.
func parseGoTo(text string, loc *time.Location) (time.Time, error) {
	text = strings.TrimSpace(text)
	if y, err := strconv.Atoi(text); err == nil && y >= 1900 && y <= 9999 {
		return time.Date(y, 12, 31, 0, 0, 0, 0, loc), nil
	}
	if t, err := time.ParseInLocation("2006-01", text, loc); err == nil {
		return t.AddDate(0, 1, -1), nil
	}
	for _, layout := range []string{"2006-01-02", dateLayout()} {
		if t, err := time.ParseInLocation(layout, text, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &journal.Error{Code: journal.EINVALID, Field: "date",
		Message: fmt.Sprintf("%q is not a date or a year Kindred can read: write it like 2025-03-14, 2025-03 or 2025.", text)}
}

// showMonth shows the month of day, reading its evenings off the UI
// goroutine.
func (c *tlCalendar) showMonth(day time.Time) {
	c.month = time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, day.Location())
	c.Title.SetText(c.month.Format("January 2006"))
	c.gen++
	gen, q := c.gen, journal.TimelineQuery{PersonID: c.s.personID, From: c.month,
		To: c.month.AddDate(0, 1, 0).Add(-time.Second), Limit: 31 * 8}
	c.fill(nil)
	c.s.run(func() {
		page, err := c.s.store.Timeline(c.s.ctx, q)
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			if err != nil {
				c.Problem.SetText("Could not read this month: " + err.Error())
				c.Problem.Show()
				return
			}
			c.fill(page.Reflections)
		})
	})
}

// fill lays out the month, Monday first; days with evenings open the
// latest of them.
func (c *tlCalendar) fill(rs []journal.Reflection) {
	byDay := map[int][]journal.Reflection{}
	for _, r := range rs {
		byDay[r.At.Day()] = append(byDay[r.At.Day()], r)
	}
	var cells []fyne.CanvasObject
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		l := widget.NewLabelWithStyle(d, fyne.TextAlignCenter, fyne.TextStyle{})
		l.SizeName = theme.SizeNameCaptionText
		cells = append(cells, l)
	}
	for range (int(c.month.Weekday()) + 6) % 7 {
		cells = append(cells, layout.NewSpacer())
	}
	c.DayOpen = map[int]*escButton{}
	last := c.month.AddDate(0, 1, -1).Day()
	for d := 1; d <= last; d++ {
		evenings := byDay[d]
		if len(evenings) == 0 {
			l := widget.NewLabelWithStyle(strconv.Itoa(d), fyne.TextAlignCenter, fyne.TextStyle{})
			l.Importance = widget.LowImportance
			cells = append(cells, l)
			continue
		}
		id := evenings[0].ID
		b := newKeyButton(strconv.Itoa(d), nil, func() {
			c.md.close()
			c.s.m.OpenReflection(id)
		})
		b.Importance = widget.HighImportance
		c.DayOpen[d] = b
		cells = append(cells, b)
	}
	c.Days.Objects = cells
	c.Days.Refresh()
}
