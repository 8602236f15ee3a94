package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

func init() { sealOptions = journaltest.FastSeal }

// kindredWithInput runs the command line in-process with stdin, as a pipe would give it.
func kindredWithInput(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errOut, nil)
	return out.String(), errOut.String(), code
}

// scriptedTerminal answers the questions a terminal would be asked, in order,
// and records them.
type scriptedTerminal struct {
	answers []string
	asked   []string
}

func (s *scriptedTerminal) next(prompt string) (string, error) {
	s.asked = append(s.asked, prompt)
	if len(s.answers) == 0 {
		return "", io.EOF
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	return a, nil
}

func (s *scriptedTerminal) ReadSecret(prompt string) (string, error) { return s.next(prompt) }
func (s *scriptedTerminal) ReadLine(prompt string) (string, error)   { return s.next(prompt) }

// withTerminal makes the command line believe stdin is a terminal.
func withTerminal(t *testing.T, answers ...string) *scriptedTerminal {
	term := &scriptedTerminal{answers: answers}
	old := openTerminal
	openTerminal = func(io.Reader, io.Writer) terminal { return term }
	t.Cleanup(func() { openTerminal = old })
	return term
}

func plainJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	if _, errOut, code := kindred(t, "--journal", path, "person", "add", "Rosalind"); code != 0 {
		t.Fatalf("person add: %s", errOut)
	}
	return path
}

func TestSealFromTheCommandLineWithoutATerminal(t *testing.T) {
	path := plainJournal(t)
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")

	// No terminal and nowhere to put the recovery key: refused, nothing changed.
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	_, errOut, code := kindred(t, "--journal", path, "seal")
	if code != 1 || !strings.Contains(errOut, "--recovery-key-file") {
		t.Fatalf("seal without terminal: exit %d, %q", code, errOut)
	}
	if sealed, _ := journal.IsSealedFile(path); sealed {
		t.Fatal("sealed although the recovery key could not be kept")
	}

	out, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", keyFile)
	if code != 0 || !strings.Contains(out, "sealed "+path) {
		t.Fatalf("seal: exit %d, %q %q", code, out, errOut)
	}
	key, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(keyFile); fi.Mode().Perm() != 0o600 {
		t.Fatalf("recovery key file mode %v, want 0600", fi.Mode().Perm())
	}
	if sealed, _ := journal.IsSealedFile(path); !sealed {
		t.Fatal("not sealed")
	}
	if err := sealed.CheckRecoveryKey(string(key)); err != nil {
		t.Fatalf("the recovery key file holds %q: %v", key, err)
	}
}

