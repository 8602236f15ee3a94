package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kindred/journal/sealed"
)

// BackupContents is what a backup holds, as its own check found it.
type BackupContents struct {
	Stats
	Drafts  int
	Version int  // the journal version the backup was written with
	Sealed  bool // a sealed image: its contents are only known to a sealed inspector
}

// BackupHooks say how images of a journal are made and read. A plain
// journal uses SQLite's own (VACUUM INTO, integrity_check); a sealed journal
// sets its own with SetBackupHooks so that its backups stay sealed. Rotation,
// listing and restore work on files and do not care how an image was made.
type BackupHooks struct {
	// Write puts a consistent image of the open journal into dest, an empty
	// file that already exists with mode 0600. Backup checks the image with
	// Inspect before it takes its final name.
	Write func(ctx context.Context, dest string) error
	// Inspect reads the image at path and says what it holds. With full set
	// it checks every page (integrity_check); without, it only counts.
	Inspect InspectFunc
}

// InspectFunc checks a backup image; see BackupHooks.Inspect.
type InspectFunc func(ctx context.Context, path string, full bool) (BackupContents, error)

// SetBackupHooks replaces how Backup writes images and how they are read
// back. Unset fields keep SQLite's.
func (s *Store) SetBackupHooks(h BackupHooks) { s.backupHooks = h }

// Inspector is how this journal's backups are read.
func (s *Store) Inspector() InspectFunc {
	if s.backupHooks.Inspect != nil {
		return s.backupHooks.Inspect
	}
	return InspectImage
}

