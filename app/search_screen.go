package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// searchStore is what search reads from the journal.
type searchStore interface {
	Search(ctx context.Context, q journal.SearchQuery) (journal.SearchPage, error)
	Reflection(ctx context.Context, id string) (*journal.Reflection, error)
	Kinds(ctx context.Context) ([]journal.MomentKind, error)
	People(ctx context.Context, includeArchived bool) ([]journal.Person, error)
	photoReader
}

var _ searchStore = (*journal.Store)(nil)

// searchDelay is how long typing must pause before a search runs, so that
// a word typed quickly is one search, not one per letter.
const searchDelay = 250 * time.Millisecond

// searchHint is what the screen says before anything is typed.
const searchHint = "Search every reflection, moment note and name.\n" +
	"Words match their beginnings (\"lau\" finds \"laughed\"); case and accents don't matter (\"zoe\" finds \"Zoë\");\n" +
	"\"words in quotes\" match as a phrase. Results come newest first."

// SearchScreen searches the whole journal as the user types: results newest
// first, with the person and date, and the matched words marked.
type SearchScreen struct {
	widget.BaseWidget
	m     *MainWindow
	store searchStore
	ctx   context.Context
	run   offUIRunner

	Entry  *widget.Entry
	Status *widget.Label
	List   *widget.List
	Empty  *widget.Label

	content fyne.CanvasObject

	// Everything below belongs to the UI goroutine.
	text string // the search the results are for
	pagedLoad
	hits     []searchHit
	rowCtx   *tlRowContext
	terms    journal.SearchTerms
	debounce *debouncer
	quiet    bool // set while the screen itself changes the entry
	thumbs   *rowThumbs
}

// NewSearchScreen builds the search tab.
func NewSearchScreen(m *MainWindow) *SearchScreen {
	s := &SearchScreen{m: m, store: m.store, ctx: m.ctx, run: m.run}
	s.ExtendBaseWidget(s)
	s.thumbs = newRowThumbs(m, s.store, func() { s.List.Refresh() })
	s.debounce = &debouncer{delay: searchDelay, fire: func() {
		if s.Entry.Text != s.text {
			s.Search(s.Entry.Text)
		}
	}}
	s.Entry = widget.NewEntry()
	s.Entry.SetPlaceHolder("Search reflections, notes and names (Ctrl+F)")
	s.Entry.ActionItem = newKeyButton("", theme.ContentClearIcon(), func() { s.Search("") })
	s.Entry.OnChanged = s.typed
	s.Entry.OnSubmitted = s.Search
	s.Status = widget.NewLabel("")
	s.Status.Importance = widget.LowImportance
	s.Empty = widget.NewLabel(searchHint)
	s.Empty.Alignment = fyne.TextAlignCenter
	s.Empty.Wrapping = fyne.TextWrapWord
	s.Empty.Importance = widget.LowImportance
	// Tab reaches the results; Enter or Space opens the evening.
	list := newKeyList(
		func() int { return len(s.hits) },
		func() fyne.CanvasObject { return newSearchHitView() },
		s.updateItem)
	s.List = &list.List
	s.List.OnSelected = func(id widget.ListItemID) {
		s.List.UnselectAll()
		if id >= 0 && id < len(s.hits) {
			s.m.OpenReflection(s.hits[id].ID)
		}
	}
	s.List.Hide()
	// The field first among the objects: Tab follows their order, and goes
	// from the field down into the results.
	top := container.NewVBox(s.Entry, s.Status)
	s.content = container.New(layout.NewBorderLayout(top, nil, nil, nil), top,
		container.NewStack(list, tlCentred(s.Empty)))
	return s
}

