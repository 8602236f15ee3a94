package journal

import (
	"context"
	"database/sql"
	"errors"
	"os"

	"kindred/journal/photostore"
)

// A change of secret (ChangeSecrets) gives the photos a new key too: an old
// copy of the journal with the old passphrase yields the old photo key, and
// nothing written after the change may open with it. The frames are written
// again under a new key beside the photos folder (copyJournalPhotos, as
// sealing does), the rows are moved in memory, and the journal's new base,
// sealed under the new data key, is the one write that keeps both: the old
// file holds the old key and rows, the new file the new ones, and the
// rename between them is atomic. finishSealingPhotos then swaps the
// folders, at once or at the next open.
//
// The backups follow once their images are re-sealed under the new data
// key (rekeyBackups): their photos are moved to the journal's new photo key
// as plain backups' photos are sealed (photo_seal_backups.go), and the old
// packs of their folder go once no image references them. A kill before
// that leaves them under the old key, restorable, and the next unlock
// finishes. docs/sealed-format.md says what the old passphrase still opens.

// stagePhotoRotation writes the journal's photos again under a new key. It
// returns nil when the journal holds no photo key (nothing was sealed). The
// caller holds writeMu.
func (s *Store) stagePhotoRotation(ctx context.Context) (*photoMove, error) {
	var key []byte
	err := s.r.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&key)
	if errors.Is(err, sql.ErrNoRows) || isNoPhotoTables(err) {
		return nil, nil
	}
	if err != nil {
		return nil, s.translate(err)
	}
	// Every frame a backup may reference is in the backups' folder before
	// the journal's old frames go (a backup whose copy of the photos failed
	// references the journal's).
	if to := backupsPhotosDir(s.path); dirExists(to) {
		if _, err := photostore.CopyTails(PhotosDir(s.path), to); err != nil && !errors.Is(err, photostore.ErrDiverged) {
			return nil, photoCopyError(err, "copy the photos into", to)
		}
	}
	src, err := photostore.Open(PhotosDir(s.path), key)
	if err != nil {
		return nil, err
	}
	return s.copyJournalPhotos(ctx, src)
}

// renewPhotoKey gives a journal that is sealed again, after it was unsealed,
// a new photo key: its plain file held the old one in the clear, and what is
// sealed from now on must not open with it (as after a change of secret).
// A journal with no photo key is left to sealJournalPhotos. The store is
// not yet shared, so no other write runs meanwhile; a crash is finished or
// undone at the next open, as for sealing.
func (s *Store) renewPhotoKey(ctx context.Context) error {
	m, err := s.stagePhotoRotation(ctx)
	if m == nil {
		return errors.Join(err, s.photosMoved(ctx))
	}
	err = s.write(ctx, func(tx *sql.Tx) error { return m.apply(ctx, tx) })
	return errors.Join(err, s.photosMoved(ctx))
}

// applyInMemory moves the rows in the sealed journal's memory only: the
// base sealBase writes next is what keeps them. Deleted bytes are zeroed
// (secure_delete), so that the old key is in no page of that base.
func (m *photoMove) applyInMemory(ctx context.Context, s *Store) error {
	if _, err := s.w.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return err
	}
	defer s.w.ExecContext(context.WithoutCancel(ctx), "PRAGMA secure_delete = OFF")
	return inTx(ctx, s.w, func(tx *sql.Tx) error { return m.apply(ctx, tx) })
}

// unstagePhotoRotation follows a new base that did not replace the file:
// memory is read back from the file (the old key and rows), and the new
// frames, now unreferenced, go.
func (s *Store) unstagePhotoRotation(ctx context.Context) error {
	z := s.sealed
	if err := z.reload(ctx); err != nil {
		z.broken = Errorf(EIO, "The journal could not be sealed under its new secrets, and what is on screen could not be matched to the file again (%v). Close Kindred and open the journal again: the file holds everything up to the last successful save.", err)
		return z.broken
	}
	return s.photosMoved(ctx)
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}
