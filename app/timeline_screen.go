package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// timelineStore is what the timeline reads from the journal.
type timelineStore interface {
	PersonOverview(ctx context.Context, personID string) (journal.PersonOverview, error)
	Timeline(ctx context.Context, q journal.TimelineQuery) (journal.TimelinePage, error)
	TimelineCount(ctx context.Context, q journal.TimelineQuery) (int, error)
	InTimeline(ctx context.Context, q journal.TimelineQuery, reflectionID string) (bool, error)
	Reflection(ctx context.Context, id string) (*journal.Reflection, error)
	Kinds(ctx context.Context) ([]journal.MomentKind, error)
	People(ctx context.Context, includeArchived bool) ([]journal.Person, error)
	photoReader
}

var _ timelineStore = (*journal.Store)(nil)

// tlLoadAhead is how close to the end of the loaded rows the list may
// scroll before the next page is asked for.
const tlLoadAhead = 15

// TimelineScreen is one person's timeline: a header about them, filters, and
// their evenings newest first, grouped by month, in a list that draws only
// the rows on screen and reads the next page from the journal as it nears
// the end of what it has.
type TimelineScreen struct {
	widget.BaseWidget
	m     *MainWindow
	store timelineStore
	ctx   context.Context
	run   offUIRunner

	Header   *tlHeader
	Remember *RememberCard // on this day, with this person
	Filters  *tlFilters
	Status   *widget.Label
	Retry    *escButton
	Letter   *escButton // "Write them a letter…" (letter_dialog.go)
	Calendar *escButton // a month of evenings (timeline_calendar.go)
	List     *widget.List
	list     *keyList // List, as the window holds it: with the travel keys
	Empty    *widget.Label

	content *fyne.Container

	// Everything below belongs to the UI goroutine.
	personID string
	color    string
	evenings int // unfiltered, for "n of m"
	query    journal.TimelineQuery
	pagedLoad
	rowCtx     *tlRowContext
	rows       []tlRow
	items      []tlItem
	headingAt  map[int]bool
	rowHeight  float32
	headHeight float32
	// restoreOffset is where the next first page scrolls to (after an
	// unlock), instead of the top.
	restoreOffset float32
	thumbs        *rowThumbs
}

// NewTimelineScreen builds the timeline tab.
func NewTimelineScreen(m *MainWindow) *TimelineScreen {
	s := &TimelineScreen{m: m, store: m.store, ctx: m.ctx, run: m.run, headingAt: map[int]bool{}}
	s.ExtendBaseWidget(s)
	s.thumbs = newRowThumbs(m, s.store, func() { s.List.Refresh() })
	s.Header = newTLHeader(m.OpenReflection)
	s.Filters = newTLFilters(s.filtersChanged)
	s.Status = widget.NewLabel("")
	s.Status.Importance = widget.LowImportance
	s.Retry = newKeyButton("Try again", nil, s.retryMore)
	s.Retry.Hide()
	s.Letter = newLetterButton(m)
	s.Calendar = newKeyButton("Calendar…", theme.CalendarIcon(), m.ShowCalendar)
	s.Calendar.Importance = widget.LowImportance
	s.Empty = widget.NewLabel("Choose someone on the left to see your evenings together.")
	s.Empty.Alignment = fyne.TextAlignCenter
	s.Empty.Wrapping = fyne.TextWrapWord

	template := newTLItemView()
	s.rowHeight = template.MinSize().Height
	s.headHeight = tlHeadingHeight()
	// Tab reaches the rows; Up and Down step over the month headings,
	// Enter or Space opens the evening, and the travel keys move in time.
	list := newKeyList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject { return newTLItemView() },
		s.updateItem)
	list.heading = func(id widget.ListItemID) bool { return id >= 0 && id < len(s.items) && s.items[id].row < 0 }
	list.travel = s.travelKey
	s.list, s.List = list, &list.List
	s.List.OnSelected = func(id widget.ListItemID) {
		s.List.UnselectAll()
		if id >= 0 && id < len(s.items) && s.items[id].row >= 0 {
			s.m.OpenReflection(s.rows[s.items[id].row].ID)
		}
	}
	s.Remember = newRememberCard(m, "On this day", false, func() {
		if s.content != nil {
			s.content.Refresh()
		}
	})
	top := container.NewVBox(s.Header.box, s.Remember, s.Filters.box, container.NewBorder(nil, nil, nil, container.NewHBox(s.Retry, s.Calendar, s.Letter), s.Status))
	// The header and filters first among the objects, so Tab goes from
	// them down into the rows.
	s.content = container.New(layout.NewBorderLayout(top, nil, nil, nil), top, container.NewStack(s.list, tlCentred(s.Empty)))
	s.showNobody()
	return s
}