func (s *SearchScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Focus shows the search tab with the cursor in the search field and what
// was there selected, so typing starts a new search (Ctrl+F).
func (s *SearchScreen) Focus() {
	for _, tab := range s.m.Tabs.Items {
		if tab.Content == s {
			s.m.Tabs.Select(tab)
		}
	}
	s.FocusQuery()
}

// FocusQuery puts the cursor in the search field, what was there selected;
// the window's Ctrl+F calls it once the tab shows.
func (s *SearchScreen) FocusQuery() {
	// Through the window's canvas: the first time, the tab has just been
	// shown and the driver does not know the field's canvas yet.
	s.m.focus(s.Entry)
	s.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// ReflectionChanged runs the search again after a reflection was saved or
// deleted elsewhere, so the results are what the search finds now: an
// edited reflection that no longer matches goes, one that now matches
// comes. As many results are read as were shown, and the list keeps its
// scroll position.
func (s *SearchScreen) ReflectionChanged(id string) {
	s.thumbs.forget(id)
	if len(journal.ParseSearch(s.text)) == 0 {
		return
	}
	s.runSearch(len(s.hits), true)
}

// typed runs a search once typing pauses; clearing the field needs no pause.
func (s *SearchScreen) typed(text string) {
	if s.quiet {
		return
	}
	if len(journal.ParseSearch(text)) == 0 {
		s.Search(text)
		return
	}
	s.debounce.poke()
}

// Search runs a search for text now and shows its first page; the entry
// shows text too. The journal is read off the UI goroutine.
func (s *SearchScreen) Search(text string) {
	s.debounce.cancel()
	if s.Entry.Text != text {
		s.quiet = true
		s.Entry.SetText(text)
		s.quiet = false
	}
	s.text = text
	if len(journal.ParseSearch(text)) == 0 {
		s.clear()
		s.show(nil, nil, nil)
		s.Status.SetText("")
		s.Empty.SetText(searchHint)
		return
	}
	s.Status.SetText("Searching…")
	s.runSearch(0, false)
}

// runSearch reads the results of the current search, at least want of them
// when there are that many, and shows them: from the top, or where the list
// was scrolled to when keepScroll is set.
func (s *SearchScreen) runSearch(want int, keepScroll bool) {
	gen, text := s.restart(), s.text
	s.run(func() {
		var rc *tlRowContext
		var page journal.SearchPage
		kinds, err := s.store.Kinds(s.ctx)
		var people []journal.Person
		if err == nil {
			people, err = s.store.People(s.ctx, true)
		}
		if err == nil {
			rc = newTLRowContext("", kinds, people)
			page, err = s.store.Search(s.ctx, journal.SearchQuery{Text: text, Limit: max(want, journal.DefaultPageSize)})
		}
		var hits []searchHit
		if err == nil {
			hits = rc.searchHits(page.Reflections, page.Terms)
		}
		fyne.Do(func() {
			if !s.arrived(gen) {
				return
			}
			if err != nil {
				s.Status.SetText("The search could not be run.")
				s.m.ShowError("Could not search the journal", err)
				return
			}
			s.rowCtx = rc
			offset := s.List.GetScrollOffset()
			s.show(hits, page.Next, page.Terms)
			s.loadThumbs(hits)
			if keepScroll {
				s.List.ScrollToOffset(offset)
			}
		})
	})
}

func (s *SearchScreen) show(hits []searchHit, next *journal.Cursor, terms journal.SearchTerms) {
	s.hits, s.next, s.terms = hits, next, terms
	s.List.Refresh()
	s.List.ScrollToOffset(0)
	s.showCount()
}

func (s *SearchScreen) showCount() {
	switch {
	case len(s.terms) == 0:
		s.List.Hide()
		s.Empty.Show()
		return
	case len(s.hits) == 0:
		s.Status.SetText("")
		s.Empty.SetText(fmt.Sprintf("Nothing in the journal matches %q.\nTry fewer words, or the start of a word.", s.text))
		s.List.Hide()
		s.Empty.Show()
		return
	case s.next != nil:
		s.Status.SetText(fmt.Sprintf("The newest %s; more as you scroll.", tlCountOf(len(s.hits), "result", "results")))
	default:
		s.Status.SetText(fmt.Sprintf("%s, newest first.", tlCountOf(len(s.hits), "result", "results")))
	}
	s.Empty.Hide()
	s.List.Show()
}

// loadMore reads the results after the last one shown.
func (s *SearchScreen) loadMore() {
	gen, after, ok := s.startMore()
	if !ok {
		return
	}
	text, rc := s.text, s.rowCtx
	s.run(func() {
		page, err := s.store.Search(s.ctx, journal.SearchQuery{Text: text, After: after})
		var hits []searchHit
		if err == nil {
			hits = rc.searchHits(page.Reflections, page.Terms)
		}
		fyne.Do(func() {
			if !s.arrived(gen) {
				return
			}
			if err != nil {
				s.loadErr = err
				s.Status.SetText("Could not read more results.")
				s.m.ShowError("Could not search the journal", err)
				return
			}
			s.hits = append(s.hits, hits...)
			s.loadThumbs(hits)
			s.next = page.Next
			s.List.Refresh()
			s.showCount()
		})
	})
}

func (s *SearchScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.hits) {
		return
	}
	o.(*searchHitView).show(&s.hits[id], s.thumbs.image(s.hits[id].ID))
	if id >= len(s.hits)-tlLoadAhead {
		s.loadMore()
	}
}

// loadThumbs finds the photos of results that have just arrived.
func (s *SearchScreen) loadThumbs(hits []searchHit) {
	ids, photos := make([]string, len(hits)), make([]string, len(hits))
	for i := range hits {
		ids[i], photos[i] = hits[i].ID, hits[i].Photo
	}
	s.thumbs.load(ids, photos)
}
