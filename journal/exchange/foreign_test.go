package exchange_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

var importClock = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func readTestFile(t *testing.T, name string, o exchange.ReadOptions) *exchange.Source {
	t.Helper()
	o.Now = importClock
	src, err := exchange.ReadFile(filepath.Join("testdata", name), o)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return src
}

func namesOf(names []exchange.Name) []string {
	var out []string
	for _, n := range names {
		s := n.Name
		if n.Kind != "" {
			s += "=" + n.Kind
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestDayOneImport(t *testing.T) {
	for _, file := range []string{"dayone/Journal.json", "dayone/export.zip"} {
		t.Run(file, func(t *testing.T) {
			ctx := context.Background()
			src := readTestFile(t, file, exchange.ReadOptions{})
			if src.Format != exchange.FormatDayOne {
				t.Fatalf("detected %s, want dayone", src.Format)
			}
			if len(src.Entries) != 5 || len(src.Problems) != 2 {
				t.Fatalf("got %d entries and problems %v; want 5 entries and 2 problems", len(src.Entries), src.Problems)
			}
			for i, want := range []string{"entry 5: unknown time zone", "entry 6: creationDate \"last Tuesday\""} {
				if got := src.Problems[i].String(); !strings.HasPrefix(got, want) {
					t.Errorf("problem %d: got %q, want it to start %q", i, got, want)
				}
			}

			s := journaltest.MustOpen(t)
			s.Now = func() time.Time { return importClock }
			marta := journaltest.MustAddPerson(t, s, "Marta")
			kinds, _ := s.Kinds(ctx)
			people, _ := s.People(ctx, true)
			names := src.Names(kinds, people)
			want := []string{"A whole day together=perfect-day", "Inside joke=inside-joke", "Jonas", "Marta", "Went deep=deep-talk", "adventure=adventure", "laughed=laughed", "work"}
			if got := namesOf(names); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("names:\n got %v\nwant %v", got, want)
			}
			m := exchange.DefaultMapping(names)
			if m["marta"].PersonID != marta.ID || len(m) != 1 {
				t.Errorf("default mapping: got %v, want only Marta, to the journal's Marta", m)
			}

			// Unreadable entries cancel unless skipped; undecided names cancel.
			if _, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m}); !isProblems(err) {
				t.Fatalf("import with unreadable entries: got %v, want it cancelled", err)
			}
			_, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m, SkipBad: true})
			var ue *exchange.UndecidedError
			if !errors.As(err, &ue) || len(ue.Names) != 2 {
				t.Fatalf("import with Jonas and work undecided: got %v, want both listed", err)
			}
			if !strings.Contains(err.Error(), "Jonas (2 entries)") || !strings.Contains(err.Error(), "work (1 entry)") {
				t.Errorf("the message does not list the names: %v", err)
			}
			if st, _ := s.Stats(ctx); st.Reflections != 0 || st.People != 1 {
				t.Fatalf("a cancelled import wrote: %+v", st)
			}

			m["jonas"] = exchange.Target{NewName: "Jonas Weber"}
			m["work"] = exchange.Target{} // left out
			sum, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m, SkipBad: true})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if sum.Added.People != 1 || sum.Added.Reflections != 3 || len(sum.NoOne) != 2 || len(sum.Skipped) != 2 {
				t.Errorf("summary: %+v\n%s", sum, sum)
			}
			jonas, err := s.FindPerson(ctx, "Jonas Weber")
			if err != nil {
				t.Fatalf("Jonas was not added: %v", err)
			}

			// The Berlin dinner: 20:42 local, text cleaned of Day One's escapes and photo.
			page, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: marta.ID})
			if len(page.Reflections) != 3 {
				t.Fatalf("Marta has %d evenings, want 3", len(page.Reflections))
			}
			byDay := map[string]journal.Reflection{}
			for _, r := range page.Reflections {
				byDay[r.At.Format("2006-01-02")] = r
			}
			dinner := byDay["2025-03-14"]
			if got := dinner.At.Format("15:04 -07:00"); got != "20:42 +01:00" {
				t.Errorf("dinner time: got %s, want 20:42 +01:00", got)
			}
			if want := "Dinner at Marta's. We laughed about the broken oven!\n\nLater @Jonas came by and we talked until midnight."; dinner.Text != want {
				t.Errorf("dinner text:\n got %q\nwant %q", dinner.Text, want)
			}
			if len(dinner.Encounters) != 2 || dinner.Encounter(jonas.ID) == nil {
				t.Fatalf("dinner: Marta and Jonas (by @mention) should both be there: %+v", dinner.Encounters)
			}
			for _, e := range dinner.Encounters {
				if !e.HasKind(journal.KindLaughed) || !e.HasKind(journal.KindDeepTalk) || len(e.Moments) != 2 {
					t.Errorf("dinner moments for %s: %+v, want laughed and deep-talk", e.PersonID, e.Moments)
				}
			}
			if !dinner.UpdatedAt.Equal(time.Date(2025, 3, 14, 20, 5, 31, 0, time.UTC)) {
				t.Errorf("dinner updated at %s, want Day One's modifiedDate", dinner.UpdatedAt)
			}
			trek := byDay["2025-04-12"]
			if got := trek.At.Format("15:04 -07:00"); got != "21:15 +05:45" {
				t.Errorf("trek time: got %s, want 21:15 +05:45", got)
			}
			if e := trek.Encounter(marta.ID); e == nil || !e.HasKind(journal.KindAdventure) || !e.HasKind(journal.KindPerfectDay) {
				t.Errorf("trek moments: %+v", trek.Encounters)
			}
			games := byDay["2025-05-10"]
			if len(games.Encounters) != 2 || !games.Encounters[0].HasKind(journal.KindInsideJoke) {
				t.Errorf("board games: %+v", games.Encounters)
			}

			// The same export again adds nothing.
			again, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m, SkipBad: true})
			if err != nil {
				t.Fatal(err)
			}
			if again.Added != (exchange.Counts{}) || again.Present.Reflections != 3 {
				t.Errorf("second import: added %+v, present %+v; want nothing added, 3 present", again.Added, again.Present)
			}
		})
	}
}

