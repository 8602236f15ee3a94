package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"kindred/journal/filelock"
	"kindred/journal/photostore"
)

// RestoreBackup replaces the journal at journalPath with the backup at
// backupPath and returns where the replaced journal was kept ("" if there
// was none). The journal must be closed: a journal open elsewhere (another
// window, a running command) is refused. The backup is checked in full
// first; the replaced journal is kept byte for byte in the backups folder,
// with its write-ahead log if it has one, damaged or not; and the new file
// takes the journal's name in one rename. Nothing is changed when any step
// before the rename fails.
func RestoreBackup(ctx context.Context, journalPath, backupPath string, inspect InspectFunc, now time.Time) (kept string, err error) {
	if inspect == nil {
		inspect = InspectImage
	}
	if sameFile(journalPath, backupPath) {
		return "", fieldErrorf("backup", "That file is the journal itself.")
	}
	c, err := inspect(ctx, backupPath, true)
	if err != nil {
		if je := AsError(err); je != nil && je.Code == EDAMAGED {
			return "", Errorf(EDAMAGED, "The backup %s is damaged and cannot be restored (%s). Nothing was changed.", backupPath, je.Message)
		}
		return "", fmt.Errorf("check backup %s: %w", backupPath, err)
	}
	if c.Version > SchemaVersion() {
		return "", Errorf(ENEWER, "The backup %s was written by a newer version of Kindred (journal version %d). Nothing was changed.", backupPath, c.Version)
	}
	// Claimed for the whole restore: no store opens it meanwhile.
	claim, claimErr := claimJournal(journalPath)
	if claim != nil {
		defer claim.Close()
	}
	if errors.Is(claimErr, filelock.ErrBusy) || filelock.SQLiteInUse(journalPath) || sealedInUse(journalPath) {
		return "", Errorf(ECONFLICT, "The journal %s is open in Kindred (a window or a command). Close it, then restore again. Nothing was changed.", journalPath)
	}
	dir := filepath.Dir(journalPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fileError("create the journal folder", dir, err)
	}
	if fi, err := os.Stat(journalPath); err == nil && fi.Size() > 0 {
		sealed, _ := IsSealedFile(journalPath)
		kept = newBackupName(journalPath, sealed, BackupBeforeRestore, now)
		if err := keepJournal(journalPath, kept); err != nil {
			return "", err
		}
		if sealed {
			dateBackup(kept, now)
		}
	}
	// Photos first: extending packs changes nothing the journal reads, and
	// the restored image must find its frames.
	if err := restorePhotos(journalPath, backupPath); err != nil {
		return kept, err
	}
	if err := placeImage(backupPath, journalPath); err != nil {
		return kept, err
	}
	return kept, nil
}

// keepJournal copies a closed journal, and its write-ahead log if any, to kept.
func keepJournal(journalPath, kept string) error {
	if err := os.MkdirAll(filepath.Dir(kept), 0o700); err != nil {
		return fileError("create the backups folder", filepath.Dir(kept), err)
	}
	if _, err := photostore.CopyTails(PhotosDir(journalPath), backupPhotosDir(journalPath, kept)); err != nil {
		return photoCopyError(err, "keep the journal's photos in", backupPhotosDir(journalPath, kept))
	}
	if err := copyFileSynced(journalPath, kept); err != nil {
		return fileError("keep the journal as", kept, err)
	}
	if wal, err := os.Stat(journalPath + "-wal"); err == nil && wal.Size() > 0 {
		if err := copyFileSynced(journalPath+"-wal", kept+"-wal"); err != nil {
			os.Remove(kept)
			return fileError("keep the journal's log as", kept+"-wal", err)
		}
	}
	return syncDir(filepath.Dir(kept))
}

// placeImage copies the backup next to the journal, then renames it over the
// journal. The old journal's log and shared-memory files go first: a stale
// log would otherwise be replayed into the restored file.
func placeImage(backupPath, journalPath string) error {
	dir := filepath.Dir(journalPath)
	tmp, err := os.CreateTemp(dir, ".kindred-restore-*.tmp")
	if err != nil {
		return fileError("restore into", dir, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath)
	if err := copyFileSynced(backupPath, tmpPath); err != nil {
		os.Remove(tmpPath)
		return fileError("restore into", dir, err)
	}
	var walTmp string
	if wal, err := os.Stat(backupPath + "-wal"); err == nil && wal.Size() > 0 {
		walTmp = tmpPath + "-wal"
		if err := copyFileSynced(backupPath+"-wal", walTmp); err != nil {
			os.Remove(tmpPath)
			os.Remove(walTmp)
			return fileError("restore into", dir, err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(journalPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmpPath)
			return fileError("remove the old journal's", journalPath+suffix, err)
		}
	}
	if err := os.Rename(tmpPath, journalPath); err != nil {
		os.Remove(tmpPath)
		return fileError("restore", journalPath, err)
	}
	if walTmp != "" {
		if err := os.Rename(walTmp, journalPath+"-wal"); err != nil {
			return fileError("restore", journalPath+"-wal", err)
		}
	}
	return syncDir(dir)
}
