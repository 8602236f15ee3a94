package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// MainWindow is the journal's window: people on the left, the screens on the
// right. Screens talk to each other only through its methods.
type MainWindow struct {
	Window fyne.Window
	ctx    context.Context
	store  *journal.Store
	// run starts store work off the UI goroutine (tests run it in place).
	run offUIRunner
	app fyne.App

	// people and kinds are the journal's, as last loaded; they change only
	// on the UI goroutine.
	people *peopleIndex
	kinds  []journal.MomentKind

	Sidebar    *Sidebar
	PeopleList *personList // the sidebar's list

	Tabs     *container.AppTabs
	Reflect  *ReflectScreen
	Timeline *TimelineScreen
	Insights *InsightsScreen
	Search   *SearchScreen
	Reading  *ReadingView // an evening to reread, in the tabs' place (window_reading.go)
	sync     *syncCtl     // sync with a folder (sync_ctl.go)

	Welcome *Welcome
	// IsSample is set for a sample journal, which shows a banner saying so.
	IsSample bool
	Banner   *SampleBanner

	main    fyne.CanvasObject
	showing fyne.CanvasObject // main or Welcome
	dialogs []*modal
	keys    map[string]func() // window shortcuts by name
	// personItems is the menu bar's Person menu (sidebar_keys.go).
	personItems *fyne.Menu
	shift       shiftKey          // Shift held while nothing has the keyboard
	jump        *personJump       // the last Ctrl+K picker
	menuPopUp   *widget.PopUpMenu // F10's menus where the driver has no menu bar
	keysSheet   *modal            // Help > Keyboard shortcuts, while open

	pages []page // scrolling pages that follow the keyboard (scroll_follow.go)

	// thumbs and displays keep decoded photos in memory, never on disk
	// (photo_cache.go).
	thumbs, displays *photoCache

	addPerson      *modal // the last "Add a person" dialog
	addPersonEntry *textEntry

	loadGen   int
	loaded    chan struct{}
	loading   sync.WaitGroup // loads still reading the journal
	closed    bool
	ownsStore bool // the window opened its journal itself (the sample) and closes it
	selecting bool
}

// NewMainWindow builds the window and starts filling it from the journal;
// Loaded tells when the sidebar is filled.
func NewMainWindow(ctx context.Context, a fyne.App, st *journal.Store) *MainWindow {
	m := &MainWindow{run: offUI, Window: a.NewWindow("Kindred"), store: st, ctx: ctx, app: a, people: newPeopleIndex(nil)}
	m.thumbs, m.displays = newPhotoCache(photoCacheThumbs), newPhotoCache(photoCacheDisplays)
	m.Window.SetIcon(Icon)
	m.kinds = append([]journal.MomentKind(nil), journal.BuiltinKinds...)

	m.Sidebar = NewSidebar(m)
	m.PeopleList = m.Sidebar.List
	m.Reflect = NewReflectScreen(m)
	m.Reflect.Composer.setKinds(m.kinds)
	m.Timeline = NewTimelineScreen(m)
	m.Insights = NewInsightsScreen(m)
	m.Search = NewSearchScreen(m)
	m.Tabs = container.NewAppTabs(
		container.NewTabItem("Reflect", m.Reflect),
		container.NewTabItem("Timeline", m.Timeline),
		container.NewTabItem("Insights", m.Insights),
		container.NewTabItem("Search", m.Search),
	)
	m.Tabs.OnSelected = func(ti *container.TabItem) {
		if ti.Content == m.Insights {
			m.Insights.Shown()
		}
	}
	split := container.NewHSplit(m.Sidebar, m.Tabs)
	split.Offset = 0.26
	m.main = split
	m.Welcome = NewWelcome(m)
	m.sync = newSyncCtl(m)
	m.showing = m.main
	m.layoutContent()

	m.Window.SetMainMenu(m.menu())
	m.installShortcuts()
	m.installFollowFocus()
	m.installTravelKeys()
	m.Window.SetOnDropped(m.dropped)
	m.addPage(m.Reflect.scroll, func() bool {
		return m.showing == m.main && !m.ReadingShown() && m.Tabs.SelectedIndex() == 0
	})
	m.Window.SetOnClosed(func() {
		m.closed = true
		delete(windows, m.Window.Canvas())
		// The debounce may not have fired yet: keep what was typed.
		m.Reflect.SaveDraftNow()
		m.sync.stop()
		m.loading.Wait()
		m.thumbs.clear()
		m.displays.clear()
		if m.ownsStore {
			st.Close()
		}
	})
	m.Window.Resize(rememberedSize(a))
	m.loaded = m.load(true)
	m.sync.start()
	m.startRemembering()
	return m
}

// now is the journal's clock.
func (m *MainWindow) now() time.Time { return m.store.Now() }

// Loaded is closed once the latest load from the journal is applied.
func (m *MainWindow) Loaded() <-chan struct{} { return m.loaded }

// layoutContent puts the banner (for a sample) above what is showing.
func (m *MainWindow) layoutContent() {
	var top fyne.CanvasObject
	if m.IsSample {
		if m.Banner == nil {
			m.Banner = NewSampleBanner(m)
		}
		top = m.Banner
	}
	m.Window.SetContent(container.New(&sizeWatch{app: m.app}, container.NewBorder(top, m.sync.Footer, nil, nil, m.showing)))
}

