package journal_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// openOn lists this process's open descriptors on the file at path, read
// from /proc/self/fd: Windows refuses to rename over a file that is open.
func openOn(t *testing.T, path string) []string {
	t.Helper()
	var want syscall.Stat_t
	if err := syscall.Stat(path, &want); err != nil {
		return nil
	}
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	var open []string
	for _, fd := range fds {
		var st syscall.Stat_t
		if syscall.Stat(filepath.Join("/proc/self/fd", fd.Name()), &st) == nil && st.Dev == want.Dev && st.Ino == want.Ino {
			open = append(open, fd.Name())
		}
	}
	return open
}

// Sealing a journal with a plain backup, and a sealed journal's compaction,
// replace files that Kindred has open; done as on Windows, nothing is open
// on a file when it is replaced, and the journal and its backup are sealed
// and read back.
func TestReplacesOnlyClosedFilesAsWindowsNeeds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "we walked to the lighthouse", "the gull stole her chips")
	plain, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	backup := journal.BackupName(path, journal.BackupManual, time.Now())
	if err := os.MkdirAll(filepath.Dir(backup), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := plain.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	plain.Close()

	var replaced []string
	var stillOpen []string
	defer journal.ReplaceClosedOnly(true, func(p string) {
		replaced = append(replaced, filepath.Base(p))
		if fds := openOn(t, p); len(fds) > 0 {
			stillOpen = append(stillOpen, filepath.Base(p)+" (fd "+strings.Join(fds, ", ")+")")
		}
	})()
	s, _ := journaltest.MustSeal(t, path)
	if err := journal.CompactSealed(s); err != nil {
		t.Fatal(err)
	}
	if len(replaced) < 3 {
		t.Fatalf("replaced %v: want the journal, its backup and the compacted journal", replaced)
	}
	if len(stillOpen) > 0 {
		t.Fatalf("replaced while open: %s", strings.Join(stillOpen, "; "))
	}
	if n := searchCount(t, s, "lighthouse"); n != 1 {
		t.Fatalf("after compaction: got %d reflections, want 1", n)
	}
	s.Close()
	for _, p := range []string{path, backup} {
		if sealed, err := journal.IsSealedFile(p); err != nil || !sealed {
			t.Fatalf("IsSealedFile(%s) = %v, %v; want true", p, sealed, err)
		}
	}
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if n := searchCount(t, s, "lighthouse"); n != 1 {
		t.Fatalf("unlocked again: got %d reflections, want 1", n)
	}
}
