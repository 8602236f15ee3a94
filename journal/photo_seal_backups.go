package journal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kindred/journal/photostore"
	"kindred/journal/sealed"
)

// The backups of a journal share a photos folder, and their images point
// at its frames: plain frames for backups of a journal that was plain,
// frames under an earlier photo key for backups taken before a change of
// secret (or before a journal unsealed was sealed again). Once the journal's
// own photos are under its current photo key, each backup image that holds
// another key (plain: none) gets the same treatment:
//
//  1. every blob it references, read from the backups' folder with the
//     image's own key, gets a copy under the journal's key in the journal's
//     photos folder: the journal's own copy when the journal holds the same
//     bytes (same SHA-256 and length, as the rows say), else a new one
//     appended there, which no row of the journal references (dead space,
//     as a photo let go leaves). A photo only old backups hold is moved,
//     never dropped;
//  2. the journal's packs are copied into the backups' folder (CopyTails:
//     they are numbered after every pack there, so they sit beside them);
//  3. the image's rows are pointed at the new copies, it takes the
//     journal's photo key, and it is sealed in place in one rename.
//
// Only once every image is done do old packs go: those of the backups'
// folder that are not under the journal's key, that no backup image and no
// row of the journal references, and that the journal's folder does not
// hold; they are renamed aside, overwritten with zeros and removed. If an
// image could not be read with the session's keys (one sealed under an
// older data key, which its old secrets still restore), what it references
// is unknown and no pack goes. A kill at any point leaves every backup
// restorable (an image points at new frames only after they were copied
// and synced; old frames go only when no image points at them), and the
// next unlock finishes: a pack of the backups' folder whose first frame
// does not open under the journal's key says there may be work, an image
// with the journal's key is done, and the new copy of a blob is found again
// by its SHA-256, so nothing of the mapping has to survive a crash.

// plainPackSuffix marks an old pack of the backups' folder that is being
// overwritten and removed: no image needs it any more.
const plainPackSuffix = ".plain"

// sealBackupPhotosHook, set by tests only, runs after each backup image is
// done (done counts them) and once more before the old packs go (done =
// -1); an error stops the work there, as a kill would.
var sealBackupPhotosHook func(done int) error

// backupsPhotosDir is the photos folder the backups folder keeps for the
// journal at journalPath.
func backupsPhotosDir(journalPath string) string {
	return PhotosDir(filepath.Join(BackupDir(journalPath), filepath.Base(journalPath)))
}

type backupPhotoSealer struct {
	s      *Store
	dir    string
	files  *photostore.Store // the journal's folder, under its key
	key    []byte
	byHash map[string]photostore.Loc // the journal's blobs, by SHA-256 and length
	// moved maps a blob's place in the backups' folder to its new copy: a
	// place there never means two different bytes, whatever key sealed it.
	moved map[photostore.Loc]photostore.Loc
	// refs are the packs of the backups' folder some image references.
	refs map[int]bool
	// unknown is set when an image could not be read: what it references
	// is unknown, so no pack may go.
	unknown bool
}

type backupBlob struct {
	photo, kind, sum string
	loc              photostore.Loc
}

// sealBackupPhotos brings a sealed journal's backups under the journal's
// photo key and removes the old frames from their photos folder; see above.
// Run on sealing and at every unlock, it moves plain frames only, unless a
// change of secret left its move of the backups' photos unfinished (the
// marker rekeyingMarker says so): frames under another key are otherwise
// left where they are. At every unlock, moving them would read every
// backup image again each time one cannot be opened (sealed before the
// journal was unsealed and sealed again), and after a restore of an old
// backup it would move the newer backups to the restored, older key.
func (s *Store) sealBackupPhotos(ctx context.Context) error {
	return s.backupPhotosToKey(ctx, true)
}

// rekeyingMarker, an empty file in the backups' photos folder, says that a
// change of secret is moving the backups' photos to the journal's new key:
// the next unlock finishes the move if a kill cut it short. It tells an
// observer only that a change of secret was under way.
const rekeyingMarker = "rekeying"

