//go:build linux

package journal

import "golang.org/x/sys/unix"

// forbidCoreDumps marks the process not dumpable once a sealed journal is
// unlocked: a crash then leaves no core file holding the journal's words or
// its key, and other processes of the same user cannot attach to read them.
// It lasts until the process ends; a failure is not worth refusing to open.
func forbidCoreDumps() {
	unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0)
}
