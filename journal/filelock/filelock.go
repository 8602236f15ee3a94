// Package filelock holds advisory locks on files, the same way on every
// system (flock on Unix, LockFileEx on Windows), and looks at SQLite's own
// locks where the system lets it. It knows files, not journals.
package filelock

import "errors"

// ErrBusy is what Shared and Exclusive return when another holder's lock is
// in the way; they never wait.
var ErrBusy = errors.New("the file's lock is held")
