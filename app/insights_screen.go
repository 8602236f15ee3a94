package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
)

// insightsStore is what the insights screen needs from the journal.
type insightsStore interface {
	insights.Source
	DismissSuggestion(ctx context.Context, key string) error
	RestoreSuggestion(ctx context.Context, key string) error
}

// The range choices, in the order offered; the presets come from insights.
const customRange = "Custom…"

// InsightsScreen shows how one relationship deepened, or the whole
// journal's picture: the depth score with its ingredients, suggestions,
// charts and the moment ledger, over a chosen time range.
type InsightsScreen struct {
	widget.BaseWidget
	m     *MainWindow
	store insightsStore
	run   offUIRunner
	now   func() time.Time
	// openReflection opens an evening; the main window's OpenReflection.
	openReflection func(id string)

	personID string
	stale    bool // something changed while the tab was hidden
	gen      int  // which load is current; older ones are dropped
	// asideOpen keeps the "Put aside" list open across reloads.
	asideOpen bool

	Title        *widget.Label
	RangeSelect  *widget.Select
	From, To     *widget.Entry
	ApplyRange   *escButton
	WholeJournal *escButton
	ExportPDF    *escButton // opens the PDF export (export_pdf.go)
	Status       *widget.Label
	Notice       *noticeBar // what was just put aside, with Undo
	custom       *fyne.Container
	body         *fyne.Container
	scroll       *container.Scroll

	// What is shown, kept for the keyboard and for tests.
	Person      *insights.PersonInsights
	Journal     *insights.JournalInsights
	ScoreText   *widget.Label
	Ingredients []*widget.Label
	Suggestions []*suggestionCard
	PutAside    *widget.Accordion // the suggestions put aside, nil when none
	BringBack   []*escButton      // one per suggestion put aside
	Charts      map[insights.ChartKind]*chartView
	Trends      []*widget.Hyperlink
}

// NewInsightsScreen builds the insights tab.
func NewInsightsScreen(m *MainWindow) *InsightsScreen {
	s := &InsightsScreen{m: m, store: m.store, run: m.run, now: m.now, openReflection: m.OpenReflection,
		Charts: map[insights.ChartKind]*chartView{}}
	for _, k := range insights.ChartKinds {
		s.Charts[k] = newChartView(k)
	}
	s.Charts[insights.ChartCloseness].onPoint = func(p insights.ClosenessPoint) { s.openReflection(p.ReflectionID) }

	s.Title = widget.NewLabelWithStyle("The whole journal", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var options []string
	for _, p := range insights.Presets {
		options = append(options, p.String())
	}
	options = append(options, customRange)
	s.From = widget.NewEntry()
	s.From.SetPlaceHolder("from, e.g. 1 Mar 2024")
	s.To = widget.NewEntry()
	s.To.SetPlaceHolder("to, e.g. 31 Mar 2024")
	s.ApplyRange = newKeyButton("Show", nil, s.reload)
	s.From.OnSubmitted = func(string) { s.reload() }
	s.To.OnSubmitted = func(string) { s.reload() }
	s.custom = container.NewHBox(container.NewGridWrap(fyne.NewSize(150, s.From.MinSize().Height), s.From, s.To), s.ApplyRange)
	s.custom.Hide()
	s.RangeSelect = widget.NewSelect(options, nil)
	// The last year: recent, with enough behind it. Set before OnChanged so
	// nothing loads until the screen is first shown.
	s.RangeSelect.Selected = options[1]
	s.RangeSelect.OnChanged = func(choice string) {
		if choice == customRange {
			s.custom.Show()
			if s.From.Text == "" {
				return // wait for dates
			}
		} else {
			s.custom.Hide()
		}
		s.reload()
	}
	s.WholeJournal = newKeyButton("Whole journal", nil, func() { s.SetPerson("") })
	s.ExportPDF = newKeyButton("Export PDF…", nil, func() { s.m.ExportPDF() })
	s.Status = widget.NewLabel("")
	s.Status.Wrapping = fyne.TextWrapWord
	s.Notice = newNoticeBar()
	s.body = container.NewVBox()
	s.scroll = newPageScroll(s.body)
	s.ExtendBaseWidget(s)
	return s
}

func (s *InsightsScreen) CreateRenderer() fyne.WidgetRenderer {
	header := container.NewBorder(nil, nil, s.Title, container.NewHBox(s.RangeSelect, s.custom, s.WholeJournal, s.ExportPDF))
	return widget.NewSimpleRenderer(container.NewBorder(
		container.NewVBox(header, s.Notice, s.Status), nil, nil, nil, s.scroll))
}

// onScreen reports whether the Insights tab is the one shown.
func (s *InsightsScreen) onScreen() bool {
	tabs := s.m.Tabs
	return tabs != nil && tabs.Selected() != nil && tabs.Selected().Content == s
}

// Shown is called when the Insights tab comes to the front: it loads what
// changed while it was hidden.
func (s *InsightsScreen) Shown() {
	if s.stale || s.gen == 0 {
		s.reload()
	}
}

// SetPerson shows one person's insights; "" shows the whole journal's.
func (s *InsightsScreen) SetPerson(id string) {
	s.personID = id
	s.reload()
}

// insightsRequest is one load: whose insights, over which range, when.
type insightsRequest struct {
	personID string
	rng      insights.Range
	now      time.Time
}

type insightsResult struct {
	req     insightsRequest
	person  *insights.PersonInsights
	journal *insights.JournalInsights
	err     error
}

// request reads the range controls; a bad custom date is an error for the
// user, and nothing is reloaded.
func (s *InsightsScreen) request() (insightsRequest, error) {
	req := insightsRequest{personID: s.personID, now: s.now()}
	choice := s.RangeSelect.Selected
	for _, p := range insights.Presets {
		if p.String() == choice {
			req.rng = p.Range(req.now)
			return req, nil
		}
	}
	if choice != customRange {
		return req, nil
	}
	var err error
	if req.rng.From, err = parseDay(s.From.Text, "From"); err != nil {
		return req, err
	}
	if req.rng.To, err = parseDay(s.To.Text, "To"); err != nil {
		return req, err
	}
	if !req.rng.To.IsZero() {
		req.rng.To = insights.DayEnd(req.rng.To)
	}
	if !req.rng.From.IsZero() && !req.rng.To.IsZero() && req.rng.To.Before(req.rng.From) {
		return req, fmt.Errorf("The end date comes before the start date.")
	}
	return req, nil
}

func parseDay(text, which string) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	t, err := parseDayText(text, time.Now(), time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s date: %w", which, err)
	}
	return t, nil
}

