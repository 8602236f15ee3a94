package journal

import (
	"context"
	"testing"
)

func TestWritesTellsWritesFromReads(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT id FROM people":                              false,
		"  select 1":                                         false,
		"-- a comment\nSELECT 1":                             false,
		"/* x */ SELECT 1":                                   false,
		"EXPLAIN QUERY PLAN SELECT 1":                        false,
		"PRAGMA user_version":                                false,
		"PRAGMA integrity_check(20)":                         false,
		"VACUUM INTO ?":                                      false,
		"PRAGMA user_version = 4":                            true,
		"PRAGMA optimize":                                    true,
		"INSERT INTO settings (key, value) VALUES (?, ?)":    true,
		"update people set name = ?":                         true,
		"DELETE FROM drafts WHERE id = ?":                    true,
		"WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x": true,
		"with x as (select 1) delete from t where a in x":    true,
		"WITH sel AS MATERIALIZED (SELECT r.updated_utc FROM reflections r) SELECT * FROM sel": false,
		"SAVEPOINT entry":    true,
		"ROLLBACK TO entry":  true,
		"CREATE TABLE t (a)": true,
		"VACUUM":             true,
	} {
		if got := writes(q); got != want {
			t.Errorf("writes(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestPayloadRoundTrip(t *testing.T) {
	in := []loggedStatement{
		{query: "INSERT INTO t VALUES (?, ?, ?, ?, ?)", names: []string{"", "", "", "", ""}, args: []any{nil, int64(-7), 2.5, "text é", []byte{0, 1, 2}}},
		{query: "DELETE FROM t WHERE a = :a", names: []string{"a"}, args: []any{int64(1)}},
		{query: "PRAGMA user_version = 4"},
	}
	packed := packPayload(nil, encodeStatements(nil, in))
	raw, err := unpackPayload(packed)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeStatements(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) {
		t.Fatalf("got %d statements, want %d", len(out), len(in))
	}
	for i := range in {
		if out[i].query != in[i].query || len(out[i].args) != len(in[i].args) {
			t.Fatalf("statement %d: got %+v, want %+v", i, out[i], in[i])
		}
		for j := range in[i].args {
			g, w := out[i].args[j], in[i].args[j]
			if gb, ok := g.([]byte); ok {
				if string(gb) != string(w.([]byte)) {
					t.Fatalf("statement %d arg %d: got %v, want %v", i, j, g, w)
				}
			} else if g != w || out[i].names[j] != in[i].names[j] {
				t.Fatalf("statement %d arg %d: got %v (%q), want %v (%q)", i, j, g, out[i].names[j], w, in[i].names[j])
			}
		}
	}
	for cut := range len(raw) {
		if _, err := decodeStatements(raw[:cut]); err == nil {
			t.Fatalf("a payload cut to %d of %d bytes decoded", cut, len(raw))
		}
	}
}

// TestRecorderSeesEveryWayOfWriting: statements run directly, through a
// prepared statement and as a query are all caught; reads and failed
// statements are not; a write outside a transaction marks the log stray.
func TestRecorderSeesEveryWayOfWriting(t *testing.T) {
	ctx := context.Background()
	mem, err := newMemoryDB()
	if err != nil {
		t.Fatal(err)
	}
	defer mem.close()
	if _, err := mem.db.ExecContext(ctx, "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT UNIQUE)"); err != nil {
		t.Fatal(err)
	}
	if !mem.rec.stray {
		t.Fatal("a write outside a transaction was not noticed")
	}
	mem.rec.stray = false
	tx, err := mem.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.ExecContext(ctx, "INSERT INTO t (b) VALUES (?)", "direct")
	st, err := tx.PrepareContext(ctx, "INSERT INTO t (b) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	st.ExecContext(ctx, "prepared")
	st.Close()
	rows, err := tx.QueryContext(ctx, "INSERT INTO t (b) VALUES (?) RETURNING a", "returning")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	rows.Close()
	var n int
	tx.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	if _, err := tx.ExecContext(ctx, "INSERT INTO t (b) VALUES (?)", "direct"); err == nil {
		t.Fatal("a duplicate was inserted")
	}
	stmts, ok := mem.rec.take()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if !ok || len(stmts) != 3 {
		t.Fatalf("recorded %d statements (ok %v); want the three inserts that succeeded", len(stmts), ok)
	}
	for i, want := range []string{"direct", "prepared", "returning"} {
		if stmts[i].args[0] != want {
			t.Fatalf("statement %d has %v; want %q", i, stmts[i].args, want)
		}
	}
	if mem.rec.stray {
		t.Fatal("a transaction whose statements were taken marked the log stray")
	}
}
