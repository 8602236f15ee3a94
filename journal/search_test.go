package journal_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// searchAll follows a search to its last page, in pages of size.
func searchAll(tb testing.TB, s *journal.Store, text string, size int) []journal.Reflection {
	tb.Helper()
	q := journal.SearchQuery{Text: text, Limit: size}
	var out []journal.Reflection
	for i := 0; ; i++ {
		page, err := s.Search(context.Background(), q)
		if err != nil {
			tb.Fatalf("search %q: %v", text, err)
		}
		out = append(out, page.Reflections...)
		if page.Next == nil {
			return out
		}
		if i > 10000 {
			tb.Fatal("search never ends")
		}
		q.After = page.Next
	}
}

func TestSearchMatchingRules(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	zoe := journaltest.MustAddPerson(t, s, "Zoë Okafor")
	soren := journaltest.MustAddPerson(t, s, "Søren Łukasiewicz")
	athina := journaltest.MustAddPerson(t, s, "Αθηνά")
	day := func(d int) time.Time { return base.AddDate(0, 0, d) }
	named := map[string]*journal.Reflection{}
	add := func(name string, personID string, at time.Time, text string, notes map[string]string) {
		enc := journal.Encounter{PersonID: personID}
		for kind, note := range notes {
			enc.Moments = append(enc.Moments, journal.Moment{Kind: kind, Note: note})
		}
		r := &journal.Reflection{At: at, Text: text, Encounters: []journal.Encounter{enc}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		named[name] = r
	}
	add("café", soren.ID, day(0), "Met at the CAFÉ near the station. We laughed a lot.", nil)
	add("umbrella", soren.ID, day(1), "The tiny umbrella joke came back; we laughed until we cried.", nil)
	add("umbrella reversed", soren.ID, day(2), "Her umbrella was tiny and broken.", nil)
	add("kayak note", soren.ID, day(3), "A quiet Sunday.", map[string]string{journal.KindAdventure: "kayak on the cold lake"})
	add("zoe by name only", zoe.ID, day(4), "Dinner, nothing special.", nil)
	add("zoe in text", soren.ID, day(5), "Zoe called during dinner; laughing-fit.", nil)
	add("greek", athina.ID, day(6), "Ήταν μια όμορφη βραδιά.", nil)
	add("ligature", soren.ID, day(7), "A ﬁne evening with a Straße party.", nil)

	cases := []struct {
		query string
		want  []string
	}{
		{"zoe", []string{"zoe by name only", "zoe in text"}},
		{"ZOË", []string{"zoe by name only", "zoe in text"}},
		{"zoë okafor", []string{"zoe by name only"}},
		{"cafe", []string{"café"}},
		{"Café", []string{"café"}},
		{"soren", []string{"café", "umbrella", "umbrella reversed", "kayak note", "zoe in text", "ligature"}},
		{"lukasiewicz kayak", []string{"kayak note"}},
		{"αθηνα", []string{"greek"}},
		{"ομορφη", []string{"greek"}},
		{"fine strasse", []string{"ligature"}},
		{"lau", []string{"café", "umbrella", "zoe in text"}},
		{"laughed", []string{"café", "umbrella"}},
		{"aughed", nil},
		{`"laugh"`, nil},
		{`"laughed"`, []string{"café", "umbrella"}},
		{`"tiny umbrella"`, []string{"umbrella"}},
		{`"umbrella tiny"`, nil},
		{`umbrella tiny`, []string{"umbrella", "umbrella reversed"}},
		{`"tiny umb`, []string{"umbrella"}}, // a quote still being typed
		{`"laughing fit"`, []string{"zoe in text"}},
		{"kayak", []string{"kayak note"}},
		{"cold lake", []string{"kayak note"}},
		{"dinner zoe", []string{"zoe by name only", "zoe in text"}},
		{"dinner kayak", nil},
		{"", nil},
		{`" " !?`, nil},
		// Query syntax typed by accident is read as words, never as operators.
		{"tiny OR nothing", nil},
		{"tiny NOT umbrella", nil},
		{"-umbrella tiny", []string{"umbrella", "umbrella reversed"}},
		{"umbrella*", []string{"umbrella", "umbrella reversed"}},
		{"NEAR(tiny umbrella)", nil}, // "near" is a word here, and no umbrella evening has it
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var want []*journal.Reflection
			for _, name := range c.want {
				want = append(want, named[name])
			}
			got := ids(searchAll(t, s, c.query, 2))
			if w := newestFirst(want); !slices.Equal(got, w) {
				t.Fatalf("got %v, want %v", textsOf(named, got), textsOf(named, w))
			}
		})
	}

	t.Run("a renamed person is found by the new name only", func(t *testing.T) {
		if err := s.RenamePerson(ctx, zoe.ID, "Zoë Brennan"); err != nil {
			t.Fatal(err)
		}
		if got := searchAll(t, s, "okafor", 10); len(got) != 0 {
			t.Errorf("old name: got %v, want nothing", ids(got))
		}
		if got := ids(searchAll(t, s, "brennan", 10)); !slices.Equal(got, []string{named["zoe by name only"].ID}) {
			t.Errorf("new name: got %v, want the one evening with her", got)
		}
	})
	t.Run("an edit is searched as edited", func(t *testing.T) {
		r := named["kayak note"]
		r.Encounters[0].Moments[0].Note = "canoe"
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		if got := searchAll(t, s, "kayak", 10); len(got) != 0 {
			t.Errorf("got %v, want nothing", ids(got))
		}
		if got := searchAll(t, s, "canoe", 10); len(got) != 1 {
			t.Errorf("got %v, want the edited reflection", ids(got))
		}
	})
	t.Run("a deleted reflection is not found", func(t *testing.T) {
		if _, err := s.DeleteReflection(ctx, named["greek"].ID); err != nil {
			t.Fatal(err)
		}
		if got := searchAll(t, s, "αθηνα", 10); len(got) != 0 {
			t.Errorf("got %v, want nothing", ids(got))
		}
	})
}

