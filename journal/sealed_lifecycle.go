package journal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"kindred/journal/sealed"
)

// Seal seals the plain journal at path with a passphrase, in place: the
// sealed file takes the plain one's path, and the plain one is overwritten
// and removed only after the sealed file was read back from the disk and
// found to hold the same database. A missing journal is created empty first.
// recoveryKey (from NewRecoveryKey) is the second way in; Kindred keeps no
// copy of it, so the user must have been shown it and have kept it. It
// returns the journal, open.
func Seal(ctx context.Context, path, pass, recoveryKey string, o SealOptions) (st *Store, err error) {
	if err := sealed.CheckPassphrase(pass); err != nil {
		return nil, err
	}
	recovery, err := sealed.ParseRecoveryKey(recoveryKey)
	if err != nil {
		return nil, err
	}
	if sealed, err := IsSealedFile(path); err != nil {
		return nil, err
	} else if sealed {
		return nil, Errorf(EINVALID, "%s is already sealed. To change its passphrase, use Change passphrase.", path)
	}
	if err := checkSealSpace(path); err != nil {
		return nil, err
	}
	// Opening creates a missing journal, refuses a damaged or newer one and
	// brings the schema up to date; closing folds the WAL into the file.
	plain, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	wal := holdWAL(path)
	if err := plain.Close(); err != nil {
		wal.Close()
		return nil, fmt.Errorf("close journal %s: %w", path, err)
	}
	// Closing folded the log into the file and deleted it; its blocks
	// would keep the evenings it carried on the disk.
	scrubHeld(wal)
	// SQLite removes these when the last connection closes: if one is left,
	// another Kindred still has the journal open and could write to a file
	// that is about to be replaced.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			return nil, Errorf(EBUSY, "%s is open in another Kindred window or command (%s exists). Close it there and try again; nothing was changed.", path, path+suffix)
		}
	}
	// The sealed journal is held as an open one is, from before its file
	// is read (so that a restore elsewhere waits for it).
	held, err := holdJournal(path)
	if err != nil {
		return nil, err
	}
	defer func() {
		if held != nil && (st == nil || st.held != held) {
			held.Close()
		}
	}()
	src, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("read journal %s: %w", path, err)
	}
	defer src.Close()
	image, err := readAll(src)
	if err != nil {
		return nil, fmt.Errorf("read journal %s: %w", path, err)
	}
	defer sealed.Wipe(image)
	if !isSQLiteImage(image) {
		return nil, Errorf(EDAMAGED, "%s is not a Kindred journal, or it is damaged.", path)
	}
	asRollbackImage(image)

	forbidCoreDumps()
	keys := sealed.NewKeys()
	pw, rw := sealed.PassphraseWrapper(pass, o.kdf()), sealed.RecoveryWrapper(recovery)
	h := sealed.NewHeaderWith(keys, pw, rw)
	tmp, err := writeTemp(path, sealingSuffix, sealed.SealBody(keys, h, image, nil))
	if err != nil {
		keys.Wipe()
		pw.Wipe()
		rw.Wipe()
		return nil, saveError(path, err)
	}
	st, err = verifySealed(ctx, path, tmp, h, keys, pass, recovery, image)
	if err != nil {
		keys.Wipe()
		pw.Wipe()
		rw.Wipe()
		discardTemp(tmp)
		return nil, err
	}
	st.sealed.keep(pw)
	st.sealed.keep(rw)
	if replaceClosedOnly {
		// Windows replaces no file that is open. The plain file's blocks
		// are then freed unscrubbed: docs/sealed-format.md says so.
		src.Close()
	}
	renamed, err := renameInto(tmp, path)
	if !renamed {
		st.Close()
		os.Remove(tmp.Name())
		return nil, saveError(path, err)
	}
	if err == nil && !replaceClosedOnly {
		// Only once the rename is on the disk: until then a power cut could
		// bring the plain file back, and it must still hold the journal.
		scrub(src)
	}
	// From here on the journal is sealed: the store is returned even with
	// an error, which then says which backups are still plain.
	st.held = held
	renewed := st.renewPhotoKey(ctx)
	if renewed != nil {
		renewed = Errorf(EIO, "The journal is sealed, but its photos are still under the key its plain file held (%v): the next change of passphrase gives them a new one.", renewed)
	}
	if err := st.sealJournalPhotos(ctx); err != nil {
		return st, fmt.Errorf("The journal is sealed, but its photos are not yet (%w): they are sealed when it is next unlocked.", err)
	}
	return st, errors.Join(renewed, st.sealBackupPhotos(ctx), sealPlainBackups(ctx, path, keys, h))
}

