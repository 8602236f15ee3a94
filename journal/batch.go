package journal

import (
	"context"
	"database/sql"
	"fmt"
)

// Batch writes many things in one transaction: all of them or none. Imports
// and the sample journal use it; a transaction per item would fsync each.
type Batch struct {
	s   *Store
	ctx context.Context
	tx  *sql.Tx

	names map[string]string // person names for the search index, by id
}

// Batch runs fn in one write transaction.
func (s *Store) Batch(ctx context.Context, fn func(b *Batch) error) error {
	return s.write(ctx, func(tx *sql.Tx) error { return fn(&Batch{s: s, ctx: ctx, tx: tx}) })
}

// AddPerson adds p (its id, if set, is kept).
func (b *Batch) AddPerson(p *Person) error { return b.s.addPerson(b.ctx, b.tx, p) }

// AddKind adds a custom moment kind.
func (b *Batch) AddKind(k *MomentKind) error { return b.s.addKind(b.ctx, b.tx, k) }

// SaveReflection saves r as Store.SaveReflection does.
func (b *Batch) SaveReflection(r *Reflection) error { return b.s.saveReflection(b.ctx, b.tx, r) }

// EncounterLog returns one person's encounters as Store.EncounterLog does,
// including those the batch has written so far.
func (b *Batch) EncounterLog(personID string) ([]EncounterRecord, error) {
	return encounterLog(b.ctx, b.tx, personID)
}

// AskQuestion records the deck question q as asked of personID on the
// evening reflectionID, and who answered it, after the questions already
// recorded for that encounter. The evening must have an encounter with the
// person, and the question must be in the installed deck.
func (b *Batch) AskQuestion(reflectionID, personID string, q AskedQuestion) error {
	if err := validateQuestions([]AskedQuestion{q}); err != nil {
		return err
	}
	var position int
	if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM asked_questions WHERE reflection_id = ? AND person_id = ?",
		reflectionID, personID).Scan(&position); err != nil {
		return fmt.Errorf("save asked question %s: %w", q.ID, err)
	}
	err := insertAskedQuestion(b.ctx, b.tx, reflectionID, personID, q, position)
	if isConstraint(err) {
		return &Error{Code: ECONFLICT, Field: "questions", Message: fmt.Sprintf(
			"The question %s cannot be recorded: it already is for this evening, or the evening has no encounter with that person.", q.ID)}
	}
	return err
}

// Tx exposes the transaction for reads that must see the batch's writes.
func (b *Batch) Tx() *sql.Tx { return b.tx }

// SetSetting stores a journal setting.
func (b *Batch) SetSetting(key, value string) error {
	_, err := b.tx.ExecContext(b.ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
