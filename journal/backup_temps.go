package journal

import (
	"os"
	"path/filepath"

	"kindred/journal/filelock"
)

// backupTempPattern names the file a backup is written to before it is
// checked and takes its name (Backup).
const backupTempPattern = ".kindred-backup-*.tmp"

// holdBackupTemp locks a backup's temporary file for as long as the backup
// is being written, so that removeStaleBackupTemps in another Kindred can
// tell it from one a killed backup left.
func holdBackupTemp(path string) *os.File {
	f, err := openShared(path)
	if err != nil {
		return nil
	}
	if filelock.Exclusive(f) != nil {
		f.Close()
		return nil
	}
	return f
}

// removeStaleBackupTemps overwrites and removes the temporary files of
// backups that were killed while being written: each is a whole or partial
// copy of a journal, plain even when the journal is sealed. A temporary
// file another Kindred is still writing is locked, and left alone.
func removeStaleBackupTemps(journalPath string) {
	temps, _ := filepath.Glob(filepath.Join(BackupDir(journalPath), backupTempPattern))
	for _, p := range temps {
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if filelock.Exclusive(f) == nil {
			// Killed between taking its name and letting go of this one,
			// the file is a finished backup too: only the name goes then.
			if !hasOtherNames(f) {
				scrub(f)
			}
			os.Remove(p)
			os.Remove(p + "-journal")
		}
		f.Close()
	}
}

// hasOtherNames reports whether f is also a file of the backups folder
// under another name (or whether that cannot be told).
func hasOtherNames(f *os.File) bool {
	info, err := f.Stat()
	if err != nil {
		return true
	}
	entries, err := os.ReadDir(filepath.Dir(f.Name()))
	if err != nil {
		return true
	}
	for _, e := range entries {
		if e.Name() == filepath.Base(f.Name()) {
			continue
		}
		if other, err := os.Stat(filepath.Join(filepath.Dir(f.Name()), e.Name())); err == nil && os.SameFile(info, other) {
			return true
		}
	}
	return false
}
