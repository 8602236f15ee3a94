package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// Sidebar lists the journal's people: filtered as the user types, archived
// people only on request, each with their badge, when the user last saw
// them and how close the latest evening felt.
type Sidebar struct {
	widget.BaseWidget
	m *MainWindow

	Filter       *textEntry
	AddButton    *escButton
	ShowArchived *widget.Check
	List         *personList
	Count        *widget.Label
	Menu         *widget.PopUpMenu // the last menu opened from the keyboard
	menuShown    *fyne.Menu        // what it offers
	empty        *widget.Label
	rows         []*personRow // every row the list made, to find one on screen

	ix       *peopleIndex
	shown    []journal.PersonSummary
	selected widget.ListItemID // -1 when none
}

// NewSidebar builds an empty sidebar; MainWindow fills it.
func NewSidebar(m *MainWindow) *Sidebar {
	s := &Sidebar{m: m, ix: newPeopleIndex(nil), selected: -1}
	s.Filter = newTextEntry("Filter people")
	s.Filter.OnChanged = func(string) { s.apply() }
	s.Filter.onShortcut = m.handleShortcut
	s.Filter.onDown = func() {
		if len(s.shown) > 0 {
			m.focus(s.List)
		}
	}
	s.Filter.OnSubmitted = func(string) {
		if len(s.shown) > 0 {
			s.List.Select(0)
		}
	}
	s.AddButton = newKeyButton("Add person", theme.ContentAddIcon(), func() { m.askNewPerson("", nil) })
	s.ShowArchived = widget.NewCheck("Show archived", func(bool) { s.apply() })
	s.Count = widget.NewLabelWithStyle("People", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.empty = widget.NewLabel("")
	s.empty.Wrapping = fyne.TextWrapWord
	s.empty.Importance = widget.LowImportance
	s.empty.Hide()
	s.List = newPersonList(
		func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			r := newPersonRow()
			r.menu = s.menuFor
			s.rows = append(s.rows, r)
			return r
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.shown) {
				r := o.(*personRow)
				r.set(&s.shown[i], m.now())
				r.index = i
				r.onTap = func() { s.tapped(i) }
			}
		})
	s.List.onMenu = s.showMenu
	s.List.OnSelected = func(i widget.ListItemID) {
		s.selected = i
		if i < len(s.shown) {
			m.SelectPerson(s.shown[i].ID)
		}
		m.refreshPersonMenu()
	}
	s.List.OnUnselected = func(widget.ListItemID) {
		s.selected = -1
		m.refreshPersonMenu()
	}
	s.ExtendBaseWidget(s)
	return s
}

func (s *Sidebar) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewVBox(
		container.New(&sidebarHead{gap: theme.Padding()}, s.Count, s.AddButton),
		s.Filter,
		s.ShowArchived,
	)
	body := container.NewStack(s.List, container.NewVBox(s.empty))
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, body))
}

// setPeople replaces the people shown, keeping the filter.
func (s *Sidebar) setPeople(ix *peopleIndex) {
	s.ix = ix
	s.apply()
}

// Shown is the people the list shows now, in order.
func (s *Sidebar) Shown() []journal.PersonSummary { return s.shown }

func (s *Sidebar) apply() {
	q := strings.TrimSpace(s.Filter.Text)
	s.shown = s.ix.match(q, s.ShowArchived.Checked)
	total := 0
	for _, p := range s.ix.people {
		if !p.Archived || s.ShowArchived.Checked {
			total++
		}
	}
	if q == "" {
		s.Count.SetText(fmt.Sprintf("People (%d)", total))
	} else {
		s.Count.SetText(fmt.Sprintf("People (%d of %d)", len(s.shown), total))
	}
	switch {
	case len(s.ix.people) == 0:
		s.empty.SetText("No one yet. Add the first person you want to keep a journal about.")
		s.empty.Show()
	case len(s.shown) == 0 && q != "":
		s.empty.SetText(fmt.Sprintf("No one matches %q.", q))
		s.empty.Show()
	case len(s.shown) == 0:
		s.empty.SetText("Everyone is archived. Tick \"Show archived\" to see them.")
		s.empty.Show()
	default:
		s.empty.Hide()
	}
	s.List.UnselectAll()
	s.List.Refresh()
	s.m.refreshPersonMenu()
}

// menuFor is what a right click on a person offers.
func (s *Sidebar) menuFor(p journal.PersonSummary) *fyne.Menu {
	m := s.m
	archive := fyne.NewMenuItem("Archive", func() { m.setArchived(p.ID, true) })
	if p.Archived {
		archive = fyne.NewMenuItem("Bring back from the archive", func() { m.setArchived(p.ID, false) })
	}
	return fyne.NewMenu(p.Name,
		fyne.NewMenuItem("Write about "+p.Name, func() { m.WriteAbout(p.ID) }),
		fyne.NewMenuItem("Show the timeline", func() { m.SelectPerson(p.ID) }),
		fyne.NewMenuItemSeparator(),
		archive,
	)
}

// tapped opens the person of row i; tapping the selected row again opens
// them again (the list would not report it).
func (s *Sidebar) tapped(i widget.ListItemID) {
	if i >= len(s.shown) {
		return
	}
	if !fyne.CurrentDevice().IsMobile() {
		s.List.focusRow(i)
	}
	if i == s.selected {
		s.m.SelectPerson(s.shown[i].ID)
		return
	}
	s.List.Select(i)
}

// personRow is one line of the sidebar.
type personRow struct {
	widget.BaseWidget
	badge  *PersonBadge
	name   *widget.Label
	detail *widget.Label
	glyph  *ClosenessGlyph

	person journal.PersonSummary
	index  widget.ListItemID                      // the row of the list it shows
	menu   func(journal.PersonSummary) *fyne.Menu // nil: no menu
	onTap  func()
}

var (
	_ fyne.SecondaryTappable = (*personRow)(nil)
	_ fyne.Tappable          = (*personRow)(nil)
)

// Tapped selects the row. The row must handle the click itself: a widget
// that takes secondary taps also receives the primary ones, so the list
// underneath would never see them.
func (r *personRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// TappedSecondary offers what can be done with the person.
func (r *personRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.menu == nil || r.person.ID == "" {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(r)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(r.menu(r.person), c, ev.AbsolutePosition)
}

func newPersonRow() *personRow {
	r := &personRow{
		badge:  NewPersonBadge(nil, 32),
		name:   widget.NewLabelWithStyle("A person's name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		detail: widget.NewLabel("last together"),
		glyph:  NewClosenessGlyph(journal.NotRated, ""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.detail.SizeName = theme.SizeNameCaptionText
	r.detail.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *personRow) set(p *journal.PersonSummary, now time.Time) {
	r.person = *p
	r.badge.SetPerson(&p.Person)
	name := p.Name
	if p.Archived {
		name += " (archived)"
	}
	r.name.SetText(name)
	r.detail.SetText(personDetail(p, now))
	r.glyph.Set(p.LastCloseness, p.Color)
}

func (r *personRow) CreateRenderer() fyne.WidgetRenderer {
	text := container.New(layout.NewCustomPaddedVBoxLayout(-10), r.name, r.detail)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil,
		container.NewCenter(r.badge), container.NewCenter(r.glyph), text))
}

// personDetail is the sidebar's second line about p.
func personDetail(p *journal.PersonSummary, now time.Time) string {
	if p.Evenings == 0 {
		return "No evenings yet"
	}
	return sinceText(p.LastAt, now) + " · " + plural(p.Evenings, "evening", "evenings")
}
