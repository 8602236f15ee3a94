package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

	"kindred/journal/sealed"
)

// Store is an open journal. Its methods are safe for concurrent use: writes
// go through one connection, reads through a small pool.
type Store struct {
	path string
	w    *sql.DB // the single writer connection
	r    *sql.DB // readers; the same as w for an in-memory journal

	// Now is the clock, replaceable in tests.
	Now func() time.Time

	// hooks put every write on disk for a journal that keeps its own file
	// (a sealed one).
	hooks commitHooks

	// writeMu makes a write and its afterCommit one step, so that a sealed
	// journal's save cannot interleave with the next write.
	writeMu sync.Mutex
	sealed  *sealer // set for an unlocked sealed journal

	// backupHooks make and read backup images; zero means SQLite's own.
	backupHooks BackupHooks

	// held is the lock file the open store holds shared (inuse_lock.go);
	// nil where it could not be made.
	held *os.File

	// searchNotice is set when opening could not update the search index.
	searchNotice string

	// damage is set once the open journal is found damaged: no more writes.
	damage damageMark

	// photos is the folder of photo bytes beside the journal (photo_files.go).
	photos photoFiles
}

// DefaultPath is where a journal lives unless told otherwise: on Linux and
// the BSDs $XDG_DATA_HOME/kindred/journal.db, else
// ~/.local/share/kindred/journal.db; on Windows %AppData%\Kindred\journal.db
// and on macOS ~/Library/Application Support/Kindred/journal.db, where
// people (and backup tools) look for an application's data.
func DefaultPath() (string, error) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the folder for application data: %w", err)
		}
		return filepath.Join(dir, "Kindred", "journal.db"), nil
	}
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "kindred", "journal.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the home folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", "kindred", "journal.db"), nil
}

// dsn puts every setting in the connection string: a PRAGMA run through
// db.Exec would reach only one pooled connection. synchronous=FULL because the
// driver's default (NORMAL in WAL) can lose an acknowledged save on power loss.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if !readOnly {
		// Only the writer may switch a journal to WAL: a reader must never
		// write, and Open runs this only after probe found the file sound.
		q.Set("_journal_mode", "WAL")
	}
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		q.Set("_txlock", "immediate")
		// Imports write tens of thousands of rows with random ids: a
		// writer cache of up to 64 MB keeps their indexes' pages at hand
		// (SQLite fills it only as pages are used), and reusing prepared
		// statements saves parsing the same INSERT every time.
		q.Set("_cache_size", "-65536")
		q.Set("_stmt_cache_size", "32")
	}
	return localFileURI(path) + "?" + q.Encode()
}

// localFileURI is fileURI for this system's paths.
func localFileURI(path string) string { return fileURI(path, runtime.GOOS == "windows") }

