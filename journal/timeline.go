package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Cursor marks where a timeline page ended; the next page starts after it.
// Keyset paging stays correct while reflections are added or removed.
type Cursor struct {
	AtUTC string
	ID    string
}

// TimelineQuery selects one person's reflections, newest first.
type TimelineQuery struct {
	PersonID string
	After    *Cursor // nil for the first page
	Limit    int     // 50 when zero
	// Kinds keeps reflections where this person had a moment of any of these kinds.
	Kinds []string
	// From and To bound the evening's time, inclusive; zero means open.
	From, To time.Time
	// OnlyMissteps keeps reflections where this person's encounter has a misstep.
	OnlyMissteps bool
}

// TimelinePage is one page of a timeline.
type TimelinePage struct {
	Reflections []Reflection
	Next        *Cursor // nil on the last page
}

// DefaultPageSize is the timeline and search page size.
const DefaultPageSize = 50

// Timeline returns one page of a person's reflections, newest first.
func (s *Store) Timeline(ctx context.Context, q TimelineQuery) (TimelinePage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	where := []string{"e.person_id = ?"}
	args := []any{q.PersonID}
	if q.After != nil {
		where = append(where, "(e.at_utc, e.reflection_id) < (?, ?)")
		args = append(args, q.After.AtUTC, q.After.ID)
	}
	if !q.From.IsZero() {
		where = append(where, "e.at_utc >= ?")
		args = append(args, FormatUTC(q.From))
	}
	if !q.To.IsZero() {
		where = append(where, "e.at_utc <= ?")
		args = append(args, FormatUTC(q.To))
	}
	if len(q.Kinds) > 0 {
		where = append(where, "EXISTS (SELECT 1 FROM moments m WHERE m.reflection_id = e.reflection_id AND m.person_id = e.person_id AND m.kind IN ("+placeholders(len(q.Kinds))+"))")
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	}
	if q.OnlyMissteps {
		var missteps []string
		for _, k := range BuiltinKinds {
			if k.Misstep {
				missteps = append(missteps, "'"+k.ID+"'")
			}
		}
		where = append(where, "(EXISTS (SELECT 1 FROM moments m WHERE m.reflection_id = e.reflection_id AND m.person_id = e.person_id AND (m.kind IN ("+strings.Join(missteps, ",")+") OR m.kind IN (SELECT id FROM moment_kinds WHERE misstep = 1))))")
	}
	args = append(args, limit+1)
	query := "SELECT e.at_utc, e.reflection_id FROM encounters e WHERE " + strings.Join(where, " AND ") +
		" ORDER BY e.at_utc DESC, e.reflection_id DESC LIMIT ?"

	var page TimelinePage
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		var keys []Cursor
		for rows.Next() {
			var c Cursor
			if err := rows.Scan(&c.AtUTC, &c.ID); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(keys) > limit {
			keys = keys[:limit]
			last := keys[limit-1]
			page.Next = &last
		}
		ids := make([]string, len(keys))
		for i, k := range keys {
			ids[i] = k.ID
		}
		page.Reflections, err = loadReflections(ctx, tx, ids)
		return err
	})
	return page, err
}

// FirstMoment is the first time a kind of moment happened with a person.
type FirstMoment struct {
	Kind         string
	At           time.Time
	ReflectionID string
}

// Firsts returns, for each kind that ever happened with a person, the first
// reflection it happened in, oldest first.
func (s *Store) Firsts(ctx context.Context, personID string) ([]FirstMoment, error) {
	var out []FirstMoment
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT m.kind, min(e.at_utc || ' ' || e.reflection_id)
			FROM moments m JOIN encounters e ON e.reflection_id = m.reflection_id AND e.person_id = m.person_id
			WHERE m.person_id = ? GROUP BY m.kind`, personID)
		if err != nil {
			return fmt.Errorf("firsts: %w", err)
		}
		type first struct{ kind, at, id string }
		var fs []first
		for rows.Next() {
			var kind, key string
			if err := rows.Scan(&kind, &key); err != nil {
				rows.Close()
				return err
			}
			at, id, _ := strings.Cut(key, " ")
			fs = append(fs, first{kind, at, id})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, f := range fs {
			var off int
			if err := tx.QueryRowContext(ctx, "SELECT at_off FROM reflections WHERE id = ?", f.id).Scan(&off); err != nil {
				return err
			}
			at, err := parseStored(f.at, off)
			if err != nil {
				return err
			}
			out = append(out, FirstMoment{Kind: f.kind, At: at, ReflectionID: f.id})
		}
		return nil
	})
	sortFirsts(out)
	return out, err
}

func sortFirsts(fs []FirstMoment) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].At.Before(fs[j-1].At); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}
