package journal

import (
	"os"
	"syscall"
	"testing"
)

// TestSaveErrorsSayWhatHappened: a journal opened for reading only (its
// file may not be written) fails a save as read-only, not as a broken disk.
func TestSaveErrorsSayWhatHappened(t *testing.T) {
	for err, want := range map[error]string{
		&os.PathError{Op: "write", Path: "j", Err: syscall.EBADF}:  EREADONLY,
		&os.PathError{Op: "write", Path: "j", Err: syscall.EROFS}:  EREADONLY,
		&os.PathError{Op: "write", Path: "j", Err: syscall.ENOSPC}: EDISKFULL,
		&os.PathError{Op: "write", Path: "j", Err: syscall.EIO}:    EIO,
	} {
		if got := ErrorCode(saveError("j", err)); got != want {
			t.Errorf("saveError(%v): code %v, want %v", err, got, want)
		}
	}
}
