package journal

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// memoryDriver opens the in-memory databases that hold unlocked sealed
// journals. temp_store=MEMORY keeps SQLite's sorter and statement journals
// off the disk, where they would be plaintext. It cannot be put in the
// connection string, so the hook sets it on every connection as it opens,
// which gives the same guarantee.
const memoryDriver = "sqlite3-kindred-memory"

var registerMemoryDriver = sync.OnceFunc(func() {
	sql.Register(memoryDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
			return err
		},
	})
})

// memoryDB is an unlocked journal's database: an SQLite "memdb" that grows as
// needed, reached through one connection. A second connection, the anchor,
// stays open all along: SQLite frees a memdb when its last connection
// closes, and if the pool ever replaced its connection the journal must not
// come back empty (and then be sealed over the real one).
type memoryDB struct {
	db     *sql.DB
	anchor *sql.Conn
	adb    *sql.DB
}

func newMemoryDB(ctx context.Context) (*memoryDB, error) {
	registerMemoryDriver()
	name := "/kindred-" + hex.EncodeToString(randomBytes(12))
	db, err := sql.Open(memoryDriver, "file:"+name+"?vfs=memdb&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open an in-memory journal: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	m := &memoryDB{db: db}
	if m.adb, err = sql.Open(memoryDriver, "file:"+name+"?vfs=memdb"); err == nil {
		m.anchor, err = m.adb.Conn(ctx)
	}
	if err != nil {
		m.close()
		return nil, fmt.Errorf("open an in-memory journal: %w", err)
	}
	return m, nil
}

func (m *memoryDB) close() error {
	var err error
	if m.db != nil {
		err = m.db.Close()
	}
	if m.anchor != nil {
		err = errors.Join(err, m.anchor.Close())
	}
	if m.adb != nil {
		err = errors.Join(err, m.adb.Close())
	}
	return err
}

// rawConn runs fn with the driver connection behind db's single connection.
func rawConn(ctx context.Context, db *sql.DB, fn func(c *sqlite3.SQLiteConn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected SQLite driver connection %T", dc)
		}
		return fn(c)
	})
}

// load replaces the database's content with image. Deserialize gives a
// database that cannot grow, so the image is deserialized into a scratch
// connection and copied page by page into the memdb with the backup API.
func (m *memoryDB) load(ctx context.Context, image []byte) error {
	if !isSQLiteImage(image) {
		return errors.New("the content is not an SQLite database")
	}
	scratch, err := sql.Open(memoryDriver, ":memory:")
	if err != nil {
		return err
	}
	defer scratch.Close()
	scratch.SetMaxOpenConns(1)
	return rawConn(ctx, scratch, func(src *sqlite3.SQLiteConn) error {
		if err := src.Deserialize(image, "main"); err != nil {
			return fmt.Errorf("load the journal into memory: %w", err)
		}
		return rawConn(ctx, m.db, func(dst *sqlite3.SQLiteConn) error {
			b, err := dst.Backup("main", src, "main")
			if err != nil {
				return fmt.Errorf("load the journal into memory: %w", err)
			}
			if _, err := b.Step(-1); err != nil {
				b.Finish()
				return fmt.Errorf("load the journal into memory: %w", err)
			}
			return b.Finish()
		})
	})
}

// image returns a copy of the database as a file would hold it.
func (m *memoryDB) image(ctx context.Context) ([]byte, error) {
	var img []byte
	err := rawConn(ctx, m.db, func(c *sqlite3.SQLiteConn) error {
		var err error
		img, err = c.Serialize("main")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("copy the journal out of memory: %w", err)
	}
	if !isSQLiteImage(img) {
		// An empty or foreign image must never be sealed over the journal.
		return nil, errors.New("copy the journal out of memory: the in-memory journal is not a database")
	}
	return img, nil
}

func isSQLiteImage(b []byte) bool {
	return len(b) >= 100 && string(b[:len(sqliteMagic)]) == sqliteMagic
}

// asRollbackImage marks an image taken from a WAL journal as a rollback
// journal (file format bytes 18 and 19): an in-memory database cannot use a
// WAL, and refuses to open an image that says it has one. The image holds
// every committed page, so no WAL content is lost.
func asRollbackImage(img []byte) {
	img[18], img[19] = 1, 1
}
