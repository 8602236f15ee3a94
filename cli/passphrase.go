package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"kindred/journal"
	"kindred/journal/sealed"
)

// terminal is where Kindred may ask for a passphrase: the user's terminal,
// with echo off for secrets. It is nil when standard input is not a
// terminal, and then Kindred never asks.
type terminal interface {
	// ReadSecret asks for a secret without echoing it.
	ReadSecret(prompt string) (string, error)
	// ReadLine asks for an answer that may be shown.
	ReadLine(prompt string) (string, error)
}

// ttyTerminal asks on a real terminal: prompts go to stderr, so stdout stays
// clean for what a command prints.
type ttyTerminal struct {
	in     *os.File
	lines  *bufio.Reader
	prompt io.Writer
}

// openTerminal is newTerminal; tests replace it with a scripted terminal.
var openTerminal = newTerminal

func newTerminal(stdin io.Reader, stderr io.Writer) terminal {
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &ttyTerminal{in: f, lines: bufio.NewReader(f), prompt: stderr}
}

func (t *ttyTerminal) ReadSecret(prompt string) (string, error) {
	fmt.Fprint(t.prompt, prompt)
	b, err := term.ReadPassword(int(t.in.Fd()))
	fmt.Fprintln(t.prompt)
	if err != nil {
		return "", fmt.Errorf("read from the terminal: %w", err)
	}
	return string(b), nil
}

