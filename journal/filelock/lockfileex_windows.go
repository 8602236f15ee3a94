package filelock

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// LockFileEx locks belong to the handle: two stores in one process each
// hold their own, and a restore in that process sees them. The locked byte
// lies far past the lock file's end (it holds nothing), so the lock keeps
// no one from reading it.

func Shared(f *os.File) error { return lockFileEx(f, 0) }
func Exclusive(f *os.File) error {
	return lockFileEx(f, windows.LOCKFILE_EXCLUSIVE_LOCK)
}

func lockFileEx(f *os.File, flags uint32) error {
	ol := new(windows.Overlapped)
	ol.OffsetHigh = 0x7fffffff
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return ErrBusy
	}
	return err
}
