package journal

import (
	"bytes"
	"compress/flate"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"kindred/journal/sealed"
)

// A sealed journal's change records hold the write statements of one
// committed transaction, with their arguments, as the Store ran them. Every
// statement the Store runs is deterministic given the database and its
// arguments (ids and times are made in Go and passed in; no SQL function
// reads the clock or a random source), so running the same statements on
// the same base gives the same database, page for page. They are caught at
// the driver, below every write path, so no store method can forget to log.

// loggedStatement is one write statement as it was run.
type loggedStatement struct {
	query string
	names []string // the arguments' names; "" for a positional one
	args  []any    // nil, int64, float64, string or []byte
}

// recorder collects the write statements of the transaction in progress on
// a sealed journal's one connection.
type recorder struct {
	paused atomic.Bool // while the log is replayed
	inTx   bool
	stmts  []loggedStatement
	// unloggable is set when the transaction did something its statements
	// cannot be trusted to repeat (a write statement that failed part way).
	unloggable bool
	// stray is set when a write was committed that no record holds (a write
	// outside Store.write): the next save must seal the whole database.
	stray bool
	taken bool
}

// writes tells a statement that may change the database from one that only
// reads. It errs on the side of writing: a read logged by mistake replays
// as a harmless read.
func writes(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n")
	for strings.HasPrefix(q, "--") || strings.HasPrefix(q, "/*") {
		var ok bool
		if strings.HasPrefix(q, "--") {
			_, q, ok = strings.Cut(q, "\n")
		} else {
			_, q, ok = strings.Cut(q, "*/")
		}
		if !ok {
			return false
		}
		q = strings.TrimLeft(q, " \t\r\n")
	}
	word := q
	if i := strings.IndexAny(q, " \t\r\n(;"); i >= 0 {
		word = q[:i]
	}
	switch strings.ToUpper(word) {
	case "SELECT", "EXPLAIN", "":
		return false
	case "WITH":
		// A common table expression heads reads (the packed timeline) as
		// well as writes; counted as a write, a read would make the next
		// save seal the whole journal.
		return cteWrite.MatchString(q)
	case "PRAGMA":
		// A pragma sets something, or runs one of the few that change the
		// database; the rest (user_version, integrity_check, ...) read.
		up := strings.ToUpper(q)
		return strings.Contains(q, "=") || strings.Contains(up, "OPTIMIZE") || strings.Contains(up, "INCREMENTAL_VACUUM")
	case "VACUUM":
		// VACUUM INTO copies the database out and leaves it as it is.
		return !strings.Contains(strings.ToUpper(q), " INTO ")
	}
	return true
}

// cteWrite finds the statement a WITH clause heads when it changes rows.
var cteWrite = regexp.MustCompile(`(?i)\b(INSERT|UPDATE|DELETE|REPLACE)\b`)

func multiStatement(query string) bool {
	i := strings.IndexByte(query, ';')
	return i >= 0 && strings.TrimSpace(query[i+1:]) != ""
}

func (r *recorder) note(query string, args []driver.NamedValue, err error) {
	// Reads come from other goroutines too; only the writer's statements
	// reach the recorder's fields.
	if !writes(query) || r.paused.Load() {
		return
	}
	if err != nil {
		// A failed statement changed nothing (SQLite undoes it), unless it
		// was one of several in one string, whose first ones stay done.
		if r.inTx && multiStatement(query) {
			r.unloggable = true
		}
		return
	}
	if !r.inTx {
		r.stray = true
		return
	}
	st := loggedStatement{query: query}
	if len(args) > 0 {
		st.names = make([]string, len(args))
		st.args = make([]any, len(args))
		for i, a := range args {
			st.names[i] = a.Name
			st.args[i] = loggedValue(a.Value)
		}
	}
	r.stmts = append(r.stmts, st)
}

// loggedValue is v as go-sqlite3 binds it: times as its text, booleans as
// integers, and a copy of bytes the caller may reuse.
func loggedValue(v driver.Value) any {
	switch v := v.(type) {
	case nil, int64, float64, string:
		return v
	case bool:
		if v {
			return int64(1)
		}
		return int64(0)
	case []byte:
		if v == nil {
			return nil
		}
		return append([]byte{}, v...)
	case time.Time:
		return v.Format(sqlite3.SQLiteTimestampFormats[0])
	}
	// database/sql converts every argument to one of the above first.
	return fmt.Sprint(v)
}

