package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func init() { syncTick = 0 } // no ticking in tests

// syncPair is two journals, each in its window, as on a laptop and a
// desktop, with the folder between them. The folder watcher is replaced:
// a test calls what it would call.
type syncPair struct {
	dir      string
	a, b     *MainWindow
	ana      *journal.Person // on a
	watchers map[*syncCtl]func()
}

func newSyncPair(t *testing.T) *syncPair {
	t.Helper()
	p := &syncPair{dir: t.TempDir(), watchers: map[*syncCtl]func(){}}
	old := syncWatch
	t.Cleanup(func() { syncWatch = old; testTimers.fire() })
	syncWatch = func(_ context.Context, dir string, fn func()) error {
		if _, err := os.Stat(dir); err != nil {
			return err
		}
		for _, m := range []*MainWindow{p.a, p.b} {
			if m != nil && m.sync.status != nil && m.sync.status.Folder == dir && p.watchers[m.sync] == nil {
				p.watchers[m.sync] = fn
				return nil
			}
		}
		return nil
	}
	app := test.NewTempApp(t)
	app.Settings().SetTheme(newThemeVariant(theme.VariantLight))
	stA, stB := openJournal(t), openJournal(t)
	p.ana = journaltest.MustAddPerson(t, stA, "Ana")
	saveEvening(t, stA, p.ana.ID, "Tea at the station.", testNow.Add(-48*time.Hour))
	p.a, p.b = openWindow(t, app, stA), openWindow(t, app, stB)
	return p
}

func saveEvening(t *testing.T, st *journal.Store, personID, text string, at time.Time) *journal.Reflection {
	t.Helper()
	r := &journal.Reflection{At: at, Text: text, Encounters: []journal.Encounter{{PersonID: personID, Closeness: 5}}}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// menuItem finds a File menu item by its label.
func menuItem(t *testing.T, m *MainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.Window.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// setUp sets sync up on a through the dialog and joins b with the pairing
// key shown, as a person would.
func (p *syncPair) setUp(t *testing.T) string {
	t.Helper()
	menuItem(t, p.a, "Sync with a folder…").Action()
	d := lastSyncDialog
	d.Folder.SetText(p.dir)
	d.Name.SetText("laptop")
	if d.Setup.Hidden || d.Setup.Disabled() || !d.Join.Hidden {
		t.Fatalf("an empty folder should offer to set sync up: setup hidden %v disabled %v, join hidden %v", d.Setup.Hidden, d.Setup.Disabled(), d.Join.Hidden)
	}
	// Enter in a field presses the button that fits, as a person at the
	// keyboard would.
	d.Name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	k := lastPairingKeyDialog
	if k == nil || k.Key.Text == "" {
		t.Fatalf("no pairing key shown; dialog says %q", d.Message.Text)
	}
	key := k.Key.Text
	k.Done.OnTapped()
	if !p.a.sync.setUp() {
		t.Fatal("a does not sync after set up")
	}

	menuItem(t, p.b, "Sync with a folder…").Action()
	d = lastSyncDialog
	d.Folder.SetText(filepath.Join(p.dir, "kindred-sync")) // the sync's own folder, chosen by mistake
	d.Name.SetText("desktop")
	if d.Join.Hidden || !d.Join.Disabled() || !d.Setup.Hidden {
		t.Fatal("a folder with a sync should ask for the key to join")
	}
	d.Folder.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.b.Window.Canvas().Focused() != d.Key {
		t.Fatalf("Enter in the folder's field with no key typed should go on to the key's field, not %T", p.b.Window.Canvas().Focused())
	}
	d.Key.SetText(key)
	d.Key.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !p.b.sync.setUp() {
		t.Fatalf("b did not join: %q", d.Message.Text)
	}
	if d.Progress.Value == 0 || d.Progress.Value != d.Progress.Max {
		t.Fatalf("the join's progress ended at %v of %v", d.Progress.Value, d.Progress.Max)
	}
	p.b.closeTopDialog() // "Joined"
	return key
}

func TestSyncSetUpJoinAndAnEveningArrivesInTheOpenTimeline(t *testing.T) {
	p := newSyncPair(t)
	key := p.setUp(t)

	// The pairing key can be kept in a file only its owner reads, never
	// over another file, never in the sync folder.
	keyFile := filepath.Join(t.TempDir(), "key.txt")
	if msg := savePairingKey(keyFile, key, p.dir); !strings.HasPrefix(msg, "Saved") {
		t.Fatal(msg)
	}
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi.Mode(), err)
	}
	if msg := savePairingKey(keyFile, key, p.dir); !strings.Contains(msg, "already there") {
		t.Fatalf("saved over a file: %q", msg)
	}
	if msg := savePairingKey(filepath.Join(p.dir, "key.txt"), key, p.dir); !strings.Contains(msg, "Not in the sync folder") {
		t.Fatalf("saved in the sync folder: %q", msg)
	}

	// b took a's evening and person when it joined.
	people, err := p.b.store.People(context.Background(), true)
	if err != nil || len(people) != 1 || people[0].Name != "Ana" {
		t.Fatalf("b's people after join: %v %v", people, err)
	}
	if got := p.b.sync.Footer.Text(); got != "Synced just now · 2 computers" || !p.b.sync.Footer.Visible() {
		t.Fatalf("b's status: %q", got)
	}
	if got := p.a.sync.Footer.Text(); got != "Synced just now · 1 computer" {
		t.Fatalf("a's status before it saw b: %q", got)
	}
	if len(p.watchers) != 2 {
		t.Fatalf("%d folder watchers, want 2", len(p.watchers))
	}

	// b shows Ana's timeline; a saves an evening as the composer does.
	p.b.SelectPerson(p.ana.ID)
	<-p.b.Loaded()
	if n := len(p.b.Timeline.rows); n != 1 {
		t.Fatalf("b's timeline has %d rows, want 1", n)
	}
	r := saveEvening(t, p.a.store, p.ana.ID, "A walk by the river.", testNow.Add(-2*time.Hour))
	p.a.Reload()
	p.a.ReflectionChanged(r.ID)
	if testTimers.fire() == 0 {
		t.Fatal("a save did not ask for a round")
	}
	// The file arrives in b's folder: the watcher calls back.
	p.watchers[p.b.sync]()
	if !slices.ContainsFunc(p.b.Timeline.rows, func(row tlRow) bool { return row.ID == r.ID }) {
		t.Fatalf("b's timeline does not show the evening saved on a: %d rows", len(p.b.Timeline.rows))
	}
	if p.b.sync.running {
		t.Fatal("a round is still marked running")
	}

	// Deleted on a while b reads it: b goes back, with no error.
	p.b.OpenReflection(r.ID)
	if _, err := p.a.store.DeleteReflection(context.Background(), r.ID); err != nil {
		t.Fatal(err)
	}
	p.a.ReflectionChanged(r.ID)
	testTimers.fire()
	p.watchers[p.b.sync]()
	if p.b.ReadingShown() || len(p.b.dialogs) != 0 {
		t.Fatalf("b still reads an evening deleted on a (dialogs: %d)", len(p.b.dialogs))
	}
	if slices.ContainsFunc(p.b.Timeline.rows, func(row tlRow) bool { return row.ID == r.ID }) {
		t.Fatal("b's timeline still shows the evening deleted on a")
	}
}

