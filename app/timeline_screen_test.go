package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/journal"
)

// storeIDs is the ids of the first n reflections the store's timeline
// gives for q, across pages.
func storeIDs(t *testing.T, st *journal.Store, q journal.TimelineQuery, n int) []string {
	t.Helper()
	var out []string
	for len(out) < n {
		page, err := st.Timeline(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Reflections {
			out = append(out, r.ID)
		}
		if page.Next == nil {
			break
		}
		q.After = page.Next
	}
	return out[:min(n, len(out))]
}

func rowIDs(s *TimelineScreen) []string {
	out := make([]string, len(s.rows))
	for i, r := range s.rows {
		out[i] = r.ID
	}
	return out
}

func TestTimelineShowsAPersonsEveningsNewestFirstByMonth(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	if got := s.Empty.Text; !strings.Contains(got, "Choose someone") || s.Empty.Hidden {
		t.Fatalf("before anyone is chosen: got %q, want an invitation to choose someone", got)
	}

	m.SelectPerson(f.zoe.ID)
	if n := jobs.drain(); n != 1 {
		t.Fatalf("choosing a person ran %d loads, want 1", n)
	}
	if m.Tabs.Selected().Content != s {
		t.Fatal("choosing a person did not show the timeline")
	}

	// The header.
	if s.Header.Name.Text != "Zoë Okafor" {
		t.Errorf("name: got %q", s.Header.Name.Text)
	}
	if want := "In the journal since 2 January 2023 · 120 evenings · latest Mon 22 Apr 2024"; s.Header.Facts.Text != want {
		t.Errorf("facts: got %q, want %q", s.Header.Facts.Text, want)
	}
	last := f.reflections[tlEvenings-1].Encounters[0].Closeness
	if want := fmt.Sprintf("Last rating: %s (%d of 7)", last.Label(), last); s.Header.ClosenessText.Text != want {
		t.Errorf("closeness: got %q, want %q", s.Header.ClosenessText.Text, want)
	}
	if s.Status.Text != "120 evenings, newest first." {
		t.Errorf("status: got %q", s.Status.Text)
	}

	// One page, in the store's order, never the whole history.
	want := storeIDs(t, f.st, journal.TimelineQuery{PersonID: f.zoe.ID}, journal.DefaultPageSize)
	if got := rowIDs(s); !slices.Equal(got, want) {
		t.Fatalf("rows: got %d %v, want the store's first page %v", len(got), got, want)
	}
	if want[0] != f.reflections[tlEvenings-1].ID {
		t.Fatalf("the first row is not the newest evening")
	}
	for i := 1; i < len(s.rows); i++ {
		if !tlNewer(s.rows[i-1].Key, s.rows[i].Key) {
			t.Fatalf("row %d (%s) is not older than row %d (%s)", i, s.rows[i].Day, i-1, s.rows[i-1].Day)
		}
	}

	// Months: a heading before the first row of each month, and only there.
	month := ""
	for i, it := range s.items {
		if it.row < 0 {
			if it.month == month || i+1 >= len(s.items) || s.rows[s.items[i+1].row].Month != it.month {
				t.Fatalf("line %d: heading %q not followed by its month", i, it.month)
			}
			month = it.month
			continue
		}
		if s.rows[it.row].Month != month {
			t.Fatalf("line %d: row of %s under heading %q", i, s.rows[it.row].Month, month)
		}
	}

	// What is on screen, top to bottom.
	lines := visibleItems(s)
	if len(lines) < 4 {
		t.Fatalf("only %d lines on screen", len(lines))
	}
	var got []string
	for _, v := range lines[:4] {
		got = append(got, v.describe())
	}
	wantLines := []string{
		"# April 2024",
		"Mon 22 Apr 20:30 |  | Judged |  | Evening 119 with Zoë. We walked along the river and talked about everything and nothing.",
		"Thu 18 Apr 20:30 |  |  |  | Evening 118 with Zoë. We walked along the river and talked about everything and nothing.",
		"Sun 14 Apr 20:30 | Laughed together |  |  | Evening 117 with Zoë. We walked along the river and talked about everything and nothing.",
	}
	if !slices.Equal(got, wantLines) {
		t.Fatalf("on screen:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
	}
	// Evening 114: shared with Omar, whose adventure is not Zoë's; evening
	// 110: a custom misstep, shown apart.
	byIndex := func(i int) *tlRow {
		for k := range s.rows {
			if s.rows[k].ID == f.reflections[i].ID {
				return &s.rows[k]
			}
		}
		t.Fatalf("evening %d not shown", i)
		return nil
	}
	if r := byIndex(114); r.Others != "with Omar Haddad" || !slices.Equal(chipLabels(r.Moments), []string{"Laughed together"}) {
		t.Errorf("evening 114: got others %q, moments %v; want with Omar Haddad, laughed", r.Others, r.Moments)
	}
	if r := byIndex(110); !slices.Equal(chipLabels(r.Moments), []string{"Went deep"}) || !slices.Equal(chipLabels(r.Missteps), []string{"Checked my phone"}) {
		t.Errorf("evening 110: got moments %v, missteps %v", r.Moments, r.Missteps)
	}

	// Firsts: connection moments only, each opening its evening.
	var firsts []string
	for _, o := range s.Header.Firsts.Objects {
		firsts = append(firsts, o.(*escButton).Text)
	}
	if want := []string{"Went deep · 2 Jan 2023", "Laughed together · 2 Jan 2023"}; !slices.Equal(firsts, want) {
		t.Errorf("firsts: got %q, want %q", firsts, want)
	}
	if s.Header.FirstIDs[0] != f.reflections[0].ID {
		t.Errorf("the first deep talk opens %s, want evening 0", s.Header.FirstIDs[0])
	}
	test.Tap(s.Header.Firsts.Objects[0].(*escButton))
	jobs.drain()
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != f.reflections[0].ID {
		t.Errorf("tapping a first did not open evening 0 to be read")
	}
}

func chipLabels(cs []tlChipValue) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Label
	}
	return out
}

