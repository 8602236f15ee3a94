package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// reindex rewrites the full-text row of one reflection: its text, its
// moment notes, and the names of the people who were there, each in search
// form (see searchIndexText).
func (s *Store) reindex(ctx context.Context, tx *sql.Tx, seq int64, id string) error {
	var text, notes, names sql.NullString
	var docSeq int64
	err := tx.QueryRowContext(ctx, searchDocQuery+" WHERE r.seq = ?", seq).Scan(&docSeq, &text, &notes, &names)
	if err != nil {
		return fmt.Errorf("index reflection: %w", err)
	}
	return writeSearchRow(ctx, tx, seq, text.String, notes.String, names.String)
}

// reindexPerson refreshes every reflection a person is in, after a rename.
func (s *Store) reindexPerson(ctx context.Context, tx *sql.Tx, personID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT r.seq, r.id FROM encounters e JOIN reflections r ON r.id = e.reflection_id WHERE e.person_id = ?`, personID)
	if err != nil {
		return err
	}
	type ref struct {
		seq int64
		id  string
	}
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.seq, &r.id); err != nil {
			rows.Close()
			return err
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range refs {
		if err := s.reindex(ctx, tx, r.seq, r.id); err != nil {
			return err
		}
	}
	return nil
}

// searchDocQuery reads what the index holds of reflections: their text,
// moment notes, and the names of the people who were there.
const searchDocQuery = `SELECT r.seq, r.text,
	(SELECT group_concat(m.note, ' ') FROM moments m WHERE m.reflection_id = r.id AND m.note <> ''),
	(SELECT group_concat(p.name, ' ') FROM encounters e JOIN people p ON p.id = e.person_id WHERE e.reflection_id = r.id)
	FROM reflections r`

func isForeignKey(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

func isConstraint(err error) bool {
	return err != nil && strings.Contains(err.Error(), "constraint failed")
}
