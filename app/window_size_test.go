package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal/journaltest"
)

// A window opens at the size the last one had.
func TestTheWindowRemembersItsSize(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	a := test.NewTempApp(t)
	m := openWindow(t, a, st)
	m.Window.Resize(fyne.NewSize(900, 640))
	m.Window.Close()
	m2 := openWindow(t, a, st)
	if got := m2.Window.Canvas().Size(); got != fyne.NewSize(900, 640) {
		t.Errorf("the next window opens at %v, want 900x640 as the last one closed", got)
	}
}
