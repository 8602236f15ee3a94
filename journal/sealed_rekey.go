package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"kindred/journal/sealed"
)

// A change of secret seals the journal and its backups under a new data
// key. Re-wrapping the old key would leave every old copy of the file (a
// synced version, a stolen backup) together with the old passphrase a way
// into everything written after the change.

// keep takes w as the session's wrapper of its secret, wiping the one it
// replaces.
func (z *sealer) keep(w *sealed.Wrapper) {
	switch {
	case w == nil:
	case w.Recovery():
		if z.recWrap != w {
			z.recWrap.Wipe()
		}
		z.recWrap = w
	default:
		if z.passWrap != w {
			z.passWrap.Wipe()
		}
		z.passWrap = w
	}
}

// ChangeSecrets seals the journal and its backups under a new data key,
// opened by the passphrase pass and the recovery key recoveryKey. An empty
// one stays as it is, which needs this session to know it: it was unlocked
// or sealed with it, or set it since. Old copies of the file open with the
// old secrets only, and hold only what they held.
func (s *Store) ChangeSecrets(ctx context.Context, pass, recoveryKey string, o SealOptions) error {
	z := s.sealed
	if z == nil {
		return Errorf(EINVALID, "%s is not sealed: seal it first.", s.path)
	}
	if pass != "" {
		if err := sealed.CheckPassphrase(pass); err != nil {
			return err
		}
	}
	var recovery []byte
	if recoveryKey != "" {
		var err error
		if recovery, err = sealed.ParseRecoveryKey(recoveryKey); err != nil {
			return err
		}
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if z.broken != nil {
		return z.broken
	}
	if pass == "" && z.passWrap == nil {
		return &Error{Code: EINVALID, Field: "passphrase", Message: "A new recovery key seals the journal under a new key, which the passphrase must open too: unlock the journal with its passphrase first. Nothing was changed."}
	}
	if recovery == nil && z.recWrap == nil {
		return &Error{Code: EINVALID, Field: "recovery_key", Message: "A new passphrase seals the journal under a new key, which the recovery key must open too: give the current recovery key, or make a new one. Nothing was changed."}
	}
	pw, rw := z.passWrap, z.recWrap
	if pass != "" {
		pw = sealed.PassphraseWrapper(pass, o.kdf())
	}
	if recovery != nil {
		rw = sealed.RecoveryWrapper(recovery)
		sealed.Wipe(recovery)
	}
	discard := func() {
		if pw != z.passWrap {
			pw.Wipe()
		}
		if rw != z.recWrap {
			rw.Wipe()
		}
	}
	// A format 1 file is kept as it is before its first rewrite; the copy
	// is re-sealed with the other backups below.
	if err := z.keepBeforeUpgrade(); err != nil {
		discard()
		return saveError(s.path, err)
	}
	// The photos follow in the same write: see photo_rotate.go.
	photos, err := s.stagePhotoRotation(ctx)
	if err == nil && photos != nil {
		err = photos.applyInMemory(ctx, s) // undone whole if it fails
	}
	if err != nil {
		discard()
		return errors.Join(err, s.photosMoved(ctx))
	}
	old, keys := z.keys, sealed.NewKeys()
	z.keys = keys
	renamed, err := z.sealBase(ctx, *sealed.NewHeaderWith(keys, pw, rw))
	if !renamed {
		z.keys = old
		keys.Wipe()
		discard()
		err = saveError(s.path, err)
		if photos != nil {
			err = errors.Join(err, s.unstagePhotoRotation(ctx))
		}
		return err
	}
	z.keep(pw)
	z.keep(rw)
	defer old.Wipe()
	var photosErr error
	if photos != nil {
		photosStep("sealed")
		if err := s.photosMoved(ctx); err != nil {
			photosErr = Errorf(EIO, "The journal is sealed under its new secrets, but its photos could not be moved to their new folder (%v): Kindred finishes that when the journal is next opened.", err)
		}
	}
	// The backups follow even when the folder's sync failed: the journal
	// is under the new key either way, and the old one is forgotten here.
	backups := errors.Join(photosErr, rekeyBackups(ctx, s.path, old, keys, &z.header))
	if photos != nil && photosErr == nil {
		// The backups' photos follow the journal's new photo key, once
		// their images are under the new data key (photo_seal_backups.go).
		backups = errors.Join(backups, s.backupPhotosToKey(ctx, false))
	}
	if err != nil {
		return errors.Join(Errorf(EIO, "The journal was sealed under its new secrets, but the system did not confirm it is safely on the disk (%v).", err), backups)
	}
	return backups
}

// ChangePassphrase seals the journal under a new data key that pass and the
// unchanged recovery key open. The session must know the recovery key (see
// ChangeSecrets); otherwise give it there.
func (s *Store) ChangePassphrase(ctx context.Context, pass string, o SealOptions) error {
	if err := sealed.CheckPassphrase(pass); err != nil {
		return err
	}
	return s.ChangeSecrets(ctx, pass, "", o)
}

// SetRecoveryKey seals the journal under a new data key that key (from
// NewRecoveryKey) and the unchanged passphrase open: the old recovery key
// stops working.
func (s *Store) SetRecoveryKey(ctx context.Context, key string) error {
	if _, err := sealed.ParseRecoveryKey(key); err != nil {
		return err
	}
	return s.ChangeSecrets(ctx, "", key, SealOptions{})
}

// rekeyBackups re-seals every backup of the journal at path that the old
// data key opens under the new one, with the journal's header h, and seals
// any that are still plain. Each is replaced whole, by a rename: a crash
// leaves it sealed under the old secrets or the new, never neither.
func rekeyBackups(ctx context.Context, path string, old, keys *sealed.Keys, h *sealed.Header) error {
	list, err := backupFiles(path)
	if err != nil {
		return err
	}
	var failed []string
	for _, b := range list {
		if err := rekeyBackup(ctx, b.Path, old, keys, h); err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", b.Path, err))
		}
	}
	if len(failed) > 0 {
		return Errorf(EIO, "The journal is sealed under its new secrets, but these backups still open only with the old ones: %s.", strings.Join(failed, "; "))
	}
	return nil
}

