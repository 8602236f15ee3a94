//go:build !unix

package journal

import "os"

// lockFile is a no-op where flock does not exist; see sealed_lock_unix.go.
func lockFile(f *os.File) error { return nil }

// sealedInUse cannot tell where flock does not exist.
func sealedInUse(path string) bool { return false }
