//go:build linux

package journal_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestUnlockedJournalLeavesNoCoreDump: once a sealed journal is open, the
// process is not dumpable, so no core file can hold its words or its key.
func TestUnlockedJournalLeavesNoCoreDump(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	s.Close()
	// Seal itself forbids dumps; allow them again to see unlocking do it.
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 1, 0, 0, 0); err != nil {
		t.Skipf("cannot set the dumpable flag here: %v", err)
	}
	mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase}).Close()
	if v, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0); err != nil || v != 0 {
		t.Fatalf("dumpable after unlocking: %d, %v", v, err)
	}
}
