package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// newTestSession is a session on the journal at path in a test app, doing
// its slow work inline and watching idleness only when told.
func newTestSession(t *testing.T, a fyne.App, path string) *session {
	t.Helper()
	s := newSession(context.Background(), a, Options{
		JournalPath: path,
		Open:        journal.Open,
		Unlock:      journal.OpenSealed,
		Seal:        journaltest.FastSeal,
	})
	s.work = func(fn func()) { fn() }
	s.tick = 0
	t.Cleanup(func() { s.Close() })
	return s
}

// startSession starts s and returns what it told its caller: with the
// session's work done in place, it has told it before Start returns.
func startSession(t *testing.T, s *session) error {
	t.Helper()
	told := false
	var got error
	s.Start(func(err error) { told, got = true, err })
	if !told {
		t.Fatal("Start returned before the journal was open or had failed to")
	}
	return got
}

// sealedJournal makes a sealed journal with one person and returns its path
// and recovery key.
func sealedJournal(t *testing.T, dir string) (string, string) {
	t.Helper()
	path := filepath.Join(dir, "journal.db")
	st, recovery := journaltest.MustSeal(t, path)
	journaltest.MustAddPerson(t, st, "Rosalind")
	st.Close()
	return path, recovery
}

func TestLockScreenSaysWhenThePassphraseIsWrong(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	if s.main != nil || s.lock == nil {
		t.Fatal("a sealed journal opened without its lock screen")
	}
	before, _ := os.ReadFile(path)

	test.Type(s.lock.Passphrase, "not it at all")
	test.Tap(s.lock.Unlock)
	if s.main != nil {
		t.Fatal("a wrong passphrase opened the journal")
	}
	if !s.lock.Message.Visible() || !strings.Contains(s.lock.Message.Text, "does not open") {
		t.Fatalf("message %q (visible %v): want it to say the passphrase does not open the journal", s.lock.Message.Text, s.lock.Message.Visible())
	}
	if s.lock.Passphrase.Text != "" {
		t.Fatal("the wrong passphrase was left in the entry")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("a failed unlock changed the file")
	}

	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if s.main == nil || s.lockWindow != nil {
		t.Fatal("the right passphrase did not open the main window")
	}
	<-s.main.Loaded()
	if people := s.main.people.people; len(people) != 1 || people[0].Name != "Rosalind" {
		t.Fatalf("the main window shows %v, want Rosalind", people)
	}
}

func TestLockScreenRecoveryKeySetsANewPassphrase(t *testing.T) {
	a := test.NewTempApp(t)
	path, recovery := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.lock.UseRecovery)
	if !s.lock.byKey.Visible() || s.lock.byPass.Visible() {
		t.Fatal("the recovery form is not shown")
	}
	test.Type(s.lock.RecoveryKey, strings.ToLower(recovery))
	test.Type(s.lock.NewPassphrase, "a brand new passphrase")
	test.Type(s.lock.RepeatPassphrase, "a brand new passphras")
	test.Tap(s.lock.RecoveryUnlock)
	if s.main != nil || !strings.Contains(s.lock.Message.Text, "differ") {
		t.Fatalf("mismatched passphrases: message %q, main open %v", s.lock.Message.Text, s.main != nil)
	}
	test.Type(s.lock.RepeatPassphrase, "e")
	test.Tap(s.lock.RecoveryUnlock)
	if s.main == nil {
		t.Fatalf("the recovery key did not open the journal: %q", s.lock.Message.Text)
	}
	s.Close()
	st, err := journal.OpenSealed(context.Background(), path, journal.Secret{Passphrase: "a brand new passphrase"})
	if err != nil {
		t.Fatalf("the new passphrase does not open the journal: %v", err)
	}
	st.Close()
}

// startWithPassphrase starts the session with the journal's passphrase
// given outside the window, as --passphrase-file does.
func startWithPassphrase(t *testing.T, s *session) {
	t.Helper()
	s.o.Given = func() (journal.Secret, bool, error) {
		return journal.Secret{Passphrase: journaltest.Passphrase}, true, nil
	}
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
}

