package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// The main window with the composer part-filled, in light and dark.
func TestComposerGolden(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			if dateLayout() != "02/01/2006" {
				t.Skipf("the golden renders show dates as 02/01/2006 (LANG=C.UTF-8, as make test sets); this locale writes %s", dateLayout())
			}
			st := openJournal(t)
			ana := journaltest.MustAddPerson(t, st, "Ana Lima")
			journaltest.MustAddPerson(t, st, "Ben Okafor")
			a := test.NewTempApp(t)
			a.Settings().SetTheme(newThemeVariant(v.v))
			m := openWindow(t, a, st)
			m.Window.Resize(fyne.NewSize(1100, 1000))
			c := m.Reflect.Composer
			card := c.AddPerson(*m.people.person(ana.ID))
			card.Closeness.SetValue(4)
			card.Toggle(journal.KindDeepTalk)
			card.Toggle(journal.KindLaughed)
			card.Toggle(journal.KindStayedTooDeep)
			card.Notes[journal.KindDeepTalk].SetText("About moving abroad")
			c.Text.SetText("We cooked, then talked until late about her plans.")
			m.Window.Canvas().Unfocus()
			settle(m)
			test.AssertImageMatches(t, "composer_"+v.name+".png", m.Window.Canvas().Capture())
		})
	}
}
