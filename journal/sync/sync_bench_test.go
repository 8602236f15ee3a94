package sync

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// BenchmarkFirstJoinOfTheReference: the reference journal set up on one
// computer (a snapshot), then an empty journal joins from it.
func BenchmarkFirstJoinOfTheReference(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		a := New(journaltest.ReferenceCopy(b))
		dir := b.TempDir()
		pairing, _, err := a.Setup(ctx, dir, SetupOptions{Name: "a"})
		if err != nil {
			b.Fatal(err)
		}
		j, err := journal.Open(ctx, filepath.Join(b.TempDir(), "j.db"))
		if err != nil {
			b.Fatal(err)
		}
		c := New(j)
		calls := 0
		b.StartTimer()
		if _, err := c.Join(ctx, dir, pairing, SetupOptions{Name: "c"}, func(done, total int) { calls++ }); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if calls == 0 {
			b.Fatal("no progress")
		}
		j.Close()
		b.StartTimer()
	}
}

// BenchmarkEveningRound: one evening saved on one computer, its round out
// and the other computer's round in, both on the reference journal.
func BenchmarkEveningRound(b *testing.B) {
	ctx := context.Background()
	sa := journaltest.ReferenceCopy(b)
	sb := journaltest.ReferenceCopy(b)
	a, c := New(sa), New(sb)
	dir := b.TempDir()
	pairing, _, err := a.Setup(ctx, dir, SetupOptions{Name: "a"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Join(ctx, dir, pairing, SetupOptions{Name: "c"}, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Round(ctx); err != nil {
		b.Fatal(err)
	}
	people, _ := sa.People(ctx, false)
	at := time.Date(2024, 1, 1, 21, 0, 0, 0, time.UTC)
	i := 0
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		i++
		r := &journal.Reflection{At: at.Add(time.Duration(i) * time.Hour), Text: fmt.Sprint("evening ", i), Encounters: []journal.Encounter{{PersonID: people[0].ID}}}
		if err := sa.SaveReflection(ctx, r); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := a.Round(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Round(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
