package journal

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Walk visits everything a journal holds, for exports. Every part is read in
// one read transaction, so the walk sees one consistent moment of the
// journal even while saves go on. A nil function skips its part.
type Walk struct {
	Person     func(p *Person) error
	Kind       func(k *MomentKind, created time.Time) error // custom kinds only
	Reflection func(r *Reflection) error                    // oldest first
	Draft      func(d *Draft) error
	Dismissed  func(key string, at time.Time) error
	Setting    func(key, value string) error
	// Progress, if set, is called now and then with the share of
	// reflections walked (0-1).
	Progress func(done float64)
}

// walkBatch is how many reflections are loaded at a time.
const walkBatch = 500

// Walk runs w over the journal; see Walk.
func (s *Store) Walk(ctx context.Context, w Walk) error {
	return s.read(ctx, func(tx *sql.Tx) error {
		if w.Person != nil {
			people, err := s.people(ctx, tx, true)
			if err != nil {
				return err
			}
			for i := range people {
				if err := w.Person(&people[i]); err != nil {
					return err
				}
			}
		}
		if w.Kind != nil {
			if err := walkKinds(ctx, tx, w.Kind); err != nil {
				return err
			}
		}
		if w.Reflection != nil {
			if err := walkReflections(ctx, tx, w.Reflection, w.Progress); err != nil {
				return err
			}
		}
		if w.Draft != nil {
			if err := walkRows(ctx, tx, "SELECT id, reflection_id, body, updated_utc FROM drafts ORDER BY id", func(rows *sql.Rows) error {
				var d Draft
				var at string
				if err := rows.Scan(&d.ID, &d.ReflectionID, &d.Body, &at); err != nil {
					return err
				}
				var err error
				if d.UpdatedAt, err = parseStored(at, 0); err != nil {
					return err
				}
				return w.Draft(&d)
			}); err != nil {
				return err
			}
		}
		if w.Dismissed != nil {
			if err := walkRows(ctx, tx, "SELECT key, dismissed_utc FROM dismissed_suggestions ORDER BY key", func(rows *sql.Rows) error {
				var key, at string
				if err := rows.Scan(&key, &at); err != nil {
					return err
				}
				t, err := parseStored(at, 0)
				if err != nil {
					return err
				}
				return w.Dismissed(key, t)
			}); err != nil {
				return err
			}
		}
		if w.Setting != nil {
			if err := walkRows(ctx, tx, "SELECT key, value FROM settings ORDER BY key", func(rows *sql.Rows) error {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					return err
				}
				return w.Setting(k, v)
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

func walkKinds(ctx context.Context, tx *sql.Tx, fn func(*MomentKind, time.Time) error) error {
	return walkRows(ctx, tx, "SELECT id, label, color, misstep, created_utc FROM moment_kinds ORDER BY created_utc, id", func(rows *sql.Rows) error {
		k := MomentKind{Technique: TechniqueCustom}
		var created string
		if err := rows.Scan(&k.ID, &k.Label, &k.Color, &k.Misstep, &created); err != nil {
			return err
		}
		if k.Misstep {
			k.Technique = TechniqueMisstep
		}
		t, err := parseStored(created, 0)
		if err != nil {
			return err
		}
		return fn(&k, t)
	})
}

// walkReflections pages through reflections by (at_utc, id) and loads each
// page whole, encounters and moments included.
func walkReflections(ctx context.Context, tx *sql.Tx, fn func(*Reflection) error, progress func(float64)) error {
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM reflections").Scan(&total); err != nil {
		return fmt.Errorf("count reflections: %w", err)
	}
	lastAt, lastID := "", ""
	done := 0
	for {
		rows, err := tx.QueryContext(ctx,
			"SELECT id, at_utc FROM reflections WHERE (at_utc, id) > (?, ?) ORDER BY at_utc, id LIMIT ?", lastAt, lastID, walkBatch)
		if err != nil {
			return fmt.Errorf("list reflections: %w", err)
		}
		var ids []string
		for rows.Next() {
			if err := rows.Scan(&lastID, &lastAt); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, lastID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		list, err := loadReflections(ctx, tx, ids)
		if err != nil {
			return err
		}
		for i := range list {
			if err := fn(&list[i]); err != nil {
				return err
			}
		}
		done += len(ids)
		if progress != nil && total > 0 {
			progress(float64(done) / float64(total))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

func walkRows(ctx context.Context, tx *sql.Tx, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
