package journal

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Kinds returns every moment kind: the built-in ones in their order, then
// the journal's own.
func (s *Store) Kinds(ctx context.Context) ([]MomentKind, error) {
	var out []MomentKind
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = listKinds(ctx, tx)
		return err
	})
	return out, err
}

func listKinds(ctx context.Context, tx *sql.Tx) ([]MomentKind, error) {
	out := append([]MomentKind(nil), BuiltinKinds...)
	rows, err := tx.QueryContext(ctx, "SELECT id, label, color, misstep FROM moment_kinds ORDER BY created_utc, id")
	if err != nil {
		return nil, fmt.Errorf("list moment kinds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		k := MomentKind{Technique: TechniqueCustom}
		if err := rows.Scan(&k.ID, &k.Label, &k.Color, &k.Misstep); err != nil {
			return nil, err
		}
		if k.Misstep {
			k.Technique = TechniqueMisstep
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// AddKind stores a custom moment kind. Its id is derived from the label when
// empty; built-in ids cannot be taken.
func (s *Store) AddKind(ctx context.Context, k *MomentKind) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.addKind(ctx, tx, k) })
}

func (s *Store) addKind(ctx context.Context, tx *sql.Tx, k *MomentKind) error {
	return s.addKindAt(ctx, tx, k, s.Now())
}

// addKindAt adds a kind first made at created (imports keep that time).
func (s *Store) addKindAt(ctx context.Context, tx *sql.Tx, k *MomentKind, created time.Time) error {
	if k.ID == "" {
		k.ID = KindIDFromLabel(k.Label)
	}
	if k.Color == "" {
		k.Color = ColorForName(k.Label)
	}
	if err := ValidateKind(k); err != nil {
		return err
	}
	if _, ok := BuiltinKind(k.ID); ok {
		return &Error{Code: ECONFLICT, Field: "id", Message: fmt.Sprintf("%q is a built-in moment kind.", k.ID)}
	}
	k.Builtin = false
	k.Technique = TechniqueCustom
	if k.Misstep {
		k.Technique = TechniqueMisstep
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO moment_kinds (id, label, color, misstep, created_utc) VALUES (?, ?, ?, ?, ?)",
		k.ID, k.Label, k.Color, k.Misstep, FormatUTC(created))
	if isConstraint(err) {
		return &Error{Code: ECONFLICT, Field: "id", Message: fmt.Sprintf("A moment kind %q already exists.", k.ID)}
	}
	return err
}