func TestTimelineScrollingToTheEndLoadsTheNextPage(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	all := storeIDs(t, f.st, journal.TimelineQuery{PersonID: f.zoe.ID}, tlEvenings)
	if len(s.rows) != journal.DefaultPageSize {
		t.Fatalf("after choosing: %d rows, want one page", len(s.rows))
	}
	// Scrolling a little, well before the end, reads nothing more.
	s.List.ScrollToOffset(s.rowHeight * 5)
	if n := jobs.drain(); n != 0 || len(s.rows) != journal.DefaultPageSize {
		t.Fatalf("scrolling a little: %d loads, %d rows; want none, one page", n, len(s.rows))
	}

	for pages, wantRows := range []int{100, tlEvenings} {
		s.List.ScrollToBottom()
		if n := jobs.drain(); n != 1 {
			t.Fatalf("scroll %d to the end: %d loads, want 1", pages+1, n)
		}
		if got := rowIDs(s); !slices.Equal(got, all[:wantRows]) {
			t.Fatalf("after scroll %d: got %d rows, want the first %d of the store's timeline, in order", pages+1, len(got), wantRows)
		}
	}
	if s.next != nil {
		t.Errorf("all evenings shown but the screen expects more")
	}
	s.List.ScrollToBottom()
	if n := jobs.drain(); n != 0 {
		t.Errorf("scrolling past the last evening ran %d loads, want none", n)
	}
	// The oldest evening is on screen, under its month.
	lines := visibleItems(s)
	if lastLine := lines[len(lines)-1]; lastLine.day.Text != "Mon 2 Jan" {
		t.Errorf("last line on screen: %q, want the first evening", lastLine.describe())
	}
}

