//go:build !unix && !windows

package filelock

import "os"

// Where there is neither flock nor LockFileEx, the journal is not locked
// and a restore relies on the user having closed it.

func Shared(*os.File) error    { return nil }
func Exclusive(*os.File) error { return nil }
