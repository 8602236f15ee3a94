package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// askNewPerson asks for a name and adds the person; a problem (an empty name,
// someone already in the journal) shows in the dialog, which keeps the name.
// then, if set, runs with the new person.
func (m *MainWindow) askNewPerson(name string, then func(journal.PersonSummary)) *modal {
	entry := newTextEntry("Their name")
	entry.SetText(name)
	problem := errorLabel()
	md := m.newModal("Add a person", container.NewVBox(
		widget.NewLabel("Who do you want to keep a journal about?"), entry, problem))
	md.escapes(entry)
	add := func() bool {
		p, err := m.store.AddPerson(m.ctx, strings.TrimSpace(entry.Text))
		if err != nil {
			problem.SetText(err.Error())
			problem.Show()
			m.focus(entry)
			return false
		}
		ps := m.addKnownPerson(p)
		m.Reload()
		if then != nil {
			then(ps)
		}
		return true
	}
	entry.OnSubmitted = func(string) {
		if add() {
			md.close()
		}
	}
	md.cancelButton("Cancel")
	md.action("Add", widget.HighImportance, add)
	md.show()
	md.resize(fyne.NewSize(400, 220))
	m.focus(entry)
	m.addPerson = md
	m.addPersonEntry = entry
	return md
}