func TestTimelineFiltersNarrowTheRows(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	// expected lists Zoë's evenings passing keep, newest first.
	expected := func(keep func(i int) bool) []string {
		var out []string
		for i := tlEvenings - 1; i >= 0; i-- {
			if keep(i) {
				out = append(out, f.reflections[i].ID)
			}
		}
		return out
	}
	shown := func() []string {
		jobs.drain()
		for s.next != nil {
			s.List.ScrollToBottom()
			if jobs.drain() == 0 {
				t.Fatal("the list stopped loading before the end")
			}
		}
		return rowIDs(s)
	}

	s.Filters.SelectKinds(journal.KindDeepTalk)
	want := expected(func(i int) bool { return i%5 == 0 })
	if got := shown(); !slices.Equal(got, want) {
		t.Fatalf("deep talks: got %d rows, want %d", len(got), len(want))
	}
	if s.Status.Text != "24 of 120 evenings match, newest first." || s.Filters.KindsButton.Text != "Went deep" {
		t.Errorf("status %q, button %q", s.Status.Text, s.Filters.KindsButton.Text)
	}

	s.Filters.SelectKinds(journal.KindDeepTalk, f.phone.ID)
	want = expected(func(i int) bool { return i%5 == 0 || i%11 == 0 })
	if got := shown(); !slices.Equal(got, want) {
		t.Fatalf("deep talk or phone: got %d rows, want %d", len(got), len(want))
	}

	s.Filters.Missteps.SetChecked(true)
	want = expected(func(i int) bool { return (i%5 == 0 || i%11 == 0) && (i%7 == 0 || i%11 == 0) })
	if got := shown(); !slices.Equal(got, want) {
		t.Fatalf("and only missteps: got %d rows, want %d", len(got), len(want))
	}

	s.Filters.SelectKinds()
	from := tlStart.AddDate(0, 0, 4*20)
	to := tlStart.AddDate(0, 0, 4*60)
	s.Filters.From.SetDate(&from)
	s.Filters.To.SetDate(&to)
	want = expected(func(i int) bool { return i >= 20 && i <= 60 && (i%7 == 0 || i%11 == 0) })
	if got := shown(); !slices.Equal(got, want) {
		t.Fatalf("missteps between two dates: got %d rows, want %d", len(got), len(want))
	}

	// A range the wrong way round is explained and changes nothing.
	before := rowIDs(s)
	early := tlStart.AddDate(0, 0, 4)
	s.Filters.To.SetDate(&early)
	if n := jobs.drain(); n != 0 || !slices.Equal(rowIDs(s), before) || !strings.Contains(s.Status.Text, "start date is after the end date") {
		t.Fatalf("reversed dates: %d loads, status %q", n, s.Status.Text)
	}

	// Nothing matches: said so.
	s.Filters.To.SetDate(nil)
	s.Filters.SelectKinds(journal.KindAdventure)
	if got := shown(); len(got) != 0 || s.Empty.Hidden || !strings.Contains(s.Empty.Text, "match these filters") {
		t.Fatalf("no match: %d rows, empty state %q (hidden %v)", len(got), s.Empty.Text, s.Empty.Hidden)
	}

	test.Tap(s.Filters.Clear)
	if got := shown(); len(got) != tlEvenings || s.Filters.Missteps.Checked || s.Filters.From.Date != nil || !s.Filters.Clear.Disabled() {
		t.Fatalf("cleared: %d rows, want all %d and no filter left", len(got), tlEvenings)
	}
}

