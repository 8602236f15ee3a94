package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// Lock, then unlock: the same screen, person and scroll position, and a
// window that kept its size throughout.
func TestUnlockReturnsToTheSamePlace(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	st, err := journal.OpenSealed(t.Context(), path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.People(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	rosalind := ps[0].ID
	at := time.Date(2025, 1, 1, 20, 0, 0, 0, time.UTC)
	for i := range 80 {
		r := &journal.Reflection{At: at.AddDate(0, 0, i), Text: "An evening.", Encounters: []journal.Encounter{{PersonID: rosalind, Closeness: 4}}}
		if err := st.SaveReflection(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	s := newTestSession(t, a, path)
	s.o.Given = func() (journal.Secret, bool, error) {
		return journal.Secret{Passphrase: journaltest.Passphrase}, true, nil
	}
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	<-s.main.Loaded()
	size := fyne.NewSize(1000, 700)
	s.main.Window.Resize(size)
	s.main.SelectPerson(rosalind)
	s.main.Timeline.List.ScrollToOffset(600)
	offset := s.main.Timeline.List.GetScrollOffset()
	if offset == 0 {
		t.Fatal("the timeline did not scroll")
	}

	s.Lock()
	if s.lockWindow == nil {
		t.Fatal("the journal did not lock")
	}
	if got := s.lockWindow.Canvas().Size(); got != size {
		t.Errorf("the lock screen's window is %v, want the journal's %v", got, size)
	}
	s.lock.Passphrase.SetText(journaltest.Passphrase)
	s.lock.submitPassphrase()
	if s.main == nil {
		t.Fatal("the journal did not unlock")
	}
	m := s.main
	<-m.Loaded()
	if got := m.Window.Canvas().Size(); got != size {
		t.Errorf("after unlocking the window is %v, want %v", got, size)
	}
	if m.Tabs.SelectedIndex() != 1 || m.Timeline.PersonID() != rosalind {
		t.Errorf("after unlocking: tab %d, person %q; want Rosalind's timeline", m.Tabs.SelectedIndex(), m.Timeline.PersonID())
	}
	if got := m.Timeline.List.GetScrollOffset(); got != offset {
		t.Errorf("timeline scrolled to %v after unlocking, want %v", got, offset)
	}
}
