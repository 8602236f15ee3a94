//go:build !linux

package filelock

// SQLiteInUse cannot look at SQLite's locks on this system; a restore
// relies on the lock Kindred's own stores hold (inuse_lock.go).
func SQLiteInUse(path string) bool { return false }