func TestTimelineEditingAReflectionUpdatesItsRowInPlace(t *testing.T) {
	f := newTLFixture(t)
	ctx := context.Background()
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	s.List.ScrollToOffset(s.rowHeight * 12)
	jobs.drain()
	offset := s.List.GetScrollOffset()
	if offset == 0 {
		t.Fatal("the list did not scroll")
	}
	lines := visibleItems(s)
	var target *tlItemView
	for _, v := range lines {
		if !v.isHeading {
			target = v
			break
		}
	}
	var r *journal.Reflection
	for _, cand := range f.reflections {
		if cand.At.Format("Mon 2 Jan") == target.day.Text {
			r = cand
		}
	}
	before := rowIDs(s)

	r.Text = "We finally went kayaking."
	r.Encounters[0].Closeness = 7
	r.Encounters[0].Moments = []journal.Moment{{Kind: journal.KindAdventure}, {Kind: journal.KindTriedToFix}}
	if err := f.st.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	s.ReflectionChanged(r.ID)
	if n := jobs.drain(); n != 1 {
		t.Fatalf("%d loads after an edit, want 1", n)
	}
	if got := s.List.GetScrollOffset(); got != offset {
		t.Errorf("scroll offset: got %v, want it kept at %v", got, offset)
	}
	if !slices.Equal(rowIDs(s), before) {
		t.Errorf("the rows changed order or number after an edit in place")
	}
	if got, want := target.describe(), r.At.Format("Mon 2 Jan 15:04")+" | Adventure | Tried to fix it |  | We finally went kayaking."; got != want {
		t.Errorf("the row on screen: got %q, want %q", got, want)
	}
	if target.closeness.Value != 7 {
		t.Errorf("closeness on screen: got %d, want 7", target.closeness.Value)
	}

	// Moved to a later date: it leaves its place and comes first.
	r.At = tlStart.AddDate(2, 0, 0)
	if err := f.st.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	s.ReflectionChanged(r.ID)
	jobs.drain()
	if s.rows[0].ID != r.ID || len(s.rows) != len(before) || s.Header.Facts.Text == "" || !strings.Contains(s.Header.Facts.Text, "latest "+r.At.Format("Mon 2 Jan 2006")) {
		t.Errorf("moved: first row %s, %d rows, facts %q", s.rows[0].ID, len(s.rows), s.Header.Facts.Text)
	}

	// Deleted: its row goes, and the count with it.
	if _, err := f.st.DeleteReflection(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	s.ReflectionChanged(r.ID)
	jobs.drain()
	if slices.Contains(rowIDs(s), r.ID) || len(s.rows) != len(before)-1 || s.Status.Text != "119 evenings, newest first." {
		t.Errorf("deleted: still shown or count wrong (%d rows, %q)", len(s.rows), s.Status.Text)
	}

	// Filtered out by the edit: with "only missteps" on, removing the
	// misstep takes the row away.
	s.Filters.Missteps.SetChecked(true)
	jobs.drain()
	edited := f.reflections[tlEvenings-1] // evening 119 has a misstep (judged)
	if s.rows[0].ID != edited.ID {
		t.Fatalf("with missteps only, first row %s, want evening 119", s.rows[0].ID)
	}
	edited.Encounters[0].Moments = nil
	if err := f.st.SaveReflection(ctx, edited); err != nil {
		t.Fatal(err)
	}
	s.ReflectionChanged(edited.ID)
	jobs.drain()
	if slices.Contains(rowIDs(s), edited.ID) {
		t.Errorf("an evening without missteps stays under 'only missteps'")
	}
}

func TestTimelineEmptyStates(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.lena.ID)
	jobs.drain()
	if len(s.rows) != 0 || s.Empty.Hidden || s.Empty.Text != "No evenings with Lena Weber yet. Write one in Reflect and it will show here." {
		t.Errorf("someone new: %d rows, empty state %q", len(s.rows), s.Empty.Text)
	}
	if s.Header.Facts.Text == "" || !strings.Contains(s.Header.Facts.Text, "0 evenings") {
		t.Errorf("facts: %q", s.Header.Facts.Text)
	}
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	if len(s.rows) == 0 || !s.Empty.Hidden {
		t.Errorf("Zoë: %d rows, empty state shown %v", len(s.rows), !s.Empty.Hidden)
	}
}

