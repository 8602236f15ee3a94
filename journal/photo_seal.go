package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"kindred/journal/photostore"
)

// Sealing a journal that already holds photos, and changing a sealed
// journal's secrets, write its photos' frames again under a new photo key,
// into a folder beside the photos folder; one write then keeps the key and
// points every blob row at the new frames, and the folders are swapped. The
// old frames are overwritten with zeros before they are removed. Which side
// of that write a crash fell on is told by the journal's own photo key: if
// it opens the new folder's first frame, the write happened and the swap is
// finished (finishSealingPhotos); if not (no key yet, or the old one), the
// new folder is unreferenced and goes. So no key and no marker about the
// move is ever kept on the disk.
const (
	sealingPhotosSuffix = ".sealing"
	plainPhotosSuffix   = ".plain"
)

// movePhotosHook, set by tests only, runs at each step of a move of the
// journal's photos (see the steps named where it is called).
var movePhotosHook func(step string)

func photosStep(step string) {
	if movePhotosHook != nil {
		movePhotosHook(step)
	}
}

type blobRow struct {
	photo, kind string
	loc         photostore.Loc
}

// photoMove is the journal's photos written again under key into the folder
// beside its photos folder, which nothing references until apply runs in
// the write that keeps the key.
type photoMove struct {
	key   []byte
	rows  []blobRow
	moved []photostore.Loc
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
	plain, _ := photostore.Open(dir, nil)
	m, err := s.copyJournalPhotos(ctx, plain)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *sql.Tx) error { return m.apply(ctx, tx) })
	// Even a failed write may be on the disk (its folder's sync failed):
	// the key the journal now holds decides.
	return errors.Join(err, s.photosMoved(ctx))
}

// copyJournalPhotos writes every blob the journal's rows reference, read
// from src, under a new key into the folder beside the photos folder, a few
// MiB at a time (one sync per group, never all photos in memory). A blob
// whose frames are already damaged or missing keeps its place: it was lost
// before, and check goes on saying so.
func (s *Store) copyJournalPhotos(ctx context.Context, src *photostore.Store) (*photoMove, error) {
	dir := PhotosDir(s.path)
	m := &photoMove{}
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
			m.rows = append(m.rows, b)
		}
		return q.Err()
	})
	if err != nil {
		return nil, err
	}
	if m.key, err = photostore.NewKey(); err != nil {
		return nil, err
	}
	newDir := dir + sealingPhotosSuffix
	// A new folder left by a move whose swap failed may be what the rows
	// reference: it is put in place first, never simply removed.
	if err := s.finishSealingPhotos(ctx); err != nil {
		return nil, err
	}
	if len(m.rows) == 0 {
		// Nothing references the old frames (photos let go): they go now,
		// as they would after the swap.
		if err := dropOldPhotos(dir); err != nil {
			return nil, err
		}
		return m, nil
	}
	dst, err := photostore.Open(newDir, m.key)
	if err != nil {
		return nil, err
	}
	// Numbered after the packs of the backups' folder too: the new packs
	// are copied there, beside the old ones, which kept backups may need.
	last := 0
	for _, d := range []string{dir, backupsPhotosDir(s.path)} {
		if nums, _, err := photostore.Packs(d); err == nil && len(nums) > 0 {
			last = max(last, nums[len(nums)-1])
		}
	}
	dst.StartAfter(last)
	m.moved = make([]photostore.Loc, len(m.rows))
	var group [][]byte
	var waiting []int
	var groupBytes int
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		locs, err := dst.Put(group...)
		if err != nil {
			return s.photoWriteError(err)
		}
		for j, i := range waiting {
			m.moved[i] = locs[j]
		}
		group, waiting, groupBytes = group[:0], waiting[:0], 0
		photosStep("copying")
		return nil
	}
	for i, b := range m.rows {
		data, err := src.Get(b.loc)
		if errors.Is(err, photostore.ErrDamaged) {
			m.moved[i] = b.loc
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("write photo %s (%s) again: %w", b.photo, b.kind, err)
		}
		group = append(group, data)
		waiting = append(waiting, i)
		groupBytes += len(data)
		if groupBytes >= 8<<20 {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	photosStep("copied")
	return m, nil
}

// apply keeps the new key and points every blob row at its new frames.
func (m *photoMove) apply(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO photo_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET key = excluded.key", m.key); err != nil {
		return err
	}
	for i, b := range m.rows {
		if m.moved[i] == b.loc {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE photo_blobs SET pack = ?, offset = ?, length = ? WHERE photo_id = ? AND kind = ?",
			m.moved[i].Pack, m.moved[i].Offset, m.moved[i].Length, b.photo, b.kind); err != nil {
			return err
		}
	}
	return nil
}

