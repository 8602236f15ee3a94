package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// FirstMoment is the first time a kind of moment happened with a person.
type FirstMoment struct {
	Kind         string
	At           time.Time
	ReflectionID string
}

// PersonOverview is what the top of a person's timeline says about them.
type PersonOverview struct {
	Person
	Evenings int
	// FirstAt and LastAt are the first and latest evenings; zero if none.
	FirstAt, LastAt time.Time
	// Closeness is the latest rating, NotRated if the person was never rated.
	Closeness Closeness
	// Firsts holds, for every kind that ever happened with them, the first
	// evening it did, oldest first.
	Firsts []FirstMoment
}

// Since is when the person came into the journal: the day they were added,
// or their first evening if that was earlier (an import, a back-dated entry).
func (o *PersonOverview) Since() time.Time {
	if !o.FirstAt.IsZero() && o.FirstAt.Before(o.CreatedAt) {
		return o.FirstAt
	}
	return o.CreatedAt
}

// PersonOverview reads a person with their evening count, first and latest
// evening, latest closeness and firsts, in one snapshot.
func (s *Store) PersonOverview(ctx context.Context, personID string) (PersonOverview, error) {
	var o PersonOverview
	err := s.read(ctx, func(tx *sql.Tx) error {
		p, err := s.person(ctx, tx, personID)
		if err != nil {
			return err
		}
		o.Person = *p
		var first, last sql.NullString
		var closeness sql.NullInt64
		err = tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM encounters WHERE person_id = ?1),
			(SELECT e.at_utc || ' ' || r.at_off FROM encounters e JOIN reflections r ON r.id = e.reflection_id
				WHERE e.person_id = ?1 ORDER BY e.at_utc, e.reflection_id LIMIT 1),
			(SELECT e.at_utc || ' ' || r.at_off FROM encounters e JOIN reflections r ON r.id = e.reflection_id
				WHERE e.person_id = ?1 ORDER BY e.at_utc DESC, e.reflection_id DESC LIMIT 1),
			(SELECT closeness FROM encounters WHERE person_id = ?1 AND closeness IS NOT NULL
				ORDER BY at_utc DESC, reflection_id DESC LIMIT 1)`, personID).
			Scan(&o.Evenings, &first, &last, &closeness)
		if err != nil {
			return fmt.Errorf("read person overview: %w", err)
		}
		if o.FirstAt, err = parseStoredPair(first); err != nil {
			return err
		}
		if o.LastAt, err = parseStoredPair(last); err != nil {
			return err
		}
		o.Closeness = Closeness(closeness.Int64)
		o.Firsts, err = firsts(ctx, tx, personID)
		return err
	})
	return o, err
}

// parseStoredPair reads "at_utc at_off" as the queries above build it.
func parseStoredPair(v sql.NullString) (time.Time, error) {
	if !v.Valid {
		return time.Time{}, nil
	}
	utc, off, ok := strings.Cut(v.String, " ")
	var offset int
	if _, err := fmt.Sscan(off, &offset); !ok || err != nil {
		return time.Time{}, Errorf(EDAMAGED, "The journal holds an unreadable time %q.", v.String)
	}
	return parseStored(utc, offset)
}

// Firsts returns, for each kind that ever happened with a person, the first
// reflection it happened in, oldest first.
func (s *Store) Firsts(ctx context.Context, personID string) ([]FirstMoment, error) {
	var out []FirstMoment
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = firsts(ctx, tx, personID)
		return err
	})
	return out, err
}

func firsts(ctx context.Context, tx *sql.Tx, personID string) ([]FirstMoment, error) {
	// SQLite takes the bare columns of an aggregate query from the row that
	// gave min(): the reflection and offset of each kind's first evening.
	rows, err := tx.QueryContext(ctx, `
		SELECT m.kind, min(e.at_utc || ' ' || e.reflection_id), r.at_off
		FROM encounters e
		JOIN moments m ON m.reflection_id = e.reflection_id AND m.person_id = e.person_id
		JOIN reflections r ON r.id = e.reflection_id
		WHERE e.person_id = ? GROUP BY m.kind`, personID)
	if err != nil {
		return nil, fmt.Errorf("read firsts: %w", err)
	}
	defer rows.Close()
	var out []FirstMoment
	for rows.Next() {
		var f FirstMoment
		var key string
		var off int
		if err := rows.Scan(&f.Kind, &key, &off); err != nil {
			return nil, err
		}
		at, id, ok := strings.Cut(key, " ")
		if !ok {
			return nil, errors.New("read firsts: malformed key")
		}
		f.ReflectionID = id
		if f.At, err = parseStored(at, off); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return out[i].Kind < out[j].Kind
	})
	return out, nil
}
