package cli

import (
	"fmt"
	"os"
	"runtime"
)

// checkPrivate refuses a file holding a secret that other users may read,
// as ssh refuses such a key: the secret in it is no longer only the user's.
// Windows has no such mode bits to check.
func checkPrivate(path, what string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("read %s file: %w", what, err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("the %s file %s can be read by other users (mode %04o): run chmod 600 %s, and consider the %s known to them", what, path, perm, path, what)
	}
	return nil
}