// photosMoved is called once the write that keeps a new key has either
// reached the disk or failed: the folders are swapped, or the new one goes.
func (s *Store) photosMoved(ctx context.Context) error {
	s.photos.mu.Lock()
	s.photos.store = nil
	s.photos.mu.Unlock()
	return s.finishSealingPhotos(ctx)
}

// finishSealingPhotos completes or undoes a move of photos to a new key a
// crash or a failed write interrupted; see above.
func (s *Store) finishSealingPhotos(ctx context.Context) error {
	dir := PhotosDir(s.path)
	if !dirExists(dir+sealingPhotosSuffix) && !dirExists(dir+plainPhotosSuffix) {
		return nil
	}
	var key []byte
	err := s.r.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&key)
	if err != nil && !errors.Is(err, sql.ErrNoRows) && !isNoPhotoTables(err) {
		return s.translate(err)
	}
	return finishPhotoMove(dir, key)
}

// finishPhotoMove is finishSealingPhotos for the photos folder dir of a
// journal whose photo key is key (nil if it has none).
func finishPhotoMove(dir string, key []byte) error {
	newDir, oldDir := dir+sealingPhotosSuffix, dir+plainPhotosSuffix
	_, errNew := os.Stat(newDir)
	_, errOld := os.Stat(oldDir)
	if errNew != nil && errOld != nil {
		return nil
	}
	if errNew == nil {
		written := false
		if key != nil {
			st, err := photostore.Open(newDir, key)
			if err != nil {
				return err
			}
			if written, err = st.WrittenUnder(); err != nil {
				return fmt.Errorf("move photos: %w", err)
			}
		}
		if !written {
			// The rows never moved: the new frames are unreferenced.
			return removeTree(newDir)
		}
		if _, err := os.Stat(dir); err == nil {
			if err := os.Rename(dir, oldDir); err != nil {
				return fmt.Errorf("move photos: %w", err)
			}
			photosStep("old aside")
		}
		if err := os.Rename(newDir, dir); err != nil {
			return fmt.Errorf("move photos: %w", err)
		}
		syncDir(filepath.Dir(dir))
		photosStep("new in place")
	}
	return scrubOldPhotos(dir)
}

// dropOldPhotos sets the frames of the photos folder dir aside, then
// overwrites them with zeros and removes them.
func dropOldPhotos(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		if err := scrubOldPhotos(dir); err != nil {
			return err
		}
		if err := os.Rename(dir, dir+plainPhotosSuffix); err != nil {
			return fmt.Errorf("move photos: %w", err)
		}
	}
	return scrubOldPhotos(dir)
}

// scrubOldPhotos overwrites with zeros the packs set aside beside the
// photos folder dir, and removes them.
func scrubOldPhotos(dir string) error {
	oldDir := dir + plainPhotosSuffix
	nums, _, err := photostore.Packs(oldDir)
	if err != nil {
		return err
	}
	for _, n := range nums {
		if f, err := os.OpenFile(filepath.Join(oldDir, photostore.PackName(n)), os.O_RDWR, 0); err == nil {
			scrub(f)
			f.Close()
		}
	}
	return removeTree(oldDir)
}
