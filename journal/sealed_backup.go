package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"kindred/journal/sealed"
)

// A sealed journal's backups are sealed files too. Each carries the journal's
// own key header (so the same passphrase and recovery key open it) and its
// own body nonce; a change of secret re-seals them under the journal's new
// data key (see sealed_rekey.go). Sealing a plain journal seals its existing backups, so that no
// plaintext copy stays behind in the backups folder.

// backupHooks make Store.Backup write sealed images and read them back.
func (s *Store) sealedBackupHooks() BackupHooks {
	return BackupHooks{Write: s.writeSealedBackup, Inspect: s.sealed.inspectBackup}
}

// writeSealedBackup seals the journal as it is now into dest, an empty file.
func (s *Store) writeSealedBackup(ctx context.Context, dest string) error {
	z := s.sealed
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if z.broken != nil {
		return z.broken
	}
	h := z.header
	var file []byte
	err := z.mem.withImage(ctx, func(image []byte) error {
		file = sealed.SealBody(z.keys, &h, image, nil)
		return nil
	})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err = f.Write(file); err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// inspectBackup reads a backup with the open journal's key.
func (z *sealer) inspectBackup(ctx context.Context, path string, full bool) (BackupContents, error) {
	return inspectSealed(ctx, path, full, func(h *sealed.Header) (*sealed.Keys, func(), error) {
		if !h.CheckMAC(z.keys) {
			return nil, nil, Errorf(EPASSPHRASE, "%s was sealed with another key: it opens with the passphrase it was sealed with, not this journal's.", path)
		}
		return z.keys, func() {}, nil
	})
}

// SealedInspector reads sealed backups with sec, for when the journal itself
// is not open (listing backups, restoring over a damaged journal). Plain
// backups are read as InspectImage reads them. Backups of one journal share
// its key header, so the key is derived once for all of them.
func SealedInspector(sec Secret) InspectFunc {
	var mu sync.Mutex
	known := map[string]*sealed.Keys{} // by key header
	return func(ctx context.Context, path string, full bool) (BackupContents, error) {
		return inspectSealed(ctx, path, full, func(h *sealed.Header) (*sealed.Keys, func(), error) {
			mu.Lock()
			defer mu.Unlock()
			id := h.WrappingsID()
			keys := known[id]
			if keys == nil {
				var err error
				if keys, err = unlockHeader(h, sec); err != nil {
					return nil, nil, err
				}
				known[id] = keys
			}
			if !h.CheckMAC(keys) {
				return nil, nil, sealed.Damagedf(path, "its header was altered")
			}
			return keys, func() {}, nil
		})
	}
}

// inspectSealed decrypts a sealed image into memory and checks and counts
// it as InspectImage does a plain one.
func inspectSealed(ctx context.Context, path string, full bool, keysFor func(h *sealed.Header) (*sealed.Keys, func(), error)) (BackupContents, error) {
	c := BackupContents{Sealed: true}
	f, err := os.Open(path)
	if err != nil {
		return c, fmt.Errorf("open %s: %w", path, err)
	}
	file, err := readAll(f)
	f.Close()
	if err != nil {
		return c, fmt.Errorf("read %s: %w", path, err)
	}
	if !sealed.HasMagic(file) {
		return InspectImage(ctx, path, full)
	}
	h, err := sealed.ParseHeader(path, file, int64(len(file)))
	if err != nil {
		return c, err
	}
	keys, done, err := keysFor(h)
	if err != nil {
		return c, err
	}
	defer done()
	mem, err := newMemoryDB()
	if err != nil {
		return c, err
	}
	defer mem.close()
	// A backup is a base alone, but a journal kept by a restore or an
	// upgrade may carry a change log: its records count too.
	if _, _, err := loadSealed(ctx, path, keys, h, file, mem); err != nil {
		return c, err
	}
	if full {
		problems, err := integrityProblems(ctx, mem.db, "integrity_check")
		if err != nil {
			return c, translateDamage(path, err)
		}
		if len(problems) > 0 {
			return c, Errorf(EDAMAGED, "%s is damaged: %s", path, strings.Join(problems, "; "))
		}
	}
	return c, countContents(ctx, mem.db, path, &c)
}

func countContents(ctx context.Context, db *sql.DB, path string, c *BackupContents) error {
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&c.Version); err != nil {
		return translateDamage(path, err)
	}
	if c.Version == 0 {
		return Errorf(EDAMAGED, "%s holds no Kindred journal.", path)
	}
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM people), (SELECT count(*) FROM reflections),
		(SELECT count(*) FROM encounters), (SELECT count(*) FROM moments),
		(SELECT count(*) FROM drafts)`).
		Scan(&c.People, &c.Reflections, &c.Encounters, &c.Moments, &c.Drafts)
	if err != nil {
		return translateDamage(path, err)
	}
	return nil
}

// sealPlainBackups seals, in place, every backup of the journal at path that
// is still plain, with the journal's keys, then overwrites and removes the
// plain files. It returns the backups it could not seal.
func sealPlainBackups(ctx context.Context, path string, keys *sealed.Keys, journalHeader *sealed.Header) error {
	list, err := backupFiles(path)
	if err != nil {
		return err
	}
	var failed []string
	for _, b := range list {
		if err := sealPlainBackup(ctx, b.Path, keys, journalHeader); err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", b.Path, err))
		}
	}
	if len(failed) > 0 {
		return Errorf(EIO, "The journal is sealed, but these backups are still plain and readable without the passphrase: %s. Delete them or seal the journal's backups again.", strings.Join(failed, "; "))
	}
	return nil
}

func sealPlainBackup(ctx context.Context, path string, keys *sealed.Keys, journalHeader *sealed.Header) error {
	old, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer old.Close()
	head := make([]byte, len(sealed.Magic))
	n, _ := old.ReadAt(head, 0)
	if sealed.HasMagic(head[:n]) {
		return nil
	}
	image, err := plainImage(ctx, path, old)
	if err != nil {
		return err
	}
	defer sealed.Wipe(image)
	h := *journalHeader
	before, _ := old.Stat()
	if replaceClosedOnly {
		old.Close() // see Seal
	}
	if _, _, err := replaceFile(path, sealingSuffix, sealed.SealBody(keys, &h, image, nil), false); err != nil {
		return err
	}
	keepModTime(path, before)
	if !replaceClosedOnly {
		// The sealed copy is in place: now the plain one's words can go.
		scrub(old)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if f, err := os.OpenFile(path+suffix, os.O_RDWR, 0); err == nil {
			scrub(f)
			f.Close()
			os.Remove(path + suffix)
		}
	}
	return nil
}

// plainImage is what a plain backup holds, as one image. A backup with a
// write-ahead log beside it (a journal kept by a restore) is read through
// SQLite so that the log's pages are in; anything else is taken byte for
// byte, damaged or not, so that sealing loses nothing.
func plainImage(ctx context.Context, path string, f *os.File) ([]byte, error) {
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		// The last connection to close folds the log into the file and
		// deletes it, without truncating it first (a TRUNCATE checkpoint
		// would free its blocks before they could be overwritten).
		held := holdWAL(path)
		if db, err := sql.Open("sqlite3", localFileURI(path)+"?_journal_mode=WAL"); err == nil {
			db.ExecContext(ctx, "PRAGMA wal_checkpoint(FULL)")
			db.Close()
		}
		scrubHeld(held)
	}
	image, err := readAll(f)
	if err != nil {
		return nil, err
	}
	if isSQLiteImage(image) {
		asRollbackImage(image)
	}
	return image, nil
}

// restoreHint names the newest backup of a damaged journal, if it has one.
func restoreHint(path string) string {
	list, err := backupFiles(path)
	if err != nil || len(list) == 0 {
		return ""
	}
	b := list[0]
	return fmt.Sprintf("The newest backup is %s, from %s: restoring it (kindred restore %s) brings the journal back as it was then.", b.Path, b.Made.Format("2 January 2006 15:04"), b.Path)
}

// SealPlainBackups seals, with the journal's key, every backup of a sealed
// journal that is still plain: a journal kept before a restore brought a
// sealed backup back, or one an earlier failure left plain. It does nothing
// for a plain journal. The backups' photos folder is brought over to sealed
// photos too (photo_seal_backups.go), which unlocking does quietly; here a
// failure is reported.
func (s *Store) SealPlainBackups(ctx context.Context) error {
	z := s.sealed
	if z == nil {
		return nil
	}
	s.writeMu.Lock()
	h := z.header
	err := sealPlainBackups(ctx, s.path, z.keys, &h)
	s.writeMu.Unlock()
	return errors.Join(err, s.sealBackupPhotos(ctx))
}
