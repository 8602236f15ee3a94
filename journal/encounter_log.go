package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// EncounterRecord is one person's part of one evening as plain values: what
// the insights read, without the text.
type EncounterRecord struct {
	ReflectionID string
	PersonID     string
	At           time.Time // in the offset the evening was written in
	Closeness    Closeness
	Kinds        []string // moment kind ids, in the order they were tagged
	People       int      // how many people the evening was with
}

// EncounterLog returns one person's encounters, or everyone's when personID
// is "", oldest first. It is one query: moments come folded into each row.
func (s *Store) EncounterLog(ctx context.Context, personID string) ([]EncounterRecord, error) {
	q := `SELECT e.reflection_id, e.person_id, e.at_utc, r.at_off, e.closeness,
		(SELECT count(*) FROM encounters e2 WHERE e2.reflection_id = e.reflection_id),
		(SELECT group_concat(kind, ',') FROM (SELECT m.kind FROM moments m
			WHERE m.reflection_id = e.reflection_id AND m.person_id = e.person_id ORDER BY m.position))
		FROM encounters e JOIN reflections r ON r.id = e.reflection_id`
	var args []any
	if personID != "" {
		q += " WHERE e.person_id = ?"
		args = append(args, personID)
	}
	q += " ORDER BY e.at_utc, e.reflection_id, e.person_id"
	var out []EncounterRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("read encounters: %w", err)
		}
		defer rows.Close()
		// Kind ids repeat endlessly: share one string per id, and one zone per offset.
		kinds := map[string]string{}
		zones := map[int]*time.Location{}
		var at string
		var kindList sql.NullString
		var closeness sql.NullInt64
		var off int
		for rows.Next() {
			var e EncounterRecord
			if err := rows.Scan(&e.ReflectionID, &e.PersonID, &at, &off, &closeness, &e.People, &kindList); err != nil {
				return fmt.Errorf("read encounters: %w", err)
			}
			t, err := time.Parse(utcLayout, at)
			if err != nil {
				return Errorf(EDAMAGED, "The journal holds an unreadable time %q.", at)
			}
			z, ok := zones[off]
			if !ok {
				z = zoneFor(off)
				zones[off] = z
			}
			e.At = t.In(z)
			e.Closeness = Closeness(closeness.Int64)
			if kindList.Valid && kindList.String != "" {
				n := strings.Count(kindList.String, ",") + 1
				e.Kinds = make([]string, 0, n)
				for k := range strings.SplitSeq(kindList.String, ",") {
					shared, ok := kinds[k]
					if !ok {
						shared = strings.Clone(k)
						kinds[k] = shared
					}
					e.Kinds = append(e.Kinds, shared)
				}
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}
