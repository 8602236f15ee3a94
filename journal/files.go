package journal

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// WriteFileAtomic writes a file so that path holds either its old content or
// the whole new one, never a part: the bytes go to a temporary file in the
// same folder (mode 0600), which is synced and then renamed over path, and
// the folder is synced so the rename survives a power cut.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fileError("write", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fileError("write", path, err)
	}
	if err = f.Chmod(0o600); err != nil {
		return fileError("write", path, err)
	}
	if err = f.Sync(); err != nil {
		return fileError("write", path, err)
	}
	if err = f.Close(); err != nil {
		return fileError("write", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fileError("write", path, err)
	}
	return syncDir(dir)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename or a new file in dir durable. Windows cannot open
// a folder to sync it, and needs not: its renames are durable once
// MoveFileEx returns with the write-through flag Go's os.Rename uses.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		// Some file systems cannot sync a folder; the rename itself is done.
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// linkNoReplace gives the finished file src the name dst unless dst exists.
// A hard link cannot replace anything; where links are not supported (FAT on
// a USB stick) it falls back to a rename after a last look.
func linkNoReplace(src, dst string) error {
	err := os.Link(src, dst)
	if err == nil {
		return os.Remove(src)
	}
	if errors.Is(err, os.ErrExist) {
		return &Error{Code: ECONFLICT, Field: "out", Message: fmt.Sprintf("%s already exists; a backup is only written to a new file.", dst)}
	}
	if _, statErr := os.Lstat(dst); statErr == nil {
		return &Error{Code: ECONFLICT, Field: "out", Message: fmt.Sprintf("%s already exists; a backup is only written to a new file.", dst)}
	}
	return os.Rename(src, dst)
}

// copyFileSynced copies src to a new file dst (mode 0600) and syncs it.
func copyFileSynced(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG)
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// RemoveFiles deletes the journal at path and the files beside it (SQLite's
// -wal and -shm, the store's lock file). It is for a journal just made that
// could not be finished, such as a half-written sample: never for one that
// is open, or that holds anything someone wrote.
func RemoveFiles(path string) error {
	var errs []error
	for _, suffix := range []string{"", "-wal", "-shm", lockFileSuffix} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove %s: %w", path+suffix, err))
		}
	}
	return errors.Join(errs...)
}

// replaceClosedOnly is whether a file must be closed before another is
// renamed over it: Windows refuses to replace a file that is open
// ("Sharing violation"), where Unix replaces the name and leaves the open
// file to its holders.
var replaceClosedOnly = runtime.GOOS == "windows"

// removeTree removes dir and everything in it, one entry at a time: Go's
// os.RemoveAll deletes with POSIX semantics on Windows, which FAT volumes
// (a USB stick) and Wine refuse with "Invalid function".
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			err = removeTree(p)
		} else {
			err = os.Remove(p)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
