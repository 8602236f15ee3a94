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
// is "", oldest first, read in one snapshot.
//
// It is the insights' hot path (thousands of encounters per person, tens of
// thousands for the journal), so SQLite packs the rows into one text per
// query, walking covering indexes (migration 0002), and Go splits it: the
// driver's cost per row and column is far above SQLite's. Should an id ever
// hold a separator, the packed text does not split cleanly and the log is
// read again row by row.
func (s *Store) EncounterLog(ctx context.Context, personID string) ([]EncounterRecord, error) {
	where, args := "", []any(nil)
	if personID != "" {
		where, args = " WHERE e.person_id = ?", []any{personID}
	}
	var out []EncounterRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		var n int
		var packed sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT count(*), group_concat(
				e.reflection_id || char(31) || e.person_id || char(31) || e.at_utc || char(31) || r.at_off || char(31) || ifnull(e.closeness, 0),
				char(30) ORDER BY e.at_utc, e.reflection_id, e.person_id)
			FROM encounters e INDEXED BY encounters_person
			JOIN reflections r INDEXED BY reflections_offset ON r.id = e.reflection_id`+where, args...).Scan(&n, &packed)
		if err != nil {
			return fmt.Errorf("read encounters: %w", err)
		}
		var ok bool
		if out, ok, err = unpackEncounters(packed.String, n); err != nil {
			return err
		}
		if !ok {
			if out, err = readEncounters(ctx, tx, where, args); err != nil {
				return err
			}
		}
		return readMomentKinds(ctx, tx, strings.Replace(where, "e.person_id", "person_id", 1), args, out)
	})
	return out, err
}

// unpackEncounters splits the packed encounters; ok is false when the text
// does not split into n clean records.
func unpackEncounters(packed string, n int) (out []EncounterRecord, ok bool, err error) {
	if n == 0 {
		return nil, true, nil
	}
	out = make([]EncounterRecord, 0, n)
	zones := map[string]*time.Location{}
	people := map[string]string{} // a few hundred ids, each on thousands of records
	for rec := range strings.SplitSeq(packed, recordSep) {
		var f [5]string
		rest := rec
		for i := range 4 {
			var found bool
			if f[i], rest, found = strings.Cut(rest, unitSep); !found {
				return nil, false, nil
			}
		}
		f[4] = rest
		if strings.Contains(f[4], unitSep) {
			return nil, false, nil
		}
		e := EncounterRecord{ReflectionID: f[0]}
		if e.PersonID = people[f[1]]; e.PersonID == "" {
			e.PersonID = f[1]
			people[f[1]] = f[1]
		}
		t, err := time.Parse(utcLayout, f[2])
		if err != nil {
			return nil, false, Errorf(EDAMAGED, "The journal holds an unreadable time %q.", f[2])
		}
		z, found := zones[f[3]]
		if !found {
			off, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, false, nil
			}
			z = zoneFor(off)
			zones[f[3]] = z
		}
		e.At = t.In(z)
		c, err := strconv.Atoi(f[4])
		if err != nil {
			return nil, false, nil
		}
		e.Closeness = Closeness(c)
		out = append(out, e)
	}
	return out, len(out) == n, nil
}

// readEncounters is the plain row-by-row read, for journals the packed read
// cannot split.
func readEncounters(ctx context.Context, tx *sql.Tx, where string, args []any) ([]EncounterRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.reflection_id, e.person_id, e.at_utc, r.at_off, e.closeness
		FROM encounters e JOIN reflections r ON r.id = e.reflection_id`+where+`
		ORDER BY e.at_utc, e.reflection_id, e.person_id`, args...)
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

// readMomentKinds fills in the kinds of each encounter in log, which is in
// reflection order: a reflection's encounters are next to each other. The
// moments come packed too, one record per encounter with its kinds joined by
// commas (kind ids have none).
func readMomentKinds(ctx context.Context, tx *sql.Tx, where string, args []any, log []EncounterRecord) error {
	var packed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT group_concat(person_id || char(31) || reflection_id || char(31) || kinds, char(30))
		FROM (SELECT person_id, reflection_id, group_concat(kind, ',') AS kinds
			FROM moments INDEXED BY moments_person`+where+` GROUP BY person_id, reflection_id)`, args...).Scan(&packed)
	if err != nil {
		return fmt.Errorf("read moments: %w", err)
	}
	if !packed.Valid {
		return nil
	}
	first := make(map[string]int, len(log))
	for i := len(log) - 1; i >= 0; i-- {
		first[log[i].ReflectionID] = i
	}
	kinds := map[string]string{} // kind ids repeat endlessly: one string each
	for rec := range strings.SplitSeq(packed.String, recordSep) {
		person, rest, _ := strings.Cut(rec, unitSep)
		reflection, list, _ := strings.Cut(rest, unitSep)
		i, ok := first[reflection]
		for ok && i < len(log) && log[i].ReflectionID == reflection && log[i].PersonID != person {
			i++
		}
		if !ok || i == len(log) || log[i].ReflectionID != reflection {
			// Only an id holding a separator splits wrong; its kinds are
			// read on their own.
			if err := readKindsOf(ctx, tx, log); err != nil {
				return err
			}
			return nil
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
