package journal

import (
	"context"
	"database/sql"
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

// Tx exposes the transaction for reads that must see the batch's writes.
func (b *Batch) Tx() *sql.Tx { return b.tx }

// SetSetting stores a journal setting.
func (b *Batch) SetSetting(key, value string) error {
	_, err := b.tx.ExecContext(b.ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
