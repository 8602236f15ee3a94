package app

import (
	"fyne.io/fyne/v2"
)

// place is where the user was in the main window when the journal locked:
// unlocking brings them back to it, in a window of the same size.
type place struct {
	size           fyne.Size
	tab            int
	person         string  // whose timeline was shown
	reading        string  // the evening being read, if any
	reflectOffset  float32 // how far down the composer was scrolled
	timelineOffset float32
}

// place notes where the user is.
func (m *MainWindow) place() place {
	p := place{
		size:           m.Window.Canvas().Size(),
		tab:            m.Tabs.SelectedIndex(),
		person:         m.Timeline.PersonID(),
		reflectOffset:  m.Reflect.scroll.Offset.Y,
		timelineOffset: m.Timeline.List.GetScrollOffset(),
	}
	if m.ReadingShown() && m.Reading.Reflection != nil {
		p.reading = m.Reading.Reflection.ID
	}
	return p
}

// restorePlace takes the user back to p in a window just opened. The
// timeline's offset waits for its first page; the composer's for the
// journal's first load, which may bring back a draft.
func (m *MainWindow) restorePlace(p place) {
	if p.size.Width > 0 && p.size.Height > 0 {
		m.Window.Resize(p.size)
	}
	if p.person != "" {
		m.Timeline.restoreOffset = p.timelineOffset
		m.SelectPerson(p.person)
	}
	if p.tab >= 0 && p.tab < len(m.Tabs.Items) {
		m.Tabs.SelectIndex(p.tab)
	}
	if p.reading != "" {
		m.OpenReflection(p.reading)
	}
	loaded := m.Loaded()
	offset, person := p.reflectOffset, p.person
	m.run(func() {
		<-loaded
		fyne.Do(func() {
			m.Reflect.scroll.ScrollToOffset(fyne.NewPos(0, offset))
			m.markSelected(person)
		})
	})
}

// markSelected highlights a person in the sidebar, once it lists them,
// without showing their timeline again (which would lose its place).
func (m *MainWindow) markSelected(id string) {
	if id == "" || m.selecting {
		return
	}
	m.selecting = true
	defer func() { m.selecting = false }()
	for i, p := range m.Sidebar.Shown() {
		if p.ID == id {
			m.Sidebar.List.Select(i)
			m.Sidebar.List.ScrollTo(i)
			return
		}
	}
}
