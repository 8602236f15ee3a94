package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSyncTwoJournalsThroughAFolder(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "Dropbox")
	os.Mkdir(folder, 0o700)
	keyFile := filepath.Join(dir, "pairing.key")
	a, b := filepath.Join(dir, "a", "journal.db"), filepath.Join(dir, "b", "journal.db")
	kindred(t, "--journal", a, "person", "add", "Ana")
	kindred(t, "--journal", b, "person", "add", "Ben")
	if _, errs, st := kindred(t, "--journal", a, "add", "--person", "Ana", "--date", "2025-06-01", "--text", "Laptop evening."); st != 0 {
		t.Fatal(errs)
	}
	if out, errs, st := kindred(t, "--journal", a, "sync", "--folder", folder, "--key-file", keyFile, "--name", "laptop"); st != 0 || !strings.Contains(out, "synced with") {
		t.Fatalf("setup: %d %q %q", st, out, errs)
	}
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	if _, errs, st := kindred(t, "--journal", b, "sync", "--folder", folder, "--key-file", keyFile, "--name", "desktop"); st != 0 {
		t.Fatalf("join: %s", errs)
	}
	if _, errs, st := kindred(t, "--journal", a, "sync"); st != 0 {
		t.Fatalf("round: %s", errs)
	}
	out, errs, _ := kindred(t, "--journal", b, "search", "Laptop")
	if !strings.Contains(out, "Laptop evening") {
		t.Errorf("the desktop cannot read the laptop's evening:\n%s%s", out, errs)
	}
	out, errs, st := kindred(t, "--journal", a, "sync", "--status")
	if st != 0 || !strings.Contains(out, "desktop") || !strings.Contains(out, "edited on two computers: 0") {
		t.Errorf("status: %d %q %q", st, out, errs)
	}
	// A third journal with no key file cannot set the folder up again.
	c := filepath.Join(dir, "c", "journal.db")
	kindred(t, "--journal", c, "person", "add", "Cy")
	if _, errs, st := kindred(t, "--journal", c, "sync", "--folder", folder, "--key-file", filepath.Join(dir, "other.key")); st == 0 || !strings.Contains(errs, "already holds") {
		t.Errorf("second setup: %d %q", st, errs)
	}
	if _, errs, st := kindred(t, "--journal", c, "sync", "--folder", filepath.Join(dir, "missing"), "--key-file", filepath.Join(dir, "x.key")); st == 0 || !strings.Contains(errs, "not there") {
		t.Errorf("missing folder: %d %q", st, errs)
	}
}
