package journal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// Secret opens a sealed journal: its passphrase or, when that is forgotten,
// its recovery key.
type Secret struct {
	Passphrase  string
	RecoveryKey string
}

// sealer keeps an unlocked journal's file in step with its in-memory database:
// after every committed write it seals the whole database into a new file and
// puts it in place of the old one.
type sealer struct {
	path   string
	mem    *memoryDB
	lock   *os.File // the sealed file now at path, open and locked
	keys   *sealedKeys
	header sealedHeader // the header of the file at path
	out    []byte       // the last sealed file, kept to reuse its memory
	// broken is set when a failed save could not be undone in memory: the
	// journal then refuses further writes rather than drift from its file.
	broken   error
	lastSave atomic.Int64 // UnixNano of the last save, read without waiting for one
	closed   bool
}

// IsSealedFile reports whether the file at path is a sealed journal. A file
// that does not exist is not.
func IsSealedFile(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("open journal %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(SealedMagic))
	n, _ := io.ReadFull(f, head)
	return IsSealed(head[:n]), nil
}

// CheckSealedFile checks what can be checked of a sealed journal without
// its passphrase (magic, version, header checksum, length), so that damage
// is reported before anyone is asked for a passphrase.
func CheckSealedFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open journal %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open journal %s: %w", path, err)
	}
	head := make([]byte, sealedHeaderSize)
	n, _ := io.ReadFull(f, head)
	_, err = parseSealedHeader(path, head[:n], fi.Size())
	return withRestoreHint(path, err)
}

// OpenSealed unlocks the sealed journal at path with sec and opens it. A wrong
// passphrase, a damaged file or a journal open elsewhere is reported with its
// own code (EPASSPHRASE, EDAMAGED, EBUSY) and nothing is written.
func OpenSealed(ctx context.Context, path string, sec Secret) (*Store, error) {
	lock, err := openLocked(path)
	if err != nil {
		return nil, err
	}
	held, err := holdJournal(path)
	if err != nil {
		lock.Close()
		return nil, err
	}
	st, err := unlock(ctx, path, lock, sec)
	if err != nil {
		lock.Close()
		if held != nil {
			held.Close()
		}
		return nil, err
	}
	st.held = held
	return st, nil
}

func unlock(ctx context.Context, path string, lock *os.File, sec Secret) (*Store, error) {
	file, err := readAll(lock)
	if err != nil {
		return nil, fmt.Errorf("read journal %s: %w", path, err)
	}
	h, err := parseSealedHeader(path, file, int64(len(file)))
	if err != nil {
		return nil, withRestoreHint(path, err)
	}
	keys, err := h.unlock(path, sec)
	if err != nil {
		return nil, err
	}
	if !h.checkMAC(keys) {
		keys.wipe()
		return nil, withRestoreHint(path, damagedf(path, "its header was altered"))
	}
	image, err := openBody(path, keys, h, file)
	if err != nil {
		keys.wipe()
		return nil, withRestoreHint(path, err)
	}
	z := &sealer{path: path, lock: lock, keys: keys, header: *h}
	st, err := z.open(ctx, image)
	wipe(image)
	if err != nil {
		keys.wipe()
		return nil, err
	}
	// The file's buffer, wiped, becomes the one every save seals into: it
	// is already the right size and in memory, so the first save after
	// unlocking costs no more than the others (a fresh 100 MB buffer cost
	// the reference journal's first save about 300 ms).
	z.out = file[:0]
	removeStaleTemps(path)
	// What else unlocking made is garbage now; give it back rather than at
	// the next GC.
	debug.FreeOSMemory()
	return st, nil
}

func (h *sealedHeader) unlock(path string, sec Secret) (*sealedKeys, error) {
	if sec.RecoveryKey != "" {
		raw, err := parseRecoveryKey(sec.RecoveryKey)
		if err != nil {
			return nil, err
		}
		keys, ok := h.unlockWithRecovery(raw)
		if !ok {
			return nil, &Error{Code: EPASSPHRASE, Field: "recovery_key", Message: "That recovery key does not open this journal. Nothing was changed."}
		}
		return keys, nil
	}
	keys, ok := h.unlockWithPassphrase(sec.Passphrase)
	if !ok {
		return nil, &Error{Code: EPASSPHRASE, Field: "passphrase", Message: "That passphrase does not open this journal. Nothing was changed."}
	}
	return keys, nil
}