// reload loads the insights off the UI goroutine and shows them when ready;
// a load overtaken by a newer one is dropped.
func (s *InsightsScreen) reload() {
	if s.RangeSelect == nil {
		return // still being built
	}
	if !s.onScreen() {
		// The journal's insights take a while to work out: only for a
		// screen the user is looking at (Shown loads them then).
		s.stale = true
		return
	}
	s.stale = false
	req, err := s.request()
	if err != nil {
		s.setStatus(err.Error())
		return
	}
	s.gen++
	gen := s.gen
	s.setStatus("Working out the insights…")
	s.run(func() {
		res := s.compute(req)
		fyne.Do(func() {
			if gen == s.gen {
				s.show(res)
			}
		})
	})
}

// compute does the slow part; it touches no widget.
func (s *InsightsScreen) compute(req insightsRequest) insightsResult {
	res := insightsResult{req: req}
	ctx := s.m.ctx
	if req.personID != "" {
		res.person, res.err = insights.PersonReport(ctx, s.store, req.personID, req.rng, req.now)
	} else {
		res.journal, res.err = insights.JournalReport(ctx, s.store, req.rng, req.now)
	}
	return res
}

// show puts a result on screen.
func (s *InsightsScreen) show(res insightsResult) {
	if res.err != nil {
		s.setStatus("The insights could not be worked out: " + res.err.Error())
		s.m.ShowError("Could not work out the insights", res.err)
		return
	}
	s.setStatus("")
	s.Person, s.Journal = res.person, res.journal
	s.asideOpen = s.PutAside != nil && s.PutAside.Items[0].Open
	s.ScoreText, s.Ingredients, s.Suggestions, s.Trends = nil, nil, nil, nil
	s.PutAside, s.BringBack = nil, nil
	if res.person != nil {
		s.Title.SetText(res.person.Person.Name)
		s.WholeJournal.Enable()
		s.body.Objects = s.personView(res.person)
	} else {
		s.Title.SetText("The whole journal")
		s.WholeJournal.Disable()
		s.body.Objects = s.journalView(res.journal)
	}
	s.body.Refresh()
}

// dismiss puts a suggestion aside in the journal, then reloads; the
// notice offers to undo it.
func (s *InsightsScreen) dismiss(sg insights.Suggestion) {
	s.changeSuggestion(s.store.DismissSuggestion, sg.Key, "put the suggestion aside", func() {
		s.Notice.show(fmt.Sprintf("Put aside %s: find it under \"Put aside\" to bring it back.", suggestionName(sg)),
			"Undo", func() { s.bringBack(sg) })
	})
}

// bringBack shows a suggestion put aside again, then reloads.
func (s *InsightsScreen) bringBack(sg insights.Suggestion) {
	s.changeSuggestion(s.store.RestoreSuggestion, sg.Key, "bring the suggestion back", func() {
		s.Notice.show(fmt.Sprintf("Brought back: %s.", suggestionName(sg)), "", nil)
	})
}

// changeSuggestion changes what the journal remembers of the suggestion
// with key off the UI goroutine; then done says so, and the insights are
// worked out again. what names the change in an error ("put the
// suggestion aside").
func (s *InsightsScreen) changeSuggestion(change func(context.Context, string) error, key, what string, done func()) {
	s.run(func() {
		err := change(s.m.ctx, key)
		fyne.Do(func() {
			if err != nil {
				s.m.ShowError("Could not "+what, err)
				s.setStatus("Could not " + what + ": " + err.Error())
				return
			}
			done()
			s.reload()
		})
	})
}

// suggestionName is how a notice names a suggestion: its title, with whose.
func suggestionName(sg insights.Suggestion) string {
	return fmt.Sprintf("%q (%s)", sg.Title, sg.Person.Name)
}

// setStatus shows a line above the insights, or hides it when there is none.
func (s *InsightsScreen) setStatus(text string) {
	s.Status.SetText(text)
	if text == "" {
		s.Status.Hide()
	} else {
		s.Status.Show()
	}
}
