package journal

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations returns the embedded migration files in order. A file's number
// is the user_version it brings a journal to: numbers are taken by features
// built side by side (photos 0006, sync 0007), so a build may lack one of
// them and still agree with the others on what each number means.
func migrations() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	return names
}

// migrationVersion is the number a migration file's name starts with.
func migrationVersion(name string) int {
	n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
	if err != nil {
		panic(fmt.Sprintf("migration %s is not named NNNN_what.sql", name)) // embedded, fixed at build time
	}
	return n
}

// SchemaVersion is the journal version this build writes.
func SchemaVersion() int {
	names := migrations()
	return migrationVersion(names[len(names)-1])
}

// migrate applies every migration the journal lacks, each in its own
// transaction together with its user_version, so a crash leaves the journal
// at one version or the next, never between.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.translate(fmt.Errorf("read journal version: %w", err))
	}
	names := migrations()
	if version > SchemaVersion() {
		return Errorf(ENEWER, "%s was written by a newer version of Kindred (journal version %d, this one knows up to %d). Update Kindred to open it; the file was not changed.", s.path, version, SchemaVersion())
	}
	for i := range names {
		v := migrationVersion(names[i])
		if v <= version {
			continue
		}
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return err
		}
		err = s.write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("apply %s: %w", names[i], err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate journal %s: %w", s.path, err)
		}
	}
	return nil
}
