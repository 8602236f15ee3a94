package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"kindred/journal/photostore"
)

// Sealing a journal that already holds photos writes their frames again,
// sealed under a new photo key, into a folder beside the photos folder; one
// write then keeps the key and points every blob row at the new frames, and
// the folders are swapped. A crash before that write leaves the new folder,
// which the next open removes; a crash after it leaves the swap to finish,
// which the next open does (finishSealingPhotos). The plain frames are
// overwritten with zeros before they are removed.
const (
	sealingPhotosSuffix = ".sealing"
	plainPhotosSuffix   = ".plain"
)

type blobRow struct {
	photo, kind string
	loc         photostore.Loc
}

// sealPhotos seals the journal's own photos, then those its backups hold
// (photo_seal_backups.go).
func (s *Store) sealPhotos(ctx context.Context) error {
	if err := s.sealJournalPhotos(ctx); err != nil {
		return err
	}
	return s.sealBackupPhotos(ctx)
}

func (s *Store) sealJournalPhotos(ctx context.Context) error {
	dir := PhotosDir(s.path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var hasKey int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM photo_key").Scan(&hasKey); err != nil {
		return err
	}
	if hasKey > 0 {
		return nil
	}
	var rows []blobRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		q, err := tx.QueryContext(ctx, "SELECT photo_id, kind, pack, offset, length FROM photo_blobs ORDER BY pack, offset")
		if err != nil {
			return err
		}
		defer q.Close()
		for q.Next() {
			var b blobRow
			if err := q.Scan(&b.photo, &b.kind, &b.loc.Pack, &b.loc.Offset, &b.loc.Length); err != nil {
				return err
			}
			rows = append(rows, b)
		}
		return q.Err()
	})
	if err != nil {
		return err
	}
	key, err := photostore.NewKey()
	if err != nil {
		return err
	}
	newDir := dir + sealingPhotosSuffix
	if err := removeTree(newDir); err != nil {
		return err
	}
	plain, _ := photostore.Open(dir, nil)
	sealedFiles, err := photostore.Open(newDir, key)
	if err != nil {
		return err
	}
	// Numbered after the plain packs of the backups' folder too: the new
	// packs are copied there, beside the plain ones, until no backup needs
	// those.
	last := 0
	for _, d := range []string{dir, backupsPhotosDir(s.path)} {
		if nums, _, err := photostore.Packs(d); err == nil && len(nums) > 0 {
			last = max(last, nums[len(nums)-1])
		}
	}
	sealedFiles.StartAfter(last)
	// Written a few MiB at a time: one sync per group, not per blob.
	moved := make([]photostore.Loc, 0, len(rows))
	var group [][]byte
	var groupBytes int
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		locs, err := sealedFiles.Put(group...)
		if err != nil {
			return s.photoWriteError(err)
		}
		moved = append(moved, locs...)
		group, groupBytes = group[:0], 0
		return nil
	}
	for _, b := range rows {
		data, err := plain.Get(b.loc)
		if err != nil {
			return fmt.Errorf("seal photo %s (%s): %w", b.photo, b.kind, err)
		}
		group = append(group, data)
		groupBytes += len(data)
		if groupBytes >= 8<<20 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO photo_key (id, key) VALUES (1, ?)", key); err != nil {
			return err
		}
		for i, b := range rows {
			if _, err := tx.ExecContext(ctx, "UPDATE photo_blobs SET pack = ?, offset = ?, length = ? WHERE photo_id = ? AND kind = ?",
				moved[i].Pack, moved[i].Offset, moved[i].Length, b.photo, b.kind); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		removeTree(newDir)
		return err
	}
	s.photos.mu.Lock()
	s.photos.store = nil
	s.photos.mu.Unlock()
	return s.finishSealingPhotos(ctx)
}

// finishSealingPhotos completes or undoes a sealing of photos a crash
// interrupted; see sealPhotos.
func (s *Store) finishSealingPhotos(ctx context.Context) error {
	dir := PhotosDir(s.path)
	newDir, oldDir := dir+sealingPhotosSuffix, dir+plainPhotosSuffix
	_, errNew := os.Stat(newDir)
	_, errOld := os.Stat(oldDir)
	if errNew != nil && errOld != nil {
		return nil
	}
	if errNew == nil {
		var hasKey int
		if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM photo_key").Scan(&hasKey); err != nil {
			return s.translate(err)
		}
		if hasKey == 0 {
			// The rows never moved: the new frames are unreferenced.
			return removeTree(newDir)
		}
		if _, err := os.Stat(dir); err == nil {
			if err := os.Rename(dir, oldDir); err != nil {
				return fmt.Errorf("seal photos: %w", err)
			}
		}
		if err := os.Rename(newDir, dir); err != nil {
			return fmt.Errorf("seal photos: %w", err)
		}
	}
	nums, _, err := photostore.Packs(oldDir)
	if err != nil {
		return err
	}
	for _, n := range nums {
		if f, err := os.OpenFile(oldDir+string(os.PathSeparator)+photostore.PackName(n), os.O_RDWR, 0); err == nil {
			scrub(f)
			f.Close()
		}
	}
	return removeTree(oldDir)
}
