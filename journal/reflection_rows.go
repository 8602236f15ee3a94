package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// writeReflectionParts writes everything of r below its own row: its
// encounters (with the copies of time, offset and kinds the insights read),
// its moments, and its row in the search index. The reflection row (seq)
// exists and holds none of these yet. Saving and importing both write
// through here, so a reflection reads and searches the same however it came.
func writeReflectionParts(ctx context.Context, tx *sql.Tx, r *Reflection, seq int64, nameOf func(personID string) (string, error)) error {
	at, off := FormatUTC(r.At), offsetOf(r.At)
	var notes, names []string
	for i := range r.Encounters {
		e := &r.Encounters[i]
		var closeness any
		if e.Closeness.Rated() {
			closeness = int(e.Closeness)
		}
		kinds := make([]string, len(e.Moments))
		for j, m := range e.Moments {
			kinds[j] = m.Kind
		}
		if _, err := tx.ExecContext(ctx,
			"INSERT INTO encounters (reflection_id, person_id, closeness, at_utc, at_off, kinds, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
			r.ID, e.PersonID, closeness, at, off, strings.Join(kinds, ","), i); err != nil {
			if isForeignKey(err) {
				return &Error{Code: ENOTFOUND, Field: "people", Message: "One of the people is not in the journal."}
			}
			return fmt.Errorf("save encounter: %w", err)
		}
		name, err := nameOf(e.PersonID)
		if err != nil {
			return err
		}
		names = append(names, name)
		for j := range e.Moments {
			m := &e.Moments[j]
			if m.ID == "" {
				m.ID = uuid.NewString()
			}
			m.Note = strings.TrimSpace(m.Note)
			if _, err := tx.ExecContext(ctx,
				"INSERT INTO moments (id, reflection_id, person_id, kind, note, position) VALUES (?, ?, ?, ?, ?, ?)",
				m.ID, r.ID, e.PersonID, m.Kind, m.Note, j); err != nil {
				if isConstraint(err) {
					return &Error{Code: ECONFLICT, Field: "moments", Message: fmt.Sprintf("A moment with id %s belongs to another reflection.", m.ID)}
				}
				return fmt.Errorf("save moment: %w", err)
			}
			if m.Note != "" {
				notes = append(notes, m.Note)
			}
		}
		for j, q := range e.Questions {
			if err := insertAskedQuestion(ctx, tx, r.ID, e.PersonID, q, j); err != nil {
				return err
			}
		}
	}
	return writeSearchRow(ctx, tx, seq, r.Text, strings.Join(notes, " "), strings.Join(names, " "))
}

// insertAskedQuestion records q as asked of personID on the evening
// reflectionID, at position among that evening's questions for them.
func insertAskedQuestion(ctx context.Context, tx *sql.Tx, reflectionID, personID string, q AskedQuestion, position int) error {
	if _, err := tx.ExecContext(ctx,
		"INSERT INTO asked_questions (reflection_id, person_id, question_id, they_answered, i_answered, position) VALUES (?, ?, ?, ?, ?, ?)",
		reflectionID, personID, q.ID, q.TheyAnswered, q.IAnswered, position); err != nil {
		return fmt.Errorf("save asked question %s: %w", q.ID, err)
	}
	return nil
}

// writeSearchRow replaces a reflection's row in the search index, with every
// column in search form (see searchIndexText).
func writeSearchRow(ctx context.Context, tx *sql.Tx, seq int64, text, notes, names string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM reflection_search WHERE docid = ?", seq); err != nil {
		return fmt.Errorf("index reflection: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO reflection_search (docid, text, notes, names) VALUES (?, ?, ?, ?)",
		seq, searchIndexBody(text), searchIndexText(notes), searchIndexText(names)); err != nil {
		return fmt.Errorf("index reflection: %w", err)
	}
	return nil
}

// personNameIn reads one person's name inside tx.
func personNameIn(ctx context.Context, tx *sql.Tx) func(string) (string, error) {
	return func(id string) (string, error) {
		var n string
		err := tx.QueryRowContext(ctx, "SELECT name FROM people WHERE id = ?", id).Scan(&n)
		if err == sql.ErrNoRows {
			return "", &Error{Code: ENOTFOUND, Field: "people", Message: "One of the people is not in the journal."}
		}
		return n, err
	}
}
