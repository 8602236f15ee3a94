package journal

import (
	"errors"
	"fmt"
	"os"

	"kindred/journal/filelock"
	"kindred/journal/sealed"
)

// lockFile takes an exclusive advisory lock on f without waiting. Two
// Kindreds holding the same sealed journal in memory would each seal their
// own copy over the other's, so an unlocked sealed journal is held locked
// for as long as it is open. SQLite never opens a sealed file, so this lock
// cannot disturb its own.
func lockFile(f *os.File) error {
	err := filelock.Exclusive(f)
	if errors.Is(err, filelock.ErrBusy) {
		return Errorf(EBUSY, "%s is open in another Kindred window or command. Close it there (or lock it) and try again.", f.Name())
	}
	if err != nil {
		return fmt.Errorf("lock journal %s: %w", f.Name(), err)
	}
	return nil
}

// sealedInUse reports whether a Kindred has the sealed journal at path
// unlocked (and so holds its lock).
func sealedInUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sealed.Magic))
	if n, _ := f.Read(head); !sealed.HasMagic(head[:n]) {
		return false
	}
	if err := filelock.Exclusive(f); err != nil {
		return errors.Is(err, filelock.ErrBusy)
	}
	return false // closing f lets the lock go
}
