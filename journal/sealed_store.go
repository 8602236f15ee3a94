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

	"kindred/journal/sealed"
)

// Secret opens a sealed journal: its passphrase or, when that is forgotten,
// its recovery key.
type Secret struct {
	Passphrase  string
	RecoveryKey string
}

// sealer keeps an unlocked journal's file in step with its in-memory
// database: before every write commits it appends the write's statements to
// the file as a sealed change record, and now and then (past a threshold, on
// close, or when a write cannot be logged) seals the whole database into a
// new file: a new base with an empty log.
type sealer struct {
	path string
	mem  *memoryDB
	lock *os.File // the sealed file now at path, open and locked
	keys *sealed.Keys
	// The wrappers of the secrets this session knows (nil for one it does
	// not): a change of the other secret seals the journal under a new
	// data key, which the unchanged one must open too.
	passWrap, recWrap *sealed.Wrapper
	header            sealed.Header // the header of the file at path
	log               sealed.Log    // where the file's change log ends
	out               []byte        // the last sealed base, kept to reuse its memory
	buf               []byte        // a record's statements, reused
	packed            []byte        // and compressed

	// needBase makes the next save seal a new base instead of appending: the
	// file is in format 1, or its end holds what a record must not follow
	// (a cut-short record; a failed append that could not be cut back).
	needBase bool
	// fromV1 is set while the file at path is in format 1: it is backed up
	// before the first save rewrites it.
	fromV1 bool
	// keptV1 is set once that copy is made: it is this opening's backup
	// from before the upgrade.
	keptV1 bool
	// sealAfter: the write in flight could not be logged (see recorder.take)
	// and is sealed into a new base once committed.
	sealAfter bool
	pending   []byte // the record appended for the write in flight
	appended  bool   // this session appended records: compact on close
	compactAt int64  // log size past which a save compacts
	notice    string // what unlocking had to leave out, if anything

	// broken is set when a failed save could not be undone in memory: the
	// journal then refuses further writes rather than drift from its file.
	broken   error
	lastSave atomic.Int64 // UnixNano of the last save, read without waiting for one
	closed   bool
}

// compactLogBytes is the change log's size past which a save also seals a
// new base. Each record is at least 16 KiB, so this is at most 128 saves:
// replaying them costs an unlock of the reference journal about a tenth of a
// second (the saves' own statements, about a millisecond each), and the
// compaction, which grows with the journal, comes once in 128 saves.
var compactLogBytes int64 = 2 << 20

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
	head := make([]byte, len(sealed.Magic))
	n, _ := io.ReadFull(f, head)
	return sealed.HasMagic(head[:n]), nil
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
	head := make([]byte, sealed.HeaderSize)
	n, _ := io.ReadFull(f, head)
	_, err = sealed.ParseHeader(path, head[:n], fi.Size())
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
	// Photos a sealing left in the clear (it failed or was cut short) are
	// sealed now; should that fail again they stay readable, and the next
	// unlock tries once more.
	_ = st.sealPhotos(ctx)
	return st, nil
}

func unlock(ctx context.Context, path string, lock *os.File, sec Secret) (*Store, error) {
	file, err := readAll(lock)
	if err != nil {
		return nil, fmt.Errorf("read journal %s: %w", path, err)
	}
	h, err := sealed.ParseHeader(path, file, int64(len(file)))
	if err != nil {
		return nil, withRestoreHint(path, err)
	}
	keys, w, err := unlockWrapped(h, sec)
	if err != nil {
		return nil, err
	}
	forbidCoreDumps()
	if !h.CheckMAC(keys) {
		keys.Wipe()
		w.Wipe()
		return nil, withRestoreHint(path, sealed.Damagedf(path, "its header was altered"))
	}
	z := &sealer{path: path, lock: lock, keys: keys, header: *h, compactAt: compactLogBytes}
	z.keep(w)
	st, err := z.open(ctx, file)
	if err != nil {
		keys.Wipe()
		w.Wipe()
		return nil, withRestoreHint(path, err)
	}
	// The file's buffer, wiped, becomes the one every save seals into: it
	// is already the right size and in memory, so the first save after
	// unlocking costs no more than the others (a fresh 100 MB buffer cost
	// the reference journal's first save about 300 ms).
	z.out = file[:0]
	removeStaleTemps(path)
	removeStaleBackupTemps(path)
	// Whenever the journal is sealed its backups are too: a restore may
	// have kept the plain journal it replaced, and an earlier failure (a
	// full disk, a kill) may have left one plain. One that cannot be sealed
	// now stays as it was (kindred backups shows it plain) and is tried
	// again at the next unlock.
	_ = sealPlainBackups(ctx, path, keys, &z.header)
	// What else unlocking made is garbage now; give it back rather than at
	// the next GC.
	debug.FreeOSMemory()
	return st, nil
}

