package sync

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
)

// Conflict is a version of an evening that lost to one made apart on
// another computer: the window shows the winner marked "edited on two
// computers" and this one a click away.
type Conflict struct {
	Seq          int64
	ReflectionID string
	Device       string // the computer that wrote it
	DeviceName   string
	Deleted      bool                // it was a delete ("deleted on <computer>")
	Reflection   *journal.Reflection // the other version; nil when Deleted
	Noticed      time.Time           // this computer's clock, shown only
}

// Keep says which version ResolveConflict keeps.
type Keep int

const (
	KeepShown Keep = iota // the evening as shown; the other version goes
	KeepOther             // the conflict's version replaces the shown one
)

// Conflicts lists every version waiting for the user, oldest first.
func (e *Engine) Conflicts(ctx context.Context) ([]Conflict, error) {
	return e.conflicts(ctx, "")
}

// ConflictFor lists the other versions of one evening; none means the
// evening was not edited on two computers.
func (e *Engine) ConflictFor(ctx context.Context, reflectionID string) ([]Conflict, error) {
	return e.conflicts(ctx, reflectionID)
}

func (e *Engine) conflicts(ctx context.Context, id string) ([]Conflict, error) {
	q := `SELECT c.seq, c.entity_id, c.device, ifnull(d.name, ''), c.deleted, c.body, c.written_utc
		FROM sync_conflicts c LEFT JOIN sync_devices d ON d.device = c.device WHERE c.kind = 'reflection'`
	args := []any{}
	if id != "" {
		q += " AND c.entity_id = ?"
		args = append(args, id)
	}
	rows, err := e.s.ReadDB().QueryContext(ctx, q+" ORDER BY c.seq", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var c Conflict
		var body, at string
		if err := rows.Scan(&c.Seq, &c.ReflectionID, &c.Device, &c.DeviceName, &c.Deleted, &body, &at); err != nil {
			return nil, err
		}
		c.Noticed, _ = time.Parse("2006-01-02T15:04:05.000Z", at)
		if !c.Deleted && body != "" {
			var err error
			if c.Reflection, err = exchange.UnmarshalReflection([]byte(body), time.Now().Add(1<<40)); err != nil {
				c.Reflection = nil
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ResolveConflict settles one conflict: keep the evening as shown, or
// replace it with the other version. Either way the choice is sent, and
// the other computers forget the same conflict.
func (e *Engine) ResolveConflict(ctx context.Context, seq int64, keep Keep) error {
	return e.s.Batch(ctx, func(b *journal.Batch) error {
		tx := b.Tx()
		var id, body string
		var deleted bool
		err := tx.QueryRowContext(ctx, "SELECT entity_id, deleted, body FROM sync_conflicts WHERE seq = ?", seq).Scan(&id, &deleted, &body)
		if errors.Is(err, sql.ErrNoRows) {
			return journal.Errorf(journal.ENOTFOUND, "No such conflict: it may have been settled on another computer.")
		}
		if err != nil {
			return err
		}
		if keep == KeepOther {
			if deleted {
				if err := b.DeleteReflection(id); err != nil {
					return err
				}
			} else {
				r, err := exchange.UnmarshalReflection([]byte(body), e.s.Now())
				if err != nil {
					return fmt.Errorf("the other version cannot be saved: %w", err)
				}
				if err := b.PutReflection(r); err != nil {
					return err
				}
			}
		}
		// The settled version must dominate the conflict's: fold its
		// version vector into the evening's before the next round stamps it.
		var cvv string
		if err := tx.QueryRowContext(ctx, "SELECT vv FROM sync_conflicts WHERE seq = ?", seq).Scan(&cvv); err != nil {
			return err
		}
		if v, err := loadVersion(ctx, tx, KindReflection, id); err == nil && v != nil {
			v.VV = union(v.VV, decodeVV(cvv))
			if err := storeVersion(ctx, tx, KindReflection, id, v); err != nil {
				return err
			}
		}
		k, _ := json.Marshal([2]string{KindReflection, id})
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO sync_local (key, value) VALUES (?, ?)", "resolve:"+KindReflection+":"+id, string(k)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO sync_changes (kind, id) VALUES (?, ?)", KindReflection, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sync_conflicts WHERE seq = ?", seq)
		return err
	})
}