func TestEveryCommandWorksOnASealedJournal(t *testing.T) {
	path := plainJournal(t)
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	if _, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", keyFile); code != 0 {
		t.Fatal(errOut)
	}
	steps := [][]string{
		{"person", "add", "Grace"},
		{"add", "--person", "Rosalind", "--person", "Grace", "--closeness", "5", "--moment", "laughed", "--text", "lighthouse picnic"},
		{"person", "list"},
		{"timeline", "--person", "Rosalind"},
		{"search", "lighthouse"},
		{"stats"},
	}
	var last string
	for _, args := range steps {
		out, errOut, code := kindred(t, append([]string{"--journal", path}, args...)...)
		if code != 0 {
			t.Fatalf("kindred %s on a sealed journal: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		last = out
	}
	if !strings.Contains(last, "2") {
		t.Fatalf("stats: %q", last)
	}
	if out, _, _ := kindred(t, "--journal", path, "search", "lighthouse"); !strings.Contains(out, "lighthouse") {
		t.Fatalf("search on the sealed journal: %q", out)
	}

	// The passphrase from a file, given before or after the command.
	passFile := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(passFile, []byte(journaltest.Passphrase+"\n"), 0o600)
	os.Unsetenv("KINDRED_PASSPHRASE")
	for _, args := range [][]string{
		{"--journal", path, "--passphrase-file", passFile, "stats"},
		{"stats", "--journal", path, "--passphrase-file=" + passFile},
	} {
		if _, errOut, code := kindred(t, args...); code != 0 {
			t.Fatalf("kindred %s: %s", strings.Join(args, " "), errOut)
		}
	}

	// No passphrase and no terminal: it says how to give one, and never waits.
	_, errOut, code := kindredWithInput(t, journaltest.Passphrase+"\n", "--journal", path, "stats")
	if code != 1 || !strings.Contains(errOut, "KINDRED_PASSPHRASE") || !strings.Contains(errOut, "--passphrase-file") {
		t.Fatalf("no passphrase: exit %d, %q", code, errOut)
	}
	t.Setenv("KINDRED_PASSPHRASE", "wrong wrong wrong")
	_, errOut, code = kindred(t, "--journal", path, "stats")
	if code != 1 || !strings.Contains(errOut, "does not open") {
		t.Fatalf("wrong passphrase: exit %d, %q", code, errOut)
	}
}

func TestSealOnATerminalShowsAndChecksTheRecoveryKey(t *testing.T) {
	path := plainJournal(t)
	term := withTerminal(t, "short", "a long enough passphrase", "a long enough passphrase")
	// The key is only known once shown: answer the confirmation from stderr.
	var out, errOut bytes.Buffer
	answered := &keyEcho{term: term, stderr: &errOut}
	openTerminal = func(io.Reader, io.Writer) terminal { return answered }
	code := Main([]string{"--journal", path, "seal"}, strings.NewReader(""), &out, &errOut, nil)
	if code != 0 {
		t.Fatalf("seal on a terminal: exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "at least 8 characters") {
		t.Fatalf("a short passphrase was not refused: %s", errOut.String())
	}
	if answered.wrongTries != 1 || !strings.Contains(errOut.String(), "not the key shown") {
		t.Fatalf("a mistyped recovery key was not caught: %s", errOut.String())
	}
	t.Setenv("KINDRED_PASSPHRASE", "a long enough passphrase")
	if _, errOut, code := kindred(t, "--journal", path, "stats"); code != 0 {
		t.Fatalf("the new passphrase does not open the journal: %s", errOut)
	}

	// The recovery key, asked for on the terminal, sets a new passphrase.
	withTerminal(t, answered.key, "the third passphrase", "the third passphrase")
	if _, errOut, code := kindred(t, "--journal", path, "passphrase", "--use-recovery-key"); code != 0 {
		t.Fatalf("passphrase --use-recovery-key: %s", errOut)
	}
	t.Setenv("KINDRED_PASSPHRASE", "the third passphrase")
	if _, errOut, code := kindred(t, "--journal", path, "stats"); code != 0 {
		t.Fatalf("the passphrase set with the recovery key does not open the journal: %s", errOut)
	}
}

// keyEcho answers like a user who first mistypes the recovery key, then
// types it as shown on stderr.
type keyEcho struct {
	term       *scriptedTerminal
	stderr     *bytes.Buffer
	key        string
	wrongTries int
}

func (k *keyEcho) ReadSecret(prompt string) (string, error) { return k.term.ReadSecret(prompt) }

func (k *keyEcho) ReadLine(prompt string) (string, error) {
	if !strings.Contains(prompt, "recovery key") {
		return k.term.ReadLine(prompt)
	}
	if k.wrongTries == 0 {
		k.wrongTries++
		return "AAAA-BBBB", nil
	}
	fields := strings.Fields(k.stderr.String())
	for _, f := range fields {
		if sealed.CheckRecoveryKey(f) == nil && strings.Count(f, "-") == 7 {
			k.key = f
			return f, nil
		}
	}
	return "", errors.New("no key shown")
}

func TestPassphraseAndUnsealFromTheCommandLine(t *testing.T) {
	path := plainJournal(t)
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	if _, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", keyFile); code != 0 {
		t.Fatal(errOut)
	}
	before, _ := os.ReadFile(path)

	t.Setenv("KINDRED_NEW_PASSPHRASE", "the second passphrase")
	// Unlocked with the passphrase, the change needs the recovery key too.
	if _, errOut, code := kindred(t, "--journal", path, "passphrase"); code != 1 || !strings.Contains(errOut, "--new-recovery-key-file") {
		t.Fatalf("passphrase without the recovery key: exit %d %q", code, errOut)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(before, now) {
		t.Fatal("a refused passphrase change wrote the journal")
	}
	newKeyFile := filepath.Join(t.TempDir(), "new-recovery.txt")
	if out, errOut, code := kindred(t, "--journal", path, "passphrase", "--new-recovery-key-file", newKeyFile); code != 0 || !strings.Contains(out, "changed the passphrase") {
		t.Fatalf("passphrase: exit %d %q %q", code, out, errOut)
	}
	after, _ := os.ReadFile(path)
	n := sealed.HeaderSize
	if bytes.Equal(before[n:], after[n:]) {
		t.Fatal("the sealed content stayed under the old key")
	}
	keyFile = newKeyFile
	if _, _, code := kindred(t, "--journal", path, "stats"); code != 1 {
		t.Fatal("the old passphrase still opens the journal")
	}

	// Forgotten passphrase: the recovery key from its file, a new passphrase from a file.
	newFile := filepath.Join(t.TempDir(), "new")
	os.WriteFile(newFile, []byte("the third passphrase\n"), 0o600)
	os.Unsetenv("KINDRED_PASSPHRASE")
	if _, errOut, code := kindred(t, "--journal", path, "passphrase", "--recovery-key", keyFile, "--new-passphrase-file", newFile); code != 0 {
		t.Fatalf("passphrase --recovery-key: %s", errOut)
	}

	t.Setenv("KINDRED_PASSPHRASE", "the third passphrase")
	_, errOut, code := kindred(t, "--journal", path, "unseal")
	if code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("unseal without confirmation: exit %d %q", code, errOut)
	}
	if out, errOut, code := kindred(t, "--journal", path, "unseal", "--yes"); code != 0 || !strings.Contains(out, "unsealed") {
		t.Fatalf("unseal: exit %d %q %q", code, out, errOut)
	}
	os.Unsetenv("KINDRED_PASSPHRASE")
	if out, errOut, code := kindred(t, "--journal", path, "person", "list"); code != 0 || !strings.Contains(out, "Rosalind") {
		t.Fatalf("the unsealed journal: exit %d %q %q", code, out, errOut)
	}
	if _, errOut, code := kindred(t, "--journal", path, "passphrase"); code != 1 || !strings.Contains(errOut, "not sealed") {
		t.Fatalf("passphrase on a plain journal: exit %d %q", code, errOut)
	}
}

func TestExportOfASealedJournalSaysItIsPlaintext(t *testing.T) {
	registerExport("test-plaintext", func(e *env) error {
		st, err := e.open()
		if err != nil {
			return err
		}
		return st.Close()
	})
	t.Cleanup(func() { delete(exporters, "test-plaintext") })
	path := plainJournal(t)
	if _, errOut, code := kindred(t, "--journal", path, "export", "test-plaintext"); code != 0 || strings.Contains(errOut, "not encrypted") {
		t.Fatalf("plain journal export: exit %d, %q", code, errOut)
	}
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")
	if _, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", keyFile); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := kindred(t, "--journal", path, "export", "test-plaintext"); code != 0 || !strings.Contains(errOut, "not encrypted") {
		t.Fatalf("sealed journal export: exit %d, %q", code, errOut)
	}
}