// A slow answer for the person chosen before must not replace the timeline
// of the person chosen after.
func TestTimelineIgnoresAnswersToAnEarlierChoice(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	m.SelectPerson(f.omar.ID)
	jobs.drain()
	if s.Header.Name.Text != "Omar Haddad" || len(s.rows) != 20 {
		t.Errorf("got %q with %d rows, want Omar's 20 evenings", s.Header.Name.Text, len(s.rows))
	}
}

func TestTimelineRowOpensTheReflection(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	s.List.Select(1) // line 0 is the month heading
	jobs.drain()
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != s.rows[0].ID {
		t.Fatalf("selecting a row did not open its evening to be read")
	}
	// Older and newer walk through this person's evenings; E edits.
	older := s.rows[1].ID
	m.Reading.TypedRune('k')
	jobs.drain()
	if m.Reading.Reflection.ID != older {
		t.Errorf("K: showing %s, want the next older evening %s", m.Reading.Reflection.ID, older)
	}
	m.Reading.TypedShortcut(readingNextKey)
	jobs.drain()
	if m.Reading.Reflection.ID != s.rows[0].ID {
		t.Errorf("Alt+Right: showing %s, want the newest evening back", m.Reading.Reflection.ID)
	}
	if !m.Reading.Next.Disabled() {
		t.Errorf("Newer is enabled on the newest evening")
	}
	m.Reading.TypedRune('e')
	if m.ReadingShown() || m.Tabs.Selected().Content != m.Reflect || m.Reflect.Composer.ReflectionID != s.rows[0].ID {
		t.Errorf("E did not open the evening in the composer")
	}
}

// The whole way a user edits: click a row, change the text in the composer,
// save; back on the timeline the row shows the change where it was.
func TestTimelineRowFollowsAnEditInTheComposer(t *testing.T) {
	f := newTLFixture(t)
	m, jobs := tlWindow(t, f.st)
	s := m.Timeline
	m.SelectPerson(f.zoe.ID)
	jobs.drain()
	m.Search.Focus()
	m.Search.Search("evening 117")
	jobs.drain()
	m.Tabs.Select(m.Tabs.Items[1])
	s.List.ScrollToOffset(s.headHeight + s.rowHeight*2) // evening 117 at the top
	offset := s.List.GetScrollOffset()

	line := -1
	for i, it := range s.items {
		if it.row >= 0 && s.rows[it.row].ID == f.reflections[117].ID {
			line = i
		}
	}
	s.List.Select(line)
	jobs.drain()
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != f.reflections[117].ID {
		t.Fatalf("the row did not open evening 117 in the reading view")
	}
	test.Tap(m.Reading.Edit)
	if m.Reflect.Composer.ReflectionID != f.reflections[117].ID {
		t.Fatalf("the composer holds %q, want evening 117", m.Reflect.Composer.ReflectionID)
	}
	m.Reflect.Composer.Text.SetText("Rewritten: the evening we stayed in.")
	if !m.Reflect.Save() {
		t.Fatal("the composer did not save")
	}
	<-m.Loaded()
	if n := jobs.drain(); n != 2 {
		t.Fatalf("%d loads after the save, want 2 (timeline and search)", n)
	}
	m.Tabs.Select(m.Tabs.Items[1])
	if got := s.List.GetScrollOffset(); got != offset {
		t.Errorf("scroll offset: got %v, want %v", got, offset)
	}
	var shown string
	for _, v := range visibleItems(s) {
		if v.day.Text == f.reflections[117].At.Format("Mon 2 Jan") {
			shown = v.excerpt.Text
		}
	}
	if shown != "Rewritten: the evening we stayed in." {
		t.Errorf("the row on screen says %q", shown)
	}
	// The search runs again: the evening no longer says "117", so it
	// leaves the results.
	if ids := hitIDs(m.Search); slices.Contains(ids, f.reflections[117].ID) {
		t.Errorf("search results after the edit: %d, still holding evening 117", len(ids))
	}
}
