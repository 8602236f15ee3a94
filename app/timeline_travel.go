package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"kindred/journal"
)

// Travelling in time on the timeline: Page Up and Page Down move a page,
// Home and End go to the newest and to the oldest loaded evening, and
// JumpTo brings the evenings of a date (or a year) into view, reading every
// page up to them at once.

// travelKey moves the timeline for one of the travel keys and reports
// whether ev was one.
func (s *TimelineScreen) travelKey(ev *fyne.KeyEvent) bool {
	l := s.List
	page := l.Size().Height * 0.9
	switch ev.Name {
	case fyne.KeyPageDown:
		l.ScrollToOffset(l.GetScrollOffset() + page)
	case fyne.KeyPageUp:
		l.ScrollToOffset(max(0, l.GetScrollOffset()-page))
	case fyne.KeyHome:
		l.ScrollToTop()
	case fyne.KeyEnd:
		// The end of what is loaded; the list reads the next page as it
		// gets there, so End again goes further back.
		l.ScrollToBottom()
	default:
		return false
	}
	return true
}

// JumpTo shows the evenings of day (or the last before it) at the top of
// the list: the newer evenings are counted, and every page up to there is
// read in one query.
func (s *TimelineScreen) JumpTo(day time.Time) {
	if s.personID == "" {
		return
	}
	gen, q, rc := s.restart(), s.query, s.rowCtx
	after := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, day.Location())
	s.Status.SetText("Going to " + day.Format("2 January 2006") + "…")
	s.run(func() {
		newer := q
		if newer.From.IsZero() || newer.From.Before(after) {
			newer.From = after
		}
		n, err := s.store.TimelineCount(s.ctx, newer)
		var page journal.TimelinePage
		if err == nil {
			all := q
			all.Limit = n + journal.DefaultPageSize
			page, err = s.store.Timeline(s.ctx, all)
		}
		var count int
		if err == nil {
			count, err = s.store.TimelineCount(s.ctx, q)
		}
		var rows []tlRow
		if err == nil && rc != nil {
			rows = rc.rows(page.Reflections)
		}
		fyne.Do(func() {
			if !s.arrived(gen) {
				return
			}
			if err != nil || rc == nil {
				if err == nil {
					err = fmt.Errorf("the timeline is not loaded yet")
				}
				s.m.ShowError("Could not go to that date", err)
				return
			}
			s.rows = rows
			s.next = page.Next
			s.relist()
			s.showStatus(count)
			target := min(n, len(s.rows)-1)
			for i, it := range s.items {
				if it.row == target {
					// The month heading above the evening shows too.
					if i > 0 && s.items[i-1].row < 0 {
						i--
					}
					s.List.ScrollTo(i)
					s.List.ScrollToOffset(s.offsetOf(i))
					break
				}
			}
		})
	})
}

// offsetOf is where line i of the list starts.
func (s *TimelineScreen) offsetOf(i int) float32 {
	var y float32
	// The list puts a padding between its lines.
	sep := s.List.Theme().Size(theme.SizeNamePadding)
	for j := range i {
		if s.headingAt[j] {
			y += s.headHeight
		} else {
			y += s.rowHeight
		}
		y += sep
	}
	return y
}