// unlockHeader recovers the data key of h with sec.
func unlockHeader(h *sealed.Header, sec Secret) (*sealed.Keys, error) {
	keys, w, err := unlockWrapped(h, sec)
	w.Wipe()
	return keys, err
}

// unlockWrapped is unlockHeader that also returns the secret's wrapper.
func unlockWrapped(h *sealed.Header, sec Secret) (*sealed.Keys, *sealed.Wrapper, error) {
	if sec.RecoveryKey != "" {
		raw, err := sealed.ParseRecoveryKey(sec.RecoveryKey)
		if err != nil {
			return nil, nil, err
		}
		keys, w, ok := h.UnlockRecovery(raw)
		if !ok {
			return nil, nil, &Error{Code: EPASSPHRASE, Field: "recovery_key", Message: "That recovery key does not open this journal. Nothing was changed."}
		}
		return keys, w, nil
	}
	keys, w, ok := h.UnlockPassphrase(sec.Passphrase)
	if !ok {
		return nil, nil, &Error{Code: EPASSPHRASE, Field: "passphrase", Message: "That passphrase does not open this journal. Nothing was changed."}
	}
	return keys, w, nil
}

// open loads the sealed file (whose header is z.header) into a new
// in-memory database and wraps it in a Store. The file's base is decrypted
// in place and wiped.
func (z *sealer) open(ctx context.Context, file []byte) (*Store, error) {
	return z.openWith(ctx, func(mem *memoryDB) error { return z.load(ctx, mem, &z.header, file) })
}

// openWith opens a new in-memory database, has fill put the journal in it,
// and wraps it in a Store.
func (z *sealer) openWith(ctx context.Context, fill func(mem *memoryDB) error) (*Store, error) {
	mem, err := newMemoryDB()
	if err != nil {
		return nil, err
	}
	if err := fill(mem); err != nil {
		mem.close()
		return nil, err
	}
	z.mem = mem
	hooks := commitHooks{Before: z.beforeCommit, After: z.afterCommit, Failed: z.commitFailed}
	st, err := openDB(ctx, z.path, mem.db, hooks, func(st *Store) {
		st.sealed = z
		st.SetBackupHooks(st.sealedBackupHooks())
	})
	if err != nil {
		mem.close()
		return nil, err
	}
	return st, nil
}

// load puts the sealed file into mem: its base, then every record of its
// change log replayed in order. It sets z.log (and z.notice if a record cut
// short was left out).
func (z *sealer) load(ctx context.Context, mem *memoryDB, h *sealed.Header, file []byte) error {
	l, torn, err := loadSealed(ctx, z.path, z.keys, h, file, mem)
	if err != nil {
		return err
	}
	z.log, z.notice = l, torn
	z.fromV1 = h.Version() == sealed.VersionV1
	// A record must not follow what a cut-short one left at the end.
	z.needBase = z.fromV1 || torn != ""
	return nil
}

