package app

import "fyne.io/fyne/v2/container"

// OpenReflection shows a stored evening in the reading view; Edit there
// opens it in the composer. Evenings opened from a person's timeline step
// through that person's evenings.
func (m *MainWindow) OpenReflection(id string) {
	m.showMain()
	if m.Reading == nil {
		m.Reading = NewReadingView(m)
		m.addPage(m.Reading.scroll, m.ReadingShown)
	}
	person := ""
	if m.Tabs.SelectedIndex() == 1 {
		person = m.Timeline.PersonID()
	}
	if split, ok := m.main.(*container.Split); ok && split.Trailing != m.Reading {
		split.Trailing = m.Reading
		split.Refresh()
	}
	m.Reading.Open(id, person)
	m.focus(m.Reading)
}

// ReadingShown reports whether the reading view stands in for the tabs.
func (m *MainWindow) ReadingShown() bool {
	split, ok := m.main.(*container.Split)
	return ok && m.Reading != nil && split.Trailing == m.Reading
}

// closeReading puts the tabs back where the reading view was, as they were.
func (m *MainWindow) closeReading() {
	split, ok := m.main.(*container.Split)
	if !ok || split.Trailing == m.Tabs {
		return
	}
	split.Trailing = m.Tabs
	split.Refresh()
	if m.Window.Canvas().Focused() == m.Reading {
		m.Window.Canvas().Unfocus()
	}
}

// EditReflection opens a stored evening in the composer.
func (m *MainWindow) EditReflection(id string) {
	m.showMain()
	m.closeReading()
	m.Tabs.Select(m.Tabs.Items[0])
	m.Reflect.Edit(id)
}