// fileURI writes path as the file: URI SQLite reads. On Windows a drive path
// C:\j\journal.db becomes file:///C:/j/journal.db and a UNC path
// \\server\share\j.db becomes file:////server/share/j.db (SQLite's form
// for both); elsewhere a backslash is an ordinary character of a name.
func fileURI(path string, windows bool) string {
	if windows {
		path = strings.ReplaceAll(path, `\`, "/")
		if len(path) >= 2 && path[1] == ':' {
			path = "/" + path // a drive letter: the path's first segment
		}
	}
	if !strings.HasPrefix(path, "/") {
		// A relative file: URI has no leading slash and no authority.
		return "file:" + url.PathEscape(path)
	}
	u := url.URL{Scheme: "file", Path: path}
	s := u.String()
	if strings.HasPrefix(path, "//") && !strings.HasPrefix(s, "file:////") {
		s = "file://" + strings.TrimPrefix(s, "file:")
	}
	return s
}

// Open opens the journal at path, creating it (0600, in a 0700 folder) if
// needed, and brings its schema up to date. A journal written by a newer
// Kindred is refused untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	held, err := holdJournal(path)
	if err != nil {
		return nil, err
	}
	release := func() {
		if held != nil {
			held.Close()
		}
	}
	if err := Diagnose(ctx, path); err != nil {
		release()
		return nil, err
	}
	removeStaleBackupTemps(path)
	w, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		release()
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		release()
		return nil, fmt.Errorf("open journal %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s := &Store{path: path, w: w, r: r, Now: time.Now, held: held}
	if err := s.init(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// commitHooks let a journal that keeps its own file (a sealed one, whose
// database is in memory) save each write.
type commitHooks struct {
	// Before runs when a write's statements have run, before it commits:
	// an error rolls the write back.
	Before func(ctx context.Context) error
	// After runs once it committed, before the write returns.
	After func(ctx context.Context) error
	// Failed runs when the commit failed after Before succeeded.
	Failed func()
}

// openDB wraps an already-open database (the in-memory image of a sealed
// journal, which must allow only one connection) in a Store; hooks run
// around every write's commit. prepare runs before the journal is brought
// up to date: a sealed journal sets its backup hooks there, so that a backup
// taken before an upgrade is sealed too.
func openDB(ctx context.Context, path string, db *sql.DB, hooks commitHooks, prepare func(*Store)) (*Store, error) {
	s := &Store{path: path, w: db, r: db, Now: time.Now, hooks: hooks}
	if prepare != nil {
		prepare(s)
	}
	if err := s.init(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) init(ctx context.Context) error {
	if s.r != s.w {
		var mode string
		if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			return s.translate(fmt.Errorf("read journal mode: %w", err))
		}
		if mode != "wal" {
			return fmt.Errorf("open journal %s: SQLite reports journal mode %q, want wal", s.path, mode)
		}
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	if err := s.dropStalePhotos(ctx); err != nil {
		return err
	}
	if err := s.finishSealingPhotos(ctx); err != nil {
		return err
	}
	return s.upgradeSearchIndex(ctx)
}

// Path is the journal's file.
func (s *Store) Path() string { return s.path }

// Close releases the journal's connections, then its lock.
func (s *Store) Close() error {
	if s.held != nil {
		defer s.held.Close()
	}
	var err error
	if s.r != nil && s.r != s.w {
		err = s.r.Close()
	}
	if s.sealed != nil {
		// A save in progress finishes first: its write is sealed or undone.
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		return errors.Join(err, s.sealed.close())
	}
	if s.w != nil {
		err = errors.Join(err, s.w.Close())
	}
	return err
}

// DB exposes the writer connection for operations the store does not wrap
// (backup, serialisation). Callers must not write through it.
func (s *Store) DB() *sql.DB { return s.w }

// ReadDB exposes the read pool.
func (s *Store) ReadDB() *sql.DB { return s.r }

// prepareFile creates the journal's folder (0700) and an empty file (0600)
// before the driver sees it, so SQLite never creates it with the umask's mode.
func prepareFile(path string) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create journal folder %s: %w", dir, err)
		}
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("create journal folder %s: %w", dir, err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrPermission) || isReadOnlyFS(err) {
			// A read-only journal can still be read; the driver will say so on write.
			if _, statErr := os.Stat(path); statErr == nil {
				return nil
			}
		}
		return fmt.Errorf("create journal %s: %w", path, err)
	}
	return f.Close()
}

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Diagnose is Kindred's one verdict on a plain journal file, which opening
// it (window or command) and `kindred check` all reach through: nil for a
// sound journal or an empty new one, an EDAMAGED error for a damaged one,
// ESEALED or ENEWER for one this cannot open. It reads the file through
// SQLite, read-only, so that saves a crash left in the -wal count: the raw
// header of a journal killed before its first checkpoint is not yet the
// journal's header, and is never taken as the verdict.
func Diagnose(ctx context.Context, path string) error {
	head, err := readHead(path)
	if err != nil {
		return fmt.Errorf("open journal %s: %w", path, err)
	}
	n := len(head)
	if n == 0 {
		return nil
	}
	if n < 100 || string(head[:16]) != sqliteMagic {
		if sealed.HasMagic(head[:n]) {
			return Errorf(ESEALED, "%s is a sealed journal: unlock it with its passphrase.", path)
		}
		return Errorf(EDAMAGED, "%s is not a Kindred journal, or it is damaged.", path)
	}
	walPending := false
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		walPending = true
	}
	if !walPending {
		// With no -wal the file is the whole journal, so its header is too.
		if reason := headerProblem(path, head); reason != "" {
			return Errorf(EDAMAGED, "%s is damaged (%s).", path, reason)
		}
	}
	db, err := sql.Open("sqlite3", readOnlyDSN(path))
	if err != nil {
		return fmt.Errorf("open journal %s: %w", path, err)
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return translateDamage(path, err)
	}
	if version > SchemaVersion() {
		return Errorf(ENEWER, "%s was written by a newer version of Kindred (journal version %d, this one knows up to %d). Update Kindred to open it; the file was not changed.", path, version, SchemaVersion())
	}
	// Reading the schema touches every table's root page: a damaged file
	// usually fails here, before anything is written.
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return translateDamage(path, err)
	}
	// The header as SQLite reads it, the -wal applied.
	var encoding string
	if err := db.QueryRowContext(ctx, "PRAGMA encoding").Scan(&encoding); err != nil {
		return translateDamage(path, err)
	}
	if encoding != "UTF-8" {
		// Kindred journals are UTF-8; SQLite would read others, differently.
		return Errorf(EDAMAGED, "%s is damaged (text encoding %s).", path, encoding)
	}
	if walPending {
		// SQLite has read the header that counts; the format byte says WAL.
		head[18], head[19] = 2, 2
	}
	return probeDeeper(ctx, db, path, head, version)
}

func translateDamage(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return Errorf(EDAMAGED, "%s is damaged (%v).", path, se.Code)
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			// SQLite keeps small files beside a journal while it is open.
			return Errorf(EREADONLY, "Kindred cannot open %s: its folder cannot be written (%v). Nothing was changed.", path, se.Code)
		}
	}
	return fmt.Errorf("read journal %s: %w", path, err)
}

// translate turns driver errors into journal errors the user can act on.
func (s *Store) translate(err error) error {
	if err == nil {
		return nil
	}
	if AsError(err) != nil {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return Errorf(EDISKFULL, "The disk is full: nothing was saved. Free some space and save again.")
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			return Errorf(EREADONLY, "The journal cannot be written (%v): nothing was saved.", se.Code)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			s.markDamaged(se.Code.Error())
			return Errorf(EDAMAGED, "The journal is damaged (%v).", se.Code)
		case sqlite3.ErrIoErr:
			return Errorf(EIO, "The journal could not be written (%v): nothing was saved.", se.ExtendedCode)
		case sqlite3.ErrConstraint:
			return Errorf(ECONFLICT, "That conflicts with what the journal holds (%v).", se.ExtendedCode)
		}
	}
	return err
}

// write runs fn in one immediate transaction on the writer connection.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.sealed != nil && s.sealed.broken != nil {
		return s.sealed.broken
	}
	if err := s.refuseDamaged(); err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.translate(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return s.translate(err)
	}
	if s.hooks.Before != nil {
		if err := s.hooks.Before(ctx); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		if s.hooks.Failed != nil {
			s.hooks.Failed()
		}
		return s.translate(fmt.Errorf("commit: %w", err))
	}
	if s.hooks.After != nil {
		if err := s.hooks.After(ctx); err != nil {
			return err
		}
	}
	return nil
}

// read runs fn in one read transaction, so multi-query reads see one snapshot.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: s.r != s.w})
	if err != nil {
		return s.translate(fmt.Errorf("begin read: %w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return s.translate(err)
	}
	return tx.Commit()
}
