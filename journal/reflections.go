package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// SaveReflection stores r with its encounters and moments in one transaction.
// A reflection without an id is new and gets one; a reflection with an id
// replaces the stored one (or is inserted with that id, as imports do).
func (s *Store) SaveReflection(ctx context.Context, r *Reflection) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.saveReflection(ctx, tx, r) })
}

func (s *Store) saveReflection(ctx context.Context, tx *sql.Tx, r *Reflection) error {
	return s.saveReflectionAs(ctx, tx, r, false)
}

// saveReflectionAs saves r; keepTimes keeps its creation and update times as
// given, as sync must so that every computer holds the same evening.
func (s *Store) saveReflectionAs(ctx context.Context, tx *sql.Tx, r *Reflection, keepTimes bool) error {
	now := s.Now()
	if err := r.Validate(now); err != nil {
		return err
	}
	if err := s.checkKinds(ctx, tx, r); err != nil {
		return err
	}
	if r.ID == "" {
		r.ID = uuid.NewString()
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	if !keepTimes && (r.UpdatedAt.IsZero() || !r.UpdatedAt.After(r.CreatedAt)) {
		r.UpdatedAt = now
	}
	if r.UpdatedAt.Before(r.CreatedAt) {
		r.UpdatedAt = r.CreatedAt
	}
	at := FormatUTC(r.At)
	var seq int64
	err := tx.QueryRowContext(ctx, "SELECT seq FROM reflections WHERE id = ?", r.ID).Scan(&seq)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx,
			"INSERT INTO reflections (id, at_utc, at_off, text, created_utc, updated_utc) VALUES (?, ?, ?, ?, ?, ?)",
			r.ID, at, offsetOf(r.At), r.Text, FormatUTC(r.CreatedAt), FormatUTC(r.UpdatedAt))
		if err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
		if seq, err = res.LastInsertId(); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		if _, err := tx.ExecContext(ctx,
			"UPDATE reflections SET at_utc = ?, at_off = ?, text = ?, updated_utc = ? WHERE seq = ?",
			at, offsetOf(r.At), r.Text, FormatUTC(r.UpdatedAt), seq); err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM encounters WHERE reflection_id = ?", r.ID); err != nil {
			return fmt.Errorf("save reflection: %w", err)
		}
	}
	if err := writeReflectionParts(ctx, tx, r, seq, personNameIn(ctx, tx)); err != nil {
		return err
	}
	return linkPhotos(ctx, tx, r)
}

