package journal

import (
	"errors"
	"os"

	"kindred/journal/filelock"
)

// The store holds a shared advisory lock on a file beside the journal
// (journal.db.lock) for as long as it is open, in every process and on
// every system: a restore takes the same lock exclusively, and so sees a
// journal open in any window or command, here or in another process, and
// keeps it from being opened while it replaces the file. The lock file is
// never removed: a process holding a lock on a file removed and made again
// would no longer be seen.

// lockFileSuffix names the lock file beside the journal.
const lockFileSuffix = ".lock"

// holdJournal takes the open store's shared lock on the journal at path. A
// journal being restored is refused; a folder where the lock file cannot be
// made (a read-only journal) leaves the journal unlocked rather than closed.
func holdJournal(path string) (*os.File, error) {
	f, err := lockJournal(path, filelock.Shared)
	if errors.Is(err, filelock.ErrBusy) {
		return nil, Errorf(EBUSY, "%s is being restored from a backup. Try again in a moment.", path)
	}
	return f, nil
}

// claimJournal takes the journal's lock exclusively, for a restore: it fails
// with filelock.ErrBusy while any store has the journal open. The returned file
// releases the lock when closed.
func claimJournal(path string) (*os.File, error) { return lockJournal(path, filelock.Exclusive) }

// lockJournal opens the journal's lock file and locks it as lock does.
func lockJournal(path string, lock func(*os.File) error) (*os.File, error) {
	f, err := os.OpenFile(path+lockFileSuffix, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
