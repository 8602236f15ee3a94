package journal

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations returns the embedded migration files in order; migration i
// (0-based) brings a journal to user_version i+1.
func migrations() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	return names
}

// SchemaVersion is the journal version this build writes.
func SchemaVersion() int { return len(migrations()) }

// migrate applies every migration the journal lacks, each in its own
// transaction together with its user_version, so a crash leaves the journal
// at one version or the next, never between.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.translate(fmt.Errorf("read journal version: %w", err))
	}
	names := migrations()
	if version > len(names) {
		return Errorf(ENEWER, "%s was written by a newer version of Kindred (journal version %d, this one knows up to %d). Update Kindred to open it; the file was not changed.", s.path, version, len(names))
	}
	for i := version; i < len(names); i++ {
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return err
		}
		err = s.write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("apply %s: %w", names[i], err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate journal %s: %w", s.path, err)
		}
	}
	return nil
}
