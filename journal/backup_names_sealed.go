package journal

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// A sealed journal's backups are named without a date: journal-<16 random
// hex digits>.db for an automatic one, with -manual, -before-restore or
// -before-upgrade after the digits for the others. A dated name would tell
// anyone who sees the folder on which days the journal was opened. The
// backup's date is its modification time, set when it is made and kept when
// it is sealed again (a change of passphrase); listing, rotation and
// restoring by date read it there. Backups named by date (a plain journal's,
// or those made before this) are still recognised.

// sealedBackupName is a new, unused dateless name for a backup of kind.
func sealedBackupName(journalPath string, kind BackupKind) string {
	stem, ext := backupStem(journalPath)
	for {
		b := make([]byte, 8)
		rand.Read(b)
		name := stem + "-" + hex.EncodeToString(b)
		if kind != BackupAutomatic {
			name += "-" + string(kind)
		}
		path := filepath.Join(BackupDir(journalPath), name+ext)
		if _, err := os.Lstat(path); err != nil {
			return path
		}
	}
}

func sealedBackupPattern(journalPath string) *regexp.Regexp {
	stem, ext := backupStem(journalPath)
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem) + `-([0-9a-f]{16})(?:-(manual|before-restore|before-upgrade))?` + regexp.QuoteMeta(ext) + `$`)
}

// newBackupName is the name of a new backup of kind made at t: dateless
// when what it holds is sealed.
func newBackupName(journalPath string, sealed bool, kind BackupKind, t time.Time) string {
	if sealed {
		return sealedBackupName(journalPath, kind)
	}
	if kind == BackupAutomatic {
		return BackupName(journalPath, kind, t)
	}
	return freeBackupName(journalPath, kind, t)
}

// dateBackup gives a dateless backup its date, t, as its modification time.
func dateBackup(path string, t time.Time) {
	os.Chtimes(path, t, t)
}

// datelessInfo describes a backup named without a date, or reports false.
func datelessInfo(pattern *regexp.Regexp, dir string, e os.DirEntry) (BackupInfo, bool) {
	m := pattern.FindStringSubmatch(e.Name())
	if m == nil || !e.Type().IsRegular() {
		return BackupInfo{}, false
	}
	info, err := e.Info()
	if err != nil {
		return BackupInfo{}, false
	}
	made := info.ModTime().In(time.Local)
	b := BackupInfo{Path: filepath.Join(dir, e.Name()), Kind: BackupAutomatic, Made: made, Size: info.Size()}
	b.Day = time.Date(made.Year(), made.Month(), made.Day(), 0, 0, 0, 0, time.Local)
	if m[2] != "" {
		b.Kind = BackupKind(m[2])
		b.Day = made.Truncate(time.Second)
	}
	return b, true
}

// keepModTime sets path's modification time back to what it was before the
// file was replaced: for a dateless backup, that time is its date.
func keepModTime(path string, before os.FileInfo) {
	if before != nil {
		os.Chtimes(path, before.ModTime(), before.ModTime())
	}
}

// hasAutomaticOn reports whether a dateless automatic backup was made on
// the day of t.
func hasAutomaticOn(journalPath string, t time.Time) bool {
	list, err := backupFiles(journalPath)
	if err != nil {
		return false
	}
	day := t.In(time.Local).Format("2006-01-02")
	for _, b := range list {
		if b.Kind == BackupAutomatic && b.Day.Format("2006-01-02") == day {
			return true
		}
	}
	return false
}
