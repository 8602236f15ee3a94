package journal

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestPackedTimelineTakesAnyText: the packed read itself (not its row by
// row fallback) reads texts and notes holding NULs, separators, colons and
// digits, the same as the plain read.
func TestPackedTimelineTakesAnyText(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	p, err := s.AddPerson(ctx, "Iris")
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"NUL \x00 in the middle", "12:3;4:", "\x00", "", "a\x1eb\x1fc %s %d"} {
		r := &Reflection{At: now.Add(-time.Duration(i+1) * time.Hour), Text: text, Encounters: []Encounter{{
			PersonID: p.ID, Closeness: 3, Moments: []Moment{{Kind: KindLaughed, Note: text}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var packed, rows []Reflection
	err = s.read(ctx, func(tx *sql.Tx) error {
		where, args, err := timelineWhere(ctx, tx, &TimelineQuery{PersonID: p.ID})
		if err != nil {
			return err
		}
		if packed, err = packedTimeline(ctx, tx, where, args); err != nil {
			return err
		}
		rows, err = rowsTimeline(ctx, tx, where, args)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(packed) != 5 {
		t.Fatalf("packed read: %d reflections, want 5", len(packed))
	}
	for i := range packed {
		a, b := packed[i], rows[i]
		if a.ID != b.ID || !a.At.Equal(b.At) || a.Text != b.Text || !reflect.DeepEqual(a.Encounters, b.Encounters) {
			t.Errorf("reflection %d: packed %+v, plain %+v", i, a, b)
		}
	}
}