// backupPhotosToKey is sealBackupPhotos; create says whether a journal with
// no photo key may be given one (it takes writeMu for that: a caller
// holding it passes false).
func (s *Store) backupPhotosToKey(ctx context.Context, create bool) error {
	if s.sealed == nil {
		return nil
	}
	dir := backupsPhotosDir(s.path)
	if !dirExists(dir) {
		return nil // no backup holds a photo
	}
	left, _ := filepath.Glob(filepath.Join(dir, "pack-*"+plainPackSuffix))
	key, err := s.photoKey(ctx)
	if err != nil {
		return err
	}
	// With no photo key only plain packs are work: frames under a key the
	// journal does not hold are left to the backups that hold it. Frames
	// under another key are work only for a change of secret (create is
	// false) or one a kill cut short (see sealBackupPhotos).
	marker := filepath.Join(dir, rekeyingMarker)
	rekeying := key != nil && !create
	if key != nil && create {
		_, err := os.Stat(marker)
		rekeying = err == nil
	}
	var stale []int
	switch {
	case key == nil && !create:
		return nil
	case rekeying:
		if err := writeMarker(marker); err != nil {
			return fmt.Errorf("move the backups' photos in %s: %w", dir, err)
		}
		var under *photostore.Store
		if under, err = photostore.Open(dir, key); err == nil {
			stale, err = under.PacksNotUnder()
		}
	default:
		stale, err = photostore.PlainPacks(dir)
	}
	if err != nil {
		return fmt.Errorf("move the backups' photos in %s: %w", dir, err)
	}
	// The marker goes once a whole pass is made, even one that could not
	// move every image (sealed under a key this session cannot open): it
	// would fail again at every unlock. A pass cut short keeps it.
	done := func(err error) error {
		if rekeying {
			err = errors.Join(err, removeMarker(marker))
		}
		return err
	}
	if len(stale) == 0 && len(left) == 0 {
		return done(nil)
	}
	m := &backupPhotoSealer{s: s, dir: dir, moved: map[photostore.Loc]photostore.Loc{}, refs: map[int]bool{}}
	if err := m.prepare(ctx); err != nil {
		return fmt.Errorf("move the backups' photos in %s: %w", dir, err)
	}
	// A copy a kill cut short is finished: the journal's packs are whole
	// in the backups' folder before any image points at them.
	if _, err := photostore.CopyTails(PhotosDir(s.path), dir); err != nil {
		return photoCopyError(err, "copy the photos into", dir)
	}
	list, err := backupFiles(s.path)
	if err != nil {
		return err
	}
	var failed []string
	for i, b := range list {
		if err := m.sealImage(ctx, b.Path); err != nil {
			m.unknown = true
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
		again := "when the journal is next unlocked"
		if rekeying {
			again = "at the next change of passphrase"
		}
		return done(Errorf(EIO, "The journal's photos are under its photo key, but %s still holds photos that an older key opens (or in the clear): these backups could not be moved to the journal's key: %s. Kindred tries again %s.", dir, strings.Join(failed, "; "), again))
	}
	if sealBackupPhotosHook != nil {
		if err := sealBackupPhotosHook(-1); err != nil {
			return err
		}
	}
	drop, err := m.unneeded(ctx)
	if err != nil {
		return fmt.Errorf("move the backups' photos in %s: %w", dir, err)
	}
	return done(dropPlainPacks(dir, drop, left))
}

// writeMarker makes the empty file path, synced with its folder.
func writeMarker(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close(), syncDir(filepath.Dir(path)))
}

func removeMarker(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// photoKey is the journal's photo key, nil if it has none.
func (s *Store) photoKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := s.r.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&key)
	if errors.Is(err, sql.ErrNoRows) || isNoPhotoTables(err) {
		return nil, nil
	}
	return key, err
}

// unneeded lists the packs of the backups' folder that may go once every
// image is done: not under the journal's key, referenced by no image nor
// by the journal, and not held by the journal's folder (a pack it holds is
// one a later backup or restore copies anyway). None if an image could not
// be read.
func (m *backupPhotoSealer) unneeded(ctx context.Context) ([]int, error) {
	if m.unknown {
		return nil, nil
	}
	under, err := photostore.Open(m.dir, m.key)
	if err != nil {
		return nil, err
	}
	stale, err := under.PacksNotUnder()
	if err != nil {
		return nil, err
	}
	rows, err := m.s.r.QueryContext(ctx, "SELECT DISTINCT pack FROM photo_blobs")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		m.refs[n] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_, held, err := photostore.Packs(PhotosDir(m.s.path))
	if err != nil {
		return nil, err
	}
	var out []int
	for _, n := range stale {
		if _, ok := held[n]; !ok && !m.refs[n] {
			out = append(out, n)
		}
	}
	return out, nil
}

