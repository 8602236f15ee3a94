package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// visibleHits are the result rows on screen, top to bottom.
func visibleHits(s *SearchScreen) []*searchHitView {
	var out []*searchHitView
	for _, o := range test.LaidOutObjects(s.List) {
		if v, ok := o.(*searchHitView); ok && v.Visible() {
			out = append(out, v)
		}
	}
	return out
}

func richString(runs []journal.TextRun) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Match {
			b.WriteString("[" + r.Text + "]")
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

func hitIDs(s *SearchScreen) []string {
	out := make([]string, len(s.hits))
	for i, h := range s.hits {
		out[i] = h.ID
	}
	return out
}

func TestSearchShowsMatchesNewestFirstWithTheirWordsMarked(t *testing.T) {
	f := newTLFixture(t)
	ctx := context.Background()
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	if s.Empty.Hidden || !strings.Contains(s.Empty.Text, "Search every reflection") {
		t.Fatalf("before typing: empty state %q", s.Empty.Text)
	}

	// A name, typed without its accent: every evening with Zoë, newest first,
	// one page at a time.
	s.Search("zoe okaf")
	if n := jobs.drain(); n != 1 {
		t.Fatalf("%d searches ran, want 1", n)
	}
	page, err := f.st.Search(ctx, journal.SearchQuery{Text: "zoe okaf"})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(page.Reflections))
	for i, r := range page.Reflections {
		want[i] = r.ID
	}
	if got := hitIDs(s); !slices.Equal(got, want) || len(got) != journal.DefaultPageSize || got[0] != f.reflections[tlEvenings-1].ID {
		t.Fatalf("got %d hits, want the store's first page starting with the newest evening", len(got))
	}
	if s.Status.Text != "The newest 50 results; more as you scroll." {
		t.Errorf("status: %q", s.Status.Text)
	}
	rows := visibleHits(s)
	if len(rows) < 3 {
		t.Fatalf("%d rows on screen", len(rows))
	}
	if got := rows[0].Date.Text; got != "Mon 22 Apr 2024, 20:30" {
		t.Errorf("first row's date: %q", got)
	}
	if got := rows[0].MatchedText(); !slices.Equal(got, []string{"Zoë", "Okafor", "Zoë"}) {
		t.Errorf("first row's marked words: %q, want the name's two words and the Zoë of the text", got)
	}
	if got := richString(s.hits[0].Names); got != "[Zoë] [Okafor]" {
		t.Errorf("names: %q", got)
	}

	// More as it scrolls.
	s.List.ScrollToBottom()
	jobs.drain()
	s.List.ScrollToBottom()
	jobs.drain()
	if len(s.hits) != tlEvenings || s.Status.Text != "120 results, newest first." {
		t.Errorf("after scrolling: %d hits, status %q", len(s.hits), s.Status.Text)
	}

	// Clicking a result opens it.
	s.List.Select(0)
	jobs.drain()
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != s.hits[0].ID {
		t.Errorf("clicking a result did not open it in the reading view")
	}
}

func TestSearchRulesInTheScreen(t *testing.T) {
	f := newTLFixture(t)
	ctx := context.Background()
	kayak := &journal.Reflection{At: tlStart.AddDate(1, 6, 0), Text: "A cold morning.\n\nWe took the tiny umbrella, just in case.",
		Encounters: []journal.Encounter{{PersonID: f.omar.ID, Moments: []journal.Moment{{Kind: journal.KindAdventure, Note: "kayak on the lake"}}}}}
	if err := f.st.SaveReflection(ctx, kayak); err != nil {
		t.Fatal(err)
	}
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	cases := []struct {
		query   string
		hits    int
		snippet string // of the first hit
		notes   string
	}{
		{"KAYAK", 1, "A cold morning. We took the tiny umbrella, just in case.", "Adventure: [kayak] on the lake"},
		{`"tiny umbrella"`, 1, "A cold morning. We took the [tiny umbrella], just in case.", ""},
		{`"umbrella tiny"`, 0, "", ""},
		{"umbr tin", 1, "A cold morning. We took the [tiny] [umbrella], just in case.", ""},
		{"omar cold", 1, "A [cold] morning. We took the tiny umbrella, just in case.", ""},
		{"abroad evening 110", 1, "[Evening] [110] with Zoë. We walked along the river and talked about everything and nothing.", "Went deep: the move [abroad]"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			s.Search(c.query)
			jobs.drain()
			if len(s.hits) != c.hits {
				t.Fatalf("got %d hits, want %d", len(s.hits), c.hits)
			}
			if c.hits == 0 {
				if s.Empty.Hidden || !strings.Contains(s.Empty.Text, "Nothing in the journal matches") || !s.List.Hidden {
					t.Errorf("no result: empty state %q hidden %v", s.Empty.Text, s.Empty.Hidden)
				}
				return
			}
			if got := richString(s.hits[0].Snippet); got != c.snippet {
				t.Errorf("snippet: got %q, want %q", got, c.snippet)
			}
			if got := richString(s.hits[0].Notes); got != c.notes {
				t.Errorf("notes: got %q, want %q", got, c.notes)
			}
		})
	}
	s.Search("")
	jobs.drain()
	if len(s.hits) != 0 || s.Empty.Hidden || !strings.Contains(s.Empty.Text, "Search every reflection") || s.Entry.Text != "" {
		t.Errorf("cleared: %d hits, empty state %q", len(s.hits), s.Empty.Text)
	}
}

