package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestChildrenDoNotInheritThePassphrase: KINDRED_PASSPHRASE reaches Kindred
// but not a process it starts (xdg-open, a PDF viewer), here a real shell
// started while the window would be open.
func TestChildrenDoNotInheritThePassphrase(t *testing.T) {
	t.Setenv("KINDRED_PASSPHRASE", "a passphrase for nobody else")
	t.Setenv("KINDRED_NEW_PASSPHRASE", "another one for nobody else")
	var child string
	var given journal.Secret
	gui := func(ctx context.Context, path string, secret func() (journal.Secret, bool, error)) error {
		out, err := exec.Command("sh", "-c", `printf '%s|%s' "${KINDRED_PASSPHRASE-unset}" "${KINDRED_NEW_PASSPHRASE-unset}"`).Output()
		if err != nil {
			return err
		}
		child = string(out)
		given, _, err = secret()
		return err
	}
	var out, errOut bytes.Buffer
	path := filepath.Join(t.TempDir(), "journal.db")
	if code := Main([]string{"--journal", path}, strings.NewReader(""), &out, &errOut, gui); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if child != "unset|unset" {
		t.Fatalf("a child process saw %q", child)
	}
	if given.Passphrase != "a passphrase for nobody else" {
		t.Fatalf("Kindred itself lost the passphrase: %q", given.Passphrase)
	}
	if os.Getenv("KINDRED_PASSPHRASE") == "" {
		t.Fatal("the variable was not given back when Main returned")
	}
}

// TestPassphraseFileOthersCanReadIsRefused: like ssh with a private key, a
// passphrase file that other users can read is refused with a way out.
func TestPassphraseFileOthersCanReadIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte("correct horse battery staple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(passFile, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := kindred(t, "--journal", path, "--passphrase-file", passFile, "seal", "--recovery-key-file", filepath.Join(t.TempDir(), "key"))
	if code != 1 || !strings.HasPrefix(errOut, "kindred: ") || !strings.Contains(errOut, "chmod 600 "+passFile) {
		t.Fatalf("a world-readable passphrase file: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the refused command still made a journal")
	}
}

// TestTextFromStandardInput: --text - reads the reflection from standard
// input, where the process list does not show it, and the help says why.
func TestTextFromStandardInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	if _, errOut, code := kindred(t, "--journal", path, "person", "add", "Rosalind"); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := kindredWithInput(t, "the lighthouse at night\n", "--journal", path, "add", "--person", "Rosalind", "--text", "-"); code != 0 {
		t.Fatal(errOut)
	}
	if out, _, _ := kindred(t, "--journal", path, "search", "lighthouse"); !strings.Contains(out, "lighthouse at night") {
		t.Fatalf("the text from standard input was not saved: %q", out)
	}
	out, _, _ := kindred(t, "add", "--help")
	if !strings.Contains(out, "process list") {
		t.Fatalf("add --help does not say the text is visible to others: %q", out)
	}
}

// TestRestoringASealedBackupSealsThePlainJournalKept: unseal, then restore
// a sealed backup: the plain journal the restore kept is sealed too, and
// kindred backups says which backups are sealed and which plain.
func TestRestoringASealedBackupSealsThePlainJournalKept(t *testing.T) {
	path := plainJournal(t)
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	if _, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", filepath.Join(t.TempDir(), "key")); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code := kindred(t, "--journal", path, "backup")
	if code != 0 {
		t.Fatal(errOut)
	}
	backup := backupPath(out)
	if _, errOut, code := kindred(t, "--journal", path, "unseal", "--yes"); code != 0 {
		t.Fatal(errOut)
	}
	out, _, _ = kindred(t, "--journal", path, "backup")
	plainBackup := backupPath(out)
	if out, _, _ := kindred(t, "--journal", path, "backups"); !strings.Contains(out, "plain: 1 person") || !strings.Contains(out, "sealed: 1 person") {
		t.Fatalf("backups does not say which are plain and which sealed: %q", out)
	}
	if _, errOut, code := kindred(t, "--journal", path, "restore", backup, "--yes"); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	files, _ := filepath.Glob(filepath.Join(journal.BackupDir(path), "*"))
	for _, f := range append(files, path) {
		if sealed, _ := journal.IsSealedFile(f); !sealed {
			t.Errorf("%s is plain after the journal was sealed again by a restore", filepath.Base(f))
		}
	}
	if sealed, _ := journal.IsSealedFile(plainBackup); !sealed {
		t.Errorf("the plain backup %s was left plain", plainBackup)
	}
	if out, _, _ := kindred(t, "--journal", path, "backups"); strings.Contains(out, "plain:") {
		t.Fatalf("backups still lists a plain one: %q", out)
	}
}

// TestPassphraseOnATerminalAsksForTheRecoveryKey: unlocked with the
// passphrase, kindred passphrase asks for the recovery key the new data key
// must be wrapped for, and refuses one that is not the journal's.
func TestPassphraseOnATerminalAsksForTheRecoveryKey(t *testing.T) {
	path := plainJournal(t)
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	if _, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", keyFile); code != 0 {
		t.Fatal(errOut)
	}
	key, _ := os.ReadFile(keyFile)
	before, _ := os.ReadFile(path)
	withTerminal(t, "the next passphrase", "the next passphrase", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
	if _, errOut, code := kindred(t, "--journal", path, "passphrase"); code != 1 || !strings.Contains(errOut, "not the journal's recovery key") {
		t.Fatalf("a wrong recovery key: exit %d %q", code, errOut)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(before, now) {
		t.Fatal("a refused change wrote the journal")
	}
	term := withTerminal(t, "the next passphrase", "the next passphrase", strings.TrimSpace(string(key)))
	if _, errOut, code := kindred(t, "--journal", path, "passphrase"); code != 0 {
		t.Fatalf("passphrase on a terminal: %s", errOut)
	}
	if len(term.asked) != 3 || !strings.Contains(term.asked[2], "Recovery key") {
		t.Fatalf("asked: %q", term.asked)
	}
	t.Setenv("KINDRED_PASSPHRASE", "the next passphrase")
	if _, errOut, code := kindred(t, "--journal", path, "stats"); code != 0 {
		t.Fatalf("the new passphrase: %s", errOut)
	}
	os.Unsetenv("KINDRED_PASSPHRASE")
	if _, errOut, code := kindred(t, "--journal", path, "passphrase", "--recovery-key", keyFile, "--new-passphrase-file", writeSecret(t, "a third passphrase")); code != 0 {
		t.Fatalf("the kept recovery key after the change: %s", errOut)
	}
}

func writeSecret(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(p, []byte(s+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