func TestSearchPagesExactlyOnceWhileAdding(t *testing.T) {
	s := journaltest.MustOpen(t)
	p := journaltest.MustAddPerson(t, s, "Maya")
	var original []*journal.Reflection
	for i := 0; i < 30; i++ {
		at := base.Add(-time.Duration(i/2) * time.Hour) // pairs share a time
		original = append(original, mustSave(t, s, p.ID, evening{at: at, text: fmt.Sprintf("walk number %d", i)}))
		mustSave(t, s, p.ID, evening{at: at, text: "nothing to find here"})
	}
	seen := map[string]int{}
	q := journal.SearchQuery{Text: "walk", Limit: 4}
	var order []string
	for pages := 0; ; pages++ {
		page, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Terms) != 1 || page.Terms[0].Words[0] != "walk" {
			t.Fatalf("terms: got %+v", page.Terms)
		}
		for _, r := range page.Reflections {
			seen[r.ID]++
			order = append(order, r.ID)
		}
		if page.Next == nil {
			break
		}
		// A new walk, newer than every result: already scrolled past.
		mustSave(t, s, p.ID, evening{at: base.Add(time.Hour), text: "walk, later"})
		q.After = page.Next
	}
	for _, r := range original {
		if seen[r.ID] != 1 {
			t.Errorf("%q came %d times, want once", r.Text, seen[r.ID])
		}
	}
	if want := newestFirst(original); !slices.Equal(order, want) {
		t.Errorf("got order %v, want newest first %v", order, want)
	}
}

// A journal indexed by an earlier build (SQLite's own folding, which keeps
// "ø") is re-indexed when opened, so "soren" finds "Søren".
func TestSearchIndexIsRebuiltWhenItsSpellingIsOld(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := journaltest.MustAddPerson(t, s, "Søren")
	r := mustSave(t, s, p.ID, evening{at: base, text: "Smørrebrød with Søren"})
	db := s.DB()
	if _, err := db.Exec("UPDATE reflection_search SET text = 'smørrebrød with søren', names = 'søren'"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DELETE FROM settings WHERE key = 'search_index_version'"); err != nil {
		t.Fatal(err)
	}
	if got := searchAll(t, s, "soren", 10); len(got) != 0 {
		t.Fatalf("before the rebuild: got %v, want nothing (the test did not make an old index)", ids(got))
	}
	s.Close()

	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := ids(searchAll(t, s, "smorrebrod soren", 10)); !slices.Equal(got, []string{r.ID}) {
		t.Fatalf("after the rebuild: got %v, want %v", got, []string{r.ID})
	}
}