// loadSealed puts the sealed file into mem and returns where its log ends.
func loadSealed(ctx context.Context, path string, keys *sealed.Keys, h *sealed.Header, file []byte, mem *memoryDB) (l sealed.Log, torn string, err error) {
	var payloads [][]byte
	if h.Version() == sealed.VersionV1 {
		l = sealed.NewLog(h, file)
	} else if l, payloads, torn, err = sealed.ReadLog(path, keys, h, file); err != nil {
		return l, "", err
	}
	defer func() {
		for _, p := range payloads {
			sealed.Wipe(p)
		}
	}()
	image, err := sealed.OpenBody(path, keys, h, file)
	if err != nil {
		return l, "", err
	}
	err = mem.load(ctx, image)
	sealed.Wipe(image)
	if err != nil {
		return l, "", sealed.Damagedf(path, "its content is not a journal (%v)", err)
	}
	mem.rec.paused.Store(true)
	defer mem.rec.paused.Store(false)
	if len(payloads) == 0 {
		return l, torn, nil
	}
	err = replay(ctx, mem.db, func(yield func(int, []loggedStatement) error) error {
		for i, p := range payloads {
			raw, err := unpackPayload(p)
			if err != nil {
				return sealed.Damagedf(path, "change record %d: %v", i+1, err)
			}
			stmts, err := decodeStatements(raw)
			sealed.Wipe(raw)
			if err != nil {
				return sealed.Damagedf(path, "change record %d: %v", i+1, err)
			}
			if err := yield(i+1, stmts); err != nil {
				return err
			}
		}
		return nil
	})
	var re *replayError
	if errors.As(err, &re) {
		return l, "", sealed.Damagedf(path, "%v", re)
	}
	if err != nil {
		return l, "", err
	}
	return l, torn, nil
}

// beforeCommit appends the write's statements to the file as one record,
// synced, before the write commits in memory: if that fails, the write is
// rolled back and memory and file still agree.
func (z *sealer) beforeCommit(ctx context.Context) error {
	stmts, ok := z.mem.rec.take()
	z.sealAfter, z.pending = false, nil
	if !ok || z.needBase || !z.atPath() {
		z.sealAfter = true
		return nil
	}
	if len(stmts) == 0 {
		return nil
	}
	z.buf = encodeStatements(z.buf[:0], stmts)
	z.packed = packPayload(z.packed[:0], z.buf)
	frame := sealed.SealRecord(z.keys, &z.log, z.packed)
	sealed.Wipe(z.buf)
	sealed.Wipe(z.packed)
	if err := z.append(frame); err != nil {
		return saveError(z.path, err)
	}
	z.pending = frame
	return nil
}

// atPath reports whether the journal's path still names the file this
// session holds. Appending to a file that was moved, deleted or replaced
// would save where the user will never look; sealing a new base at the
// path fails or succeeds as a version 1 save did.
func (z *sealer) atPath() bool {
	held, err1 := z.lock.Stat()
	now, err2 := os.Stat(z.path)
	return err1 == nil && err2 == nil && os.SameFile(held, now)
}

// append writes frame after the log's last record and syncs it. On failure
// it cuts the file back; if even that fails the next save seals a new base.
func (z *sealer) append(frame []byte) error {
	_, err := z.lock.WriteAt(frame, z.log.End())
	if err == nil {
		err = z.lock.Sync()
	}
	if err != nil {
		if z.lock.Truncate(z.log.End()) != nil || z.lock.Sync() != nil {
			z.needBase = true
		}
	}
	return err
}

// commitFailed takes back the record of a write that did not commit.
func (z *sealer) commitFailed() {
	if z.pending == nil {
		return
	}
	z.pending = nil
	if z.lock.Truncate(z.log.End()) != nil || z.lock.Sync() != nil {
		z.needBase = true
	}
}