// Backup writes a consistent, checked copy of the journal to dest, a new
// file (mode 0600): it refuses to overwrite anything. The copy is made with
// SQLite's VACUUM INTO from a read-only connection, so saves can go on
// meanwhile, and is checked with integrity_check before it takes its name:
// a file at dest is always a whole, sound backup.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if err := s.checkBackupDest(dest); err != nil {
		return err
	}
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, backupTempPattern)
	if err != nil {
		return s.fileError("write backup", dest, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	held := holdBackupTemp(tmpPath)
	done := false
	defer func() {
		if !done {
			os.Remove(tmpPath)
		}
		if held != nil {
			held.Close()
		}
	}()
	write := s.backupHooks.Write
	if write == nil {
		write = s.vacuumInto
	}
	if err := write(ctx, tmpPath); err != nil {
		return s.translate(fmt.Errorf("write backup %s: %w", dest, err))
	}
	if _, err := s.Inspector()(ctx, tmpPath, true); err != nil {
		if ErrorCode(err) == EDAMAGED {
			// The copy is the journal as it is: the journal is damaged.
			s.markDamaged("a copy of it failed its check: " + strings.ReplaceAll(AsError(err).Message, tmpPath, "the copy"))
		}
		return fmt.Errorf("check the new backup %s: %w", dest, err)
	}
	if err := syncFile(tmpPath); err != nil {
		return s.fileError("write backup", dest, err)
	}
	if err := s.copyPhotosForBackup(dest); err != nil {
		return err
	}
	if err := linkNoReplace(tmpPath, dest); err != nil {
		return s.fileError("write backup", dest, err)
	}
	done = true
	return syncDir(dir)
}

// checkBackupDest refuses a destination that exists or is the journal itself.
func (s *Store) checkBackupDest(dest string) error {
	if dest == "" {
		return fieldErrorf("out", "A backup needs a file name.")
	}
	if sameFile(dest, s.path) {
		return fieldErrorf("out", "A backup cannot be written over the journal itself.")
	}
	if _, err := os.Lstat(dest); err == nil {
		return &Error{Code: ECONFLICT, Field: "out", Message: fmt.Sprintf("%s already exists; a backup is only written to a new file.", dest)}
	}
	return nil
}

// vacuumInto copies the journal with VACUUM INTO. A plain journal is read
// through a connection of its own opened read-only, which sees one snapshot
// and does not hold up the writer; an in-memory one through its only
// connection.
func (s *Store) vacuumInto(ctx context.Context, dest string) error {
	db := s.w
	if s.r != s.w {
		ro, err := sql.Open("sqlite3", readOnlyDSN(s.path)+"&_busy_timeout=10000")
		if err != nil {
			return err
		}
		defer ro.Close()
		db = ro
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("copy the journal: %w", err)
	}
	return nil
}

// readOnlyDSN opens a file with SQLite's read-only flag: nothing can be
// written through it, not even the journal mode.
func readOnlyDSN(path string) string {
	return localFileURI(path) + "?mode=ro"
}

// InspectImage checks a plain SQLite image: with full set every page and
// index (integrity_check), and counts what it holds. A sealed image is
// reported as sealed, uncounted.
func InspectImage(ctx context.Context, path string, full bool) (BackupContents, error) {
	var c BackupContents
	head, err := readHead(path)
	if err != nil {
		return c, err
	}
	if sealed.HasMagic(head) {
		c.Sealed = true
		return c, nil
	}
	if len(head) < 100 || string(head[:16]) != sqliteMagic {
		return c, Errorf(EDAMAGED, "%s is not a Kindred journal or backup, or it is damaged.", path)
	}
	db, err := sql.Open("sqlite3", readOnlyDSN(path))
	if err != nil {
		return c, err
	}
	defer db.Close()
	if full {
		problems, err := integrityProblems(ctx, db, "integrity_check")
		if err != nil {
			return c, translateDamage(path, err)
		}
		if len(problems) > 0 {
			return c, Errorf(EDAMAGED, "%s is damaged: %s", path, strings.Join(problems, "; "))
		}
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&c.Version); err != nil {
		return c, translateDamage(path, err)
	}
	if c.Version == 0 {
		return c, Errorf(EDAMAGED, "%s holds no Kindred journal.", path)
	}
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM people), (SELECT count(*) FROM reflections),
		(SELECT count(*) FROM encounters), (SELECT count(*) FROM moments),
		(SELECT count(*) FROM drafts)`).
		Scan(&c.People, &c.Reflections, &c.Encounters, &c.Moments, &c.Drafts)
	if err != nil {
		return c, translateDamage(path, err)
	}
	return c, nil
}

// integrityProblems runs integrity_check or quick_check and returns what it
// found; nil means the database is sound. At most 20 problems are listed.
func integrityProblems(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(20)", pragma))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, rows.Err()
}

// Check gives Diagnose's verdict on the journal file at path, then runs
// SQLite's integrity_check over every page, without opening it for writing,
// and returns the problems found (none: the journal is sound). A file that
// is not a journal at all, or a sealed one, is an error.
func Check(ctx context.Context, path string) ([]string, error) {
	if err := Diagnose(ctx, path); err != nil {
		if de := AsError(err); de != nil && de.Code == EDAMAGED {
			return []string{de.Message}, nil
		}
		return nil, err
	}
	if info, err := os.Stat(path); err == nil && info.Size() == 0 {
		return nil, nil
	}
	db, err := sql.Open("sqlite3", readOnlyDSN(path))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	problems, err := integrityProblems(ctx, db, "integrity_check")
	if err != nil {
		var de *Error
		if errors.As(translateDamage(path, err), &de) && de.Code == EDAMAGED {
			return []string{err.Error()}, nil
		}
		return nil, fmt.Errorf("check journal %s: %w", path, err)
	}
	if len(problems) > 0 {
		return problems, nil
	}
	return checkPhotos(ctx, db, path, false)
}

// CheckStore runs integrity_check on an open journal (through its own
// connection, so a sealed journal's in-memory image is checked too).
func (s *Store) CheckStore(ctx context.Context) ([]string, error) {
	problems, err := integrityProblems(ctx, s.r, "integrity_check")
	if err != nil {
		return nil, s.translate(fmt.Errorf("check journal: %w", err))
	}
	if len(problems) > 0 {
		return problems, nil
	}
	return checkPhotos(ctx, s.r, s.path, s.sealed != nil)
}

func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := f.Read(head)
	return head[:n], nil
}

// fileError turns a file-system error into a journal error the user can act on.
func (s *Store) fileError(what, path string, err error) error {
	return fileError(what, path, err)
}

func fileError(what, path string, err error) error {
	if AsError(err) != nil {
		return err
	}
	switch {
	case isNoSpace(err):
		return Errorf(EDISKFULL, "The disk is full: could not %s %s. Free some space and try again.", what, path)
	case isReadOnlyFS(err) || errors.Is(err, os.ErrPermission):
		return Errorf(EREADONLY, "Could not %s %s: the folder cannot be written.", what, path)
	}
	return fmt.Errorf("%s %s: %w", what, path, err)
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(ia, ib)
}
