package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/assets"
	"kindred/journal"
)

// MainWindow is the journal's window: people on the left, the screens on the
// right. Screens talk to each other only through its methods.
type MainWindow struct {
	Window fyne.Window
	ctx    context.Context
	store  *journal.Store

	people     []journal.PersonSummary
	PeopleList *widget.List

	Tabs     *container.AppTabs
	Reflect  *ReflectScreen
	Timeline *TimelineScreen
	Insights *InsightsScreen
	Search   *SearchScreen
}

// NewMainWindow builds the window and fills the sidebar.
func NewMainWindow(ctx context.Context, a fyne.App, st *journal.Store) *MainWindow {
	m := &MainWindow{Window: a.NewWindow("Kindred"), store: st, ctx: ctx}
	m.Window.SetIcon(assets.Icon)
	m.PeopleList = widget.NewList(
		func() int { return len(m.people) },
		func() fyne.CanvasObject { return widget.NewLabel("A person's name") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := m.people[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s · %d evenings", p.Name, p.Evenings))
		})
	m.PeopleList.OnSelected = func(i widget.ListItemID) { m.SelectPerson(m.people[i].ID) }

	m.Reflect = NewReflectScreen(m)
	m.Timeline = NewTimelineScreen(m)
	m.Insights = NewInsightsScreen(m)
	m.Search = NewSearchScreen(m)
	m.Tabs = container.NewAppTabs(
		container.NewTabItem("Reflect", m.Reflect),
		container.NewTabItem("Timeline", m.Timeline),
		container.NewTabItem("Insights", m.Insights),
		container.NewTabItem("Search", m.Search),
	)
	m.Reload()
	sidebar := container.NewBorder(widget.NewLabelWithStyle("People", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, m.PeopleList)
	split := container.NewHSplit(sidebar, m.Tabs)
	split.Offset = 0.25
	m.Window.SetContent(split)
	m.Window.SetMainMenu(m.mainMenu())
	m.Window.Resize(fyne.NewSize(1100, 720))
	return m
}

// Reload refreshes the sidebar from the journal.
func (m *MainWindow) Reload() {
	people, err := m.store.PeopleSummaries(m.ctx, false)
	if err != nil {
		m.ShowError("Could not load people", err)
		return
	}
	m.people = people
	m.PeopleList.Refresh()
}

// SelectPerson shows one person's timeline and insights.
func (m *MainWindow) SelectPerson(id string) {
	m.Timeline.SetPerson(id)
	m.Insights.SetPerson(id)
	m.Tabs.Select(m.Tabs.Items[1])
}

// OpenReflection opens a stored reflection in the composer.
func (m *MainWindow) OpenReflection(id string) {
	m.Reflect.Edit(id)
	m.Tabs.Select(m.Tabs.Items[0])
}

// ShowError tells the user what went wrong, in words, without losing anything.
func (m *MainWindow) ShowError(what string, err error) {
	fyne.LogError(what, err)
}