func TestSealedJournalLocksWhenLeftAlone(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	now := time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	startWithPassphrase(t, s)
	if s.main == nil {
		t.Fatal("a given passphrase did not open the journal")
	}
	if s.idle.limit != DefaultLockAfter {
		t.Fatalf("lock after %v, want the default %v", s.idle.limit, DefaultLockAfter)
	}

	// Use keeps it open: the pointer over the window, and typing.
	now = now.Add(DefaultLockAfter - time.Second)
	<-s.main.Loaded() // the window has settled on its content
	s.checkIdle()
	if stack, ok := s.main.Window.Content().(*fyne.Container); !ok || stack.Objects[0] != s.idle.sensor {
		t.Fatal("the activity sensor is not behind the window's content")
	}
	s.idle.sensor.MouseMoved(nil)
	now = now.Add(DefaultLockAfter - time.Second)
	s.main.Window.Canvas().Focus(s.main.PeopleList) // the keyboard moved: use
	s.checkIdle()
	now = now.Add(DefaultLockAfter - time.Second)
	s.checkIdle()
	if s.main == nil {
		t.Fatal("locked although it was in use")
	}

	// Then nothing for the whole time: locked, journal closed.
	st := s.store
	now = now.Add(2 * time.Second)
	s.checkIdle()
	if s.main != nil || s.lockWindow == nil {
		t.Fatal("not locked after the idle time")
	}
	if _, err := st.People(context.Background(), false); err == nil {
		t.Fatal("the journal is still open behind the lock screen")
	}

	// A shorter time, chosen by the user, is kept in the journal.
	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if err := s.setLockAfter(time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.store.Setting(context.Background(), LockAfterSetting); v != "1" {
		t.Fatalf("setting %q = %q, want 1", LockAfterSetting, v)
	}
	s.checkIdle() // sees the save of the setting as use
	now = now.Add(time.Minute)
	s.checkIdle()
	if s.main != nil {
		t.Fatal("not locked after the chosen minute")
	}
	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if s.idle.limit != time.Minute {
		t.Fatalf("after unlocking again: lock after %v, want 1m", s.idle.limit)
	}
}

func TestFocusFingerprintSeesTyping(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("typing")
	entry := widget.NewMultiLineEntry()
	w.SetContent(entry)
	w.Canvas().Focus(entry)
	before := focusFingerprint(w.Canvas())
	test.Type(entry, "x")
	after := focusFingerprint(w.Canvas())
	if before == after || before == "" {
		t.Fatalf("fingerprint %q then %q: typing went unseen", before, after)
	}
	if strings.Contains(after, "x") && len(after) < 3 {
		t.Fatal("the fingerprint holds the text")
	}
}

func TestSealChangeAndUnsealFromTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	plain, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	journaltest.MustAddPerson(t, plain, "Rosalind")
	plain.Close()

	s := newTestSession(t, a, path)
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	if s.main == nil || s.store.Sealed() {
		t.Fatal("a plain journal did not open straight away")
	}

	d := showSealDialog(s)
	test.Type(d.New, "short")
	if !d.Confirm.Disabled() || d.Message.Text == "" {
		t.Fatal("a short passphrase was accepted")
	}
	test.Type(d.New, " but now long")
	test.Type(d.Repeat, "short but now long")
	if d.Confirm.Disabled() {
		t.Fatalf("a good passphrase was refused: %q", d.Message.Text)
	}
	test.Tap(d.Confirm)
	r := lastRecoveryKeyDialog
	test.Type(r.Typed, "ABCD")
	if !r.Confirm.Disabled() {
		t.Fatal("sealing allowed before the recovery key was typed back")
	}
	r.Typed.SetText("")
	test.Type(r.Typed, r.Key.Text)
	if r.Confirm.Disabled() {
		t.Fatal("the typed-back recovery key was not accepted")
	}
	test.Tap(r.Confirm)
	if s.store == nil || !s.store.Sealed() {
		t.Fatal("the journal is not sealed after the seal dialog")
	}
	if sealed, _ := journal.IsSealedFile(path); !sealed {
		t.Fatal("the file is not sealed")
	}
	// The recovery key shown is the journal's: it opens it.
	s.Lock()
	test.Tap(s.lock.UseRecovery)
	test.Type(s.lock.RecoveryKey, r.Key.Text)
	test.Type(s.lock.NewPassphrase, "short but now long")
	test.Type(s.lock.RepeatPassphrase, "short but now long")
	test.Tap(s.lock.RecoveryUnlock)
	if s.main == nil {
		t.Fatalf("the recovery key shown at sealing does not open the journal: %s", s.lock.Message.Text)
	}

	c := showChangePassphraseDialog(s)
	test.Type(c.Current, "not the passphrase")
	test.Type(c.New, "the second passphrase")
	test.Type(c.Repeat, "the second passphrase")
	test.Tap(c.Confirm)
	if !strings.Contains(c.Message.Text, "not the journal's passphrase") {
		t.Fatalf("wrong current passphrase: message %q", c.Message.Text)
	}
	c.Current.SetText("")
	test.Type(c.Current, "short but now long")
	test.Tap(c.Confirm)
	if c.Message.Text != "" {
		t.Fatalf("change refused: %q", c.Message.Text)
	}

	u := showUnsealDialog(s)
	test.Type(u.Current, "the second passphrase")
	test.Tap(u.Confirm)
	if s.store == nil || s.store.Sealed() {
		t.Fatal("the journal is still sealed after unsealing")
	}
	if sealed, _ := journal.IsSealedFile(path); sealed {
		t.Fatal("the file is still sealed")
	}
	<-s.main.Loaded()
	if len(s.main.people.people) != 1 {
		t.Fatal("the unsealed journal lost its people")
	}
}

