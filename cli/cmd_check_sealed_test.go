package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// sealedWithLog is a sealed journal whose file holds a base and two change
// records (copied before close, which would fold them into a new base), and
// the offset where its second record starts.
func sealedWithLog(t *testing.T) (path string, second int64) {
	t.Helper()
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.db")
	s, _ := journaltest.MustSeal(t, orig)
	p := journaltest.MustAddPerson(t, s, "Rosalind")
	second = -1
	for i, text := range []string{"first evening", "second evening"} {
		if i == 1 {
			fi, err := os.Stat(orig)
			if err != nil {
				t.Fatal(err)
			}
			second = fi.Size()
		}
		r := &journal.Reflection{At: time.Date(2025, 1, 1+i, 20, 0, 0, 0, time.UTC), Text: text,
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}}
		if err := s.SaveReflection(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "journal.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, second
}

// TestCheckVerifiesBothSealedFormats: check reads a version 1 file and a
// version 2 file with its change log (writing nothing to the latter), names
// damage in a record, and notes a save cut short.
func TestCheckVerifiesBothSealedFormats(t *testing.T) {
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	check := func(path string) (string, string, int) {
		t.Helper()
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, code := kindred(t, "--journal", path, "check")
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Fatalf("check of %s wrote to the journal", path)
		}
		return out, errOut, code
	}

	// A file sealed by the Kindred before format 2, at schema version 4:
	// opening it brings the schema up to date, a save, which upgrades it
	// (journal's own tests check the backup kept first).

	v1, err := os.ReadFile(filepath.Join("..", "journal", "testdata", "sealed-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	v1Path := filepath.Join(t.TempDir(), "journal.db")
	if err := os.WriteFile(v1Path, v1, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := kindred(t, "--journal", v1Path, "check"); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check of a version 1 file: exit %d %q %q", code, out, errOut)
	}
	if out, errOut, code := kindred(t, "--journal", v1Path, "search", "version"); code != 0 || !strings.Contains(out, "sealed by version 1") {
		t.Fatalf("after its check the version 1 journal: exit %d %q %q", code, out, errOut)
	}

	v2, second := sealedWithLog(t)
	if out, errOut, code := check(v2); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check of a version 2 file with its log: exit %d %q %q", code, out, errOut)
	}

	good, _ := os.ReadFile(v2)
	damaged := bytes.Clone(good)
	damaged[second-100] ^= 0x08 // inside record 2 (of 3): the person, the first evening, the second
	os.WriteFile(v2, damaged, 0o600)
	if out, errOut, code := check(v2); code == 0 || !strings.Contains(errOut, "change record 2") {
		t.Fatalf("check of a damaged record: exit %d %q %q; want it named", code, out, errOut)
	}

	os.WriteFile(v2, good[:second+1000], 0o600)
	out, errOut, code := check(v2)
	if code != 0 || !strings.Contains(out, "note: ") || !strings.Contains(out, "cut short") || !strings.HasSuffix(strings.TrimSpace(out), "ok") {
		t.Fatalf("check of a file with its last record cut short: exit %d %q %q; want a note and ok", code, out, errOut)
	}
}

// TestEveryCommandNotesASaveCutShort: a sealed journal whose last record
// was torn says so in a note from every command that opens it.
func TestEveryCommandNotesASaveCutShort(t *testing.T) {
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	path, second := sealedWithLog(t)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, good[:second+1000], 0o600)
	for _, args := range [][]string{{"stats"}, {"search", "evening"}, {"person", "list"}} {
		t.Run(args[0], func(t *testing.T) {
			_, errOut, _ := kindred(t, append([]string{"--journal", path}, args...)...)
			if !strings.Contains(errOut, "kindred: note: ") || !strings.Contains(errOut, "cut short") {
				t.Errorf("stderr %q: want a note that the last save was cut short", errOut)
			}
		})
	}
	os.WriteFile(path, good[:second+1], 0o600)
	if _, errOut, _ := kindred(t, "--journal", path, "stats"); !strings.Contains(errOut, "(1 byte at its end)") {
		t.Errorf("stderr %q: want (1 byte at its end)", errOut)
	}
}
