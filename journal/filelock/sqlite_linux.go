package filelock

import (
	"os"

	"golang.org/x/sys/unix"
)

// SQLiteInUse reports whether a connection, in this process or another, has
// the SQLite database at path open (any program, not only Kindred). Every
// open WAL connection holds a shared lock on
// SQLite's lock bytes of the file and of its -shm file; an open-file-
// description lock test sees them all, and takes no lock itself.
func SQLiteInUse(path string) bool {
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
