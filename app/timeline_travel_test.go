package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// firstVisibleRow is the first evening line on screen, as text.
func firstVisibleRow(s *TimelineScreen) string {
	for _, v := range visibleItems(s) {
		if !v.isHeading {
			return v.day.Text + " " + v.clock.Text
		}
	}
	return ""
}

func TestTimelineTravelsInTime(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	if len(s.rows) >= tlEvenings {
		t.Fatalf("%d rows loaded at first, want a page", len(s.rows))
	}

	// Page Down moves a page; Home goes back to the newest evening.
	s.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if got := s.List.GetScrollOffset(); got < s.List.Size().Height/2 {
		t.Errorf("Page Down scrolled to %v, want about a page (%v)", got, s.List.Size().Height)
	}
	m.Window.Canvas().Unfocus()
	m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyHome})
	if got := s.List.GetScrollOffset(); got != 0 {
		t.Errorf("Home with nothing focused: offset %v, want 0", got)
	}

	// Jumping to the date of an old evening reads every page up to it and
	// shows it at the top.
	old := f.reflections[5]
	s.JumpTo(old.At)
	jobs.drain()
	want := old.At.Format("Mon 2 Jan") + " " + old.At.Format("15:04")
	if got := firstVisibleRow(s); got != want {
		t.Errorf("after jumping to %s the first row on screen is %q, want %q", old.At.Format("2006-01-02"), got, want)
	}

	// A year goes to its last evening.
	day, err := parseGoTo("2023", old.At.Location())
	if err != nil {
		t.Fatal(err)
	}
	s.JumpTo(day)
	jobs.drain()
	var last = f.reflections[0]
	for _, r := range f.reflections {
		if r.At.Year() == 2023 {
			last = r
		}
	}
	if got, want := firstVisibleRow(s), last.At.Format("Mon 2 Jan")+" "+last.At.Format("15:04"); got != want {
		t.Errorf("after jumping to 2023 the first row is %q, want its last evening %q", got, want)
	}
	if _, err := parseGoTo("next Tuesday", time.UTC); err == nil {
		t.Errorf("parseGoTo read %q", "next Tuesday")
	}
}

func TestTimelineCalendarShowsAndOpensEvenings(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	c := m.showCalendar()
	jobs.drain()
	// Evenings are every fourth day from 2 January 2023.
	c.Go.SetText("2023-01")
	c.goTo()
	jobs.drain()
	var days []int
	for d := 1; d <= 31; d++ {
		if c.DayOpen[d] != nil {
			days = append(days, d)
		}
	}
	if want := []int{2, 6, 10, 14, 18, 22, 26, 30}; !equalInts(days, want) {
		t.Errorf("January 2023 marks days %v, want %v", days, want)
	}
	c.Go.SetText("soon")
	c.goTo()
	if !c.Problem.Visible() || c.Title.Text != "January 2023" {
		t.Errorf("an unreadable date: problem shown %v, month %q", c.Problem.Visible(), c.Title.Text)
	}
	test.Tap(c.DayOpen[10])
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != f.reflections[2].ID {
		t.Errorf("tapping 10 January did not open that evening to be read")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
