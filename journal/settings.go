package journal

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Setting returns a journal setting, or "" when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return v, err
}

// SetSetting stores a journal setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
		return err
	})
}

// DismissSuggestion remembers that the user put a suggestion aside.
func (s *Store) DismissSuggestion(ctx context.Context, key string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_utc) VALUES (?, ?)", key, FormatUTC(s.Now()))
		return err
	})
}

// RestoreSuggestion brings back a suggestion put aside: it shows again for
// as long as its situation lasts. A key that was never put aside is no
// error.
func (s *Store) RestoreSuggestion(ctx context.Context, key string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM dismissed_suggestions WHERE key = ?", key)
		return err
	})
}

// DismissedSuggestions returns the keys of dismissed suggestions with when.
func (s *Store) DismissedSuggestions(ctx context.Context) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT key, dismissed_utc FROM dismissed_suggestions")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, at string
			if err := rows.Scan(&k, &at); err != nil {
				return err
			}
			if out[k], err = parseStored(at, 0); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	return out, err
}
