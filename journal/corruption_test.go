package journal_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
)

// TestOpeningDamagedCopies changes random bytes in hundreds of copies of a
// journal. Opening each must give a clear error or a journal whose reads
// return data or clear errors; nothing may panic, and nothing may write to
// a damaged file: its bytes are the same after opening, reading and closing,
// and no write-ahead log is left to change it later.
func TestOpeningDamagedCopies(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	orig := filepath.Join(dir, "journal.db")
	s, err := journal.Open(ctx, orig)
	if err != nil {
		t.Fatal(err)
	}
	// A fixed clock keeps the journal's bytes, and so what each mutation
	// hits, the same from run to run.
	s.Now = func() time.Time { return time.Date(2026, 11, 1, 22, 0, 0, 0, time.UTC) }
	fill(t, s, 80)
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d1", Body: `{"text":"half a thought"}`}); err != nil {
		t.Fatal(err)
	}
	if err := s.DismissSuggestion(ctx, "laugh-more"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	pristine, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(orig + "-wal"); err == nil {
		t.Fatal("the closed journal still has a write-ahead log")
	}

	rng := rand.New(rand.NewPCG(7, 11))
	const copies = 240
	var refused, opened, damagedOpened int
	codes := map[string]int{}
	for i := 0; i < copies; i++ {
		b := bytes.Clone(pristine)
		how := mutate(rng, b)
		path := filepath.Join(dir, fmt.Sprintf("copy-%03d", i), "journal.db")
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		problems, checkErr := journal.Check(ctx, path)
		damaged := checkErr != nil || len(problems) > 0
		if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
			t.Fatalf("copy %d (%s): check changed the file", i, how)
		}

		st, err := journal.Open(ctx, path)
		if err != nil {
			refused++
			code := journal.ErrorCode(err)
			codes[code]++
			if code == journal.EINTERNAL {
				t.Errorf("copy %d (%s): open gave an error without a clear code: %v", i, how, err)
			}
		} else {
			opened++
			if damaged {
				damagedOpened++
			}
			// integrity_check cannot see damage inside a value (a time whose
			// text lost a digit): reading must then fail with a clear error.
			if err := readEverything(ctx, st); err != nil && !damaged && journal.ErrorCode(err) != journal.EDAMAGED {
				t.Errorf("copy %d (%s): the journal passes integrity_check but reading it failed without saying it is damaged: %v", i, how, err)
			}
			if err := st.Close(); err != nil {
				t.Errorf("copy %d (%s): close: %v", i, how, err)
			}
		}

		after, _ := os.ReadFile(path)
		// A copy whose header was changed to the rollback journal mode and is
		// otherwise sound is a valid journal: Open switches it to WAL.
		modeSwitch := !damaged && b[18] == 1 && err == nil
		if !bytes.Equal(after, b) && !modeSwitch {
			t.Errorf("copy %d (%s, damaged=%v): the file changed (%d bytes differ)", i, how, damaged, countDiff(after, b))
		}
		if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
			t.Errorf("copy %d (%s): a write-ahead log of %d bytes was left", i, how, wal.Size())
		}
		os.RemoveAll(filepath.Dir(path))
	}
	t.Logf("%d copies: %d refused (%v), %d opened (%d of them damaged past what opening checks)", copies, refused, codes, opened, damagedOpened)
	if refused == 0 || opened == 0 {
		t.Errorf("the mutations should give both refused and opened copies: %d refused, %d opened", refused, opened)
	}
}

// mutate changes a few random bytes of b in one of several ways and says how.
func mutate(rng *rand.Rand, b []byte) string {
	const page = 4096
	switch rng.IntN(5) {
	case 0: // the 100-byte header
		n := 1 + rng.IntN(3)
		for j := 0; j < n; j++ {
			b[rng.IntN(100)] = byte(rng.IntN(256))
		}
		return fmt.Sprintf("%d header bytes", n)
	case 1: // the first page: the schema
		n := 1 + rng.IntN(8)
		for j := 0; j < n; j++ {
			b[100+rng.IntN(page-100)] = byte(rng.IntN(256))
		}
		return fmt.Sprintf("%d bytes of page 1", n)
	case 2: // a torn sector somewhere
		off := rng.IntN(len(b)/512) * 512
		for j := off; j < off+512 && j < len(b); j++ {
			b[j] = 0
		}
		return fmt.Sprintf("sector at %d zeroed", off)
	default: // scattered bytes anywhere
		n := 1 + rng.IntN(16)
		for j := 0; j < n; j++ {
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		return fmt.Sprintf("%d scattered bytes", n)
	}
}

// readEverything reads all the journal holds through the store's API.
func readEverything(ctx context.Context, s *journal.Store) error {
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	_, err := s.Stats(ctx)
	keep(err)
	people, err := s.PeopleSummaries(ctx, true)
	keep(err)
	_, err = s.Kinds(ctx)
	keep(err)
	_, err = s.Drafts(ctx)
	keep(err)
	_, err = s.DismissedSuggestions(ctx)
	keep(err)
	_, err = s.Search(ctx, journal.SearchQuery{Text: "river"})
	keep(err)
	// Everything, as an export reads it.
	keep(s.Walk(ctx, journal.Walk{
		Person:     func(*journal.Person) error { return nil },
		Kind:       func(*journal.MomentKind, time.Time) error { return nil },
		Reflection: func(*journal.Reflection) error { return nil },
		Draft:      func(*journal.Draft) error { return nil },
		Dismissed:  func(string, time.Time) error { return nil },
		Setting:    func(string, string) error { return nil },
	}))
	for _, p := range people {
		q := journal.TimelineQuery{PersonID: p.ID, Limit: 500}
		page, err := s.Timeline(ctx, q)
		keep(err)
		for _, r := range page.Reflections {
			_, err := s.Reflection(ctx, r.ID)
			keep(err)
		}
		_, err = s.Firsts(ctx, p.ID)
		keep(err)
	}
	return errors.Join(errs...)
}

func countDiff(a, b []byte) int {
	n := 0
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n + max(len(a), len(b)) - min(len(a), len(b))
}