// tlCentred puts a wrapping message in the middle of the space: full width,
// so it wraps at words, and half way down.
func tlCentred(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(layout.NewSpacer(), o, layout.NewSpacer())
}

func (s *TimelineScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// PersonID is whose timeline is shown, "" for nobody.
func (s *TimelineScreen) PersonID() string { return s.personID }

// SetPerson shows one person's timeline from its newest evening, without
// filters. Reading happens off the UI goroutine.
func (s *TimelineScreen) SetPerson(id string) {
	s.personID = id
	s.Filters.reset()
	s.query = journal.TimelineQuery{PersonID: id}
	s.reload(true)
	if id == "" {
		s.Remember.Clear()
	} else {
		s.Remember.Load(id)
	}
}

// ReflectionChanged updates the timeline after a reflection was saved,
// added or deleted elsewhere: its row changes in place, appears, moves or
// goes, and the list keeps its scroll position. The header is read again
// too (evening count, closeness, firsts).
func (s *TimelineScreen) ReflectionChanged(id string) {
	if s.personID == "" {
		return
	}
	s.Remember.Reload()
	s.thumbs.forget(id)
	gen, q, rc := s.gen, s.query, s.rowCtx
	s.run(func() {
		var row *tlRow
		in := false
		r, err := s.store.Reflection(s.ctx, id)
		switch {
		case journal.ErrorCode(err) == journal.ENOTFOUND:
			err = nil // deleted: its row goes
		case err == nil:
			in, err = s.store.InTimeline(s.ctx, q, id)
			if in && rc != nil {
				v := rc.row(r)
				row = &v
			}
		}
		var o journal.PersonOverview
		var count int
		if err == nil {
			o, err = s.store.PersonOverview(s.ctx, q.PersonID)
		}
		if err == nil {
			count, err = s.store.TimelineCount(s.ctx, q)
		}
		fyne.Do(func() {
			if gen != s.gen {
				return // a newer query is on its way and will show this change
			}
			if err != nil {
				s.m.ShowError("Could not refresh the timeline", err)
				return
			}
			s.showOverview(&o)
			s.applyChange(id, row)
			if row != nil {
				s.thumbs.load([]string{id}, []string{row.Photo})
			}
			s.showStatus(count)
		})
	})
}

// reload reads the first page of the current query (and the header, when
// the person changed) and replaces what the list shows.
func (s *TimelineScreen) reload(withHeader bool) {
	gen, q := s.restart(), s.query
	s.setVisible(s.Retry, false)
	if q.PersonID == "" {
		s.showNobody()
		return
	}
	s.Status.SetText("Loading…")
	rc := s.rowCtx
	s.run(func() {
		var o journal.PersonOverview
		var page journal.TimelinePage
		var count int
		var err error
		if withHeader || rc == nil {
			rc, o, err = s.readPerson(q.PersonID)
		}
		if err == nil {
			page, err = s.store.Timeline(s.ctx, q)
		}
		if err == nil {
			count, err = s.store.TimelineCount(s.ctx, q)
		}
		var rows []tlRow
		if err == nil {
			rows = rc.rows(page.Reflections)
		}
		fyne.Do(func() {
			if !s.arrived(gen) {
				return
			}
			if err != nil {
				s.Status.SetText("Could not read this timeline.")
				s.m.ShowError("Could not read the timeline", err)
				return
			}
			if withHeader || s.rowCtx == nil {
				s.rowCtx = rc
				s.Filters.setKinds(kindList(rc.kinds))
				s.showOverview(&o)
			}
			s.rows = rows
			s.next = page.Next
			s.relist()
			s.loadThumbs(rows)
			s.List.ScrollToOffset(s.restoreOffset)
			s.restoreOffset = 0
			s.showStatus(count)
		})
	})
}

// loadThumbs finds the photos of rows that have just arrived.
func (s *TimelineScreen) loadThumbs(rows []tlRow) {
	ids, photos := make([]string, len(rows)), make([]string, len(rows))
	for i := range rows {
		ids[i], photos[i] = rows[i].ID, rows[i].Photo
	}
	s.thumbs.load(ids, photos)
}

// readPerson reads what rows and the header need about a person.
func (s *TimelineScreen) readPerson(personID string) (*tlRowContext, journal.PersonOverview, error) {
	kinds, err := s.store.Kinds(s.ctx)
	if err != nil {
		return nil, journal.PersonOverview{}, err
	}
	people, err := s.store.People(s.ctx, true)
	if err != nil {
		return nil, journal.PersonOverview{}, err
	}
	o, err := s.store.PersonOverview(s.ctx, personID)
	if err != nil {
		return nil, journal.PersonOverview{}, err
	}
	return newTLRowContext(personID, kinds, people), o, nil
}

// kindList puts the kinds back in the journal's order: built-in first.
func kindList(m map[string]journal.MomentKind) []journal.MomentKind {
	var out []journal.MomentKind
	for _, k := range journal.BuiltinKinds {
		if _, ok := m[k.ID]; ok {
			out = append(out, m[k.ID])
		}
	}
	var custom []journal.MomentKind
	for _, k := range m {
		if !k.Builtin {
			custom = append(custom, k)
		}
	}
	sortKindsByLabel(custom)
	return append(out, custom...)
}

// loadMore reads the page after the last row, once, when the list nears
// its end.
func (s *TimelineScreen) loadMore() {
	gen, after, ok := s.startMore()
	if !ok {
		return
	}
	q, rc := s.query, s.rowCtx
	q.After = after
	s.run(func() {
		page, err := s.store.Timeline(s.ctx, q)
		var rows []tlRow
		if err == nil {
			rows = rc.rows(page.Reflections)
		}
		fyne.Do(func() {
			if !s.arrived(gen) {
				return
			}
			if err != nil {
				s.loadErr = err
				s.Status.SetText("Could not read older evenings.")
				s.setVisible(s.Retry, true)
				return
			}
			s.rows = append(s.rows, rows...)
			s.next = page.Next
			s.relist()
			s.loadThumbs(rows)
		})
	})
}

func (s *TimelineScreen) retryMore() {
	s.loadErr = nil
	s.setVisible(s.Retry, false)
	s.Status.SetText("")
	s.loadMore()
}

func (s *TimelineScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.items) {
		return
	}
	v := o.(*tlItemView)
	it := s.items[id]
	if it.row < 0 {
		v.showHeading(it.month)
	} else {
		row := &s.rows[it.row]
		v.showRow(row, s.color, s.thumbs.image(row.ID))
		s.m.sync.markRow(v, row.ID)
	}
	if id >= len(s.items)-tlLoadAhead {
		s.loadMore()
	}
}

