package journal

import (
	"context"
	"database/sql"
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

// firstsChunk is how many evenings firsts reads first, oldest first; each
// further read takes twice as many, up to firstsMaxChunk.
const (
	firstsChunk    = 64
	firstsMaxChunk = 1024
)

// firsts walks a person's evenings from the oldest and stops once every
// kind the journal knows has been seen: most kinds happen early, so a
// person with thousands of evenings is usually done after one chunk.
func firsts(ctx context.Context, tx *sql.Tx, personID string) ([]FirstMoment, error) {
	var kinds int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM moment_kinds").Scan(&kinds); err != nil {
		return nil, fmt.Errorf("read firsts: %w", err)
	}
	kinds += len(BuiltinKinds)
	found := map[string]*FirstMoment{}
	var out []*FirstMoment
	after := Cursor{}
	for chunk := firstsChunk; len(found) < kinds; chunk = min(chunk*2, firstsMaxChunk) {
		keys, err := scanCursors(ctx, tx, `SELECT at_utc, reflection_id FROM encounters
			WHERE person_id = ? AND (at_utc, reflection_id) > (?, ?)
			ORDER BY at_utc, reflection_id LIMIT ?`, personID, after.AtUTC, after.ID, chunk)
		if err != nil {
			return nil, fmt.Errorf("read firsts: %w", err)
		}
		if len(keys) == 0 {
			break
		}
		args := []any{personID}
		at := make(map[string]string, len(keys))
		for _, k := range keys {
			args = append(args, k.ID)
			at[k.ID] = k.AtUTC
		}
		rows, err := tx.QueryContext(ctx, "SELECT reflection_id, kind FROM moments WHERE person_id = ? AND reflection_id IN ("+placeholders(len(keys))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("read firsts: %w", err)
		}
		for rows.Next() {
			var id, kind string
			if err := rows.Scan(&id, &kind); err != nil {
				rows.Close()
				return nil, err
			}
			f := found[kind]
			if f == nil {
				f = &FirstMoment{Kind: kind, ReflectionID: id}
				found[kind] = f
				out = append(out, f)
				continue
			}
			// Within a chunk moments come in no particular order.
			if key, fkey := at[id]+id, at[f.ReflectionID]+f.ReflectionID; f.At.IsZero() && key < fkey {
				f.ReflectionID = id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		// A kind found in this chunk is final now: earlier chunks did not have it.
		for _, f := range out {
			if f.At.IsZero() {
				if f.At, err = reflectionTime(ctx, tx, f.ReflectionID); err != nil {
					return nil, err
				}
			}
		}
		if len(keys) < chunk {
			break
		}
		after = keys[len(keys)-1]
	}
	list := make([]FirstMoment, len(out))
	for i, f := range out {
		list[i] = *f
	}
	sort.SliceStable(list, func(i, j int) bool {
		if !list[i].At.Equal(list[j].At) {
			return list[i].At.Before(list[j].At)
		}
		return list[i].Kind < list[j].Kind
	})
	return list, nil
}

// reflectionTime reads when a reflection was, in its own offset.
func reflectionTime(ctx context.Context, tx *sql.Tx, id string) (time.Time, error) {
	var utc string
	var off int
	if err := tx.QueryRowContext(ctx, "SELECT at_utc, at_off FROM reflections WHERE id = ?", id).Scan(&utc, &off); err != nil {
		return time.Time{}, fmt.Errorf("read reflection time: %w", err)
	}
	return parseStored(utc, off)
}

// firstCheck tells whether an evening is the one firsts names for a kind
// with a person: no evening of theirs before it, in the same (time, id)
// order, had a moment of that kind. It reads the kinds each encounter keeps
// beside it, so each check walks one index and stops at the first earlier
// match. Remember asks it many times in one read, so it is prepared once.
type firstCheck struct{ stmt *sql.Stmt }

func newFirstCheck(ctx context.Context, tx *sql.Tx) (*firstCheck, error) {
	stmt, err := tx.PrepareContext(ctx, `SELECT EXISTS (SELECT 1 FROM encounters
		WHERE person_id = ? AND (at_utc, reflection_id) < (?, ?) AND instr(',' || kinds || ',', ?) > 0)`)
	if err != nil {
		return nil, fmt.Errorf("read firsts: %w", err)
	}
	return &firstCheck{stmt}, nil
}

func (f *firstCheck) close() { f.stmt.Close() }

func (f *firstCheck) isFirst(ctx context.Context, personID, kind string, at Cursor) (bool, error) {
	var earlier bool
	if err := f.stmt.QueryRowContext(ctx, personID, at.AtUTC, at.ID, ","+kind+",").Scan(&earlier); err != nil {
		return false, fmt.Errorf("read firsts: %w", err)
	}
	return !earlier, nil
}