func TestJrnlImport(t *testing.T) {
	ctx := context.Background()
	lisbon := time.FixedZone("", 3600)
	src := readTestFile(t, "jrnl/journal.json", exchange.ReadOptions{Location: lisbon})
	if src.Format != exchange.FormatJrnl {
		t.Fatalf("detected %s, want jrnl", src.Format)
	}
	if len(src.Entries) != 4 || len(src.Problems) != 1 || src.Problems[0].Number != 5 {
		t.Fatalf("got %d entries and problems %v; want 4 and entry 5 unreadable", len(src.Entries), src.Problems)
	}
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return importClock }
	kinds, _ := s.Kinds(ctx)
	names := src.Names(kinds, nil)
	if got := namesOf(names); strings.Join(got, "|") != "adventure=adventure|jonas|laughed=laughed|marta" {
		t.Errorf("names: got %v", got)
	}
	m := exchange.Mapping{"marta": {NewName: "Marta"}, "jonas": {NewName: "Jonas"}}
	sum, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m, SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added.People != 2 || sum.Added.Reflections != 3 || len(sum.NoOne) != 1 || sum.NoOne[0] != 3 {
		t.Errorf("summary: %+v\n%s", sum, sum)
	}
	marta, err := s.FindPerson(ctx, "marta")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: marta.ID})
	if len(page.Reflections) != 2 {
		t.Fatalf("Marta has %d evenings, want 2", len(page.Reflections))
	}
	swim, walk := page.Reflections[0], page.Reflections[1]
	if got := walk.At.Format("2006-01-02 15:04 -07:00"); got != "2025-05-02 21:10 +01:00" {
		t.Errorf("walk at %s", got)
	}
	if walk.Text != "Long walk with @Marta.\nWe ended up at the old harbour and @laughed about nothing at all." {
		t.Errorf("walk text: %q, want the title on a line of its own", walk.Text)
	}
	if !walk.Encounters[0].HasKind(journal.KindLaughed) || !swim.Encounters[0].HasKind(journal.KindAdventure) {
		t.Errorf("moments from @tags: walk %+v, swim %+v", walk.Encounters, swim.Encounters)
	}
	jonas, _ := s.FindPerson(ctx, "jonas")
	jp, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: jonas.ID})
	if len(jp.Reflections) != 1 || jp.Reflections[0].Text != "Coffee with @jonas\nHe told me about the move to Lisbon.\nI mostly listened." {
		t.Errorf("coffee: %+v", jp.Reflections)
	}
	again, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m, SkipBad: true})
	if err != nil || again.Added != (exchange.Counts{}) || again.Present.Reflections != 3 {
		t.Errorf("second import: %+v %v", again, err)
	}
}

func TestDetect(t *testing.T) {
	for file, want := range map[string]string{
		"dayone/Journal.json": exchange.FormatDayOne,
		"dayone/export.zip":   exchange.FormatDayOne,
		"jrnl/journal.json":   exchange.FormatJrnl,
		"jrnl/empty.json":     exchange.FormatJrnl,
		"kindred/small.json":  exchange.FormatKindred,
	} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := exchange.Detect(data)
		if err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %q", file, got, err, want)
		}
	}
	for _, bad := range []string{"", "not json", "[1,2]", `{"hello": "world"}`, "{\"entries\": [1]}"} {
		if f, err := exchange.Detect([]byte(bad)); err == nil {
			t.Errorf("%q detected as %s, want an error", bad, f)
		}
	}
}

func TestKindredFileProblems(t *testing.T) {
	src := readTestFile(t, "kindred/broken-entries.json", exchange.ReadOptions{})
	if len(src.Problems) != 2 {
		t.Fatalf("problems: got %v, want 2", src.Problems)
	}
	if got := src.Problems[0].String(); !strings.HasPrefix(got, "reflection 1: ") || !strings.Contains(got, "closeness") {
		t.Errorf("first problem: %q", got)
	}
	if _, err := exchange.ReadFile(filepath.Join("testdata", "kindred", "newer-version.json"), exchange.ReadOptions{}); journal.ErrorCode(err) != journal.ENEWER {
		t.Errorf("newer format: got %v, want %s", err, journal.ENEWER)
	}
	if _, err := exchange.ReadFile(filepath.Join("testdata", "kindred", "truncated.json"), exchange.ReadOptions{}); err == nil {
		t.Errorf("a truncated file was read")
	}
}

func isProblems(err error) bool {
	var pe *exchange.ProblemsError
	return errors.As(err, &pe)
}