// relist rebuilds the list's lines from the rows and gives month headings
// their height. The scroll position stays where it was.
func (s *TimelineScreen) relist() {
	s.items = tlItems(s.rows)
	now := make(map[int]bool, len(s.headingAt))
	for i, it := range s.items {
		if it.row < 0 {
			now[i] = true
		}
	}
	// SetItemHeight refreshes the list on every change: only touch the
	// lines whose kind changed.
	for i := range s.headingAt {
		if !now[i] {
			s.List.SetItemHeight(i, s.rowHeight)
		}
	}
	for i := range now {
		if !s.headingAt[i] {
			s.List.SetItemHeight(i, s.headHeight)
		}
	}
	s.headingAt = now
	s.Empty.Hidden = len(s.rows) > 0
	s.List.Hidden = len(s.rows) == 0
	s.Empty.Refresh()
	s.List.Refresh()
}

// applyChange puts one reflection's new row (nil: it left this timeline)
// where it belongs among the loaded rows.
func (s *TimelineScreen) applyChange(id string, row *tlRow) {
	at := -1
	for i := range s.rows {
		if s.rows[i].ID == id {
			at = i
			break
		}
	}
	if at >= 0 && row != nil && s.rows[at].Key == row.Key {
		s.rows[at] = *row
		for i, it := range s.items {
			if it.row == at {
				s.List.RefreshItem(i)
				break
			}
		}
		return
	}
	if at >= 0 {
		s.rows = append(s.rows[:at], s.rows[at+1:]...)
	}
	// A row past the last loaded one comes with a later page instead.
	if row != nil && (s.next == nil || tlNewer(row.Key, *s.next)) {
		pos := len(s.rows)
		for i := range s.rows {
			if tlNewer(row.Key, s.rows[i].Key) {
				pos = i
				break
			}
		}
		s.rows = append(s.rows, tlRow{})
		copy(s.rows[pos+1:], s.rows[pos:])
		s.rows[pos] = *row
	}
	s.relist()
}