func (r *recorder) begin() {
	r.inTx, r.unloggable, r.taken = true, false, false
	r.stmts = r.stmts[:0]
}

func (r *recorder) end(committed bool) {
	if committed && !r.paused.Load() && !r.taken && (len(r.stmts) > 0 || r.unloggable) {
		r.stray = true
	}
	r.inTx = false
	r.stmts = r.stmts[:0]
}

// take hands over the statements of the transaction about to commit. ok is
// false when they cannot stand for it and the whole database must be sealed.
func (r *recorder) take() (stmts []loggedStatement, ok bool) {
	r.taken = true
	return r.stmts, !r.unloggable && !r.stray
}

// recordingConnector opens the sealed journal's connection with a recorder.
type recordingConnector struct {
	drv *sqlite3.SQLiteDriver
	dsn string
	rec *recorder
}

func (c *recordingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &recordingConn{SQLiteConn: conn.(*sqlite3.SQLiteConn), rec: c.rec}, nil
}

func (c *recordingConnector) Driver() driver.Driver { return c.drv }

// recordingConn is go-sqlite3's connection with every statement noted.
type recordingConn struct {
	*sqlite3.SQLiteConn
	rec *recorder
}

func (c *recordingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.SQLiteConn.ExecContext(ctx, query, args)
	c.rec.note(query, args, err)
	return res, err
}

func (c *recordingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.SQLiteConn.QueryContext(ctx, query, args)
	c.rec.note(query, args, err)
	return rows, err
}

func (c *recordingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.SQLiteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &recordingStmt{SQLiteStmt: st.(*sqlite3.SQLiteStmt), query: query, rec: c.rec}, nil
}

func (c *recordingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *recordingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.SQLiteConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.rec.begin()
	return &recordingTx{tx: tx, rec: c.rec}, nil
}

func (c *recordingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// Exec and Query without a context are not used by database/sql when the
// context forms exist; they are here so that no path bypasses the recorder.
func (c *recordingConn) Exec(query string, args []driver.Value) (driver.Result, error) {
	return c.ExecContext(context.Background(), query, named(args))
}

func (c *recordingConn) Query(query string, args []driver.Value) (driver.Rows, error) {
	return c.QueryContext(context.Background(), query, named(args))
}

func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, v := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

type recordingTx struct {
	tx  driver.Tx
	rec *recorder
}

func (t *recordingTx) Commit() error {
	err := t.tx.Commit()
	t.rec.end(err == nil)
	return err
}

func (t *recordingTx) Rollback() error {
	err := t.tx.Rollback()
	t.rec.end(false)
	return err
}

type recordingStmt struct {
	*sqlite3.SQLiteStmt
	query string
	rec   *recorder
}

func (s *recordingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	res, err := s.SQLiteStmt.ExecContext(ctx, args)
	s.rec.note(s.query, args, err)
	return res, err
}

func (s *recordingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.SQLiteStmt.QueryContext(ctx, args)
	s.rec.note(s.query, args, err)
	return rows, err
}

func (s *recordingStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *recordingStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

// The payload of a change record: a kind byte, then the statements. Every
// integer is a uvarint unless said otherwise.
//
//	kind (1 byte: 1 = statements)
//	count
//	per statement: query length, query, argument count,
//	  per argument: name length, name, type (1 byte), value
//	  types: 0 NULL; 1 integer (8 bytes, big-endian, two's complement);
//	  2 real (8 bytes, IEEE 754 big-endian); 3 text and 4 blob (length, bytes)
const payloadStatements = 1

const (
	argNull byte = iota
	argInt
	argReal
	argText
	argBlob
)

func encodeStatements(dst []byte, stmts []loggedStatement) []byte {
	dst = append(dst, payloadStatements)
	dst = binary.AppendUvarint(dst, uint64(len(stmts)))
	for _, st := range stmts {
		dst = appendString(dst, st.query)
		dst = binary.AppendUvarint(dst, uint64(len(st.args)))
		for i, a := range st.args {
			dst = appendString(dst, st.names[i])
			switch a := a.(type) {
			case nil:
				dst = append(dst, argNull)
			case int64:
				dst = binary.BigEndian.AppendUint64(append(dst, argInt), uint64(a))
			case float64:
				dst = binary.BigEndian.AppendUint64(append(dst, argReal), math.Float64bits(a))
			case string:
				dst = appendString(append(dst, argText), a)
			case []byte:
				dst = binary.AppendUvarint(append(dst, argBlob), uint64(len(a)))
				dst = append(dst, a...)
			}
		}
	}
	return dst
}

// packPayload compresses encoded statements (DEFLATE, RFC 1951) so that a
// save of ordinary length, its text stored twice (the reflection and its
// search index), fits in one record.
func packPayload(dst, raw []byte) []byte {
	w := bytes.NewBuffer(dst)
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(w)
	fw.Write(raw)
	fw.Close()
	flateWriters.Put(fw)
	return w.Bytes()
}

var flateWriters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed)
	return fw
}}

