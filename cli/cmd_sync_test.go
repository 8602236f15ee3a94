package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
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

func TestSyncSealedJournalsWithThePassphrase(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "Syncthing")
	os.Mkdir(folder, 0o700)
	a, b, c := filepath.Join(dir, "a", "journal.db"), filepath.Join(dir, "b", "journal.db"), filepath.Join(dir, "c", "journal.db")
	kindred(t, "--journal", a, "person", "add", "Ana")
	if _, errs, st := kindred(t, "--journal", a, "add", "--person", "Ana", "--date", "2025-06-01", "--text", "Sealed laptop evening."); st != 0 {
		t.Fatal(errs)
	}
	kindred(t, "--journal", b, "person", "add", "Ben")
	kindred(t, "--journal", c, "person", "add", "Cy")
	for _, p := range []string{a, b} {
		s, err := journal.Seal(context.Background(), p, journaltest.Passphrase, sealed.NewRecoveryKey(), journaltest.FastSeal)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	// A plain journal with neither a key file nor a passphrase is told how.
	if _, errs, st := kindred(t, "--journal", c, "sync", "--folder", folder); st == 0 || !strings.Contains(errs, "--key-file") {
		t.Fatalf("plain journal, no key: %d %q", st, errs)
	}
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	if out, errs, st := kindred(t, "--journal", a, "sync", "--folder", folder, "--name", "laptop"); st != 0 || !strings.Contains(out, "synced with") {
		t.Fatalf("setup with the passphrase: %d %q %q", st, out, errs)
	}
	if _, errs, st := kindred(t, "--journal", b, "sync", "--folder", folder, "--name", "desktop"); st != 0 {
		t.Fatalf("sealed join: %s", errs)
	}
	os.Unsetenv("KINDRED_PASSPHRASE")
	pf := filepath.Join(dir, "pass.txt")
	os.WriteFile(pf, []byte(journaltest.Passphrase+"\n"), 0o600)
	if _, errs, st := kindred(t, "--journal", c, "--passphrase-file", pf, "sync", "--folder", folder, "--name", "study"); st != 0 {
		t.Fatalf("plain join with a passphrase: %s", errs)
	}
	if out, errs, _ := kindred(t, "--journal", c, "search", "Sealed"); !strings.Contains(out, "Sealed laptop evening") {
		t.Errorf("the plain journal lacks the sealed one's evening:\n%s%s", out, errs)
	}
	if _, errs, st := kindred(t, "--journal", b, "--passphrase-file", pf, "sync"); st != 0 {
		t.Fatalf("round: %s", errs)
	}
	if out, errs, _ := kindred(t, "--journal", b, "--passphrase-file", pf, "search", "Sealed"); !strings.Contains(out, "Sealed laptop evening") {
		t.Errorf("the second sealed journal lacks the evening:\n%s%s", out, errs)
	}
	// A wrong passphrase joins nothing and changes nothing.
	d := filepath.Join(dir, "d", "journal.db")
	kindred(t, "--journal", d, "person", "add", "Di")
	os.WriteFile(pf, []byte("wrong\n"), 0o600)
	if _, errs, st := kindred(t, "--journal", d, "--passphrase-file", pf, "sync", "--folder", folder); st == 0 || !strings.Contains(errs, "does not open") {
		t.Errorf("wrong passphrase: %d %q", st, errs)
	}
	if out, _, _ := kindred(t, "--journal", d, "sync", "--status"); !strings.Contains(out, "not syncing") {
		t.Errorf("a failed join left %q", out)
	}
}

// A new computer joins before it has a journal: the join makes one and fills
// it; a join that fails (a key of another folder) leaves no journal behind.
func TestSyncJoinMakesTheJournalOfANewComputer(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "Dropbox")
	os.Mkdir(folder, 0o700)
	other := filepath.Join(dir, "Other")
	os.Mkdir(other, 0o700)
	keyFile, otherKey := filepath.Join(dir, "pairing.key"), filepath.Join(dir, "other.key")
	a := filepath.Join(dir, "a", "journal.db")
	kindred(t, "--journal", a, "person", "add", "Ana")
	kindred(t, "--journal", a, "add", "--person", "Ana", "--date", "2025-06-01", "--text", "Before the new laptop.")
	if _, errs, st := kindred(t, "--journal", a, "sync", "--folder", folder, "--key-file", keyFile); st != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(dir, "c", "journal.db")
	kindred(t, "--journal", c, "person", "add", "Cy")
	if _, errs, st := kindred(t, "--journal", c, "sync", "--folder", other, "--key-file", otherKey); st != 0 {
		t.Fatal(errs)
	}
	wrong := filepath.Join(dir, "wrong", "journal.db")
	if _, errs, st := kindred(t, "--journal", wrong, "sync", "--folder", folder, "--key-file", otherKey); st == 0 {
		t.Fatalf("a join with another folder's key succeeded: %s", errs)
	}
	if _, err := os.Stat(wrong); !os.IsNotExist(err) {
		t.Errorf("the failed join left a journal at %s (%v)", wrong, err)
	}
	b := filepath.Join(dir, "b", "journal.db")
	if out, errs, st := kindred(t, "--journal", b, "sync", "--folder", folder, "--key-file", keyFile, "--name", "new laptop"); st != 0 {
		t.Fatalf("join into no journal: %d %q %q", st, out, errs)
	}
	if out, _, _ := kindred(t, "--journal", b, "search", "laptop"); !strings.Contains(out, "Before the new laptop") {
		t.Errorf("the new computer's journal lacks the evening:\n%s", out)
	}
}
