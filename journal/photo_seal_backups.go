package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kindred/journal/photostore"
	"kindred/journal/sealed"
)

// The backups of a journal that was plain share a photos folder of plain
// frames, and their images point at those frames. Once the journal's own
// photos are sealed, each backup image gets the same treatment:
//
//  1. every blob it references gets a sealed copy in the journal's photos
//     folder: the journal's own copy when the journal holds the same bytes
//     (same SHA-256 and length, as the rows say), else a new one appended
//     there, which no row of the journal references (dead space, as a photo
//     let go leaves). A photo only old backups hold is sealed, never dropped;
//  2. the journal's packs are copied into the backups' folder (CopyTails:
//     they are numbered after every plain pack, so they sit beside them);
//  3. the image's rows are pointed at the sealed copies, it takes the
//     journal's photo key, and it is sealed in place in one rename.
//
// Only once every image is done are the plain packs of the backups' folder
// renamed aside, overwritten with zeros and removed. A kill at any point
// leaves every backup restorable (an image points at sealed frames only
// after they were copied and synced; plain frames go only when no image
// points at them), and the next unlock finishes: a plain pack left in the
// backups' folder says there is work, an image with a photo key is done,
// and the sealed copy of a blob is found again by its SHA-256, so nothing
// of the mapping has to survive a crash.

// plainPackSuffix marks a plain pack of the backups' folder that is being
// overwritten and removed: no image needs it any more.
const plainPackSuffix = ".plain"

// sealBackupPhotosHook, set by tests only, runs after each backup image is
// sealed in place (done counts them) and once more before the plain packs
// go (done = -1); an error stops the sealing there, as a kill would.
var sealBackupPhotosHook func(done int) error

// backupsPhotosDir is the photos folder the backups folder keeps for the
// journal at journalPath.
func backupsPhotosDir(journalPath string) string {
	return PhotosDir(filepath.Join(BackupDir(journalPath), filepath.Base(journalPath)))
}

type backupPhotoSealer struct {
	s      *Store
	dir    string
	plain  *photostore.Store // the backups' folder, read as plain
	files  *photostore.Store // the journal's folder, sealed
	key    []byte
	byHash map[string]photostore.Loc // the journal's blobs, by SHA-256 and length
	moved  map[photostore.Loc]photostore.Loc
}

type backupBlob struct {
	photo, kind, sum string
	loc              photostore.Loc
}

// sealBackupPhotos brings a sealed journal's backups over to sealed photos
// and removes the plain frames from their photos folder; see above.
func (s *Store) sealBackupPhotos(ctx context.Context) error {
	if s.sealed == nil {
		return nil
	}
	dir := backupsPhotosDir(s.path)
	plain, err := photostore.PlainPacks(dir)
	if err != nil {
		return fmt.Errorf("seal the backups' photos in %s: %w", dir, err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "pack-*"+plainPackSuffix))
	if len(plain) == 0 && len(left) == 0 {
		return nil
	}
	m := &backupPhotoSealer{s: s, dir: dir, moved: map[photostore.Loc]photostore.Loc{}}
	if err := m.prepare(ctx); err != nil {
		return fmt.Errorf("seal the backups' photos in %s: %w", dir, err)
	}
	list, err := backupFiles(s.path)
	if err != nil {
		return err
	}
	var failed []string
	for i, b := range list {
		if err := m.sealImage(ctx, b.Path); err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", b.Path, err))
			continue
		}
		if sealBackupPhotosHook != nil {
			if err := sealBackupPhotosHook(i + 1); err != nil {
				return err
			}
		}
	}
	if len(failed) > 0 {
		return Errorf(EIO, "The journal's photos are sealed, but %s still holds photos in the clear: these backups could not be moved to sealed photos: %s. Kindred tries again when the journal is next unlocked.", dir, strings.Join(failed, "; "))
	}
	if sealBackupPhotosHook != nil {
		if err := sealBackupPhotosHook(-1); err != nil {
			return err
		}
	}
	return dropPlainPacks(dir, plain, left)
}

// prepare finds the journal's photo key (making one if the journal has
// none: its photos may all be gone while backups still hold some) and its
// blobs.
func (m *backupPhotoSealer) prepare(ctx context.Context) error {
	s := m.s
	m.plain, _ = photostore.Open(m.dir, nil)
	err := s.r.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&m.key)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.write(ctx, func(tx *sql.Tx) error {
			_, err := s.photoFilesIn(ctx, tx, true)
			return err
		})
		if err == nil {
			err = s.r.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&m.key)
		}
	}
	if err != nil {
		return err
	}
	if m.files, err = photostore.Open(PhotosDir(s.path), m.key); err != nil {
		return err
	}
	if nums, _, err := photostore.Packs(m.dir); err == nil && len(nums) > 0 {
		// New frames must not land in a pack number the backups' folder
		// holds with other bytes (a journal whose own folder is gone).
		m.files.StartAfter(nums[len(nums)-1])
	}
	m.byHash = map[string]photostore.Loc{}
	rows, err := s.r.QueryContext(ctx, "SELECT sha256, pack, offset, length FROM photo_blobs")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sum string
		var l photostore.Loc
		if err := rows.Scan(&sum, &l.Pack, &l.Offset, &l.Length); err != nil {
			return err
		}
		m.byHash[blobKey(sum, l.Length)] = l
	}
	return rows.Err()
}

func blobKey(sum string, length int64) string { return fmt.Sprintf("%s/%d", sum, length) }

