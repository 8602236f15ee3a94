package journal

/*
#include <stdint.h>
#include <string.h>

// SQLite's own C API, as compiled into the program by go-sqlite3. Only
// functions of SQLite's stable public interface are declared here.
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;
typedef long long sqlite3_int64;
typedef unsigned long long sqlite3_uint64;
extern int sqlite3_auto_extension(void (*)(void));
extern int sqlite3_create_function(sqlite3 *, const char *, int, int, void *,
	void (*)(sqlite3_context *, int, sqlite3_value **),
	void (*)(sqlite3_context *, int, sqlite3_value **),
	void (*)(sqlite3_context *));
extern void *sqlite3_user_data(sqlite3_context *);
extern void sqlite3_result_int64(sqlite3_context *, sqlite3_int64);
extern unsigned char *sqlite3_serialize(sqlite3 *, const char *, sqlite3_int64 *, unsigned int);
extern int sqlite3_deserialize(sqlite3 *, const char *, unsigned char *, sqlite3_int64, sqlite3_int64, unsigned);
extern void *sqlite3_malloc64(sqlite3_uint64);

static void kindred_handle(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
	sqlite3_result_int64(ctx, (sqlite3_int64)(intptr_t)sqlite3_user_data(ctx));
}

// Every connection gets kindred_connection_handle(), which returns the
// connection's own sqlite3 pointer: go-sqlite3 does not expose it.
static int kindred_register(sqlite3 *db, char **err, const void *api) {
	return sqlite3_create_function(db, "kindred_connection_handle", 0, 1, db, kindred_handle, 0, 0);
}

static int kindred_install(void) {
	return sqlite3_auto_extension((void (*)(void))kindred_register);
}

// The database's own memory, not a copy (SQLITE_SERIALIZE_NOCOPY).
static unsigned char *kindred_image(sqlite3_int64 h, sqlite3_int64 *size) {
	return sqlite3_serialize((sqlite3 *)(intptr_t)h, "main", size, 1);
}

// Replaces the database with a copy of data that may grow
// (SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE).
static int kindred_load(sqlite3_int64 h, const void *data, sqlite3_int64 n) {
	unsigned char *buf = sqlite3_malloc64((sqlite3_uint64)n);
	if (buf == 0) return 7;
	memcpy(buf, data, (size_t)n);
	return sqlite3_deserialize((sqlite3 *)(intptr_t)h, "main", buf, n, n, 3);
}
*/
import "C"

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"github.com/mattn/go-sqlite3"
)

// An unlocked sealed journal lives in an in-memory SQLite database. Its image
// goes in and out through SQLite's sqlite3_deserialize and sqlite3_serialize,
// called directly: go-sqlite3's wrappers load an image that cannot grow (so
// the first save would fail with "database is full") and copy it out twice,
// which for the reference journal is a third of a save's time. Called
// directly, a save encrypts straight from the database's own memory.

// temp_store=MEMORY keeps SQLite's sorter and statement journals off the
// disk, where they would be plaintext. It cannot be put in the connection
// string, so a hook sets it on every connection as it opens, which gives the
// same guarantee.
var installMemoryDriver = sync.OnceValue(func() error {
	if rc := C.kindred_install(); rc != 0 {
		return fmt.Errorf("prepare SQLite for sealed journals: error %d", int(rc))
	}
	return nil
})

// memorySQLite is go-sqlite3's driver with temp_store=MEMORY set on every
// connection as it opens.
var memorySQLite = &sqlite3.SQLiteDriver{
	ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	},
}

// memoryDB is one in-memory database behind one connection, which is never
// closed or replaced while the journal is open: database/sql drops a
// connection only when the driver reports it bad, and go-sqlite3 does that
// only for a closed one.
type memoryDB struct {
	db  *sql.DB
	rec *recorder // the write statements of the transaction in progress
}

func newMemoryDB() (*memoryDB, error) {
	if err := installMemoryDriver(); err != nil {
		return nil, err
	}
	rec := &recorder{}
	// The statement cache saves parsing the same INSERT at every save and
	// every replayed record.
	db := sql.OpenDB(&recordingConnector{drv: memorySQLite, dsn: "file::memory:?_foreign_keys=on&_txlock=immediate&_stmt_cache_size=64", rec: rec})
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	return &memoryDB{db: db, rec: rec}, nil
}

func (m *memoryDB) close() error { return m.db.Close() }

// withHandle runs fn with the sqlite3 pointer of the database's connection,
// which it holds meanwhile: nothing else can use the database until fn returns.
func (m *memoryDB) withHandle(ctx context.Context, fn func(h C.sqlite3_int64) error) error {
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var h int64
	if err := conn.QueryRowContext(ctx, "SELECT kindred_connection_handle()").Scan(&h); err != nil {
		return err
	}
	return conn.Raw(func(any) error { return fn(C.sqlite3_int64(h)) })
}

// load replaces the database's content with image.
func (m *memoryDB) load(ctx context.Context, image []byte) error {
	if !isSQLiteImage(image) {
		return errors.New("the content is not an SQLite database")
	}
	return m.withHandle(ctx, func(h C.sqlite3_int64) error {
		if rc := C.kindred_load(h, unsafe.Pointer(&image[0]), C.sqlite3_int64(len(image))); rc != 0 {
			return fmt.Errorf("load the journal into memory: SQLite error %d", int(rc))
		}
		return nil
	})
}

// withImage runs fn with the database as a file would hold it. The bytes are
// the database's own memory: fn must not keep or change them.
func (m *memoryDB) withImage(ctx context.Context, fn func(image []byte) error) error {
	return m.withHandle(ctx, func(h C.sqlite3_int64) error {
		var size C.sqlite3_int64
		p := C.kindred_image(h, &size)
		if p == nil || size <= 0 {
			return errors.New("copy the journal out of memory: SQLite gave no image")
		}
		img := unsafe.Slice((*byte)(unsafe.Pointer(p)), int(size))
		if !isSQLiteImage(img) || binary.BigEndian.Uint32(img[60:]) == 0 {
			// An empty database (user_version 0: no schema) must never be
			// sealed over the journal, whatever went wrong in memory.
			return errors.New("copy the journal out of memory: the in-memory journal is empty")
		}
		return fn(img)
	})
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
