package sync

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal/journaltest"
)

// A journal that does not sync carries no triggers and notes nothing; one
// that starts syncing sends what it already held; one that stops drops the
// triggers again and keeps its evenings.
func TestChangesAreNotedOnlyWhileSyncing(t *testing.T) {
	ctx := context.Background()
	c := newComputer(t, "laptop")
	ana := journaltest.MustAddPerson(t, c.s, "Ana")
	before := c.evening(t, ana.ID, "Written before sync.", time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC))
	pending := func() int {
		var n int
		if err := c.s.ReadDB().QueryRowContext(ctx, "SELECT count(*) FROM sync_changes").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if on, err := capturing(ctx, c.s.ReadDB()); err != nil || on || pending() != 0 {
		t.Fatalf("before setup: triggers %v (%v), %d changes noted; want none", on, err, pending())
	}
	if _, _, err := c.e.Setup(ctx, filepath.Join(c.dir), SetupOptions{Name: "laptop"}); err != nil {
		t.Fatal(err)
	}
	if on, _ := capturing(ctx, c.s.ReadDB()); !on {
		t.Fatal("no triggers after setup")
	}
	if v, err := loadVersion(ctx, c.s.ReadDB(), KindReflection, before.ID); err != nil || v == nil {
		t.Errorf("the evening written before setup was not sent: %v %v", v, err)
	}
	c.evening(t, ana.ID, "Written while syncing.", time.Date(2025, 6, 2, 20, 0, 0, 0, time.UTC))
	if pending() == 0 {
		t.Error("an evening saved while syncing was not noted")
	}
	if err := c.e.Forget(ctx); err != nil {
		t.Fatal(err)
	}
	if on, _ := capturing(ctx, c.s.ReadDB()); on || pending() != 0 {
		t.Errorf("after Forget: triggers %v, %d changes noted; want none", on, pending())
	}
	if st, err := c.s.Stats(ctx); err != nil || st.Reflections != 2 {
		t.Errorf("after Forget the journal holds %+v (%v), want both evenings", st, err)
	}
}
