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

// MainWindow is the journal's window: people on the left, the screens on the right.
type MainWindow struct {
	Window fyne.Window
	store  *journal.Store
	ctx    context.Context

	people     []journal.PersonSummary
	PeopleList *widget.List
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
	m.Reload()
	empty := widget.NewLabel("No one in your journal yet.")
	if len(m.people) > 0 {
		empty.Hide()
	}
	m.Window.SetContent(container.NewBorder(widget.NewLabelWithStyle("People", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewStack(m.PeopleList, container.NewCenter(empty))))
	m.Window.Resize(fyne.NewSize(1100, 720))
	return m
}

// Reload refreshes the sidebar from the journal.
func (m *MainWindow) Reload() {
	people, err := m.store.PeopleSummaries(m.ctx, false)
	if err != nil {
		fyne.LogError("load people", err)
		return
	}
	m.people = people
	m.PeopleList.Refresh()
}
