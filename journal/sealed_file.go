package journal

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"kindred/journal/sealed"
)

// Temp files sit beside the journal, so the final rename stays on one file
// system and is atomic. Their names start with a dot and the journal's name.
const (
	sealingSuffix   = ".sealing-"   // a sealed journal being written
	unsealingSuffix = ".unsealing-" // a plain journal being written by unseal
)

func tempPattern(path, suffix string) string {
	return "." + filepath.Base(path) + suffix + "*"
}

// openLocked opens the sealed journal at path and locks it. The file at path
// may be replaced between the open and the lock; the lock must be on the one
// that is there now, so the open is retried until the two agree.
func openLocked(path string) (*os.File, error) {
	for range 10 {
		// Read and write: saves append change records to this very file.
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if errors.Is(err, os.ErrPermission) || isReadOnlyFS(err) {
			// A journal that cannot be written still unlocks; its saves
			// fail with a clear message.
			f, err = os.Open(path)
		}
		if err != nil {
			return nil, fmt.Errorf("open journal %s: %w", path, err)
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return f, nil
		}
		f.Close()
	}
	return nil, Errorf(EBUSY, "%s keeps being replaced by another program; try again.", path)
}

// replaceFile puts data at path the way a save must: a new file (0600) beside
// it, written and synced, renamed over path, then the folder synced so the
// rename itself survives a power cut. With lock, the new file is locked before
// it becomes visible and is returned open. renamed reports whether path names
// the new file, which can be true even with an error (the folder's sync failed).
func replaceFile(path, suffix string, data []byte, lock bool) (f *os.File, renamed bool, err error) {
	f, err = writeTemp(path, suffix, data)
	if err != nil {
		return nil, false, err
	}
	if lock {
		if err := lockFile(f); err != nil {
			discardTemp(f)
			return nil, false, err
		}
	}
	renamed, err = renameInto(f, path)
	if !renamed {
		discardTemp(f)
		return nil, false, err
	}
	if !lock {
		f.Close()
		f = nil
	}
	return f, true, err
}

// writeTemp writes data to a new file (0600) beside path and syncs it.
func writeTemp(path, suffix string, data []byte) (*os.File, error) {
	f, err := createTemp(filepath.Dir(path), tempPattern(path, suffix))
	if err != nil {
		return nil, err
	}
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		discardTemp(f)
		return nil, err
	}
	return f, nil
}

// discardTemp closes and removes a temp file that will not be used.
func discardTemp(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// renameHook, set by tests only, sees each file about to be replaced.
var renameHook func(path string)

// renameInto moves the temp file f to path and syncs the folder.
func renameInto(f *os.File, path string) (renamed bool, err error) {
	if renameHook != nil {
		renameHook(path)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return false, err
	}
	return true, syncDir(filepath.Dir(path))
}

// removeStaleTemps removes what a killed save left beside the journal. Only a
// caller holding the journal's lock may call it: no other save is running.
// An interrupted unseal's plaintext is overwritten before it is removed.
func removeStaleTemps(path string) {
	dir := filepath.Dir(path)
	sealed, _ := filepath.Glob(filepath.Join(dir, tempPattern(path, sealingSuffix)))
	for _, p := range sealed {
		os.Remove(p)
	}
	plain, _ := filepath.Glob(filepath.Join(dir, tempPattern(path, unsealingSuffix)))
	for _, p := range plain {
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			scrub(f)
			f.Close()
		}
		os.Remove(p)
	}
}

// scrub overwrites a file's content with zeros and syncs it. Once a plain
// journal is sealed its old blocks should not keep the words on the disk.
// This is best effort: copy-on-write file systems and SSDs may keep old
// blocks elsewhere; docs/sealed-format.md says so.
func scrub(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	zeros := make([]byte, 1<<20)
	var off int64
	for off < fi.Size() {
		n := min(int64(len(zeros)), fi.Size()-off)
		if _, err := f.WriteAt(zeros[:n], off); err != nil {
			return err
		}
		off += n
	}
	return f.Sync()
}

// holdWAL opens the write-ahead log beside a plain journal (nil if there is
// none), so that its content can be overwritten after SQLite removes it:
// SQLite deletes the log of its last connection without truncating it, so
// the file held here still owns the disk blocks that hold the words.
func holdWAL(path string) *os.File {
	f, err := openShared(path + "-wal")
	if err != nil {
		return nil
	}
	return f
}

// scrubHeld overwrites and closes a log held by holdWAL, once everything in
// it is in the journal file.
func scrubHeld(f *os.File) {
	if f != nil {
		scrub(f)
		f.Close()
	}
}

// readAll reads a whole open file from its start.
func readAll(f *os.File) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	// Room to grow: an unlocked journal seals into this buffer again (see
	// unlock), and a journal grows a page at a time.
	buf := make([]byte, fi.Size(), sealed.Headroom(fi.Size()))
	_, err = io.ReadFull(io.NewSectionReader(f, 0, fi.Size()), buf)
	return buf, err
}

// saveError turns a failed save into a message the user can act on.
func saveError(path string, err error) error {
	if AsError(err) != nil {
		return err
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return Errorf(EDISKFULL, "The disk is full: nothing was saved. Free some space and save again.")
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		return Errorf(EREADONLY, "The journal's folder %s cannot be written (%v): nothing was saved.", filepath.Dir(path), err)
	case errors.Is(err, syscall.EBADF):
		// openLocked fell back to reading a file it may not write.
		return Errorf(EREADONLY, "The journal %s cannot be written: nothing was saved.", path)
	}
	return Errorf(EIO, "The journal could not be written (%v): nothing was saved.", err)
}
