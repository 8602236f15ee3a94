package exchange_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
)

// The importers read files from anywhere. Fuzzing feeds them mutations of
// the files in testdata: whatever the bytes, reading must not panic, must
// take well under a second, and whatever it accepts must be fit to save.

func addSeeds(f *testing.F, dir string) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files in testdata/%s", dir)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// quickly fails an input that takes a second or more: an importer must
// never be made to crawl by what it reads.
func quickly(t *testing.T, fn func()) {
	start := time.Now()
	fn()
	if d := time.Since(start); d >= time.Second {
		t.Errorf("this input took %s to read", d)
	}
}

var fuzzClock = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func FuzzKindredJSON(f *testing.F) {
	addSeeds(f, "kindred")
	f.Fuzz(func(t *testing.T, data []byte) {
		quickly(t, func() {
			src, err := exchange.Read(data, exchange.ReadOptions{Format: exchange.FormatKindred, Now: fuzzClock})
			if err != nil {
				return
			}
			checkProblems(t, src)
			people := map[string]bool{}
			for _, p := range src.Kindred.People {
				if err := p.Validate(); err != nil || p.ID == "" {
					t.Errorf("accepted a person that cannot be saved: %+v (%v)", p, err)
				}
				people[p.ID] = true
			}
			for _, r := range src.Kindred.Reflections {
				if err := r.Validate(fuzzClock); err != nil {
					t.Errorf("accepted reflection %d that cannot be saved: %v", r.Number, err)
				}
				for _, e := range r.Encounters {
					if !people[e.PersonID] {
						t.Errorf("reflection %d names a person the file does not hold", r.Number)
					}
				}
			}
		})
	})
}

func FuzzDayOne(f *testing.F) {
	addSeeds(f, "dayone")
	f.Fuzz(func(t *testing.T, data []byte) {
		quickly(t, func() { readForeign(t, data, exchange.FormatDayOne) })
	})
}

func FuzzJrnl(f *testing.F) {
	addSeeds(f, "jrnl")
	f.Fuzz(func(t *testing.T, data []byte) {
		quickly(t, func() { readForeign(t, data, exchange.FormatJrnl) })
	})
}

// readForeign reads a Day One or jrnl file and maps every name it finds to
// a person, as an import would, and checks the reflections that come out.
func readForeign(t *testing.T, data []byte, format string) {
	src, err := exchange.Read(data, exchange.ReadOptions{Format: format, Now: fuzzClock, Location: time.UTC})
	if err != nil {
		return
	}
	checkProblems(t, src)
	if src.Total != len(src.Entries)+len(src.Problems) {
		t.Errorf("the file counts %d entries, but %d were read and %d cannot be", src.Total, len(src.Entries), len(src.Problems))
	}
	names := src.Names(journal.BuiltinKinds, nil)
	m := exchange.Mapping{}
	ids := map[string]string{}
	for _, n := range names {
		if n.Kind == "" {
			m[n.Key()] = exchange.Target{NewName: n.Name}
			ids[journal.FoldName(n.Name)] = "person-" + n.Key()
		}
	}
	if len(exchange.Undecided(names, m)) != 0 {
		t.Errorf("names left undecided after mapping them all")
	}
	list, noOne := src.Reflections(m, journal.BuiltinKinds, ids, "")
	if len(list)+len(noOne) != len(src.Entries) {
		t.Errorf("%d entries became %d reflections and %d with no one", len(src.Entries), len(list), len(noOne))
	}
	seen := map[string]bool{}
	for _, r := range list {
		if err := r.Validate(fuzzClock); err != nil {
			t.Errorf("entry %d became a reflection that cannot be saved: %v", r.Number, err)
		}
		if seen[r.ID] {
			// Two entries with the same source id: the import counts the
			// second as already present, which is right for a duplicate.
			continue
		}
		seen[r.ID] = true
	}
}

func checkProblems(t *testing.T, src *exchange.Source) {
	for _, p := range src.Problems {
		if p.Number < 1 || p.Reason == "" || p.What == "" {
			t.Errorf("a problem that does not say where or why: %+v", p)
		}
	}
}
