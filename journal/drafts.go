package journal

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Draft is what the composer held before it was saved, kept in the journal
// so that a crash or a restart loses nothing. Body is the composer's own form;
// the journal reads one thing of it: a JSON object's "photos", a list of
// {"id": ...}, names pending photos that are kept however old they grow.
type Draft struct {
	ID           string
	ReflectionID string // the reflection being edited, "" for a new one
	Body         string
	UpdatedAt    time.Time
}

// SaveDraft stores or replaces a draft.
func (s *Store) SaveDraft(ctx context.Context, d *Draft) error {
	if d.ID == "" {
		return fieldErrorf("id", "A draft needs an id.")
	}
	d.UpdatedAt = s.Now()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (id, reflection_id, body, updated_utc) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET reflection_id = excluded.reflection_id, body = excluded.body, updated_utc = excluded.updated_utc`,
			d.ID, d.ReflectionID, d.Body, FormatUTC(d.UpdatedAt))
		if err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
		return nil
	})
}

// Drafts lists drafts, the most recently touched first.
func (s *Store) Drafts(ctx context.Context) ([]Draft, error) {
	var out []Draft
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, reflection_id, body, updated_utc FROM drafts ORDER BY updated_utc DESC")
		if err != nil {
			return fmt.Errorf("list drafts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d Draft
			var at string
			if err := rows.Scan(&d.ID, &d.ReflectionID, &d.Body, &at); err != nil {
				return err
			}
			if d.UpdatedAt, err = parseStored(at, 0); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// DeleteDraft discards a draft; deleting one that is gone is not an error.
func (s *Store) DeleteDraft(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE id = ?", id)
		return err
	})
}

// SaveReflectionAndDiscardDraft saves r and removes the draft it came from in
// the same transaction, so the words are always in one place or the other.
func (s *Store) SaveReflectionAndDiscardDraft(ctx context.Context, r *Reflection, draftID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := s.saveReflection(ctx, tx, r); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE id = ?", draftID)
		return err
	})
}
