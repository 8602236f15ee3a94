package journal

import (
	"os"

	"golang.org/x/sys/unix"
)

// journalInUse reports whether a connection, in this process or another,
// has the journal open: besides the lock Kindred's stores hold
// (inuse_lock.go), it sees any SQLite program that has it open. Every open WAL connection holds a shared lock on
// SQLite's lock bytes of the file and of its -shm file; an open-file-
// description lock test sees them all, and takes no lock itself.
func journalInUse(path string) bool {
	return lockHeld(path, 0x40000000, 512) || lockHeld(path+"-shm", 120, 16)
}

func lockHeld(path string, start, n int64) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	lk := unix.Flock_t{Type: unix.F_WRLCK, Start: start, Len: n}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != unix.F_UNLCK
}