// verifySealed reads the sealed file back from the disk and unlocks it as a
// later session would, with the passphrase and with the recovery key; the
// image must come back byte for byte. It returns the journal open on it.
func verifySealed(ctx context.Context, path string, f *os.File, want *sealed.Header, keys *sealed.Keys, pass string, recovery []byte, image []byte) (*Store, error) {
	fail := func(what string) error {
		return Errorf(EINTERNAL, "The sealed copy of %s did not read back as written (%s); the plain journal was left as it was.", path, what)
	}
	back, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("read back sealed journal: %w", err)
	}
	h, err := sealed.ParseHeader(f.Name(), back, int64(len(back)))
	if err != nil || *h != *want {
		return nil, fail("header")
	}
	byPass, ok := h.UnlockWithPassphrase(pass)
	if !ok || !byPass.Same(keys) {
		return nil, fail("passphrase")
	}
	byPass.Wipe()
	byRecovery, ok := h.UnlockWithRecovery(recovery)
	if !ok || !byRecovery.Same(keys) {
		return nil, fail("recovery key")
	}
	byRecovery.Wipe()
	if !h.CheckMAC(keys) {
		return nil, fail("header seal")
	}
	log := sealed.NewLog(h, back)
	got, err := sealed.OpenBody(path, keys, h, back)
	if err != nil || !bytes.Equal(got, image) {
		return nil, fail("content")
	}
	sealed.Wipe(got)
	if err := lockFile(f); err != nil {
		return nil, err
	}
	z := &sealer{path: path, lock: f, keys: keys, header: *h, log: log, compactAt: compactLogBytes}
	return z.openWith(ctx, func(mem *memoryDB) error {
		if err := mem.load(ctx, image); err != nil {
			return sealed.Damagedf(path, "its content is not a journal (%v)", err)
		}
		return nil
	})
}

// VerifyPassphrase checks pass against an unlocked journal's passphrase, so
// that changing or removing it can first ask for the current one.
func (s *Store) VerifyPassphrase(pass string) error {
	z := s.sealed
	if z == nil {
		return Errorf(EINVALID, "%s is not sealed.", s.path)
	}
	s.writeMu.Lock()
	h := z.header
	s.writeMu.Unlock()
	keys, ok := h.UnlockWithPassphrase(pass)
	if ok {
		defer keys.Wipe()
	}
	if !ok || !keys.Same(z.keys) {
		return &Error{Code: EPASSPHRASE, Field: "passphrase", Message: "That is not the journal's passphrase."}
	}
	return nil
}

// Unseal writes the journal back as a plain SQLite file at its path and
// closes s: open the path again with Open. Anyone who can read the folder can
// then read the journal.
func (s *Store) Unseal(ctx context.Context) error {
	z := s.sealed
	if z == nil {
		return Errorf(EINVALID, "%s is not sealed.", s.path)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if z.broken != nil {
		return z.broken
	}
	var tmp *os.File
	err := z.mem.withImage(ctx, func(image []byte) error {
		var err error
		if tmp, err = writeTemp(s.path, unsealingSuffix, image); err != nil {
			return saveError(s.path, err)
		}
		if err := verifyPlain(ctx, tmp, image); err != nil {
			scrub(tmp)
			discardTemp(tmp)
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	renamed, err := renameInto(tmp, s.path)
	if !renamed {
		scrub(tmp)
		discardTemp(tmp)
		return saveError(s.path, err)
	}
	tmp.Close()
	z.appended = false // the path holds the plain journal now: nothing to compact
	z.close()
	s.sealed = nil
	s.w, s.r = nil, nil
	if err != nil {
		return Errorf(EIO, "The journal was unsealed, but the system did not confirm it is safely on the disk (%v).", err)
	}
	return nil
}

// verifyPlain checks that the plain file f holds image and that SQLite reads
// it as a sound database.
func verifyPlain(ctx context.Context, f *os.File, image []byte) error {
	back, err := readAll(f)
	if err != nil {
		return fmt.Errorf("read back unsealed journal: %w", err)
	}
	same := bytes.Equal(back, image)
	sealed.Wipe(back)
	if !same {
		return Errorf(EINTERNAL, "The unsealed copy did not read back as written; the journal stays sealed.")
	}
	db, err := sql.Open("sqlite3", localFileURI(f.Name())+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&verdict); err != nil {
		return fmt.Errorf("check unsealed journal: %w", err)
	}
	if verdict != "ok" {
		return Errorf(EINTERNAL, "The unsealed copy is not a sound database (%s); the journal stays sealed.", verdict)
	}
	return nil
}