// sealImage moves one backup image to sealed photos. An image that cannot
// be read as a journal (damaged, or sealed under another key) is left as it
// is: it cannot be restored here either, and sealPlainBackups deals with
// its words.
func (m *backupPhotoSealer) sealImage(ctx context.Context, path string) error {
	z := m.s.sealed
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	before, _ := f.Stat()
	head := make([]byte, len(sealed.Magic))
	n, _ := f.ReadAt(head, 0)
	wasPlain := !sealed.HasMagic(head[:n])
	mem, err := newMemoryDB()
	if err != nil {
		return err
	}
	defer mem.close()
	if wasPlain {
		image, err := plainImage(ctx, path, f)
		if err != nil {
			return err
		}
		ok := isSQLiteImage(image) && mem.load(ctx, image) == nil
		sealed.Wipe(image)
		if !ok {
			return nil
		}
	} else {
		file, err := readAll(f)
		if err != nil {
			return err
		}
		h, err := sealed.ParseHeader(path, file, int64(len(file)))
		if err != nil || !h.CheckMAC(z.keys) {
			return nil
		}
		_, _, err = loadSealed(ctx, path, z.keys, h, file, mem)
		sealed.Wipe(file)
		if err != nil {
			return nil
		}
	}
	blobs, err := imageBlobs(ctx, mem.db)
	if err != nil || len(blobs) == 0 {
		return err
	}
	locs, err := m.sealedCopies(blobs)
	if err != nil {
		return err
	}
	if _, err := photostore.CopyTails(PhotosDir(m.s.path), m.dir); err != nil {
		return photoCopyError(err, "copy the sealed photos into", m.dir)
	}
	mem.rec.paused.Store(true) // not a save of the journal: nothing to log
	err = inTx(ctx, mem.db, func(tx *sql.Tx) error {
		for i, b := range blobs {
			if _, err := tx.ExecContext(ctx, "UPDATE photo_blobs SET pack = ?, offset = ?, length = ? WHERE photo_id = ? AND kind = ?",
				locs[i].Pack, locs[i].Offset, locs[i].Length, b.photo, b.kind); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO photo_key (id, key) VALUES (1, ?)", m.key)
		return err
	})
	if err != nil {
		return err
	}
	h := z.header
	var out []byte
	if err := mem.withImage(ctx, func(image []byte) error {
		out = sealed.SealBody(z.keys, &h, image, nil)
		return nil
	}); err != nil {
		return err
	}
	if replaceClosedOnly {
		f.Close() // see Seal
	}
	if _, _, err := replaceFile(path, sealingSuffix, out, false); err != nil {
		return err
	}
	keepModTime(path, before)
	if wasPlain {
		if !replaceClosedOnly {
			scrub(f)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if w, err := os.OpenFile(path+suffix, os.O_RDWR, 0); err == nil {
				scrub(w)
				w.Close()
				os.Remove(path + suffix)
			}
		}
	}
	return nil
}

// imageBlobs lists the blobs of an image that still points at plain frames:
// one without a photo key (with one, its frames are sealed already).
func imageBlobs(ctx context.Context, db *sql.DB) ([]backupBlob, error) {
	var keys int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM photo_key").Scan(&keys)
	if isNoPhotoTables(err) || (err == nil && keys > 0) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, "SELECT photo_id, kind, sha256, pack, offset, length FROM photo_blobs ORDER BY pack, offset")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backupBlob
	for rows.Next() {
		var b backupBlob
		if err := rows.Scan(&b.photo, &b.kind, &b.sum, &b.loc.Pack, &b.loc.Offset, &b.loc.Length); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// sealedCopies returns where the sealed copy of each blob is, writing those
// the journal does not hold (a few MiB per sync). A blob whose plain frames
// are already damaged or missing keeps its place: it was lost before, and
// check goes on saying so.
func (m *backupPhotoSealer) sealedCopies(blobs []backupBlob) ([]photostore.Loc, error) {
	locs := make([]photostore.Loc, len(blobs))
	var group [][]byte
	var waiting []int
	var groupBytes int
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		put, err := m.files.Put(group...)
		if err != nil {
			return m.s.photoWriteError(err)
		}
		for j, i := range waiting {
			locs[i] = put[j]
			m.moved[blobs[i].loc] = put[j]
		}
		group, waiting, groupBytes = group[:0], waiting[:0], 0
		return nil
	}
	for i, b := range blobs {
		if l, ok := m.moved[b.loc]; ok {
			locs[i] = l
			continue
		}
		if l, ok := m.byHash[blobKey(b.sum, b.loc.Length)]; ok {
			locs[i] = l
			m.moved[b.loc] = l
			continue
		}
		data, err := m.plain.Get(b.loc)
		if errors.Is(err, photostore.ErrDamaged) {
			locs[i] = b.loc
			continue
		}
		if err != nil {
			return nil, err
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
	return locs, flush()
}

func inTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// dropPlainPacks renames the plain packs aside (so that a pack name never
// holds zeros a restore would copy back), overwrites them with zeros and
// removes them, with any a crash left renamed.
func dropPlainPacks(dir string, plain []int, left []string) error {
	for _, n := range plain {
		p := filepath.Join(dir, photostore.PackName(n))
		if err := os.Rename(p, p+plainPackSuffix); err != nil {
			return fmt.Errorf("remove the plain photos of the backups: %w", err)
		}
		left = append(left, p+plainPackSuffix)
	}
	for _, p := range left {
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			scrub(f)
			f.Close()
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove the plain photos of the backups: %w", err)
		}
	}
	return syncDir(dir)
}
