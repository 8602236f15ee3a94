package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"kindred/journal/journaltest"
)

// At 800x600 every screen fits the window's width: nothing asks for more,
// so nothing is cut or laid over something else; and the sidebar's count
// and Add person do not overlap.
func TestEverythingFitsAnEightHundredWideWindow(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	for _, name := range []string{"Ben Okafor", "Chloé Martin", "Dev Patel", "Eva Nilsson", "Finn Byrne", "Gus Moreno", "Hana Rossi", "Ivo Kral", "Jun Park", "Kai Berg", "Lea Roth"} {
		journaltest.MustAddPerson(t, st, name)
	}
	m := newWindow(t, st)
	m.Window.Show()
	m.SelectPerson(ana.ID)
	m.Sidebar.Filter.SetText("a") // "People (n of 12)"
	m.Window.Resize(fyne.NewSize(800, 600))
	for i := range m.Tabs.Items {
		m.showTab(i)
		if w := m.Window.Content().MinSize().Width; w > 800 {
			t.Errorf("with the %s tab the window needs %.0f points across, more than 800", m.Tabs.Items[i].Text, w)
		}
	}
	d := fyne.CurrentApp().Driver()
	cp, ap := d.AbsolutePositionForObject(m.Sidebar.Count), d.AbsolutePositionForObject(m.Sidebar.AddButton)
	countEnd := cp.X + m.Sidebar.Count.MinSize().Width
	sameLine := ap.Y < cp.Y+m.Sidebar.Count.Size().Height
	if sameLine && countEnd > ap.X {
		t.Errorf("%q ends at x %.0f, under Add person at x %.0f", m.Sidebar.Count.Text, countEnd, ap.X)
	}
}
