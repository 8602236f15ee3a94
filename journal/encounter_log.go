package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
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
	Kinds        []string // the moment kinds tagged, in no particular order
}

// Separators of the packed read: ASCII's own unit and record separators,
// which no id the journal writes contains.
const (
	unitSep   = "\x1f"
	recordSep = "\x1e"
)

// EncounterLog returns one person's encounters, or everyone's when personID
// is "", read in one snapshot: grouped by person, each person's oldest first.
//
// It is the insights' hot path (thousands of encounters per person, tens of
// thousands for the journal), so SQLite packs the rows into one text per
// query, walking covering indexes (migration 0002) in the order wanted, and
// Go splits it: the driver's cost per row and column is far above SQLite's.
// One person's evenings look their offsets up one by one; the journal's read
// all offsets in one walk instead. Should an id ever hold a separator, the
// packed text does not split cleanly and the log is read again row by row.
func (s *Store) EncounterLog(ctx context.Context, personID string) ([]EncounterRecord, error) {
	where, args := "", []any(nil)
	if personID != "" {
		where, args = " WHERE e.person_id = ?", []any{personID}
	}
	var out []EncounterRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		var n int
		var packed sql.NullString
		var offsets map[string]string
		var q string
		if personID != "" {
			q = `SELECT count(*), group_concat(x, char(30)) FROM (SELECT
					e.reflection_id || char(31) || e.at_utc || char(31) || ifnull(e.closeness, 0) || char(31) || r.at_off AS x
				FROM encounters e INDEXED BY encounters_person
				JOIN reflections r INDEXED BY reflections_offset ON r.id = e.reflection_id` + where + `
				ORDER BY e.person_id, e.at_utc, e.reflection_id)`
		} else {
			var err error
			if offsets, err = readOffsets(ctx, tx); err != nil {
				return err
			}
			q = `SELECT count(*), group_concat(x, char(30)) FROM (SELECT
					e.reflection_id || char(31) || e.person_id || char(31) || e.at_utc || char(31) || ifnull(e.closeness, 0) AS x
				FROM encounters e INDEXED BY encounters_person ORDER BY e.person_id, e.at_utc, e.reflection_id)`
		}
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&n, &packed); err != nil {
			return fmt.Errorf("read encounters: %w", err)
		}
		var ok bool
		var err error
		if out, ok, err = unpackEncounters(packed.String, n, personID, offsets); err != nil {
			return err
		}
		if !ok {
			if out, err = readEncounters(ctx, tx, where, args); err != nil {
				return err
			}
		}
		return readMomentKinds(ctx, tx, personID, out)
	})
	return out, err
}

