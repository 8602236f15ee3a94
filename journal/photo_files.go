package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"

	"kindred/journal/photostore"
)

// photoFiles is the journal's photos folder, opened once its key is known.
type photoFiles struct {
	mu    sync.Mutex
	store *photostore.Store
	// lastCopied is how many bytes the last backup copied (tests read it).
	lastCopied atomic.Int64
}

// PhotosDir is the folder beside the journal at journalPath that holds its
// photos' bytes.
func PhotosDir(journalPath string) string { return photostore.Dir(journalPath) }

// photoFilesIn returns the journal's photos folder. A sealed journal's frames
// are sealed under the photo key its sealed rows keep; with create, a sealed
// journal that has none gets one, in tx. Whether frames are sealed follows
// the key, not the journal: a journal unsealed later still reads them.
func (s *Store) photoFilesIn(ctx context.Context, tx *sql.Tx, create bool) (*photostore.Store, error) {
	s.photos.mu.Lock()
	defer s.photos.mu.Unlock()
	if s.photos.store != nil {
		return s.photos.store, nil
	}
	var key []byte
	err := tx.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		key = nil
		if s.sealed != nil {
			if !create {
				// Nothing was ever sealed: no photo can be read.
				return photostore.Open(PhotosDir(s.path), mustKeyless())
			}
			if key, err = photostore.NewKey(); err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO photo_key (id, key) VALUES (1, ?)", key); err != nil {
				return nil, fmt.Errorf("keep photo key: %w", err)
			}
			// Not cached: the write holding it may yet roll back.
			return s.openPhotoFiles(key)
		}
	case err != nil:
		return nil, fmt.Errorf("read photo key: %w", err)
	}
	// A move to a new key whose swap failed: bytes written to the folder
	// now would go with the old frames when it is finished. A write holds
	// writeMu, so no move is under way; a read must not finish one.
	if create && dirExists(PhotosDir(s.path)+sealingPhotosSuffix) {
		if err := finishPhotoMove(PhotosDir(s.path), key); err != nil {
			return nil, Errorf(EIO, "The journal's photos are not yet in their new folder (%v), so no photo can be added: close the journal and open it again.", err)
		}
	}
	st, err := s.openPhotoFiles(key)
	if err != nil {
		return nil, err
	}
	s.photos.store = st
	return st, nil
}

// openPhotoFiles opens the journal's photos folder with key. New packs are
// numbered after the backups' folder's too: a journal whose folder a change
// of key emptied must not begin a pack-000001 that differs from the one
// kept backups hold.
func (s *Store) openPhotoFiles(key []byte) (*photostore.Store, error) {
	st, err := photostore.Open(PhotosDir(s.path), key)
	if err != nil {
		return nil, err
	}
	// Only when the backups' folder holds a pack numbered above the
	// journal's own: a pack both hold under one number is one pack, the
	// backups' copy a prefix of the journal's, and the journal goes on
	// filling it rather than starting a pack every session.
	if last := lastPack(backupsPhotosDir(s.path)); last > lastPack(PhotosDir(s.path)) {
		st.StartAfter(last)
	}
	return st, nil
}

// lastPack is the highest pack number in dir, 0 for none (or unreadable:
// Put reads the folder again and says so).
func lastPack(dir string) int {
	nums, _, err := photostore.Packs(dir)
	if err != nil || len(nums) == 0 {
		return 0
	}
	return nums[len(nums)-1]
}

// mustKeyless is a key no frame was sealed under, so that a sealed journal
// without a photo key never reads frames as plain.
func mustKeyless() []byte { return make([]byte, photostore.KeySize) }

func isDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
