package app

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestMain(m *testing.M) {
	// No real timer may fire inside a test: draft saves are driven by hand.
	afterFunc = testTimers.after
	offUI = runNow
	dayCheckEvery = 0 // tests turn the day with checkDay
	os.Exit(m.Run())
}

// manualTimers stands in for time.AfterFunc: the test decides when the
// waits are over.
type manualTimers struct {
	mu      sync.Mutex
	pending map[int]func()
	next    int
}

var testTimers = &manualTimers{pending: map[int]func(){}}

func (mt *manualTimers) after(_ time.Duration, f func()) func() bool {
	mt.mu.Lock()
	defer mt.mu.Unlock()
	id := mt.next
	mt.next++
	mt.pending[id] = f
	return func() bool {
		mt.mu.Lock()
		defer mt.mu.Unlock()
		_, ok := mt.pending[id]
		delete(mt.pending, id)
		return ok
	}
}

// fire runs every wait still pending and reports how many there were.
func (mt *manualTimers) fire() int {
	mt.mu.Lock()
	fs := make([]func(), 0, len(mt.pending))
	for id, f := range mt.pending {
		fs = append(fs, f)
		delete(mt.pending, id)
	}
	mt.mu.Unlock()
	for _, f := range fs {
		f()
	}
	return len(fs)
}

func (mt *manualTimers) count() int {
	mt.mu.Lock()
	defer mt.mu.Unlock()
	return len(mt.pending)
}

// testNow is the clock of every test journal: a Tuesday evening.
var testNow = time.Date(2026, 3, 10, 21, 40, 0, 0, time.Local)

// openJournal is a fresh journal in a temp dir with a fixed clock.
func openJournal(t testing.TB) *journal.Store {
	t.Helper()
	st := journaltest.MustOpen(t)
	st.Now = func() time.Time { return testNow }
	return st
}

// newWindow builds the main window on st in a test app, in the light theme,
// and waits until it shows what the journal holds.
func newWindow(t testing.TB, st *journal.Store) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newThemeVariant(theme.VariantLight))
	return openWindow(t, a, st)
}

func openWindow(t testing.TB, a fyne.App, st *journal.Store) *MainWindow {
	t.Helper()
	m := NewMainWindow(context.Background(), a, st)
	<-m.Loaded()
	t.Cleanup(func() {
		if !m.closed {
			m.Window.Close()
		}
	})
	return m
}

// typeInto gives obj the keyboard and types text into it, key by key.
func typeInto(m *MainWindow, obj fyne.Focusable, text string) {
	m.Window.Canvas().Focus(obj)
	typeText(m, text)
}

// typeText types into whatever has the keyboard, as the driver does.
func typeText(m *MainWindow, text string) {
	for _, r := range text {
		if f := m.Window.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else if fn := m.Window.Canvas().OnTypedRune(); fn != nil {
			fn(r)
		}
	}
}

// pressKey sends a key to whatever has the keyboard, else to the canvas.
func pressKey(m *MainWindow, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := m.Window.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if fn := m.Window.Canvas().OnTypedKey(); fn != nil {
		fn(ev)
	}
}

// pressShortcut delivers a shortcut the way Fyne's desktop driver does: the
// main menu first, then the focused widget if it takes shortcuts, else the
// canvas.
func pressShortcut(m *MainWindow, sc fyne.Shortcut) {
	if mm := m.Window.MainMenu(); mm != nil {
		for _, menu := range mm.Items {
			for _, it := range menu.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
					it.Action()
					return
				}
			}
		}
	}
	if f, ok := m.Window.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	m.Window.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// reflections lists every reflection in the journal, oldest first.
func reflections(t *testing.T, st *journal.Store) []journal.Reflection {
	t.Helper()
	var out []journal.Reflection
	rows, err := st.ReadDB().Query("SELECT id FROM reflections ORDER BY at_utc, id")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		r, err := st.Reflection(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, *r)
	}
	return out
}

// settle lays the window out again from the top, as the desktop driver does
// on every frame when a minimum size changed (the test canvas does not).
// Twice, because wrapped rows learn their width from the first pass.
func settle(m *MainWindow) {
	for range 2 {
		m.Window.Content().Refresh()
	}
}

// runNow runs store work at once, on the caller's goroutine.
func runNow(work func()) { work() }
