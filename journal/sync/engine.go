// Package sync keeps journals on several computers in step through a folder
// a sync service copies (Syncthing, Dropbox, a USB stick): each computer
// writes only its own sealed files (journal/syncfolder) and merges the
// others' by version vectors, keeping both versions of anything edited on
// two computers apart. See docs/sync.md.
package sync

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"kindred/journal"
	"kindred/journal/sealed"
	"kindred/journal/syncfolder"
)

// Engine syncs one open journal. Its methods may be called from any
// goroutine, one round at a time.
type Engine struct {
	s *journal.Store

	// SnapshotEvery is how many files a computer writes between
	// snapshots; after one it deletes its older files.
	SnapshotEvery uint64
	// KDF is the passphrase wrapping's cost (tests make it cheap).
	KDF sealed.KDFParams

	// Crash points for tests: a non-nil error stops the round there, as a
	// kill would.
	crashBeforeRename func() error
	crashAfterWrite   func() error

	progress func(done, total int)
	// newDevice makes this computer's id; tests fix it so a simulated
	// service's choices repeat for a seed.
	newDevice func() string
}

// New returns the engine for s.
func New(s *journal.Store) *Engine {
	return &Engine{s: s, SnapshotEvery: 64, KDF: sealed.DefaultKDF}
}

// Errors the window and the command line tell apart.
var (
	ErrNotSetUp     = errors.New("this journal does not sync with a folder yet")
	ErrAlreadySetUp = errors.New("this journal already syncs with a folder")
)

// state is this computer's sync state, kept in the journal (sync_local).
type state struct {
	Folder    string
	FolderID  string
	Key       []byte
	Device    string
	Name      string
	Counter   uint64 // the last counter taken for a file
	Published uint64 // the last counter whose file is known written
	Lamport   uint64
	LastSnap  uint64
	Synced    time.Time
	Problem   string
}

func loadState(ctx context.Context, q queryer) (*state, error) {
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM sync_local")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if m["device"] == "" {
		return nil, nil
	}
	st := &state{Folder: m["folder"], FolderID: m["folder_id"], Device: m["device"], Name: m["name"], Problem: m["problem"]}
	st.Key, _ = hex.DecodeString(m["key"])
	st.Counter, _ = strconv.ParseUint(m["counter"], 10, 64)
	st.Published, _ = strconv.ParseUint(m["published"], 10, 64)
	st.Lamport, _ = strconv.ParseUint(m["lamport"], 10, 64)
	st.LastSnap, _ = strconv.ParseUint(m["last_snap"], 10, 64)
	st.Synced, _ = time.Parse(time.RFC3339Nano, m["synced"])
	return st, nil
}

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func (st *state) save(ctx context.Context, tx execer) error {
	synced := ""
	if !st.Synced.IsZero() {
		synced = st.Synced.UTC().Format(time.RFC3339Nano)
	}
	for k, v := range map[string]string{
		"folder": st.Folder, "folder_id": st.FolderID, "key": hex.EncodeToString(st.Key), "device": st.Device, "name": st.Name,
		"counter": strconv.FormatUint(st.Counter, 10), "published": strconv.FormatUint(st.Published, 10),
		"lamport": strconv.FormatUint(st.Lamport, 10), "last_snap": strconv.FormatUint(st.LastSnap, 10),
		"synced": synced, "problem": st.Problem,
	} {
		if _, err := tx.ExecContext(ctx, "INSERT INTO sync_local (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) state(ctx context.Context) (*state, error) {
	var st *state
	err := e.s.Batch(ctx, func(b *journal.Batch) (err error) {
		st, err = loadState(ctx, b.Tx())
		return err
	})
	return st, err
}

// SetupOptions name this computer and, optionally, a passphrase that opens
// the folder besides the pairing key.
type SetupOptions struct {
	Name       string // shown to the other computers, e.g. the host name
	Passphrase string
}

// Setup makes dir a sync folder for this journal (the first computer) and
// runs a first round. It returns the pairing key, to be shown once: another
// computer joins with it.
func (e *Engine) Setup(ctx context.Context, dir string, o SetupOptions) (string, *Report, error) {
	if st, err := e.state(ctx); err != nil {
		return "", nil, err
	} else if st != nil {
		return "", nil, fmt.Errorf("%w (%s)", ErrAlreadySetUp, st.Folder)
	}
	f, pairing, err := syncfolder.Create(dir, o.Passphrase, e.KDF)
	if err != nil {
		return "", nil, err
	}
	rep, err := e.start(ctx, dir, f, o.Name)
	return pairing, rep, err
}

// Join makes this journal sync with the folder another computer set up,
// opened with its pairing key or passphrase, and runs a first round.
func (e *Engine) Join(ctx context.Context, dir, pairingOrPassphrase string, o SetupOptions, progress func(done, total int)) (*Report, error) {
	if st, err := e.state(ctx); err != nil {
		return nil, err
	} else if st != nil {
		return nil, fmt.Errorf("%w (%s)", ErrAlreadySetUp, st.Folder)
	}
	f, err := syncfolder.OpenWithPairing(dir, pairingOrPassphrase)
	if errors.Is(err, syncfolder.ErrWrongKey) {
		if f2, err2 := syncfolder.OpenWithPassphrase(dir, pairingOrPassphrase); err2 == nil {
			f, err = f2, nil
		}
	}
	if err != nil {
		return nil, err
	}
	e.progress = progress
	defer func() { e.progress = nil }()
	return e.start(ctx, dir, f, o.Name)
}

func (e *Engine) start(ctx context.Context, dir string, f *syncfolder.Folder, name string) (*Report, error) {
	if name == "" {
		name, _ = os.Hostname()
	}
	id := syncfolder.NewID
	if e.newDevice != nil {
		id = e.newDevice
	}
	st := &state{Folder: dir, FolderID: f.ID(), Key: f.Key(), Device: id(), Name: name}
	err := e.s.Batch(ctx, func(b *journal.Batch) error {
		if err := startCapture(ctx, b.Tx()); err != nil {
			return err
		}
		return st.save(ctx, b.Tx())
	})
	if err != nil {
		return nil, err
	}
	return e.Round(ctx)
}

// Forget stops syncing: the journal keeps everything, the folder too.
func (e *Engine) Forget(ctx context.Context) error {
	return e.s.Batch(ctx, func(b *journal.Batch) error {
		for _, q := range []string{"DELETE FROM sync_local", "DELETE FROM sync_devices"} {
			if _, err := b.Tx().ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return stopCapture(ctx, b.Tx())
	})
}
