package app

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

var canaries = []string{"quillfeather", "Zebulon", "Marchetti", "kumquat"}

func grepCanaries(t *testing.T, what string, b []byte) {
	t.Helper()
	low := bytes.ToLower(b)
	for _, c := range canaries {
		if bytes.Contains(low, []byte(strings.ToLower(c))) {
			t.Errorf("%q found in %s", c, what)
		}
	}
}

func grepTree(t *testing.T, root string) int {
	t.Helper()
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		grepCanaries(t, p, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestNothingPlainLeftByTheWindow seals a journal from the window, writes,
// locks, unlocks and closes, then greps every byte of the journal's folder,
// the temp dir (which is also the test app's storage root) and Fyne's
// preferences for a word of the text, a person's name and a moment's note.
func TestNothingPlainLeftByTheWindow(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("SQLITE_TMPDIR", tmp)
	a := test.NewTempApp(t)
	if root := a.Storage().RootURI().Path(); root != tmp {
		t.Fatalf("the test app's storage is %s, want the temp dir %s", root, tmp)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	plain, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	p := journaltest.MustAddPerson(t, plain, "Zebulon Marchetti")
	plain.Close()

	s := newTestSession(t, a, path)
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	d := showSealDialog(s)
	test.Type(d.New, journaltest.Passphrase)
	test.Type(d.Repeat, journaltest.Passphrase)
	test.Tap(d.Confirm)
	r := lastRecoveryKeyDialog
	test.Type(r.Typed, r.Key.Text)
	test.Tap(r.Confirm)
	if !s.store.Sealed() {
		t.Fatal("not sealed")
	}

	ctx := context.Background()
	ref := &journal.Reflection{
		At:   time.Now().Add(-time.Hour),
		Text: "we read quillfeather poems",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 6,
			Moments: []journal.Moment{{Kind: "laughed", Note: "kumquat marmalade"}}}},
	}
	if err := s.store.SaveReflection(ctx, ref); err != nil {
		t.Fatal(err)
	}
	ref.Text += ", more quillfeather"
	if err := s.store.SaveReflection(ctx, ref); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SaveDraft(ctx, &journal.Draft{ID: "draft", Body: "Zebulon and the quillfeather"}); err != nil {
		t.Fatal(err)
	}
	s.main.Reload()
	s.main.SelectPerson(p.ID)
	if err := s.setLockAfter(5 * time.Minute); err != nil {
		t.Fatal(err)
	}

	s.Lock()
	test.Type(s.lock.Passphrase, journaltest.Passphrase)
	test.Tap(s.lock.Unlock)
	if s.main == nil {
		t.Fatalf("unlock failed: %s", s.lock.Message.Text)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	if n := grepTree(t, dir); n != 2 {
		t.Errorf("%d files in the journal's folder, want the journal and its lock file alone", n)
	}
	if fi, err := os.Stat(path + ".lock"); err != nil || fi.Size() != 0 {
		t.Errorf("the journal's lock file: %v, want it there and empty", err)
	}
	grepTree(t, tmp)
	prefs, ok := a.Preferences().(interface{ ReadValues(func(map[string]any)) })
	if !ok {
		t.Fatalf("cannot read the test app's preferences (%T)", a.Preferences())
	}
	prefs.ReadValues(func(values map[string]any) {
		for k, v := range values {
			grepCanaries(t, "Fyne preference "+k, []byte(k+"="+fmt.Sprint(v)))
		}
	})
}
