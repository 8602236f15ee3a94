package sync

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// newSealedComputer is a computer whose journal is sealed with
// journaltest.Passphrase: its store lives in memory.
func newSealedComputer(t *testing.T, name string) *computer {
	t.Helper()
	path := filepath.Join(t.TempDir(), name, "journal.db")
	plain, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	plain.Close()
	s, _ := journaltest.MustSeal(t, path)
	c := &computer{name: name, s: s, dir: filepath.Join(t.TempDir(), name+"-sync"), online: true}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		t.Fatal(err)
	}
	c.e = New(s)
	c.e.KDF = cheapKDF
	c.e.SnapshotEvery = 5
	return c
}

// scanForPlaintext fails the test if any file under root holds one of the
// words, in any of the ways a careless writer would put it there.
func scanForPlaintext(t *testing.T, root string, words ...string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		low := bytes.ToLower(b)
		for _, w := range words {
			if bytes.Contains(low, []byte(strings.ToLower(w))) || strings.Contains(strings.ToLower(d.Name()), strings.ToLower(w)) {
				t.Errorf("%s holds %q in plain text", p, w)
			}
		}
		return nil
	})
	return n
}

func TestSealedJournalsSyncWithThePassphrase(t *testing.T) {
	ctx := context.Background()
	a := newSealedComputer(t, "laptop")
	b := newSealedComputer(t, "desktop")
	b.dir = a.dir // one folder, as a sync service on one disk would look
	ana := journaltest.MustAddPerson(t, a.s, "Anastasia Whitlock")
	at := time.Date(2024, 9, 14, 21, 0, 0, 0, time.UTC)
	r := a.evening(t, ana.ID, "we talked about the lighthouse keeper", at)

	if _, _, err := a.e.Setup(ctx, a.dir, SetupOptions{Name: "laptop", Passphrase: journaltest.Passphrase}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.e.Join(ctx, b.dir, journaltest.Passphrase, SetupOptions{Name: "desktop"}, nil); err != nil {
		t.Fatalf("join with the passphrase: %v", err)
	}
	got, err := b.s.Reflection(ctx, r.ID)
	if err != nil || got.Text != r.Text {
		t.Fatalf("the desktop has %v, %v", got, err)
	}
	// Apart, both edit the same evening: a conflict, seen through the
	// sealed store's reads.
	a.edit(t, r.ID, "the lighthouse keeper, laptop version")
	b.edit(t, r.ID, "the lighthouse keeper, desktop version")
	a.round(t)
	b.round(t)
	a.round(t)
	for _, x := range []*computer{a, b} {
		st, err := x.e.Status(ctx)
		if err != nil || !st.SetUp || len(st.Computers) != 1 || st.Conflicts != 1 || st.Pending != 0 {
			t.Fatalf("%s status: %+v, %v", x.name, st, err)
		}
		cs, err := x.e.Conflicts(ctx)
		if err != nil || len(cs) != 1 || cs[0].Reflection == nil {
			t.Fatalf("%s conflicts: %+v, %v", x.name, cs, err)
		}
	}
	if a.export(t) != b.export(t) {
		t.Fatal("the sealed journals differ")
	}
	// Reopened from disk, the sealed journal still knows its sync.
	path := a.s.Path()
	a.s.Close()
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a.s, a.e = s, New(s)
	if st, err := a.e.Status(ctx); err != nil || !st.SetUp || st.Conflicts != 1 {
		t.Fatalf("after reopening: %+v, %v", st, err)
	}
	// The triggers made at setup were sealed with the journal's rows.
	if on, err := capturing(ctx, s.ReadDB()); err != nil || !on {
		t.Fatalf("after reopening the triggers are gone (%v)", err)
	}
	a.round(t)

	words := []string{"lighthouse", "Anastasia", "Whitlock", "laptop version", "2024-09-14", journaltest.Passphrase}
	if n := scanForPlaintext(t, a.dir, words...); n < 3 {
		t.Fatalf("only %d files in the folder", n)
	}
	// Nor beside the journals: sync leaves no plain file of its own.
	scanForPlaintext(t, filepath.Dir(path), words...)
	scanForPlaintext(t, filepath.Dir(b.s.Path()), words...)
}

func TestPlainJournalJoinsASealedOneWithThePassphrase(t *testing.T) {
	ctx := context.Background()
	a := newSealedComputer(t, "laptop")
	b := newComputer(t, "desktop")
	b.dir = a.dir
	ana := journaltest.MustAddPerson(t, b.s, "Ana")
	b.evening(t, ana.ID, "from the plain journal", time.Date(2024, 1, 2, 20, 0, 0, 0, time.UTC))
	if _, _, err := a.e.Setup(ctx, a.dir, SetupOptions{Passphrase: journaltest.Passphrase}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.e.Join(ctx, b.dir, "not the passphrase", SetupOptions{}, nil); err == nil {
		t.Fatal("joined with a wrong passphrase")
	}
	if st, _ := b.e.Status(ctx); st.SetUp {
		t.Fatal("a failed join left the journal set up")
	}
	if _, err := b.e.Join(ctx, b.dir, journaltest.Passphrase, SetupOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	a.round(t)
	if a.export(t) != b.export(t) {
		t.Fatal("the journals differ")
	}
	scanForPlaintext(t, a.dir, "from the plain journal", "Ana\"")
}
