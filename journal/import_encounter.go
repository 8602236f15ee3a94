package journal

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// AddEncounter gives an evening already in the journal an encounter with
// e's person, as a re-import with a new name mapping does. An evening that
// already has that person is left as it is (added is false), so running
// the same import twice changes nothing; what the user wrote is never
// rewritten, only the new encounter and its moments are added.
func (b *Batch) AddEncounter(reflectionID string, e Encounter) (added bool, err error) {
	var seq int64
	var at string
	var off, position int
	err = b.tx.QueryRowContext(b.ctx, "SELECT seq, at_utc, at_off FROM reflections WHERE id = ?", reflectionID).Scan(&seq, &at, &off)
	if errors.Is(err, sql.ErrNoRows) {
		return false, &Error{Code: ENOTFOUND, Message: fmt.Sprintf("The reflection %s is not in the journal.", reflectionID)}
	}
	if err != nil {
		return false, fmt.Errorf("add encounter: %w", err)
	}
	there, err := b.exists("SELECT 1 FROM encounters WHERE reflection_id = ? AND person_id = ?", reflectionID, e.PersonID)
	if err != nil || there {
		return false, err
	}
	r := Reflection{ID: reflectionID, Encounters: []Encounter{e}}
	if err := b.s.checkKinds(b.ctx, b.tx, &r); err != nil {
		return false, err
	}
	if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM encounters WHERE reflection_id = ?", reflectionID).Scan(&position); err != nil {
		return false, fmt.Errorf("add encounter: %w", err)
	}
	var closeness any
	if e.Closeness.Rated() {
		closeness = int(e.Closeness)
	}
	kinds := make([]string, len(e.Moments))
	for j, m := range e.Moments {
		kinds[j] = m.Kind
	}
	if _, err := b.tx.ExecContext(b.ctx,
		"INSERT INTO encounters (reflection_id, person_id, closeness, at_utc, at_off, kinds, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
		reflectionID, e.PersonID, closeness, at, off, strings.Join(kinds, ","), position); err != nil {
		if isForeignKey(err) {
			return false, &Error{Code: ENOTFOUND, Field: "people", Message: "One of the people is not in the journal."}
		}
		return false, fmt.Errorf("add encounter: %w", err)
	}
	for j, m := range e.Moments {
		// Moment ids of an import are made from the evening, the person and
		// the kind; one already taken means this moment is already there.
		if _, err := b.tx.ExecContext(b.ctx,
			"INSERT OR IGNORE INTO moments (id, reflection_id, person_id, kind, note, position) VALUES (?, ?, ?, ?, ?, ?)",
			m.ID, reflectionID, e.PersonID, m.Kind, strings.TrimSpace(m.Note), j); err != nil {
			return false, fmt.Errorf("add moment: %w", err)
		}
	}
	return true, b.s.reindex(b.ctx, b.tx, seq, reflectionID)
}
