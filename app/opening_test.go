package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// oldIndex makes st's search index one from before this build's, which the
// next opening rebuilds, and closes st.
func oldIndex(t *testing.T, st *journal.Store) {
	t.Helper()
	if _, err := st.DB().Exec("UPDATE settings SET value = '2' WHERE key = 'search_index_version'"); err != nil {
		t.Fatal(err)
	}
	journaltest.MustAddPerson(t, st, "Maya") // a sealed journal is written out on a save
	st.Close()
}

// openingShown is what the opening window says, "" when there is none.
func openingShown(s *session) string {
	if s.openingWindow == nil || s.opening == nil {
		return ""
	}
	if !s.opening.Progress.Visible() || !s.opening.Progress.Running() {
		return "(no running progress bar) " + s.opening.Message.Text
	}
	return s.opening.Message.Text
}

func TestOpeningAnOldIndexSaysWhatItIsDoing(t *testing.T) {
	for _, c := range []struct {
		name string
		old  bool
		want string // what the opening window says while the journal opens
	}{
		{"an old index", true, "Updating the search index for Chinese, Japanese and Korean, emoji and Markdown… (once)"},
		{"a current index", false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			st := storeWith(t, 2)
			path := st.Path()
			if c.old {
				oldIndex(t, st)
			} else {
				st.Close()
			}
			s := newTestSession(t, a, path)
			base := len(a.Driver().AllWindows()) // the test driver's own
			var during string
			var windows int
			s.o.Open = func(ctx context.Context, path string) (*journal.Store, error) {
				st, err := journal.Open(ctx, path)
				during, windows = openingShown(s), len(a.Driver().AllWindows())-base
				return st, err
			}
			if err := startSession(t, s); err != nil {
				t.Fatal(err)
			}
			if during != c.want {
				t.Errorf("while opening, the window says %q, want %q", during, c.want)
			}
			if want := map[bool]int{true: 1, false: 0}[c.old]; windows != want {
				t.Errorf("while opening, %d windows, want %d", windows, want)
			}
			if s.main == nil || openingShown(s) != "" || len(a.Driver().AllWindows())-base != 1 {
				t.Errorf("once open: main window %v, opening window %q, %d windows; want the main window alone",
					s.main != nil, openingShown(s), len(a.Driver().AllWindows())-base)
			}
		})
	}
}

func TestOpeningWindowClosesWhenTheJournalCannotOpen(t *testing.T) {
	a := test.NewTempApp(t)
	st := storeWith(t, 1)
	path := st.Path()
	oldIndex(t, st)
	s := newTestSession(t, a, path)
	base := len(a.Driver().AllWindows())
	s.o.Open = func(ctx context.Context, path string) (*journal.Store, error) {
		st, err := journal.Open(ctx, path)
		if err == nil {
			st.Close()
		}
		return nil, journal.Errorf(journal.EBUSY, "%s is open in another Kindred.", path)
	}
	var shown fyne.Window
	s.Start(func(err error) {
		if err == nil {
			t.Fatal("the failure was not told")
		}
		// What Run does: a window says why, before the opening one closes.
		shown = a.NewWindow("Kindred")
		shown.Show()
		if openingShown(s) == "" {
			t.Error("the opening window closed before the one saying why showed")
		}
	})
	if shown == nil || openingShown(s) != "" || len(a.Driver().AllWindows())-base != 1 {
		t.Errorf("after the failure: opening window %q, %d windows; want only the one saying why", openingShown(s), len(a.Driver().AllWindows())-base)
	}
}

// sealedWithOldIndex is a sealed journal, with an evening, whose index the
// next opening rebuilds.
func sealedWithOldIndex(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	st, _ := journaltest.MustSeal(t, path)
	p := journaltest.MustAddPerson(t, st, "Rosalind")
	if err := st.SaveReflection(context.Background(), &journal.Reflection{At: time.Date(2025, 2, 1, 20, 0, 0, 0, time.UTC),
		Text: "Tea.", Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}}); err != nil {
		t.Fatal(err)
	}
	oldIndex(t, st)
	return path
}

// A passphrase given outside the window opens the journal before any
// window shows: the opening window says what takes long.
func TestGivenPassphraseOpeningSaysWhatItIsDoing(t *testing.T) {
	a := test.NewTempApp(t)
	s := newTestSession(t, a, sealedWithOldIndex(t))
	base := len(a.Driver().AllWindows())
	s.o.Given = func() (journal.Secret, bool, error) {
		return journal.Secret{Passphrase: journaltest.Passphrase}, true, nil
	}
	var during string
	s.o.Unlock = func(ctx context.Context, path string, sec journal.Secret) (*journal.Store, error) {
		st, err := journal.OpenSealed(ctx, path, sec)
		during = openingShown(s)
		return st, err
	}
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	if want := openStepText(journal.StepSearchIndex); during != want {
		t.Errorf("while opening, the window says %q, want %q", during, want)
	}
	if s.main == nil || s.openingWindow != nil || len(a.Driver().AllWindows())-base != 1 {
		t.Errorf("once open: main window %v, %d windows; want the main window alone", s.main != nil, len(a.Driver().AllWindows())-base)
	}
}

func TestLockScreenSaysWhatAnUnlockIsDoing(t *testing.T) {
	a := test.NewTempApp(t)
	s := newTestSession(t, a, sealedWithOldIndex(t))
	base := len(a.Driver().AllWindows())
	var status string
	s.o.Unlock = func(ctx context.Context, path string, sec journal.Secret) (*journal.Store, error) {
		st, err := journal.OpenSealed(ctx, path, sec)
		if s.lock.Status.Visible() && s.lock.Progress.Visible() {
			status = s.lock.Status.Text
		}
		return st, err
	}
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if s.main == nil {
		t.Fatalf("the journal did not open: %q", s.lock.Message.Text)
	}
	if want := openStepText(journal.StepSearchIndex); status != want {
		t.Errorf("while unlocking, the lock screen says %q, want %q", status, want)
	}
	if s.openingWindow != nil || len(a.Driver().AllWindows())-base != 1 {
		t.Errorf("%d windows once open, want the main window alone", len(a.Driver().AllWindows())-base)
	}
}
