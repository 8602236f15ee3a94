package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"kindred/journal"
)

// OpenStore opens a journal for any part of the program (a sealed one with
// the passphrase secret finds), and makes the day's automatic backup. A
// damaged journal's error names the backup that can replace it.
func OpenStore(ctx context.Context, path string, secret func(path string) (journal.Secret, error)) (*journal.Store, error) {
	sealed, err := journal.IsSealedFile(path)
	if err != nil {
		return nil, err
	}
	var s *journal.Store
	if sealed {
		if secret == nil {
			return nil, journal.Errorf(journal.ESEALED, "%s is sealed: unlock it with its passphrase.", path)
		}
		sec, err := secret(path)
		if err != nil {
			return nil, err
		}
		if s, err = journal.OpenSealed(ctx, path, sec); err != nil {
			return nil, err // names the newest backup itself
		}
		backupInspector = s.Inspector()
	} else if s, err = journal.Open(ctx, path); err != nil {
		return nil, explainOpenError(ctx, path, err)
	}
	if err := backupOnOpen(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openExisting opens the journal of a command that only reads it: a
// journal that is not there is an error, never made empty (a mistyped
// --journal would otherwise make folders and a journal, and find nothing).
func (e *env) openExisting() (*journal.Store, error) {
	path, err := e.journalPath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, journal.Errorf(journal.ENOTFOUND, "no journal at %s", path)
	}
	return e.open()
}

// open opens the command's journal.
func (e *env) open() (*journal.Store, error) {
	path, err := e.journalPath()
	if err != nil {
		return nil, err
	}
	st, err := OpenStore(e.ctx, path, e.secret)
	if err == nil {
		e.opened = st
	}
	if err == nil && e.exporting && st.Sealed() {
		fmt.Fprintln(e.stderr, "kindred: note: "+journal.PlaintextExportNote)
	}
	if err == nil && st.SealedNotice() != "" {
		// A save cut short by a crash: every command says so, not only check.
		fmt.Fprintln(e.stderr, "kindred: note: "+st.SealedNotice())
	}
	if err == nil && st.SearchNotice() != "" {
		fmt.Fprintln(e.stderr, "kindred: note: "+st.SearchNotice())
	}
	return st, err
}
