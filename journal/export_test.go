package journal

import (
	"context"
	"os"

	"kindred/journal/photostore"
	"kindred/journal/sealed"
)

// SealedImage is a copy of an unlocked sealed journal's database image.
func SealedImage(s *Store) []byte {
	var out []byte
	err := s.sealed.mem.withImage(context.Background(), func(image []byte) error {
		out = append([]byte{}, image...)
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

// SealedLog is where an unlocked sealed journal's change log stands: the
// offset of its first record, the end of its last, and how many there are.
func SealedLog(s *Store) (start, end int64, records uint64) {
	l := s.sealed.log
	return l.Start(), l.End(), l.Records()
}

// SetCompactLogBytes changes the log size past which a save compacts, for
// the tests that must see compactions happen; it returns the old value.
func SetCompactLogBytes(n int64) int64 {
	old := compactLogBytes
	compactLogBytes = n
	return old
}

// CompactSealed seals an unlocked journal's database into a new base, as a
// save past the threshold or a close does.
func CompactSealed(s *Store) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	_, err := s.sealed.reseal(context.Background())
	return err
}

// WriteSealedV1 writes an unlocked sealed journal's database to path as a
// version 1 file (the base alone, as Kindred wrote before the change log),
// with the journal's own key header: so tests have a version 1 file at this
// build's schema, which opens without a migration (a save).
func WriteSealedV1(s *Store, path string) error {
	z := s.sealed
	h := z.header
	var file []byte
	err := z.mem.withImage(context.Background(), func(image []byte) error {
		file = sealed.SealBodyV1(z.keys, &h, image)
		return nil
	})
	if err != nil {
		return err
	}
	return os.WriteFile(path, file, 0o600)
}

// ReplaceClosedOnly makes saves replace files as on Windows (on: close
// what is open on a file before renaming over it) and calls seen with each
// path about to be replaced; the returned func puts both back.
func ReplaceClosedOnly(on bool, seen func(path string)) func() {
	oldOn, oldHook := replaceClosedOnly, renameHook
	replaceClosedOnly, renameHook = on, seen
	return func() { replaceClosedOnly, renameHook = oldOn, oldHook }
}

// LastPhotoCopy is how many bytes of photos the store's last backup copied.
func LastPhotoCopy(s *Store) int64 { return s.photos.lastCopied.Load() }

// SetSealBackupPhotosHook sets the hook sealing the backups' photos calls
// after each image (done counts them) and before the plain packs go (-1).
func SetSealBackupPhotosHook(f func(done int) error) (undo func()) {
	sealBackupPhotosHook = f
	return func() { sealBackupPhotosHook = nil }
}

// SetMovePhotosHook sets the hook a move of the journal's photos to a new
// key calls at each step ("copying", "copied", "sealed", "old aside", "new
// in place").
func SetMovePhotosHook(f func(step string)) (undo func()) {
	movePhotosHook = f
	return func() { movePhotosHook = nil }
}

// PhotoKeyAndLocs returns the photo key an open journal keeps and where
// each of its blobs is.
func PhotoKeyAndLocs(s *Store) ([]byte, []photostore.Loc, error) {
	var key []byte
	if err := s.r.QueryRow("SELECT key FROM photo_key WHERE id = 1").Scan(&key); err != nil {
		return nil, nil, err
	}
	rows, err := s.r.Query("SELECT pack, offset, length FROM photo_blobs ORDER BY pack, offset")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var locs []photostore.Loc
	for rows.Next() {
		var l photostore.Loc
		if err := rows.Scan(&l.Pack, &l.Offset, &l.Length); err != nil {
			return nil, nil, err
		}
		locs = append(locs, l)
	}
	return key, locs, rows.Err()
}
