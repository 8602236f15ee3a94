package journal

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Imports write through a Batch: one transaction, all or nothing. These
// methods keep what an import brings exactly (ids, times), and say when
// something is already there, so importing the same file twice adds nothing.

// Savepoint runs fn so that, if it fails, what it wrote is undone and the
// rest of the batch goes on: an import can skip one bad entry.
func (b *Batch) Savepoint(fn func() error) error {
	if _, err := b.tx.ExecContext(b.ctx, "SAVEPOINT entry"); err != nil {
		return b.s.translate(err)
	}
	if err := fn(); err != nil {
		if _, rbErr := b.tx.ExecContext(b.ctx, "ROLLBACK TO entry"); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		if _, relErr := b.tx.ExecContext(b.ctx, "RELEASE entry"); relErr != nil {
			return errors.Join(err, relErr)
		}
		return b.s.translate(err)
	}
	_, err := b.tx.ExecContext(b.ctx, "RELEASE entry")
	return b.s.translate(err)
}

// HasReflection reports whether a reflection with id is in the journal.
func (b *Batch) HasReflection(id string) (bool, error) {
	return b.exists("SELECT 1 FROM reflections WHERE id = ?", id)
}

// PersonByID returns the person with id, or nil.
func (b *Batch) PersonByID(id string) (*Person, error) {
	p, err := b.s.person(b.ctx, b.tx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil
	}
	return p, err
}

// PersonByName returns the person with name, ignoring case and accents, or nil.
func (b *Batch) PersonByName(name string) (*Person, error) {
	p, err := scanPerson(b.tx.QueryRowContext(b.ctx, "SELECT "+personColumns+" FROM people WHERE name_fold = ?", FoldName(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return p, err
}

// KindExists reports whether id is a built-in or custom moment kind.
func (b *Batch) KindExists(id string) (bool, error) {
	if _, ok := BuiltinKind(id); ok {
		return true, nil
	}
	return b.exists("SELECT 1 FROM moment_kinds WHERE id = ?", id)
}

// ImportKind adds a custom kind with the time it was first made.
func (b *Batch) ImportKind(k *MomentKind, created time.Time) error {
	if created.IsZero() {
		created = b.s.Now()
	}
	return b.s.addKindAt(b.ctx, b.tx, k, created)
}

// ImportReflection inserts a reflection that is not in the journal yet,
// keeping its id, its moments' ids and its creation and update times.
func (b *Batch) ImportReflection(r *Reflection) error {
	now := b.s.Now()
	if err := r.Validate(now); err != nil {
		return err
	}
	if err := b.s.checkKinds(b.ctx, b.tx, r); err != nil {
		return err
	}
	if r.ID == "" {
		r.ID = uuid.NewString()
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	if r.UpdatedAt.IsZero() {
		r.UpdatedAt = r.CreatedAt
	}
	at := FormatUTC(r.At)
	res, err := b.tx.ExecContext(b.ctx,
		"INSERT INTO reflections (id, at_utc, at_off, text, created_utc, updated_utc) VALUES (?, ?, ?, ?, ?, ?)",
		r.ID, at, offsetOf(r.At), r.Text, FormatUTC(r.CreatedAt), FormatUTC(r.UpdatedAt))
	if isConstraint(err) {
		return &Error{Code: ECONFLICT, Message: fmt.Sprintf("A reflection with id %s is already in the journal.", r.ID)}
	}
	if err != nil {
		return fmt.Errorf("import reflection: %w", err)
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if err := writeReflectionParts(b.ctx, b.tx, r, seq, b.personName); err != nil {
		return err
	}
	// Photos added in the batch (AddPhoto) are linked as SaveReflection links them.
	return linkPhotos(b.ctx, b.tx, r)
}

// personName is a person's name for the search index, remembered per batch.
func (b *Batch) personName(id string) (string, error) {
	if b.names == nil {
		b.names = map[string]string{}
	}
	if n, ok := b.names[id]; ok {
		return n, nil
	}
	var n string
	if err := b.tx.QueryRowContext(b.ctx, "SELECT name FROM people WHERE id = ?", id).Scan(&n); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", &Error{Code: ENOTFOUND, Field: "people", Message: "One of the people is not in the journal."}
		}
		return "", err
	}
	b.names[id] = n
	return n, nil
}

// ImportDraft adds a draft unless one with its id exists; it keeps its time.
func (b *Batch) ImportDraft(d *Draft) (added bool, err error) {
	if d.ID == "" {
		return false, fieldErrorf("id", "A draft needs an id.")
	}
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = b.s.Now()
	}
	return b.insertIgnore("INSERT OR IGNORE INTO drafts (id, reflection_id, body, updated_utc) VALUES (?, ?, ?, ?)",
		d.ID, d.ReflectionID, d.Body, FormatUTC(d.UpdatedAt))
}

// ImportDismissed remembers a dismissed suggestion unless it is remembered.
func (b *Batch) ImportDismissed(key string, at time.Time) (bool, error) {
	if at.IsZero() {
		at = b.s.Now()
	}
	return b.insertIgnore("INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_utc) VALUES (?, ?)", key, FormatUTC(at))
}

// ImportSetting stores a setting the journal does not have; it never
// overrides one it has.
func (b *Batch) ImportSetting(key, value string) (bool, error) {
	return b.insertIgnore("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", key, value)
}

func (b *Batch) insertIgnore(query string, args ...any) (bool, error) {
	res, err := b.tx.ExecContext(b.ctx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (b *Batch) exists(query string, args ...any) (bool, error) {
	var one int
	err := b.tx.QueryRowContext(b.ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