func TestExportWarningOnlyForASealedJournal(t *testing.T) {
	test.NewTempApp(t)
	plain := journaltest.MustOpen(t)
	if ExportWarning(plain) != nil {
		t.Fatal("a plain journal's export warns about plaintext")
	}
	path, _ := sealedJournal(t, t.TempDir())
	st, err := journal.OpenSealed(context.Background(), path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := ExportWarning(st)
	if w == nil || !strings.Contains(w.Text, "not encrypted") {
		t.Fatalf("a sealed journal's export warning: %v", w)
	}
}

func TestCtrlLLocksEvenWhileTyping(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	s.o.Given = func() (journal.Secret, bool, error) {
		return journal.Secret{Passphrase: journaltest.Passphrase}, true, nil
	}
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	<-s.main.Loaded()
	if !s.main.handleShortcut(lockShortcut) {
		t.Fatal("the window's entries do not pass Ctrl+L on")
	}
	if s.main != nil || s.lockWindow == nil {
		t.Fatal("Ctrl+L did not lock the journal")
	}
}

// Reading is use: scrolling a list, and the pointer moving over the window,
// even over a list's rows (which take the movement), keep the journal open.
func TestScrollingAndPointingKeepTheJournalOpen(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "journal.db")
	st, _ := journaltest.MustSeal(t, path)
	for i := range 40 { // more people than the sidebar shows at once
		journaltest.MustAddPerson(t, st, fmt.Sprintf("Person %02d", i))
	}
	st.Close()
	s := newTestSession(t, a, path)
	now := time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	startWithPassphrase(t, s)
	<-s.main.Loaded()
	s.main.Window.Resize(fyne.NewSize(1100, 720))
	s.checkIdle()

	almost := s.idle.limit - time.Second
	now = now.Add(almost)
	s.main.Sidebar.List.ScrollToOffset(300)
	if s.main.Sidebar.List.GetScrollOffset() == 0 {
		t.Fatal("the sidebar did not scroll")
	}
	s.checkIdle()
	now = now.Add(almost)
	s.checkIdle()
	if s.main == nil {
		t.Fatal("locked while the user was scrolling the list of people")
	}

	// The driver asks the sensor for its cursor whenever the pointer moves
	// over the window, whatever widget is under it.
	s.idle.sensor.Cursor()
	now = now.Add(almost)
	s.checkIdle()
	if s.main == nil {
		t.Fatal("locked while the pointer moved over the window")
	}

	// Then nothing: it locks.
	now = now.Add(s.idle.limit)
	s.checkIdle()
	if s.main != nil {
		t.Fatal("not locked after the idle time with nothing scrolled")
	}
}

// TestUnlockSaysWhenASaveWasCutShort: a journal whose last change record was
// cut short by a crash opens, and the window says the unconfirmed save was
// left out.
func TestUnlockSaysWhenASaveWasCutShort(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, 5000)) // what a crash during an append can leave
	f.Close()
	s := newTestSession(t, a, path)
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if s.main == nil {
		t.Fatalf("the journal did not open: %q", s.lock.Message.Text)
	}
	top := s.main.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says the last save was cut short")
	}
	var said []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			said = append(said, o.Text)
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(top)
	if text := strings.Join(said, " "); !strings.Contains(text, "cut short") || !strings.Contains(text, "left out") {
		t.Fatalf("the dialog says %q; want it to say the last save was cut short and left out", text)
	}
}

// TestLockClosesTheJournalOffTheUIGoroutine: locking shows the lock screen
// at once and leaves closing the journal (a sealed journal compacts its log
// then) to the work runner; an unlock started meanwhile waits for that close.
func TestLockClosesTheJournalOffTheUIGoroutine(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	startWithPassphrase(t, s)
	<-s.main.Loaded()
	st := s.store
	if _, err := st.AddPerson(context.Background(), "Marguerite"); err != nil {
		t.Fatal(err)
	}

	var queued []func()
	s.work = func(fn func()) { queued = append(queued, fn) }
	s.Lock()
	if s.main != nil || s.lockWindow == nil {
		t.Fatal("the lock screen did not show at once")
	}
	if len(queued) != 1 {
		t.Fatalf("%d pieces of work queued by the lock, want the close", len(queued))
	}
	if _, err := st.Stats(context.Background()); err != nil {
		t.Fatalf("the journal was closed on the UI goroutine: %v", err)
	}

	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if len(queued) != 2 {
		t.Fatalf("%d pieces of work queued, want the close and the unlock", len(queued))
	}
	unlocked := make(chan struct{})
	go func() {
		defer close(unlocked)
		queued[1]() // waits for the close
	}()
	queued[0]()
	<-unlocked
	if _, err := st.Stats(context.Background()); err == nil {
		t.Error("the locked journal's store is still open")
	}
	if s.main == nil {
		t.Fatalf("the unlock after the close did not open the journal: %q", s.lock.Message.Text)
	}
	s.work = func(fn func()) { fn() }
	<-s.main.Loaded()
	if people := s.main.people.people; len(people) != 2 {
		t.Errorf("after locking and unlocking, the journal shows %d people, want 2", len(people))
	}
}