// checkKinds refuses moments of kinds the journal does not know.
func (s *Store) checkKinds(ctx context.Context, tx *sql.Tx, r *Reflection) error {
	for _, e := range r.Encounters {
		for _, m := range e.Moments {
			if _, ok := BuiltinKind(m.Kind); ok {
				continue
			}
			var id string
			err := tx.QueryRowContext(ctx, "SELECT id FROM moment_kinds WHERE id = ?", m.Kind).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return &Error{Code: EINVALID, Field: "moments", Message: fmt.Sprintf("Unknown moment kind %q.", m.Kind)}
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// Reflection returns one reflection with its encounters and moments.
func (s *Store) Reflection(ctx context.Context, id string) (*Reflection, error) {
	var out []Reflection
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = loadReflections(ctx, tx, []string{id})
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, Errorf(ENOTFOUND, "No such reflection in the journal.")
	}
	return &out[0], nil
}

// Reflections returns the reflections with these ids, each once, in no
// particular order, in one read; ids not in the journal are left out.
func (s *Store) Reflections(ctx context.Context, ids []string) ([]Reflection, error) {
	seen := make(map[string]bool, len(ids))
	unique := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	ids = unique
	var out []Reflection
	err := s.read(ctx, func(tx *sql.Tx) error {
		// A few hundred at a time keeps each statement's variables well
		// under SQLite's limit.
		for len(ids) > 0 {
			n := min(len(ids), 500)
			part, err := loadReflections(ctx, tx, ids[:n])
			if err != nil {
				return err
			}
			out = append(out, part...)
			ids = ids[n:]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteReflection removes a reflection and returns it as it was, so the
// caller can offer undo by saving it again.
func (s *Store) DeleteReflection(ctx context.Context, id string) (*Reflection, error) {
	var old *Reflection
	err := s.write(ctx, func(tx *sql.Tx) error {
		rs, err := loadReflections(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return Errorf(ENOTFOUND, "No such reflection in the journal.")
		}
		old = &rs[0]
		var seq int64
		if err := tx.QueryRowContext(ctx, "SELECT seq FROM reflections WHERE id = ?", id).Scan(&seq); err != nil {
			return err
		}
		return deleteReflection(ctx, tx, seq, id)
	})
	return old, err
}

func deleteReflection(ctx context.Context, tx *sql.Tx, seq int64, id string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM reflections WHERE seq = ?", seq); err != nil {
		return fmt.Errorf("delete reflection: %w", err)
	}
	if err := releasePhotos(ctx, tx, id, time.Now()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM reflection_search WHERE docid = ?", seq); err != nil {
		return fmt.Errorf("delete reflection from search: %w", err)
	}
	return nil
}

// loadReflections reads reflections by id, in the order given, skipping
// ids that do not exist. Encounters and moments come in two queries for the
// whole set, not one per reflection.
func loadReflections(ctx context.Context, tx *sql.Tx, ids []string) ([]Reflection, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in := placeholders(len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	byID := make(map[string]*Reflection, len(ids))
	list := make([]Reflection, 0, len(ids))
	rows, err := tx.QueryContext(ctx,
		"SELECT id, at_utc, at_off, text, created_utc, updated_utc FROM reflections WHERE id IN ("+in+")", args...)
	if err != nil {
		return nil, fmt.Errorf("load reflections: %w", err)
	}
	for rows.Next() {
		var r Reflection
		var at, created, updated string
		var off int
		if err := rows.Scan(&r.ID, &at, &off, &r.Text, &created, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		if r.At, err = parseStored(at, off); err != nil {
			rows.Close()
			return nil, err
		}
		if r.CreatedAt, err = parseStored(created, 0); err != nil {
			rows.Close()
			return nil, err
		}
		if r.UpdatedAt, err = parseStored(updated, 0); err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range list {
		byID[list[i].ID] = &list[i]
	}

	rows, err = tx.QueryContext(ctx,
		"SELECT reflection_id, person_id, closeness FROM encounters WHERE reflection_id IN ("+in+") ORDER BY reflection_id, position", args...)
	if err != nil {
		return nil, fmt.Errorf("load encounters: %w", err)
	}
	for rows.Next() {
		var rid string
		var e Encounter
		var c sql.NullInt64
		if err := rows.Scan(&rid, &e.PersonID, &c); err != nil {
			rows.Close()
			return nil, err
		}
		e.Closeness = Closeness(c.Int64)
		if r := byID[rid]; r != nil {
			r.Encounters = append(r.Encounters, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx,
		"SELECT reflection_id, person_id, id, kind, note FROM moments WHERE reflection_id IN ("+in+") ORDER BY reflection_id, person_id, position", args...)
	if err != nil {
		return nil, fmt.Errorf("load moments: %w", err)
	}
	for rows.Next() {
		var rid, pid string
		var m Moment
		if err := rows.Scan(&rid, &pid, &m.ID, &m.Kind, &m.Note); err != nil {
			rows.Close()
			return nil, err
		}
		if r := byID[rid]; r != nil {
			if e := r.Encounter(pid); e != nil {
				e.Moments = append(e.Moments, m)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	if err := loadAskedQuestions(ctx, tx, in, args, byID); err != nil {
		return nil, err
	}
	if err := loadPhotos(ctx, tx, ids, byID); err != nil {
		return nil, err
	}

	out := make([]Reflection, 0, len(list))
	for _, id := range ids {
		if r := byID[id]; r != nil {
			out = append(out, *r)
		}
	}
	return out, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
