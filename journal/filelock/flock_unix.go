//go:build unix

package filelock

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// flock locks belong to the open file, not the process: two stores in one
// process each hold their own, and a restore in that process sees them.

func Shared(f *os.File) error    { return flock(f, unix.LOCK_SH) }
func Exclusive(f *os.File) error { return flock(f, unix.LOCK_EX) }

func flock(f *os.File, how int) error {
	err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return ErrBusy
	}
	return err
}