// open loads image into a new in-memory database and wraps it in a Store.
func (z *sealer) open(ctx context.Context, image []byte) (*Store, error) {
	mem, err := newMemoryDB()
	if err != nil {
		return nil, err
	}
	if err := mem.load(ctx, image); err != nil {
		mem.close()
		return nil, withRestoreHint(z.path, damagedf(z.path, "its content is not a journal (%v)", err))
	}
	z.mem = mem
	st, err := openDB(ctx, z.path, mem.db, z.afterCommit, func(st *Store) {
		st.sealed = z
		st.SetBackupHooks(st.sealedBackupHooks())
	})
	if err != nil {
		mem.close()
		return nil, err
	}
	return st, nil
}

// afterCommit seals the database after a write. If that fails the write is
// undone in memory by reloading the file, which still holds the state before
// it, so what the journal shows is always what its file holds.
func (z *sealer) afterCommit(ctx context.Context) error {
	ctx = context.WithoutCancel(ctx) // a half-done save must finish or be undone
	renamed, err := z.reseal(ctx)
	if err == nil {
		return nil
	}
	if renamed {
		// The new file is in place but the folder's sync failed: memory and
		// file agree, but the save may not survive a power cut.
		return Errorf(EIO, "The journal was written, but the system did not confirm it is safely on the disk (%v). Save again to be sure.", err)
	}
	if rerr := z.reload(ctx); rerr != nil {
		z.broken = Errorf(EIO, "The journal could not be saved, and what is on screen could not be matched to the file again (%v). Close Kindred and open the journal again: the file holds everything up to the last successful save.", rerr)
		return errors.Join(saveError(z.path, err), z.broken)
	}
	return saveError(z.path, err)
}

// reseal seals the current database into a new file at the journal's path.
func (z *sealer) reseal(ctx context.Context) (renamed bool, err error) {
	h := z.header
	err = z.mem.withImage(ctx, func(image []byte) error {
		z.out = sealBody(z.keys, &h, image, z.out)
		return nil
	})
	if err != nil {
		return false, err
	}
	return z.replace(&h, z.out)
}

// replace writes file (whose header is h) at the journal's path, moving the
// lock to it. Once renamed, the new header is the journal's.
func (z *sealer) replace(h *sealedHeader, file []byte) (renamed bool, err error) {
	f, renamed, err := replaceFile(z.path, sealingSuffix, file, true)
	if renamed {
		z.lock.Close()
		z.lock = f
		z.header = *h
		z.lastSave.Store(time.Now().UnixNano())
	}
	return renamed, err
}

// reload replaces the in-memory database with the content of the file at the
// journal's path.
func (z *sealer) reload(ctx context.Context) error {
	file, err := readAll(z.lock)
	if err != nil {
		return err
	}
	h, err := parseSealedHeader(z.path, file, int64(len(file)))
	if err != nil {
		return err
	}
	if !h.checkMAC(z.keys) {
		return damagedf(z.path, "its header was altered")
	}
	image, err := openBody(z.path, z.keys, h, file)
	if err != nil {
		return err
	}
	defer wipe(image)
	return z.mem.load(ctx, image)
}

func (z *sealer) close() error {
	if z.closed {
		return nil
	}
	z.closed = true
	err := errors.Join(z.mem.close(), z.lock.Close())
	z.keys.wipe()
	z.out = nil
	return err
}

// Sealed reports whether the journal is sealed with a passphrase.
func (s *Store) Sealed() bool { return s.sealed != nil }

// LastSave is when a sealed journal was last written to its file (zero before
// the first save of this session, and for a plain journal).
func (s *Store) LastSave() time.Time {
	if s.sealed == nil {
		return time.Time{}
	}
	if n := s.sealed.lastSave.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// withRestoreHint adds to a damaged-journal error which backup can replace it.
func withRestoreHint(path string, err error) error {
	var je *Error
	if !errors.As(err, &je) || je.Code != EDAMAGED {
		return err
	}
	hint := restoreHint(path)
	if hint == "" {
		return &Error{Code: EDAMAGED, Field: je.Field, Message: je.Message + " The file was not changed."}
	}
	return &Error{Code: EDAMAGED, Field: je.Field, Message: je.Message + " The file was not changed. " + hint}
}