// showMain replaces the welcome with the journal's screens.
func (m *MainWindow) showMain() {
	// Whatever asks for a screen (a tab, a person, a shortcut) is shown in
	// the reading view's place.
	m.closeReading()
	if m.showing == m.main {
		return
	}
	m.showing = m.main
	m.layoutContent()
}

func (m *MainWindow) showWelcome() {
	m.showing = m.Welcome
	m.layoutContent()
	m.focus(m.Welcome.Name)
}

// ShowingWelcome reports whether the first-run welcome is on screen.
func (m *MainWindow) ShowingWelcome() bool { return m.showing == m.Welcome }

// windowData is what one load reads from the journal.
type windowData struct {
	people []journal.PersonSummary
	kinds  []journal.MomentKind
	drafts []journal.Draft
	sample bool
	empty  bool
	err    error
}

func (m *MainWindow) fetch(first bool) (d windowData) {
	if d.people, d.err = m.store.PeopleSummaries(m.ctx, true); d.err != nil {
		return d
	}
	if d.kinds, d.err = m.store.Kinds(m.ctx); d.err != nil {
		return d
	}
	if !first {
		return d
	}
	if d.drafts, d.err = m.store.Drafts(m.ctx); d.err != nil {
		return d
	}
	var v string
	if v, d.err = m.store.Setting(m.ctx, "sample"); d.err != nil {
		return d
	}
	d.sample = v == "true"
	if len(d.people) == 0 {
		var st journal.Stats
		if st, d.err = m.store.Stats(m.ctx); d.err != nil {
			return d
		}
		d.empty = st.Reflections == 0
	}
	return d
}

// load reads the journal off the UI goroutine and applies it there; the
// channel is closed once it is applied. A later load wins over an earlier
// one still running.
func (m *MainWindow) load(first bool) chan struct{} {
	m.loadGen++
	gen := m.loadGen
	done := make(chan struct{})
	m.loading.Add(1)
	m.run(func() {
		defer m.loading.Done()
		d := m.fetch(first)
		fyne.Do(func() {
			defer close(done)
			if gen != m.loadGen || m.closed {
				return
			}
			m.apply(d, first)
		})
	})
	return done
}

func (m *MainWindow) apply(d windowData, first bool) {
	if d.err != nil {
		m.ShowError("Could not read the journal", d.err)
		return
	}
	m.setPeople(d.people)
	m.kinds = d.kinds
	m.Reflect.Composer.setKinds(d.kinds)
	if !first {
		return
	}
	if d.sample != m.IsSample {
		m.IsSample = d.sample
		m.Window.SetTitle("Kindred — sample journal")
	}
	if d.empty {
		m.showWelcome()
	} else {
		m.layoutContent()
	}
	m.Reflect.restoreDraft(d.drafts)
}

func (m *MainWindow) setPeople(people []journal.PersonSummary) {
	m.people = newPeopleIndex(people)
	m.Sidebar.setPeople(m.people)
	m.Reflect.Composer.setPeople(m.people)
}

// addKnownPerson puts a person just added to the journal into the lists at
// once, before the next load brings their summary.
func (m *MainWindow) addKnownPerson(p *journal.Person) journal.PersonSummary {
	ps := journal.PersonSummary{Person: *p}
	people := append(append([]journal.PersonSummary(nil), m.people.people...), ps)
	m.setPeople(people)
	return ps
}

// addKind makes a new moment kind available to every card.
func (m *MainWindow) addKind(k journal.MomentKind) {
	m.kinds = append(append([]journal.MomentKind(nil), m.kinds...), k)
	m.Reflect.Composer.setKinds(m.kinds)
}

// Reload refreshes the sidebar (and the people the composer offers) from the
// journal, off the UI goroutine.
func (m *MainWindow) Reload() { m.reload() }

func (m *MainWindow) reload() chan struct{} {
	m.sync.localChange()
	m.loaded = m.load(false)
	return m.loaded
}

// SelectPerson shows one person's timeline and insights.
func (m *MainWindow) SelectPerson(id string) {
	if m.selecting {
		return
	}
	m.selecting = true
	defer func() { m.selecting = false }()
	m.showMain()
	m.Timeline.SetPerson(id)
	m.Insights.SetPerson(id)
	m.Tabs.Select(m.Tabs.Items[1])
	for i, p := range m.Sidebar.Shown() {
		if p.ID == id {
			m.Sidebar.List.Select(i)
			m.Sidebar.List.ScrollTo(i)
			break
		}
	}
}

// ShowError tells the user what went wrong, in words, without losing anything.
func (m *MainWindow) ShowError(what string, err error) {
	fyne.LogError(what, err)
	msg := err.Error()
	if journal.ErrorCode(err) == journal.EINTERNAL {
		msg = fmt.Sprintf("Something went wrong inside Kindred: %v", err)
	}
	m.inform(what, msg)
}

// WriteAbout starts a reflection about a person: a new one, with their card.
func (m *MainWindow) WriteAbout(id string) {
	p := m.people.person(id)
	if p == nil {
		return
	}
	m.showTab(0)
	if m.Reflect.Composer.ReflectionID != "" {
		m.Reflect.New()
	}
	card := m.Reflect.Composer.AddPerson(*p)
	m.focus(card.Closeness)
}

// setArchived archives a person or brings them back; nothing is deleted.
func (m *MainWindow) setArchived(id string, archived bool) {
	if err := m.store.SetArchived(m.ctx, id, archived); err != nil {
		m.ShowError("Could not change the archive", err)
		return
	}
	m.Reload()
}
