package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kindred/journal/journaltest"
)

func TestParseDayTextReadsWhatAPersonTypes(t *testing.T) {
	now := time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC)
	want := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2026-12-06", "6 Dec 2026", "6 December 2026", "Dec 6 2026", "December 6, 2026",
		"Sunday 6 December 2026", "Sun 6 Dec 2026", "6 dec", "6th Dec 2026", "yesterday", " 06-Dec-2026 "} {
		got, err := parseDayText(in, now, time.UTC)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDayText(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, err := parseDayText("today", now, time.UTC); err != nil || got.Day() != 7 {
		t.Errorf("today: got %v, %v", got, err)
	}
	if got, err := parseDayText("25/12/2026", now, time.UTC); err != nil || got.Month() != time.December || got.Day() != 25 {
		t.Errorf("25/12/2026: got %v, %v; want 25 Dec 2026", got, err)
	}
	for in, hint := range map[string]string{
		"6/12/2026":   "could be 6 Dec 2026 or 12 Jun 2026",
		"06/12":       "month as a word",
		"31 Feb 2026": "not a day of the calendar",
		"next week":   "6 Dec 2026",
		"":            "no date",
	} {
		_, err := parseDayText(in, now, time.UTC)
		if err == nil || !strings.Contains(err.Error(), hint) {
			t.Errorf("parseDayText(%q): got error %v, want one saying %q", in, err, hint)
		}
	}
}

// The date field shows the month's name, never 06/12/2026, and reads back
// what it shows.
func TestTheDateFieldShowsTheMonthByName(t *testing.T) {
	test.NewTempApp(t)
	e := newDateEntry()
	test.WidgetRenderer(e)
	d := time.Date(2026, 12, 6, 0, 0, 0, 0, time.Local)
	e.SetDate(&d)
	if e.Text != "6 Dec 2026" {
		t.Errorf("the field shows %q, want 6 Dec 2026", e.Text)
	}
	e.SetText("Dec 24 2026")
	if e.Date == nil || e.Date.Day() != 24 || e.Date.Month() != time.December {
		t.Errorf("after typing Dec 24 2026 the field holds %v", e.Date)
	}
}

// An empty optional date filter on the timeline is no error, even after
// the keyboard has passed through it.
func TestEmptyTimelineDateFiltersAreNotErrors(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()
	f := m.Timeline.Filters
	for _, e := range []*dateEntry{f.From, f.To} {
		test.WidgetRenderer(e)
		m.focus(e)
		m.Window.Canvas().FocusNext()
		if err := e.Validate(); err != nil {
			t.Errorf("an empty date filter reports %v, want no error", err)
		}
	}
	f.From.SetText("6/12/2026")
	if err := f.From.Validate(); err == nil {
		t.Error("6/12/2026 in the From filter is not flagged, though it could be June or December")
	}
}