func unpackPayload(packed []byte) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(packed)), sealed.MaxRecordSize*64))
	if err != nil {
		return nil, errBadPayload
	}
	return raw, nil
}

func appendString(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

var errBadPayload = errors.New("its content is not a list of changes")

// payloadReader reads a payload, remembering the first problem.
type payloadReader struct {
	b   []byte
	err error
}

func (p *payloadReader) uvarint() uint64 {
	if p.err != nil {
		return 0
	}
	v, n := binary.Uvarint(p.b)
	if n <= 0 {
		p.err = errBadPayload
		return 0
	}
	p.b = p.b[n:]
	return v
}

func (p *payloadReader) bytes(n uint64) []byte {
	if p.err != nil {
		return nil
	}
	if n > uint64(len(p.b)) {
		p.err = errBadPayload
		return nil
	}
	v := p.b[:n:n]
	p.b = p.b[n:]
	return v
}

func (p *payloadReader) byte() byte {
	if b := p.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func decodeStatements(payload []byte) ([]loggedStatement, error) {
	p := &payloadReader{b: payload}
	if p.byte() != payloadStatements {
		return nil, errBadPayload
	}
	n := p.uvarint()
	if n > uint64(len(payload)) {
		return nil, errBadPayload
	}
	stmts := make([]loggedStatement, 0, n)
	for range n {
		st := loggedStatement{query: string(p.bytes(p.uvarint()))}
		nargs := p.uvarint()
		if nargs > uint64(len(payload)) {
			return nil, errBadPayload
		}
		for range nargs {
			st.names = append(st.names, string(p.bytes(p.uvarint())))
			var v any
			switch p.byte() {
			case argNull:
			case argInt:
				if b := p.bytes(8); b != nil {
					v = int64(binary.BigEndian.Uint64(b))
				}
			case argReal:
				if b := p.bytes(8); b != nil {
					v = math.Float64frombits(binary.BigEndian.Uint64(b))
				}
			case argText:
				v = string(p.bytes(p.uvarint()))
			case argBlob:
				v = append([]byte{}, p.bytes(p.uvarint())...)
			default:
				p.err = errBadPayload
			}
			if p.err != nil {
				return nil, p.err
			}
			st.args = append(st.args, v)
		}
		if p.err != nil {
			return nil, p.err
		}
		stmts = append(stmts, st)
	}
	if p.err != nil || len(p.b) != 0 {
		return nil, errBadPayload
	}
	return stmts, nil
}

// replay runs the records' statements, in order, as they ran when they
// were written, all in one transaction: the same pages as one transaction
// per record, at a fraction of the commits' cost. Only the two header fields
// that count commits differ. The recorder is paused meanwhile: replaying
// logs nothing.
func replay(ctx context.Context, db *sql.DB, records func(yield func(i int, stmts []loggedStatement) error) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var args []any
	err = records(func(i int, stmts []loggedStatement) error {
		// A savepoint per record makes SQLite flush what it holds back until
		// a commit (the full-text index's pending terms) where each save's
		// commit did, so the pages come out as they were saved.
		if _, err := tx.ExecContext(ctx, "SAVEPOINT kindred_record"); err != nil {
			return err
		}
		for _, st := range stmts {
			args = args[:0]
			for i, a := range st.args {
				if st.names[i] != "" {
					args = append(args, sql.Named(st.names[i], a))
				} else {
					args = append(args, a)
				}
			}
			if _, err := tx.ExecContext(ctx, st.query, args...); err != nil {
				return &replayError{record: i, err: err}
			}
		}
		_, err := tx.ExecContext(ctx, "RELEASE kindred_record")
		return err
	})
	if err != nil {
		return err
	}
	return tx.Commit()
}

// replayError is a record that did not apply to the journal before it.
type replayError struct {
	record int
	err    error
}

func (e *replayError) Error() string {
	return fmt.Sprintf("change record %d does not apply to the journal before it (%v)", e.record, e.err)
}