func TestSyncEditedOnTwoComputersIsMarkedAndResolved(t *testing.T) {
	p := newSyncPair(t)
	p.setUp(t)
	ctx := context.Background()
	id := reflections(t, p.a.store)[0].ID
	edit := func(m *MainWindow, text string) {
		r, err := m.store.Reflection(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		r.Text = text
		if err := m.store.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	edit(p.a, "Tea at the station, as the laptop has it.")
	edit(p.b, "Tea at the station, as the desktop has it.")
	p.a.sync.requestRound()
	p.b.sync.requestRound()
	p.a.sync.requestRound()

	for _, m := range []*MainWindow{p.a, p.b} {
		if got := m.sync.Footer.Text(); got != "Sync needs you: 1 evening edited on two computers" {
			t.Fatalf("status: %q", got)
		}
	}
	m := p.b
	m.SelectPerson(p.ana.ID)
	<-m.Loaded()
	row := newTLItemView()
	m.Timeline.updateItem(1, row) // 0 is the month's heading
	if !strings.HasPrefix(row.others.Text, syncMarkText) {
		t.Fatalf("the timeline row is not marked: %q", row.others.Text)
	}

	m.OpenReflection(id)
	shown := m.Reading.Text.Text
	box := m.sync.conflictBox
	if box == nil || !box.Box.Visible() || !strings.Contains(box.Note.Text, "Edited on two computers") {
		t.Fatal("the reading view does not say the evening was edited on two computers")
	}
	// Tab reaches the choices.
	reached := map[fyne.Focusable]bool{}
	c := m.Window.Canvas()
	c.Unfocus()
	for range 200 {
		c.FocusNext()
		f := c.Focused()
		if f == nil || reached[f] {
			break
		}
		reached[f] = true
	}
	for _, b := range []*escButton{box.ShowOther, box.KeepThis, box.KeepOther} {
		if !reached[b] {
			t.Fatalf("Tab does not reach %q", b.Text)
		}
	}

	box.ShowOther.OnTapped()
	other := lastOtherVersion.Text.Text
	if other == shown || !strings.Contains(other, "as the") {
		t.Fatalf("the other version shows %q (shown: %q)", other, shown)
	}
	m.closeTopDialog()

	box.KeepOther.OnTapped()
	if got := m.Reading.Text.Text; got != other {
		t.Fatalf("after keeping the other, the reading view shows %q, want %q", got, other)
	}
	if box.Box.Visible() {
		t.Fatal("the conflict is still shown once settled")
	}
	// The choice reaches a: its conflict goes and it shows the same text.
	p.a.sync.requestRound()
	if n := len(p.a.sync.conflicts); n != 0 {
		t.Fatalf("a still has %d conflicts", n)
	}
	ra, err := p.a.store.Reflection(ctx, id)
	if err != nil || ra.Text != other {
		t.Fatalf("a keeps %q, want %q (%v)", ra.Text, other, err)
	}
	if got := p.a.sync.Footer.Text(); !strings.HasPrefix(got, "Synced") {
		t.Fatalf("a's status after settling: %q", got)
	}
}

func TestSyncDeletedOnOneComputerEditedOnTheOther(t *testing.T) {
	p := newSyncPair(t)
	p.setUp(t)
	ctx := context.Background()
	id := reflections(t, p.a.store)[0].ID
	if _, err := p.a.store.DeleteReflection(ctx, id); err != nil {
		t.Fatal(err)
	}
	r, err := p.b.store.Reflection(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	r.Text = "Tea at the station, and what she said after."
	if err := p.b.store.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	p.a.sync.requestRound()
	p.b.sync.requestRound()

	p.b.OpenReflection(id)
	box := p.b.sync.conflictBox
	if box == nil || !box.Box.Visible() || box.Note.Text != "Deleted on laptop; kept here because it was edited." {
		t.Fatalf("the reading view says %q", func() string {
			if box == nil || box.Note == nil {
				return ""
			}
			return box.Note.Text
		}())
	}
	if p.b.Reading.Text.Text != r.Text {
		t.Fatalf("the edit is not what shows: %q", p.b.Reading.Text.Text)
	}
	box.KeepThis.OnTapped()
	p.a.sync.requestRound()
	if got, err := p.a.store.Reflection(ctx, id); err != nil || got.Text != r.Text {
		t.Fatalf("the kept edit did not come back to a: %v %v", got, err)
	}
}

func TestSyncFolderMissingShowsInTheStatus(t *testing.T) {
	p := newSyncPair(t)
	p.setUp(t)
	if err := os.RemoveAll(p.dir); err != nil {
		t.Fatal(err)
	}
	r := saveEvening(t, p.a.store, p.ana.ID, "Written while the stick was out.", testNow.Add(-time.Hour))
	p.a.ReflectionChanged(r.ID)
	testTimers.fire()
	if got := p.a.sync.Footer.Text(); got != "Sync: folder missing" {
		t.Fatalf("status: %q", got)
	}
	if len(p.a.dialogs) != 0 {
		t.Fatal("a sync problem opened a dialog")
	}
	panel := p.a.sync.showPanel()
	var said []string
	for _, o := range panel.body.Objects {
		if l, ok := o.(*widget.Label); ok {
			said = append(said, l.Text)
		}
	}
	if !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "is not there") }) {
		t.Fatalf("the panel does not say the folder is missing: %q", said)
	}
	// Tab reaches the panel's buttons.
	c := p.a.Window.Canvas()
	reached := map[fyne.Focusable]bool{}
	for range 50 {
		c.FocusNext()
		f := c.Focused()
		if f == nil || reached[f] {
			break
		}
		reached[f] = true
	}
	if !reached[panel.SyncNow] || !reached[panel.Stop] {
		t.Fatal("Tab does not reach Sync now and Stop syncing")
	}

	// Stop syncing, after asking: the status goes, the journal stays.
	panel.Stop.OnTapped()
	ask := p.a.dialogs[len(p.a.dialogs)-1]
	ask.buttons[len(ask.buttons)-1].(*escButton).OnTapped()
	if p.a.sync.setUp() || p.a.sync.Footer.Visible() {
		t.Fatal("still syncing after Stop syncing")
	}
	if n := len(reflections(t, p.a.store)); n != 2 {
		t.Fatalf("%d evenings after Stop syncing, want 2", n)
	}
}
