package app

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestCopiedRecoveryKeyLeavesTheClipboard: the recovery key copied from the
// seal dialog is taken off the clipboard when its minute is up, unless the
// user copied something else since.
func TestCopiedRecoveryKeyLeavesTheClipboard(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "journal.db")
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
	testTimers.fire() // whatever opening left pending is not the clipboard's
	d := showSealDialog(s)
	test.Type(d.New, "a passphrase long enough")
	test.Type(d.Repeat, "a passphrase long enough")
	test.Tap(d.Confirm)
	r := lastRecoveryKeyDialog
	key := r.Key.Text

	test.Tap(r.Copy)
	if got := a.Clipboard().Content(); got != key {
		t.Fatalf("the clipboard after Copy: %q", got)
	}
	if testTimers.count() == 0 {
		t.Fatal("nothing will clear the clipboard")
	}
	testTimers.fire()
	if got := a.Clipboard().Content(); got != "" {
		t.Fatalf("the recovery key is still on the clipboard: %q", got)
	}

	test.Tap(r.Copy)
	a.Clipboard().SetContent("a shopping list")
	testTimers.fire()
	if got := a.Clipboard().Content(); got != "a shopping list" {
		t.Fatalf("what the user copied since was cleared: %q", got)
	}
	r.dlg.Hide()
}
