package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// personJump is the quick picker of Ctrl+K: type part of a name, Enter goes
// to the first match's timeline.
type personJump struct {
	modal   *modal
	Entry   *textEntry
	List    *widget.List
	matches []journal.PersonSummary
}

// JumpToPerson opens the quick picker (Ctrl+K).
func (m *MainWindow) JumpToPerson() {
	if m.jump != nil && m.jump.modal.open {
		m.focus(m.jump.Entry)
		return
	}
	j := &personJump{Entry: newTextEntry("Type part of a name")}
	j.Entry.onShortcut = m.handleShortcut
	j.List = widget.NewList(
		func() int { return len(j.matches) },
		func() fyne.CanvasObject { return newPersonRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(j.matches) {
				o.(*personRow).set(&j.matches[i], m.now())
			}
		})
	update := func() {
		j.matches = m.people.match(j.Entry.Text, true)
		j.List.UnselectAll()
		j.List.Refresh()
		if len(j.matches) > 0 {
			j.List.ScrollToTop()
		}
	}
	j.Entry.OnChanged = func(string) { update() }
	j.modal = m.newModal("Jump to a person", container.NewBorder(j.Entry, nil, nil, nil, j.List))
	j.modal.escapes(j.Entry)
	goTo := func(i int) {
		if i < 0 || i >= len(j.matches) {
			return
		}
		id := j.matches[i].ID
		j.modal.close()
		m.SelectPerson(id)
	}
	j.Entry.OnSubmitted = func(string) { goTo(0) }
	j.Entry.onDown = func() {
		if len(j.matches) > 0 {
			m.focus(j.List)
		}
	}
	j.List.OnSelected = func(i widget.ListItemID) { goTo(i) }
	j.modal.cancelButton("Close")
	update()
	m.jump = j
	j.modal.show()
	j.modal.resize(fyne.NewSize(440, 460))
	m.focus(j.Entry)
}