// prepare finds the journal's photo key (making one if the journal has
// none: its photos may all be gone while backups still hold some) and its
// blobs.
func (m *backupPhotoSealer) prepare(ctx context.Context) error {
	s := m.s
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

// sealImage moves one backup image under the journal's photo key and
// notes the packs it references. An image that cannot be read as a journal
// (damaged) is left as it is: it cannot be restored here either, and
// sealPlainBackups deals with its words. One sealed under another data key
// is left as it is too, but its old secrets may still restore it: what it
// references is unknown.
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
		if err != nil {
			sealed.Wipe(file)
			return nil
		}
		if !h.CheckMAC(z.keys) {
			sealed.Wipe(file)
			m.unknown = true
			return nil
		}
		_, _, err = loadSealed(ctx, path, z.keys, h, file, mem)
		sealed.Wipe(file)
		if err != nil {
			return nil
		}
	}
	key, blobs, err := imageBlobs(ctx, mem.db)
	if err != nil {
		return err
	}
	if bytes.Equal(key, m.key) || (key == nil && len(blobs) == 0) {
		// Done, or a plain image without photos (sealPlainBackups seals it).
		for _, b := range blobs {
			m.refs[b.loc.Pack] = true
		}
		return nil
	}
	src, err := photostore.Open(m.dir, key)
	if err != nil {
		return err
	}
	locs, err := m.sealedCopies(src, blobs)
	if err != nil {
		return err
	}
	if len(blobs) > 0 {
		if _, err := photostore.CopyTails(PhotosDir(m.s.path), m.dir); err != nil {
			return photoCopyError(err, "copy the photos into", m.dir)
		}
	}
	mem.rec.paused.Store(true) // not a save of the journal: nothing to log
	// The old key is in no page of the image sealed again.
	if _, err := mem.db.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return err
	}
	err = inTx(ctx, mem.db, func(tx *sql.Tx) error {
		for i, b := range blobs {
			if _, err := tx.ExecContext(ctx, "UPDATE photo_blobs SET pack = ?, offset = ?, length = ? WHERE photo_id = ? AND kind = ?",
				locs[i].Pack, locs[i].Offset, locs[i].Length, b.photo, b.kind); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO photo_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET key = excluded.key", m.key)
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
	for _, l := range locs {
		m.refs[l.Pack] = true
	}
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

// imageBlobs gives an image's photo key (nil: none, its frames are plain)
// and the blobs it references; an image older than photos has neither.
func imageBlobs(ctx context.Context, db *sql.DB) ([]byte, []backupBlob, error) {
	var key []byte
	err := db.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&key)
	if isNoPhotoTables(err) {
		return nil, nil, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, err
	}
	rows, err := db.QueryContext(ctx, "SELECT photo_id, kind, sha256, pack, offset, length FROM photo_blobs ORDER BY pack, offset")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []backupBlob
	for rows.Next() {
		var b backupBlob
		if err := rows.Scan(&b.photo, &b.kind, &b.sum, &b.loc.Pack, &b.loc.Offset, &b.loc.Length); err != nil {
			return nil, nil, err
		}
		out = append(out, b)
	}
	return key, out, rows.Err()
}

// sealedCopies returns where the copy under the journal's key of each blob
// is, writing those the journal does not hold (a few MiB per sync), read
// from src, the backups' folder under the image's key. A blob whose frames
// are already damaged or missing keeps its place: it was lost before, and
// check goes on saying so.
func (m *backupPhotoSealer) sealedCopies(src *photostore.Store, blobs []backupBlob) ([]photostore.Loc, error) {
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
		data, err := src.Get(b.loc)
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

// dropPlainPacks renames the old packs aside (so that a pack name never
// holds zeros a restore would copy back), overwrites them with zeros and
// removes them, with any a crash left renamed.
func dropPlainPacks(dir string, plain []int, left []string) error {
	for _, n := range plain {
		p := filepath.Join(dir, photostore.PackName(n))
		if err := os.Rename(p, p+plainPackSuffix); err != nil {
			return fmt.Errorf("remove the old photos of the backups: %w", err)
		}
		left = append(left, p+plainPackSuffix)
	}
	for _, p := range left {
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			scrub(f)
			f.Close()
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove the old photos of the backups: %w", err)
		}
	}
	return syncDir(dir)
}