// readOffsets reads every reflection's offset, packed, by id; nil when an
// id does not split cleanly (the row-by-row read then takes over).
func readOffsets(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	var n int
	var packed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT count(*), group_concat(id || char(31) || at_off, char(30))
		FROM reflections INDEXED BY reflections_offset`).Scan(&n, &packed)
	if err != nil {
		return nil, fmt.Errorf("read offsets: %w", err)
	}
	out := make(map[string]string, n)
	for rec := range strings.SplitSeq(packed.String, recordSep) {
		id, off, _ := strings.Cut(rec, unitSep)
		out[id] = off
	}
	if len(out) != n {
		return map[string]string{}, nil
	}
	return out, nil
}

// unpackEncounters splits the packed encounters. One person's records are
// reflection, time, closeness and offset; the journal's are reflection,
// person, time and closeness, the offset looked up in offsets. ok is false
// when the text does not split into n clean records.
func unpackEncounters(packed string, n int, personID string, offsets map[string]string) (out []EncounterRecord, ok bool, err error) {
	if n == 0 {
		return nil, true, nil
	}
	out = make([]EncounterRecord, 0, n)
	zones := map[string]*time.Location{}
	people := map[string]string{} // a few hundred ids, each on thousands of records
	var f [4]string
	for rec := range strings.SplitSeq(packed, recordSep) {
		rest := rec
		for i := range 3 {
			var found bool
			if f[i], rest, found = strings.Cut(rest, unitSep); !found {
				return nil, false, nil
			}
		}
		if strings.Contains(rest, unitSep) {
			return nil, false, nil
		}
		f[3] = rest
		e := EncounterRecord{ReflectionID: f[0], PersonID: personID}
		at, closeness, offset := f[1], f[2], f[3]
		if personID == "" {
			var found bool
			if e.PersonID = people[f[1]]; e.PersonID == "" {
				e.PersonID = f[1]
				people[f[1]] = f[1]
			}
			at, closeness = f[2], f[3]
			if offset, found = offsets[f[0]]; !found {
				return nil, false, nil
			}
		}
		t, err := time.Parse(utcLayout, at)
		if err != nil {
			return nil, false, Errorf(EDAMAGED, "The journal holds an unreadable time %q.", at)
		}
		c, err := strconv.Atoi(closeness)
		if err != nil {
			return nil, false, nil
		}
		e.Closeness = Closeness(c)
		z, found := zones[offset]
		if !found {
			off, err := strconv.Atoi(offset)
			if err != nil {
				return nil, false, nil
			}
			z = zoneFor(off)
			zones[offset] = z
		}
		e.At = t.In(z)
		out = append(out, e)
	}
	return out, len(out) == n, nil
}

// readEncounters is the plain row-by-row read, for journals the packed read
// cannot split.
func readEncounters(ctx context.Context, tx *sql.Tx, where string, args []any) ([]EncounterRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.reflection_id, e.person_id, e.at_utc, r.at_off, e.closeness
		FROM encounters e JOIN reflections r ON r.id = e.reflection_id`+where+`
		ORDER BY e.person_id, e.at_utc, e.reflection_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read encounters: %w", err)
	}
	defer rows.Close()
	var out []EncounterRecord
	var at string
	var closeness sql.NullInt64
	var off int
	for rows.Next() {
		var e EncounterRecord
		if err := rows.Scan(&e.ReflectionID, &e.PersonID, &at, &off, &closeness); err != nil {
			return nil, fmt.Errorf("read encounters: %w", err)
		}
		if e.At, err = parseStored(at, off); err != nil {
			return nil, err
		}
		e.Closeness = Closeness(closeness.Int64)
		out = append(out, e)
	}
	return out, rows.Err()
}

// readMomentKinds fills in the kinds of each encounter in log. The moments
// come packed too, one record per encounter with its kinds joined by commas
// (kind ids have none): reflection and kinds for one person, with the person
// first for the journal.
func readMomentKinds(ctx context.Context, tx *sql.Tx, personID string, log []EncounterRecord) error {
	q := `SELECT group_concat(person_id || char(31) || reflection_id || char(31) || kinds, char(30))
		FROM (SELECT person_id, reflection_id, group_concat(kind, ',') AS kinds
			FROM moments INDEXED BY moments_person GROUP BY person_id, reflection_id)`
	var args []any
	if personID != "" {
		q = `SELECT group_concat(reflection_id || char(31) || kinds, char(30))
			FROM (SELECT reflection_id, group_concat(kind, ',') AS kinds
				FROM moments INDEXED BY moments_person WHERE person_id = ? GROUP BY reflection_id)`
		args = []any{personID}
	}
	var packed sql.NullString
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&packed); err != nil {
		return fmt.Errorf("read moments: %w", err)
	}
	if !packed.Valid {
		return nil
	}
	// Each person's encounters by reflection.
	byPerson := map[string]map[string]int{}
	for i := range log {
		m := byPerson[log[i].PersonID]
		if m == nil {
			m = map[string]int{}
			byPerson[log[i].PersonID] = m
		}
		m[log[i].ReflectionID] = i
	}
	kinds := map[string]string{} // kind ids repeat endlessly: one string each
	current, currentPerson := byPerson[personID], personID
	for rec := range strings.SplitSeq(packed.String, recordSep) {
		person, rest := personID, rec
		if personID == "" {
			person, rest, _ = strings.Cut(rec, unitSep)
		}
		reflection, list, _ := strings.Cut(rest, unitSep)
		if person != currentPerson {
			current, currentPerson = byPerson[person], person
		}
		i, ok := current[reflection]
		if !ok || strings.Contains(list, unitSep) {
			// Only an id holding a separator splits wrong; the kinds are
			// then read one encounter at a time.
			return readKindsOf(ctx, tx, log)
		}
		e := &log[i]
		e.Kinds = make([]string, 0, strings.Count(list, ",")+1)
		for k := range strings.SplitSeq(list, ",") {
			shared, ok := kinds[k]
			if !ok {
				shared = k
				kinds[k] = k
			}
			e.Kinds = append(e.Kinds, shared)
		}
	}
	return nil
}

// readKindsOf reads each encounter's kinds with a query of its own: slow,
// and only for journals whose ids the packed read cannot split.
func readKindsOf(ctx context.Context, tx *sql.Tx, log []EncounterRecord) error {
	stmt, err := tx.PrepareContext(ctx, "SELECT kind FROM moments WHERE person_id = ? AND reflection_id = ?")
	if err != nil {
		return fmt.Errorf("read moments: %w", err)
	}
	defer stmt.Close()
	for i := range log {
		e := &log[i]
		rows, err := stmt.QueryContext(ctx, e.PersonID, e.ReflectionID)
		if err != nil {
			return fmt.Errorf("read moments: %w", err)
		}
		e.Kinds = nil
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return fmt.Errorf("read moments: %w", err)
			}
			e.Kinds = append(e.Kinds, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read moments: %w", err)
		}
	}
	return nil
}
