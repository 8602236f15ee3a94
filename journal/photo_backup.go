package journal

import (
	"errors"
	"fmt"
	"path/filepath"

	"kindred/journal/photostore"
)

// A folder of backups holds one photos folder for a journal, shared by all
// its backups there: <folder>/<journal file name>.photos. Packs are
// append-only, so a backup copies only what each pack gained since the last
// one, and rotating old backups away never touches it: a kept backup's
// frames are always there.

// backupPhotosDir is the shared photos folder of backups of journalPath
// written to dest's folder.
func backupPhotosDir(journalPath, dest string) string {
	return PhotosDir(filepath.Join(filepath.Dir(dest), filepath.Base(journalPath)))
}

// copyPhotosForBackup brings the backup folder's photos up to the journal's.
// It runs once the image is written: the image references only frames that
// were synced before it committed, so they are all there to copy.
func (s *Store) copyPhotosForBackup(dest string) error {
	to := backupPhotosDir(s.path, dest)
	if sameFile(to, PhotosDir(s.path)) {
		return nil
	}
	n, err := photostore.CopyTails(PhotosDir(s.path), to)
	s.photos.lastCopied.Store(n)
	return photoCopyError(err, "back up the photos into", to)
}

// restorePhotos brings back into the journal's photos folder the packs it
// lacks or holds shorter than the backup's folder.
func restorePhotos(journalPath, backupPath string) error {
	from := backupPhotosDir(journalPath, backupPath)
	to := PhotosDir(journalPath)
	if sameFile(from, to) {
		return nil
	}
	_, err := photostore.CopyTails(from, to)
	return photoCopyError(err, "restore the photos into", to)
}

func photoCopyError(err error, what, dir string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, photostore.ErrDiverged) {
		return Errorf(ECONFLICT, "Kindred cannot %s %s: the photos there are not an earlier copy of these (%v). Move that folder aside and try again.", what, dir, err)
	}
	if isDiskFull(err) {
		return Errorf(EDISKFULL, "The disk is full: Kindred could not %s %s.", what, dir)
	}
	return fmt.Errorf("%s %s: %w", what, dir, err)
}