func TestBackupCommandsOnASealedJournal(t *testing.T) {
	path := plainJournal(t)
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")
	if _, errOut, code := kindred(t, "--journal", path, "seal", "--recovery-key-file", keyFile); code != 0 {
		t.Fatal(errOut)
	}
	out, errOut, code := kindred(t, "--journal", path, "backup")
	if code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	backup := backupPath(out)
	if sealed, _ := journal.IsSealedFile(backup); !sealed {
		t.Fatalf("the backup %s of a sealed journal is not sealed", backup)
	}
	if out, errOut, code := kindred(t, "--journal", path, "backups"); code != 0 || !strings.Contains(out, "sealed: 1 person") {
		t.Fatalf("backups: exit %d %q %q", code, out, errOut)
	}
	if out, errOut, code := kindred(t, "--journal", path, "check"); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check: exit %d %q %q", code, out, errOut)
	}
	if _, errOut, code := kindred(t, "--journal", path, "person", "add", "Grace"); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := kindred(t, "--journal", path, "restore", backup, "--yes"); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	if out, _, _ := kindred(t, "--journal", path, "person", "list"); strings.Contains(out, "Grace") || !strings.Contains(out, "Rosalind") {
		t.Fatalf("after the restore: %q", out)
	}

	os.Unsetenv("KINDRED_PASSPHRASE")
	if _, errOut, code := kindred(t, "--journal", path, "backups"); code != 1 || !strings.Contains(errOut, "KINDRED_PASSPHRASE") {
		t.Fatalf("backups without the passphrase: exit %d %q", code, errOut)
	}
	// Nothing in the journal's folder or its backups is readable.
	err := filepath.WalkDir(filepath.Dir(path), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("Rosalind")) {
			t.Errorf("%s holds a name in plaintext", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
