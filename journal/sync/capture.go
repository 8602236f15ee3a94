package sync

import (
	"context"
	"database/sql"
	_ "embed"
	"strings"
)

// capture.sql makes the triggers that note what changes, and marks all that
// is already in the journal as unsent. They exist only while the journal
// syncs: a trigger costs every insert, even one it lets pass.
//
//go:embed capture.sql
var captureSQL string

// captureStatements splits capture.sql into statements; a trigger's body
// holds semicolons of its own and ends with END;.
func captureStatements() []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(captureSQL, "\n") {
		if cur.Len() == 0 && (strings.TrimSpace(line) == "" || strings.HasPrefix(line, "--")) {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		stmt := strings.TrimSpace(cur.String())
		trigger := strings.HasPrefix(stmt, "CREATE TRIGGER")
		if strings.HasSuffix(stmt, ";") && (!trigger || strings.HasSuffix(stmt, "END;")) {
			out = append(out, stmt)
			cur.Reset()
		}
	}
	return out
}

type execQueryer interface {
	execer
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// startCapture makes the triggers (if missing) and marks everything unsent.
func startCapture(ctx context.Context, tx execer) error {
	for _, q := range captureStatements() {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// capturing reports whether the triggers are there.
func capturing(ctx context.Context, db execQueryer) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'").Scan(&n)
	return n > 0, err
}

// stopCapture drops the triggers and forgets what was not sent.
func stopCapture(ctx context.Context, tx execer) error {
	for _, q := range captureStatements() {
		if !strings.HasPrefix(q, "CREATE TRIGGER IF NOT EXISTS ") {
			continue
		}
		name := strings.Fields(strings.TrimPrefix(q, "CREATE TRIGGER IF NOT EXISTS "))[0]
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER IF EXISTS "+name); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM sync_changes")
	return err
}