// Results of an older search that arrive late never replace newer ones.
func TestSearchShowsOnlyTheLatestSearch(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	s.Search("evening")
	s.Search(`"evening 7"`)
	jobs.drain()
	if len(s.hits) != 1 || s.Entry.Text != `"evening 7"` {
		t.Fatalf("got %d hits for %q, want evening 7's one", len(s.hits), s.Entry.Text)
	}
}

func TestSearchFocusShowsTheFieldReadyToType(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	s.Search("river")
	jobs.drain()
	m.Tabs.Select(m.Tabs.Items[0])
	s.Focus()
	if m.Tabs.Selected().Content != s {
		t.Fatal("Focus did not show the search tab")
	}
	if m.Window.Canvas().Focused() != s.Entry {
		t.Fatal("Focus did not put the cursor in the search field")
	}
	if s.Entry.SelectedText() != "river" {
		t.Errorf("selected %q, want the previous search selected so typing replaces it", s.Entry.SelectedText())
	}
}

func TestSearchPagesWhileTheJournalGrows(t *testing.T) {
	f := newTLFixture(t)
	ctx := context.Background()
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	s.Search("river")
	jobs.drain()
	// A new evening, newer than every result, arrives while reading.
	extra := &journal.Reflection{At: tlStart.AddDate(3, 0, 0), Text: "Back by the river.", Encounters: []journal.Encounter{{PersonID: f.omar.ID}}}
	if err := f.st.SaveReflection(ctx, extra); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		s.List.ScrollToBottom()
		jobs.drain()
	}
	seen := map[string]bool{}
	for _, id := range hitIDs(s) {
		if seen[id] {
			t.Fatalf("result %s shown twice", id)
		}
		seen[id] = true
	}
	if len(s.hits) != tlEvenings {
		t.Errorf("got %d results, want the %d there were when the search ran", len(s.hits), tlEvenings)
	}
}

// Results come as the user types, once typing pauses: no search per key.
func TestSearchRunsWhenTypingPauses(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	pressShortcut(m, ctrl(fyne.KeyF))
	if m.Tabs.Selected().Content != s || m.Window.Canvas().Focused() != s.Entry {
		t.Fatal("Ctrl+F did not put the keyboard in the search field")
	}
	testTimers.fire() // nothing of the window's own may be pending
	typeText(m, "riv")
	if len(jobs.queue) != 0 || testTimers.count() == 0 {
		t.Fatalf("while typing: %d searches queued, %d waits pending; want none and one", len(jobs.queue), testTimers.count())
	}
	typeText(m, "er zo")
	testTimers.fire()
	if n := jobs.drain(); n != 1 {
		t.Fatalf("after the pause: %d searches, want 1", n)
	}
	if s.text != "river zo" || len(s.hits) != journal.DefaultPageSize {
		t.Errorf("got %d hits for %q", len(s.hits), s.text)
	}
	// Clearing the field clears the results at once.
	s.Entry.SetText("")
	if len(s.hits) != 0 || s.Empty.Hidden || testTimers.count() != 0 {
		t.Errorf("cleared: %d hits, empty state hidden %v", len(s.hits), s.Empty.Hidden)
	}
}

