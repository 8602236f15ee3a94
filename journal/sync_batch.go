package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// What journal/sync needs to read and write inside one transaction: the
// things as they stand, and puts that keep every field as another computer
// sent it (ids, creation and update times), so all computers hold the same.

// Reflections reads reflections by id as Store.Reflections does, seeing the
// batch's writes.
func (b *Batch) Reflections(ids []string) ([]Reflection, error) {
	var out []Reflection
	for len(ids) > 0 {
		n := min(len(ids), 500)
		part, err := loadReflections(b.ctx, b.tx, ids[:n])
		if err != nil {
			return nil, err
		}
		out = append(out, part...)
		ids = ids[n:]
	}
	return out, nil
}

// PutReflection saves r keeping its creation and update times as given.
func (b *Batch) PutReflection(r *Reflection) error {
	return b.s.saveReflectionAs(b.ctx, b.tx, r, true)
}

// DeleteReflection removes a reflection; one already gone is no error.
func (b *Batch) DeleteReflection(id string) error {
	var seq int64
	err := b.tx.QueryRowContext(b.ctx, "SELECT seq FROM reflections WHERE id = ?", id).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return deleteReflection(b.ctx, b.tx, seq, id)
}

// Person returns one person by id, or nil when there is none.
func (b *Batch) Person(id string) (*Person, error) {
	p, err := b.s.person(b.ctx, b.tx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil
	}
	return p, err
}

// PersonNamed returns the person with this name (folded), or nil.
func (b *Batch) PersonNamed(name string) (*Person, error) {
	p, err := scanPerson(b.tx.QueryRowContext(b.ctx, "SELECT "+personColumns+" FROM people WHERE name_fold = ?", FoldName(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return p, err
}

// PutPerson adds p or replaces the stored person with its id, all fields as
// given. A name another person has is an ECONFLICT error.
func (b *Batch) PutPerson(p *Person) error {
	old, err := b.Person(p.ID)
	if err != nil {
		return err
	}
	if old == nil {
		return b.s.addPerson(b.ctx, b.tx, p)
	}
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	if err := p.Validate(); err != nil {
		return err
	}
	if other, err := b.PersonNamed(p.Name); err != nil {
		return err
	} else if other != nil && other.ID != p.ID {
		return &Error{Code: ECONFLICT, Field: "name", Message: fmt.Sprintf("%q is already in the journal.", other.Name)}
	}
	if _, err := b.tx.ExecContext(b.ctx, "UPDATE people SET name = ?, name_fold = ?, color = ?, archived = ?, created_utc = ?, created_off = ? WHERE id = ?",
		p.Name, FoldName(p.Name), p.Color, p.Archived, FormatUTC(p.CreatedAt), offsetOf(p.CreatedAt), p.ID); err != nil {
		return fmt.Errorf("update person: %w", err)
	}
	if old.Name != p.Name {
		return b.s.reindexPerson(b.ctx, b.tx, p.ID)
	}
	return nil
}

// DeletePerson deletes a person as Store.DeletePerson does; one already gone
// is no error.
func (b *Batch) DeletePerson(id string) error {
	err := b.s.deletePerson(b.ctx, b.tx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil
	}
	return err
}

// Kind returns a custom moment kind and when it was made, or nil.
func (b *Batch) Kind(id string) (*MomentKind, time.Time, error) {
	var k MomentKind
	var created string
	err := b.tx.QueryRowContext(b.ctx, "SELECT id, label, color, misstep, created_utc FROM moment_kinds WHERE id = ?", id).
		Scan(&k.ID, &k.Label, &k.Color, &k.Misstep, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, nil
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	at, err := parseStored(created, 0)
	k.Technique = TechniqueCustom
	if k.Misstep {
		k.Technique = TechniqueMisstep
	}
	return &k, at, err
}

// PutKind adds a custom moment kind or replaces the one with its id.
func (b *Batch) PutKind(k *MomentKind, created time.Time) error {
	old, _, err := b.Kind(k.ID)
	if err != nil {
		return err
	}
	if old == nil {
		return b.s.addKindAt(b.ctx, b.tx, k, created)
	}
	if err := ValidateKind(k); err != nil {
		return err
	}
	_, err = b.tx.ExecContext(b.ctx, "UPDATE moment_kinds SET label = ?, color = ?, misstep = ?, created_utc = ? WHERE id = ?",
		k.Label, k.Color, k.Misstep, FormatUTC(created), k.ID)
	return err
}

// Setting returns a setting and whether it is set.
func (b *Batch) Setting(key string) (string, bool, error) {
	var v string
	err := b.tx.QueryRowContext(b.ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// DeleteSetting forgets a setting.
func (b *Batch) DeleteSetting(key string) error {
	_, err := b.tx.ExecContext(b.ctx, "DELETE FROM settings WHERE key = ?", key)
	return err
}

// Dismissed returns when a suggestion was put aside, and whether it is.
func (b *Batch) Dismissed(key string) (time.Time, bool, error) {
	var at string
	err := b.tx.QueryRowContext(b.ctx, "SELECT dismissed_utc FROM dismissed_suggestions WHERE key = ?", key).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, err
	}
	t, err := parseStored(at, 0)
	return t, true, err
}

// PutDismissed puts a suggestion aside at the time given.
func (b *Batch) PutDismissed(key string, at time.Time) error {
	_, err := b.tx.ExecContext(b.ctx, "INSERT INTO dismissed_suggestions (key, dismissed_utc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET dismissed_utc = excluded.dismissed_utc", key, FormatUTC(at))
	return err
}

// DeleteDismissed brings a suggestion back.
func (b *Batch) DeleteDismissed(key string) error {
	_, err := b.tx.ExecContext(b.ctx, "DELETE FROM dismissed_suggestions WHERE key = ?", key)
	return err
}

// SyncPhoto keeps a photo another computer added, under its id and date,
// pending until a PutReflection links it; one already here is left as it is.
func (b *Batch) SyncPhoto(id, name string, added time.Time, data []byte) error {
	if ok, err := b.HasPhoto(id); err != nil || ok {
		return err
	}
	prep, err := preparePhoto(name, data)
	if err != nil {
		return err
	}
	_, err = b.s.addPhotoAs(b.ctx, b.tx, id, added, name, data, prep)
	return err
}

// HasPhoto reports whether the journal holds the photo id.
func (b *Batch) HasPhoto(id string) (bool, error) {
	var one int
	err := b.tx.QueryRowContext(b.ctx, "SELECT 1 FROM photos WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// PreparePhotoKey makes a sealed journal's photo key in a write of its own,
// as AddPhoto does, so that a batch importing photos never seals bytes under
// a key its own rollback would lose.
func (s *Store) PreparePhotoKey(ctx context.Context) error {
	if s.sealed == nil {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := s.photoFilesIn(ctx, tx, true)
		return err
	})
}
