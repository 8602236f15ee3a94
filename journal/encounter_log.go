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
	Kinds        []string // the moment kinds tagged, in the order tagged
}

// Separators of the packed read: ASCII's own unit and record separators.
const (
	unitSep   = "\x1f"
	recordSep = "\x1e"
)

// encounterLogColumns are what a record holds, all from the covering index
// encounters_person (migration 0003).
const encounterLogColumns = "reflection_id, person_id, at_utc, ifnull(closeness, 0), at_off, kinds"

// EncounterLog returns one person's encounters, or everyone's when personID
// is "", read in one snapshot: grouped by person, each person's oldest first.
//
// It is the insights' hot path (thousands of encounters per person, tens of
// thousands for the journal). The driver's cost per row and column is far
// above SQLite's, so SQLite packs the rows into one text, walking one
// covering index, and Go splits it. Should an id or kind ever hold a
// separator, the text does not split cleanly and the log is read again row
// by row.
func (s *Store) EncounterLog(ctx context.Context, personID string) ([]EncounterRecord, error) {
	var out []EncounterRecord
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = encounterLog(ctx, tx, personID)
		return err
	})
	return out, err
}

// encounterLog reads the log as EncounterLog describes, inside tx.
func encounterLog(ctx context.Context, tx *sql.Tx, personID string) ([]EncounterRecord, error) {
	where, args := "", []any(nil)
	if personID != "" {
		where, args = " WHERE person_id = ?", []any{personID}
	}
	order := " ORDER BY person_id, at_utc, reflection_id"
	var n int
	var packed sql.NullString
	q := `SELECT count(*), group_concat(x, char(30)) FROM (SELECT
			reflection_id || char(31) || person_id || char(31) || at_utc || char(31) ||
			ifnull(closeness, 0) || char(31) || at_off || char(31) || kinds AS x
		FROM encounters INDEXED BY encounters_person` + where + order + `)`
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&n, &packed); err != nil {
		return nil, fmt.Errorf("read encounters: %w", err)
	}
	out, ok, err := unpackEncounters(packed.String, n)
	if err != nil || ok {
		return out, err
	}
	return readEncounters(ctx, tx, where+order, args)
}

// encounterParser turns the stored columns into a record, sharing the
// strings that repeat on thousands of records (ids of people, kinds, zones).
type encounterParser struct {
	people map[string]string
	kinds  map[string]string
	zones  map[int]*time.Location
}

func newEncounterParser() *encounterParser {
	return &encounterParser{people: map[string]string{}, kinds: map[string]string{}, zones: map[int]*time.Location{}}
}

func (p *encounterParser) record(reflection, person, at string, closeness, off int, kinds string) (EncounterRecord, error) {
	e := EncounterRecord{ReflectionID: reflection, Closeness: Closeness(closeness)}
	if e.PersonID = p.people[person]; e.PersonID == "" {
		e.PersonID = person
		p.people[person] = person
	}
	t, err := parseUTC(at)
	if err != nil {
		return e, Errorf(EDAMAGED, "The journal holds an unreadable time %q.", at)
	}
	z, ok := p.zones[off]
	if !ok {
		z = zoneFor(off)
		p.zones[off] = z
	}
	e.At = t.In(z)
	if kinds != "" {
		e.Kinds = make([]string, 0, strings.Count(kinds, ",")+1)
		for k := range strings.SplitSeq(kinds, ",") {
			shared, ok := p.kinds[k]
			if !ok {
				shared = k
				p.kinds[k] = k
			}
			e.Kinds = append(e.Kinds, shared)
		}
	}
	return e, nil
}

// unpackEncounters splits the packed log; ok is false when it does not
// split into n clean records.
func unpackEncounters(packed string, n int) (out []EncounterRecord, ok bool, err error) {
	if n == 0 {
		return nil, true, nil
	}
	out = make([]EncounterRecord, 0, n)
	p := newEncounterParser()
	var f [6]string
	for rec := range strings.SplitSeq(packed, recordSep) {
		rest := rec
		for i := range 5 {
			var found bool
			if f[i], rest, found = strings.Cut(rest, unitSep); !found {
				return nil, false, nil
			}
		}
		if strings.Contains(rest, unitSep) {
			return nil, false, nil
		}
		f[5] = rest
		closeness, err1 := strconv.Atoi(f[3])
		off, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil {
			return nil, false, nil
		}
		e, err := p.record(f[0], f[1], f[2], closeness, off, f[5])
		if err != nil {
			return nil, false, err
		}
		out = append(out, e)
	}
	return out, len(out) == n, nil
}

// readEncounters is the plain row-by-row read, for journals the packed read
// cannot split.
func readEncounters(ctx context.Context, tx *sql.Tx, whereOrder string, args []any) ([]EncounterRecord, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+encounterLogColumns+" FROM encounters"+whereOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("read encounters: %w", err)
	}
	defer rows.Close()
	var out []EncounterRecord
	p := newEncounterParser()
	for rows.Next() {
		var reflection, person, at, kinds string
		var closeness, off int
		if err := rows.Scan(&reflection, &person, &at, &closeness, &off, &kinds); err != nil {
			return nil, fmt.Errorf("read encounters: %w", err)
		}
		e, err := p.record(reflection, person, at, closeness, off, kinds)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