// afterCommit finishes a save once the write committed: a logged write is
// already on disk; a write that could not be logged is sealed whole now.
func (z *sealer) afterCommit(ctx context.Context) error {
	ctx = context.WithoutCancel(ctx) // a half-done save must finish or be undone
	if frame := z.pending; frame != nil {
		z.pending = nil
		z.log.Advance(frame)
		z.appended = true
		z.lastSave.Store(time.Now().UnixNano())
		if z.log.End()-z.log.Start() > z.compactAt {
			if _, err := z.reseal(ctx); err != nil {
				// The write is safe in the log; compacting waits until the
				// log has grown as much again.
				z.compactAt = z.log.End() - z.log.Start() + compactLogBytes
			}
		}
		return nil
	}
	if !z.sealAfter {
		return nil
	}
	z.sealAfter = false
	err := z.keepBeforeUpgrade()
	renamed := false
	if err == nil {
		renamed, err = z.reseal(ctx)
	}
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

// reseal seals the current database into a new file at the journal's path:
// a new base with an empty change log.
func (z *sealer) reseal(ctx context.Context) (renamed bool, err error) {
	return z.sealBase(ctx, z.header)
}

// sealBase is reseal with the header h (whose key fields may have changed).
func (z *sealer) sealBase(ctx context.Context, h sealed.Header) (renamed bool, err error) {
	err = z.mem.withImage(ctx, func(image []byte) error {
		z.out = sealed.SealBody(z.keys, &h, image, z.out)
		return nil
	})
	if err != nil {
		return false, err
	}
	renamed, err = z.replace(&h, z.out)
	if renamed {
		z.log = sealed.NewLog(&h, z.out)
		z.needBase, z.fromV1, z.appended = false, false, false
		z.mem.rec.stray = false // the new base holds whatever no record did
		z.compactAt = compactLogBytes
	}
	return renamed, err
}

// keepBeforeUpgrade copies a file in format 1, byte for byte, into the
// backups folder before its first save rewrites it in the current format.
func (z *sealer) keepBeforeUpgrade() error {
	if !z.fromV1 {
		return nil
	}
	now := time.Now()
	kept := sealedBackupName(z.path, BackupBeforeUpgrade)
	if err := keepJournal(z.path, kept); err != nil {
		return err
	}
	dateBackup(kept, now)
	z.fromV1, z.keptV1 = false, true
	return nil
}

// replace writes file (whose header is h) at the journal's path, moving the
// lock to it. Once renamed, the new header is the journal's.
func (z *sealer) replace(h *sealed.Header, file []byte) (renamed bool, err error) {
	if replaceClosedOnly {
		// Windows replaces no file that is open: the new file is locked
		// before it is renamed, so the journal stays held meanwhile.
		z.lock.Close()
	}
	f, renamed, err := replaceFile(z.path, sealingSuffix, file, true)
	if !renamed && replaceClosedOnly {
		old, oerr := openLocked(z.path)
		if oerr != nil {
			return false, errors.Join(err, oerr)
		}
		z.lock = old
	}
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
	defer sealed.Wipe(file)
	h, err := sealed.ParseHeader(z.path, file, int64(len(file)))
	if err != nil {
		return err
	}
	if !h.CheckMAC(z.keys) {
		return sealed.Damagedf(z.path, "its header was altered")
	}
	if err := z.load(ctx, z.mem, h, file); err != nil {
		return err
	}
	z.header = *h
	return nil
}

func (z *sealer) close() error {
	if z.closed {
		return nil
	}
	z.closed = true
	if z.broken == nil && z.appended && z.log.HasRecords() && z.atPath() {
		// Compacting on close keeps the next unlock short. If it fails,
		// nothing is lost: the log still holds every change.
		z.reseal(context.Background())
	}
	err := errors.Join(z.mem.close(), z.lock.Close())
	z.keys.Wipe()
	z.passWrap.Wipe()
	z.recWrap.Wipe()
	z.out = nil
	return err
}

// Sealed reports whether the journal is sealed with a passphrase.
func (s *Store) Sealed() bool { return s.sealed != nil }

// SealedNotice is what unlocking a sealed journal had to leave out and the
// user should hear of: a last change cut short by a crash during a save that
// was never confirmed. It is empty otherwise.
func (s *Store) SealedNotice() string {
	if s.sealed == nil {
		return ""
	}
	return s.sealed.notice
}

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
	je := AsError(err)
	if je == nil || je.Code != EDAMAGED {
		return err
	}
	hint := restoreHint(path)
	if hint == "" {
		return &Error{Code: EDAMAGED, Field: je.Field, Message: je.Message + " The file was not changed."}
	}
	return &Error{Code: EDAMAGED, Field: je.Field, Message: je.Message + " The file was not changed. " + hint}
}
