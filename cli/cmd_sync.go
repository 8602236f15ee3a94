package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kindred/journal"
	"kindred/journal/sync"
	"kindred/journal/syncfolder"
)

func init() {
	register(command{name: "sync", summary: "sync with a folder another computer shares (sync --folder DIR [--key-file FILE]; sync; sync --status)", run: runSync})
}

// How a second computer may join, said whenever neither way was given.
const howToJoin = "give --key-file FILE (the pairing key: written there on the first computer, read from it on the others) or a passphrase (a sealed journal's own; for a plain one: " + howToGivePassphrase + ")"

func runSync(e *env) (err error) {
	fs := e.flags("sync", "[--folder DIR [--key-file FILE] [--name NAME]] [--status]")
	folder := fs.String("folder", "", "the shared `DIR` (first computer: sets it up; others: join it)")
	keyFile := fs.String("key-file", "", "the pairing key's `FILE`: written on the first computer (0600), read on the others; without it the journal's passphrase opens the folder")
	name := fs.String("name", "", "this computer's `NAME` as the others see it (default: the host name)")
	status := fs.Bool("status", false, "say what sync knows: last synced, computers seen, conflicts")
	if err := e.noArgs(fs, "sync"); err != nil {
		return err
	}
	st, created, err := e.openForJoin(*folder != "" && !*status)
	if err != nil {
		return err
	}
	defer func() {
		st.Close()
		// A new computer may join before it has a journal; a join that
		// fails leaves none behind.
		if created && err != nil {
			_ = journal.RemoveFiles(st.Path())
		}
	}()
	eng := sync.New(st)
	if sealOptions.InsecureKDFForTests != nil {
		eng.KDF = *sealOptions.InsecureKDFForTests
	}
	if *status {
		return printSyncStatus(e, eng)
	}
	cur, err := eng.Status(e.ctx)
	if err != nil {
		return err
	}
	var rep *sync.Report
	switch {
	case *folder == "" && !cur.SetUp:
		return usagef("this journal does not sync yet: kindred sync --folder DIR [--key-file FILE]")
	case *folder == "" || cur.SetUp && sameDir(*folder, cur.Folder):
		rep, err = eng.Round(e.ctx)
	case cur.SetUp:
		return fmt.Errorf("this journal already syncs with %s", cur.Folder)
	default:
		var pass string
		if pass, err = e.syncPassphrase(st, *keyFile); err == nil {
			rep, err = setupOrJoin(e, eng, *folder, *keyFile, pass, *name)
		}
	}
	if err != nil {
		return err
	}
	s, _ := eng.Status(e.ctx)
	fmt.Fprintf(e.stdout, "synced with %s: sent %d, received %d", s.Folder, rep.Sent, rep.Received)
	if rep.Conflicts > 0 {
		fmt.Fprintf(e.stdout, ", %d evening(s) edited on two computers (both versions kept)", rep.Conflicts)
	}
	fmt.Fprintln(e.stdout)
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "note: %s\n", p)
	}
	return nil
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// syncPassphrase is the passphrase that opens the sync folder besides the
// pairing key: a sealed journal's own (already given to open it), else one
// given as a sealed journal's would be. With no key file and none given, a
// terminal is asked; without one, it is an error.
func (e *env) syncPassphrase(st *journal.Store, keyFile string) (string, error) {
	if st.Sealed() {
		if e.asked != nil && e.asked.Passphrase != "" {
			return e.asked.Passphrase, nil
		}
		if keyFile == "" {
			return "", usagef("the journal was opened with its recovery key: %s", howToJoin)
		}
		return "", nil
	}
	pass, ok, err := e.givenPassphrase(e.passphraseFile, "KINDRED_PASSPHRASE")
	if err != nil || ok || keyFile != "" {
		return pass, err
	}
	if e.term == nil {
		return "", usagef("%s", howToJoin)
	}
	return e.term.ReadSecret("Passphrase for the sync folder: ")
}

// setupOrJoin joins a folder already set up (with the key file's pairing
// key if there is one, else the passphrase) and sets up one that is not:
// the pairing key goes to the key file, if given, and the passphrase, if
// any, opens the folder as well.
func setupOrJoin(e *env, eng *sync.Engine, folder, keyFile, pass, name string) (*sync.Report, error) {
	if keyFile != "" {
		key, err := os.ReadFile(keyFile)
		if err == nil {
			return eng.Join(e.ctx, folder, strings.TrimSpace(string(key)), sync.SetupOptions{Name: name}, nil)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if _, err := os.Stat(folder); err != nil {
		return nil, fmt.Errorf("the sync folder %s is not there; nothing was changed", folder)
	}
	if _, err := os.Stat(filepath.Join(folder, syncfolder.Dir)); err == nil {
		if pass != "" {
			return eng.Join(e.ctx, folder, pass, sync.SetupOptions{Name: name}, nil)
		}
		return nil, fmt.Errorf("%s already holds a Kindred sync: join it with the pairing key file the first computer wrote (%s does not exist) or its passphrase", folder, keyFile)
	}
	if keyFile == "" {
		// The passphrase alone opens the folder; the pairing key made
		// beside it is never shown.
		_, rep, err := eng.Setup(e.ctx, folder, sync.SetupOptions{Name: name, Passphrase: pass})
		return rep, err
	}
	// Claimed before the folder is set up, so the key always has a home.
	if err := writeNewFile(keyFile, ""); err != nil {
		return nil, fmt.Errorf("write the pairing key: %w", err)
	}
	pairing, rep, err := eng.Setup(e.ctx, folder, sync.SetupOptions{Name: name, Passphrase: pass})
	if pairing == "" {
		os.Remove(keyFile)
		return nil, err
	}
	if werr := os.WriteFile(keyFile, []byte(pairing+"\n"), 0o600); werr != nil {
		return nil, fmt.Errorf("write the pairing key %s: %w (the key is %s)", keyFile, werr, pairing)
	}
	return rep, err
}

func printSyncStatus(e *env, eng *sync.Engine) error {
	s, err := eng.Status(e.ctx)
	if err != nil {
		return err
	}
	if !s.SetUp {
		fmt.Fprintln(e.stdout, "not syncing (kindred sync --folder DIR [--key-file FILE] sets it up)")
		return nil
	}
	last := "never"
	if !s.LastSynced.IsZero() {
		last = s.LastSynced.Local().Format("2 Jan 2006 15:04")
	}
	fmt.Fprintf(e.stdout, "folder: %s\nlast synced: %s\nthis computer: %s %s (file %d)\n", s.Folder, last, s.This.ID[:8], s.This.Name, s.This.Counter)
	for _, c := range s.Computers {
		fmt.Fprintf(e.stdout, "computer: %s %s (file %d)", c.ID[:8], c.Name, c.Counter)
		if c.Problem != "" {
			fmt.Fprintf(e.stdout, ": %s", c.Problem)
		}
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "edited on two computers: %d\nnot yet sent: %d\n", s.Conflicts, s.Pending)
	if s.Problem != "" {
		fmt.Fprintf(e.stdout, "note: %s\n", s.Problem)
	}
	return nil
}

// openForJoin opens the journal; with join, a journal not there yet is
// made, so that a second computer can join with nothing but the key.
func (e *env) openForJoin(join bool) (st *journal.Store, created bool, err error) {
	if join {
		path, err := e.journalPath()
		if err != nil {
			return nil, false, err
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			st, err := e.open()
			return st, err == nil, err
		}
	}
	st, err = e.openExisting()
	return st, false, err
}