// A word in Chinese, Japanese or Korean is found wherever it stands in a
// sentence, and only its own characters are marked.
func TestSearchFindsAndMarksCJKWordsInTheScreen(t *testing.T) {
	f := newTLFixture(t)
	ctx := context.Background()
	mei := journaltest.MustAddPerson(t, f.st, "王美玲")
	diary := &journal.Reflection{At: tlStart.AddDate(1, 6, 0), Text: "心情3分。终于送走母亲觉得一阵释然。",
		Encounters: []journal.Encounter{{PersonID: mei.ID, Moments: []journal.Moment{{Kind: journal.KindDeepTalk, Note: "朝、友達とコーヒーを飲んだ"}}}}}
	if err := f.st.SaveReflection(ctx, diary); err != nil {
		t.Fatal(err)
	}
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	cases := []struct {
		query, snippet, notes, names string
		marked                       []string
	}{
		{"释然", "心情3分。终于送走母亲觉得一阵[释然]。", "", "王美玲", []string{"释然"}},
		{"母亲 美玲", "心情3分。终于送走[母亲]觉得一阵释然。", "", "王[美玲]", []string{"美玲", "母亲"}},
		{"コーヒー", "心情3分。终于送走母亲觉得一阵释然。", "Went deep: 朝、友達と[コーヒー]を飲んだ", "王美玲", []string{"コーヒー"}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			s.Search(c.query)
			jobs.drain()
			if len(s.hits) != 1 || s.hits[0].ID != diary.ID {
				t.Fatalf("got %d hits, want the one diary evening", len(s.hits))
			}
			if got := richString(s.hits[0].Snippet); got != c.snippet {
				t.Errorf("snippet: got %q, want %q", got, c.snippet)
			}
			if got := richString(s.hits[0].Notes); got != c.notes {
				t.Errorf("notes: got %q, want %q", got, c.notes)
			}
			if got := richString(s.hits[0].Names); got != c.names {
				t.Errorf("names: got %q, want %q", got, c.names)
			}
			rows := visibleHits(s)
			if len(rows) != 1 {
				t.Fatalf("%d rows on screen", len(rows))
			}
			if got := rows[0].MatchedText(); !slices.Equal(got, c.marked) {
				t.Errorf("marked on screen: got %q, want %q", got, c.marked)
			}
		})
	}
}

// After an edit or a delete elsewhere, the search runs again: a reflection
// that no longer matches leaves the results, one that now matches joins
// them, and the list stays where it was scrolled to.
func TestSearchRunsAgainAfterAnEdit(t *testing.T) {
	f := newTLFixture(t)
	ctx := context.Background()
	m, jobs := tlWindow(t, f.st)
	s := m.Search
	s.Focus()
	s.Search("river")
	jobs.drain()
	s.List.ScrollToBottom()
	jobs.drain()
	if len(s.hits) != 2*journal.DefaultPageSize {
		t.Fatalf("after one scroll: %d results, want two pages", len(s.hits))
	}
	s.List.ScrollToOffset(600)
	offset := s.List.GetScrollOffset()
	if offset == 0 {
		t.Fatal("the list did not scroll")
	}

	storeIDs := func(limit int) []string {
		t.Helper()
		page, err := f.st.Search(ctx, journal.SearchQuery{Text: "river", Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range page.Reflections {
			ids = append(ids, r.ID)
		}
		return ids
	}
	check := func(what string) {
		t.Helper()
		if got, want := hitIDs(s), storeIDs(2*journal.DefaultPageSize); !slices.Equal(got, want) {
			t.Errorf("%s: the results (%d) are not what the search finds now (%d)", what, len(got), len(want))
		}
		if got := s.List.GetScrollOffset(); got != offset {
			t.Errorf("%s: scroll offset %v, want it kept at %v", what, got, offset)
		}
	}

	// Edited so it no longer matches.
	edited := f.reflections[tlEvenings-5]
	edited.Text = "A quiet evening in."
	if err := f.st.SaveReflection(ctx, edited); err != nil {
		t.Fatal(err)
	}
	m.ReflectionChanged(edited.ID)
	jobs.drain()
	if slices.Contains(hitIDs(s), edited.ID) {
		t.Error("an edited reflection that no longer matches is still listed")
	}
	check("edited")

	// Edited so it matches again, and a new one that matches.
	edited.Text = "Back to the river after all."
	if err := f.st.SaveReflection(ctx, edited); err != nil {
		t.Fatal(err)
	}
	m.ReflectionChanged(edited.ID)
	jobs.drain()
	added := &journal.Reflection{At: tlStart.AddDate(3, 0, 0), Text: "The river in winter.", Encounters: []journal.Encounter{{PersonID: f.omar.ID}}}
	if err := f.st.SaveReflection(ctx, added); err != nil {
		t.Fatal(err)
	}
	m.ReflectionChanged(added.ID)
	jobs.drain()
	if len(s.hits) == 0 || s.hits[0].ID != added.ID || !slices.Contains(hitIDs(s), edited.ID) {
		t.Error("reflections that now match are not listed")
	}
	check("matching again")

	// Deleted.
	if _, err := f.st.DeleteReflection(ctx, added.ID); err != nil {
		t.Fatal(err)
	}
	m.ReflectionChanged(added.ID)
	jobs.drain()
	if slices.Contains(hitIDs(s), added.ID) {
		t.Error("a deleted reflection is still listed")
	}
	check("deleted")

	// With nothing searched, a change reads nothing.
	s.Search("")
	m.ReflectionChanged(edited.ID)
	if n := jobs.drain(); n != 0 {
		t.Errorf("%d searches ran with the field empty", n)
	}
}