func (s *TimelineScreen) showOverview(o *journal.PersonOverview) {
	s.color = o.Color
	s.evenings = o.Evenings
	kinds := map[string]journal.MomentKind{}
	if s.rowCtx != nil {
		kinds = s.rowCtx.kinds
	}
	s.Header.show(o, kinds)
	s.setVisible(s.Header.box, true)
	s.setVisible(s.Filters.box, true)
	s.setVisible(s.Letter, true)
	s.setVisible(s.Calendar, true)
}

// setVisible shows or hides a part of the screen; containers lay out again
// only when told, so the screen is refreshed when something changed.
func (s *TimelineScreen) setVisible(o fyne.CanvasObject, visible bool) {
	if o.Visible() == visible {
		return
	}
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
	s.content.Refresh()
}

// showStatus says how many evenings the timeline holds, and explains an
// empty one.
func (s *TimelineScreen) showStatus(count int) {
	name := s.Header.Name.Text
	switch {
	case s.evenings == 0:
		s.Status.SetText("")
		s.Empty.SetText(fmt.Sprintf("No evenings with %s yet. Write one in Reflect and it will show here.", name))
	case s.query.Filtered() && count == 0:
		s.Status.SetText(fmt.Sprintf("None of %s match these filters.", tlCountOf(s.evenings, "evening", "evenings")))
		s.Empty.SetText(fmt.Sprintf("No evenings with %s match these filters.", name))
	case s.query.Filtered():
		s.Status.SetText(fmt.Sprintf("%s of %s match, newest first.", tlThousands(count), tlCountOf(s.evenings, "evening", "evenings")))
	default:
		s.Status.SetText(fmt.Sprintf("%s, newest first.", tlCountOf(count, "evening", "evenings")))
	}
}

func (s *TimelineScreen) showNobody() {
	s.gen++
	s.rows, s.next = nil, nil
	s.relist()
	s.setVisible(s.Header.box, false)
	s.setVisible(s.Filters.box, false)
	s.setVisible(s.Letter, false)
	s.setVisible(s.Calendar, false)
	s.Status.SetText("")
	s.Empty.SetText("Choose someone on the left to see your evenings together.")
}

// filtersChanged runs a new query when the filters change; a filter that
// makes no sense (a start after the end) is explained and changes nothing.
func (s *TimelineScreen) filtersChanged() {
	if s.personID == "" {
		return
	}
	q, problem := s.Filters.query(s.personID)
	if problem != "" {
		s.Status.SetText(problem)
		return
	}
	s.query = q
	s.reload(false)
}