func (t *ttyTerminal) ReadLine(prompt string) (string, error) {
	fmt.Fprint(t.prompt, prompt)
	line, err := t.lines.ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("read from the terminal: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// howToGivePassphrase is said whenever a passphrase is needed and cannot be asked for.
const howToGivePassphrase = "give it in the KINDRED_PASSPHRASE environment variable or with --passphrase-file FILE, or run the command in a terminal to be asked for it"

// secret finds the passphrase of the sealed journal at path: --passphrase-file,
// then KINDRED_PASSPHRASE, then a question on the terminal.
func (e *env) secret(path string) (journal.Secret, error) {
	if err := journal.CheckSealedFile(path); err != nil {
		return journal.Secret{}, err
	}
	return e.askSecret(path)
}

// askSecret finds the passphrase without first checking the journal, for
// the backups of a journal that may be damaged.
func (e *env) askSecret(path string) (journal.Secret, error) {
	if e.asked != nil {
		return *e.asked, nil
	}
	sec, err := e.findSecret(path)
	if err == nil {
		e.asked = &sec
	}
	return sec, err
}

func (e *env) findSecret(path string) (journal.Secret, error) {
	pass, ok, err := e.givenPassphrase(e.passphraseFile, "KINDRED_PASSPHRASE")
	if err != nil || ok {
		return journal.Secret{Passphrase: pass}, err
	}
	if e.term == nil {
		return journal.Secret{}, fmt.Errorf("%s is sealed: %s", path, howToGivePassphrase)
	}
	pass, err = e.term.ReadSecret(fmt.Sprintf("Passphrase for %s: ", path))
	return journal.Secret{Passphrase: pass}, err
}

// givenPassphrase reads a passphrase from a file, else from an environment
// variable; ok is false when neither gives one.
func (e *env) givenPassphrase(file, envVar string) (pass string, ok bool, err error) {
	if file != "" {
		if err := checkPrivate(file, "passphrase"); err != nil {
			return "", false, err
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return "", false, fmt.Errorf("read passphrase file: %w", err)
		}
		// One line ending is the file's, not the passphrase's.
		s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
		if s == "" {
			return "", false, fmt.Errorf("the passphrase file %s is empty", file)
		}
		return s, true, nil
	}
	if v, set := e.secretEnv[envVar]; set {
		if v == "" {
			return "", false, fmt.Errorf("%s is set but empty", envVar)
		}
		return v, true, nil
	}
	return "", false, nil
}

// secretVars are the environment variables that may hold a passphrase.
var secretVars = []string{"KINDRED_PASSPHRASE", "KINDRED_NEW_PASSPHRASE"}

// takeSecretEnv reads the passphrase variables once and removes them from
// the environment before anything runs, so that no child process (xdg-open,
// the PDF viewer) inherits them. giveBack restores them, for a program that
// runs Main more than once (the tests); kindred itself exits right after.
func takeSecretEnv() (taken map[string]string, giveBack func()) {
	taken = map[string]string{}
	for _, name := range secretVars {
		if v, set := os.LookupEnv(name); set {
			taken[name] = v
			os.Unsetenv(name)
		}
	}
	return taken, func() {
		for name, v := range taken {
			os.Setenv(name, v)
		}
	}
}

// newPassphrase finds a new passphrase: from a file or an environment
// variable, or asked twice on the terminal so a typing slip is caught.
func (e *env) newPassphrase(file, envVar string) (string, error) {
	pass, ok, err := e.givenPassphrase(file, envVar)
	if err != nil {
		return "", err
	}
	if ok {
		return pass, sealed.CheckPassphrase(pass)
	}
	if e.term == nil {
		return "", fmt.Errorf("a new passphrase is needed: give it in %s or with a passphrase file, or run the command in a terminal to be asked for it", envVar)
	}
	for {
		pass, err := e.term.ReadSecret("New passphrase: ")
		if err != nil {
			return "", err
		}
		if err := sealed.CheckPassphrase(pass); err != nil {
			fmt.Fprintln(e.stderr, err)
			continue
		}
		again, err := e.term.ReadSecret("The same passphrase again: ")
		if err != nil {
			return "", err
		}
		if again == pass {
			return pass, nil
		}
		fmt.Fprintln(e.stderr, "The two passphrases differ; once more.")
	}
}

// readRecoveryKey reads a recovery key from a file, or asks for it.
func (e *env) readRecoveryKey(file string) (string, error) {
	if file != "" {
		if err := checkPrivate(file, "recovery key"); err != nil {
			return "", err
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read recovery key file: %w", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	if e.term == nil {
		return "", errors.New("the recovery key is needed: give --recovery-key FILE, or run the command in a terminal to be asked for it")
	}
	return e.term.ReadSecret("Recovery key: ")
}

// givenSecret is a passphrase given outside the window (--passphrase-file or
// KINDRED_PASSPHRASE), which the window tries before it asks.
func (e *env) givenSecret() (journal.Secret, bool, error) {
	pass, ok, err := e.givenPassphrase(e.passphraseFile, "KINDRED_PASSPHRASE")
	return journal.Secret{Passphrase: pass}, ok, err
}

// readSealedBackups makes the backup commands read sealed images with the
// journal's passphrase, when the journal or any of files is sealed.
func (e *env) readSealedBackups(path string, files ...string) error {
	for _, f := range append([]string{path}, files...) {
		if sealed, _ := journal.IsSealedFile(f); sealed {
			sec, err := e.askSecret(path)
			if err != nil {
				return err
			}
			backupInspector = journal.SealedInspector(sec)
			return nil
		}
	}
	return nil
}

// sealBackupsOfRestored seals the plain backups of a journal that a restore
// has just made sealed (the plain journal it replaced, kept as a backup):
// no plaintext copy of a sealed journal stays in its backups folder.
// Unlocking seals them already, quietly; asking again says which could not
// be sealed, so the restore does not report success over a plain copy.
func (e *env) sealBackupsOfRestored(path string) error {
	if sealed, _ := journal.IsSealedFile(path); !sealed {
		return nil
	}
	sec, err := e.askSecret(path)
	if err != nil {
		return err
	}
	st, err := journal.OpenSealed(e.ctx, path, sec)
	if err != nil {
		return fmt.Errorf("seal the backups of the restored journal: %w", err)
	}
	return errors.Join(st.SealPlainBackups(e.ctx), st.Close())
}
