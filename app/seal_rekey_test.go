package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestChangePassphraseAsksForTheRecoveryKey: unlocked with the passphrase,
// the window does not know the recovery key that the new data key must be
// wrapped for, so the change dialog asks for it and refuses a wrong one.
func TestChangePassphraseAsksForTheRecoveryKey(t *testing.T) {
	a := test.NewTempApp(t)
	path, recovery := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	startWithPassphrase(t, s)

	c := showChangePassphraseDialog(s)
	if c.Recovery == nil {
		t.Fatal("the change dialog does not ask for the recovery key it needs")
	}
	if objs := c.box.Objects; objs[len(objs)-2] != c.Recovery {
		t.Fatal("the recovery key's entry is not just above the message")
	}
	// A change with many photos takes a while: the dialog says so and moves.
	c.busy(true)
	if !c.Progress.Visible() || !strings.Contains(c.Message.Text, "photos") || !c.Confirm.Disabled() {
		t.Fatalf("busy: progress shown %v, message %q", c.Progress.Visible(), c.Message.Text)
	}
	c.busy(false)
	if c.Progress.Visible() {
		t.Fatal("the progress stays once the work is done")
	}
	test.Type(c.Current, journaltest.Passphrase)
	test.Type(c.New, "the second passphrase")
	test.Type(c.Repeat, "the second passphrase")
	if !c.Confirm.Disabled() {
		t.Fatal("the change was allowed without the recovery key")
	}
	test.Type(c.Recovery, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
	test.Tap(c.Confirm)
	if !strings.Contains(c.Message.Text, "not the journal's recovery key") {
		t.Fatalf("a wrong recovery key: message %q", c.Message.Text)
	}
	c.Recovery.SetText("")
	test.Type(c.Recovery, recovery)
	test.Tap(c.Confirm)
	if c.Message.Text != "" {
		t.Fatalf("change refused: %q", c.Message.Text)
	}
	s.Close()
	for _, sec := range []journal.Secret{{Passphrase: "the second passphrase"}, {RecoveryKey: recovery}} {
		st, err := journal.OpenSealed(context.Background(), path, sec)
		if err != nil {
			t.Fatalf("after the change, %+v: %v", sec.RecoveryKey != "", err)
		}
		st.Close()
	}
}

// The passphrase and recovery key dialogs close with Escape from any of
// their fields or buttons, as every dialog does; not while their work runs.
func TestSealDialogsCloseWithEscape(t *testing.T) {
	a := test.NewTempApp(t)
	path, _ := sealedJournal(t, t.TempDir())
	s := newTestSession(t, a, path)
	startWithPassphrase(t, s)
	overlay := func() fyne.CanvasObject { return s.main.Window.Canvas().Overlays().Top() }
	escape := &fyne.KeyEvent{Name: fyne.KeyEscape}

	c := showChangePassphraseDialog(s)
	for _, k := range []fyne.Focusable{c.Current, c.New, c.Repeat, c.Recovery, c.Cancel, c.Confirm} {
		c.show()
		if overlay() == nil {
			t.Fatal("the dialog did not show")
		}
		k.TypedKey(escape)
		if overlay() != nil {
			t.Fatalf("Escape in %T left the change dialog open", k)
		}
	}
	c.show()
	c.busy(true)
	c.New.TypedKey(escape)
	if overlay() == nil {
		t.Fatal("Escape closed the dialog while its work ran")
	}
	c.busy(false)
	c.New.TypedKey(escape)

	r := showNewRecoveryKeyDialog(s)
	for _, k := range []fyne.Focusable{r.Typed, r.Copy, r.Cancel} {
		r.dlg.Show()
		k.TypedKey(escape)
		if overlay() != nil {
			t.Fatalf("Escape in %T left the recovery key dialog open", k)
		}
	}
}