func rekeyBackup(ctx context.Context, path string, old, keys *sealed.Keys, journalHeader *sealed.Header) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	before, _ := f.Stat()
	file, err := readAll(f)
	f.Close()
	if err != nil {
		return err
	}
	defer sealed.Wipe(file)
	if !sealed.HasMagic(file) {
		return sealPlainBackup(ctx, path, keys, journalHeader)
	}
	h, err := sealed.ParseHeader(path, file, int64(len(file)))
	if err != nil {
		return err
	}
	if !h.CheckMAC(old) {
		return nil // sealed with another key: not this journal's to change
	}
	mem, err := newMemoryDB()
	if err != nil {
		return err
	}
	defer mem.close()
	if _, _, err := loadSealed(ctx, path, old, h, file, mem); err != nil {
		return err
	}
	return mem.withImage(ctx, func(image []byte) error {
		nh := *journalHeader
		_, _, err := replaceFile(path, sealingSuffix, sealed.SealBody(keys, &nh, image, nil), false)
		if err == nil {
			keepModTime(path, before) // a dateless backup's date
		}
		return err
	})
}

// KnowsRecoveryKey reports whether a passphrase change can keep the
// recovery key without asking for it: the session was unlocked or sealed
// with it, or set it.
func (s *Store) KnowsRecoveryKey() bool {
	if s.sealed == nil {
		return false
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.sealed.recWrap != nil
}

// VerifyRecoveryKey checks key against an unlocked journal's recovery key,
// so that a mistyped one is never what a change wraps the new key for.
func (s *Store) VerifyRecoveryKey(key string) error {
	z := s.sealed
	if z == nil {
		return Errorf(EINVALID, "%s is not sealed.", s.path)
	}
	raw, err := sealed.ParseRecoveryKey(key)
	if err != nil {
		return err
	}
	defer sealed.Wipe(raw)
	s.writeMu.Lock()
	h := z.header
	s.writeMu.Unlock()
	keys, ok := h.UnlockWithRecovery(raw)
	if ok {
		defer keys.Wipe()
	}
	if !ok || !keys.Same(z.keys) {
		return &Error{Code: EPASSPHRASE, Field: "recovery_key", Message: "That is not the journal's recovery key."}
	}
	return nil
}
