package journal_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// Canaries: words that appear nowhere else, written as text, as a person's
// name and as a moment's note.
var canaries = []string{"quillfeather", "Zebulon", "Marchetti", "kumquat"}

// AssertNoCanary fails if any file under the roots holds a canary, in any case.
func assertNoCanary(t *testing.T, roots ...string) {
	t.Helper()
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b = bytes.ToLower(b)
			for _, c := range canaries {
				if bytes.Contains(b, bytes.ToLower([]byte(c))) {
					t.Errorf("%q found in %s", c, p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestNoPlaintextOnDiskAfterSealing(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("SQLITE_TMPDIR", tmp)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Zebulon Marchetti", "an evening of quillfeather stories", "kumquat jam on the balcony")
	// The plain journal holds them, or the test would prove nothing.
	if b := readFile(t, path); !bytes.Contains(b, []byte("quillfeather")) {
		t.Fatal("the plain journal does not hold the canary")
	}

	s, _ := journaltest.MustSeal(t, path)
	assertNoCanary(t, dir, tmp)

	// Edit, save, draft, search, delete: every kind of write re-seals.
	p, err := s.FindPerson(ctx, "Zebulon Marchetti")
	if err != nil {
		t.Fatal(err)
	}
	r := &journal.Reflection{
		At:   time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC),
		Text: "more quillfeather, and Zebulon laughed",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 6,
			Moments: []journal.Moment{{Kind: "inside-joke", Note: "the kumquat again"}}}},
	}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	r.Text += " (edited: quillfeather)"
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d1", Body: `{"text":"quillfeather draft for Zebulon"}`}); err != nil {
		t.Fatal(err)
	}
	if err := s.RenamePerson(ctx, p.ID, "Zebulon Marchetti-Quillfeather"); err != nil {
		t.Fatal(err)
	}
	if n := searchCount(t, s, "quillfeather"); n == 0 {
		t.Fatal("search found nothing")
	}
	if _, err := s.DeleteReflection(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	assertNoCanary(t, dir, tmp)
	s.Close()
	assertNoCanary(t, dir, tmp)

	// Unlock again, write, close: still nothing.
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err := s.SetSetting(ctx, "note", "kumquat"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	assertNoCanary(t, dir, tmp)
}
