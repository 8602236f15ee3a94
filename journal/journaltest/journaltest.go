// Package journaltest has helpers for tests and benchmarks that need a real
// journal: a fresh one in a temp dir, or the shared reference journal.
package journaltest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "kindred/assets" // the deck: the reference journal records questions from it
	"kindred/journal"
	"kindred/journal/sample"
)

// MustOpen opens a new, empty journal in a temp dir; it is closed when the test ends.
func MustOpen(tb testing.TB) *journal.Store {
	tb.Helper()
	s, err := journal.Open(context.Background(), filepath.Join(tb.TempDir(), "journal.db"))
	if err != nil {
		tb.Fatalf("open journal: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// MustAddPerson adds a person or fails the test.
func MustAddPerson(tb testing.TB, s *journal.Store, name string) *journal.Person {
	tb.Helper()
	p, err := s.AddPerson(context.Background(), name)
	if err != nil {
		tb.Fatalf("add person %q: %v", name, err)
	}
	return p
}

// sharedJournal is a sample journal written once per run into the bench dir.
type sharedJournal struct {
	name string
	opts sample.Options
	once sync.Once
	path string
	err  error
}

var (
	reference    = &sharedJournal{name: "reference.db", opts: sample.Reference}
	referenceCJK = &sharedJournal{name: "reference-cjk.db", opts: sample.ReferenceCJK}
)

// ReferencePath returns the path of the reference journal
// (kindred demo --people 200 --years 10 --seed 1), written once per run.
// `make bench` sets KINDRED_BENCH_DIR to one temp dir for the whole run, so
// the packages' benchmark processes share it; otherwise each process writes
// its own. Treat the file as read-only: use ReferenceCopy to write.
func ReferencePath(tb testing.TB) string { return reference.pathFor(tb) }

// ReferenceCJKPath is ReferencePath for the same journal written in Chinese,
// Japanese and Korean (kindred demo --people 200 --years 10 --seed 1 --cjk).
func ReferenceCJKPath(tb testing.TB) string { return referenceCJK.pathFor(tb) }

func (j *sharedJournal) pathFor(tb testing.TB) string {
	tb.Helper()
	j.once.Do(func() {
		dir := os.Getenv("KINDRED_BENCH_DIR")
		if dir == "" {
			dir, j.err = os.MkdirTemp("", "kindred-reference-")
			if j.err != nil {
				return
			}
		}
		j.path = filepath.Join(dir, j.name)
		if _, err := os.Stat(j.path); err == nil {
			return
		}
		// Written under a temporary name and renamed, so a process that
		// finds the file finds it whole.
		tmp, err := os.MkdirTemp(dir, "writing-")
		if err != nil {
			j.err = err
			return
		}
		defer os.RemoveAll(tmp)
		p := filepath.Join(tmp, j.name)
		if j.err = sample.Write(context.Background(), p, j.opts); j.err != nil {
			return
		}
		j.err = os.Rename(p, j.path)
	})
	if j.err != nil {
		tb.Fatalf("reference journal %s: %v", j.name, j.err)
	}
	return j.path
}

// OpenReference opens the reference journal read-mostly; it is closed when
// the benchmark ends. Benchmarks that write must use ReferenceCopy.
func OpenReference(tb testing.TB) *journal.Store {
	tb.Helper()
	return openShared(tb, ReferencePath(tb))
}

// OpenReferenceCJK opens the CJK reference journal as OpenReference does.
func OpenReferenceCJK(tb testing.TB) *journal.Store {
	tb.Helper()
	return openShared(tb, ReferenceCJKPath(tb))
}

func openShared(tb testing.TB, path string) *journal.Store {
	tb.Helper()
	s, err := journal.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open reference journal: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// ReferenceCopy copies the reference journal into a temp dir and opens it.
func ReferenceCopy(tb testing.TB) *journal.Store {
	tb.Helper()
	src := ReferencePath(tb)
	dst := filepath.Join(tb.TempDir(), "journal.db")
	if err := copyFile(src, dst); err != nil {
		tb.Fatalf("copy reference journal: %v", err)
	}
	s, err := journal.Open(context.Background(), dst)
	if err != nil {
		tb.Fatalf("open reference copy: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// copyFile copies a closed journal (with its WAL, if any).
func copyFile(src, dst string) error {
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
		out, err := os.OpenFile(dst+suffix, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// BusiestPerson returns the id of the person with the most evenings.
func BusiestPerson(tb testing.TB, s *journal.Store) journal.PersonSummary {
	tb.Helper()
	people, err := s.PeopleSummaries(context.Background(), true)
	if err != nil {
		tb.Fatal(err)
	}
	best := people[0]
	for _, p := range people {
		if p.Evenings > best.Evenings {
			best = p
		}
	}
	return best
}
