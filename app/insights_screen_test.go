package app

import (
	"context"
	"image"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestInsightsScreenPerson(t *testing.T) {
	ctx := context.Background()
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	// Three deep evenings in a row and nothing light: one suggestion.
	var ids []string
	for _, day := range []int{1, 4, 7} {
		r := &journal.Reflection{At: time.Date(2026, 3, day, 20, 0, 0, 0, time.Local), Text: "We talked for hours.",
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5,
				Moments: []journal.Moment{{Kind: journal.KindDeepTalk}, {Kind: journal.KindSharedBack}}}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}

	m := newWindow(t, st)
	s := m.Insights
	var opened []string
	s.openReflection = func(id string) { opened = append(opened, id); m.OpenReflection(id) }

	s.RangeSelect.SetSelected(insights.PresetAll.String())
	s.SetPerson(ana.ID)
	m.Tabs.Select(m.Tabs.Items[2])

	if s.Person == nil || s.Person.Person.ID != ana.ID {
		t.Fatalf("got insights for %+v, want Ana's", s.Person)
	}
	if s.Title.Text != "Ana Lima" {
		t.Errorf("title %q, want Ana Lima", s.Title.Text)
	}
	// By hand, on 10 March (the test clock): closeness (5-1)/6*40 = 26.67,
	// breadth 2/6*20 = 6.67, reciprocity 3 vs 3 = 20, recency three days,
	// 0.5^(3/30)*20 = 18.66: 72.
	if want := "Depth score 72 out of 100"; !strings.Contains(s.ScoreText.Text, want) {
		t.Errorf("score %q, want it to contain %q", s.ScoreText.Text, want)
	}
	if len(s.Ingredients) != 4 {
		t.Fatalf("got %d ingredients, want 4", len(s.Ingredients))
	}
	for i, want := range []string{"27 of 40 points · trend 5.0 of 7", "7 of 20 points · 2 kinds", "20 of 20 points", "19 of 20 points · last together 3 days ago"} {
		if !strings.Contains(s.Ingredients[i].Text, want) {
			t.Errorf("ingredient %d is %q, want it to contain %q", i, s.Ingredients[i].Text, want)
		}
	}

	// The charts are drawn at the widgets' pixel size when the window paints.
	m.Window.Canvas().Capture()
	for _, k := range insights.ChartKinds {
		c := s.Charts[k]
		if c.lastW == 0 || math.Abs(float64(c.lastW)-float64(c.Size().Width)) > 1 || math.Abs(float64(c.lastH)-float64(c.Size().Height)) > 1 {
			t.Errorf("%s drawn at %dx%d, want the widget's %v", k, c.lastW, c.lastH, c.Size())
		}
	}
	if got := len(s.Charts[insights.ChartCloseness].data.Closeness.Points); got != 3 {
		t.Errorf("closeness chart has %d points, want 3", got)
	}

	if len(s.Suggestions) != 1 {
		t.Fatalf("got %d suggestions, want 1", len(s.Suggestions))
	}
	sg := s.Suggestions[0]
	if sg.s.Rule != insights.RuleDeepWithoutAir {
		t.Errorf("suggestion rule %q, want %q", sg.s.Rule, insights.RuleDeepWithoutAir)
	}
	test.Tap(sg)
	if len(opened) != 1 || opened[0] != ids[2] {
		t.Fatalf("tapping the suggestion opened %v, want the latest evening %s", opened, ids[2])
	}
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != ids[2] {
		t.Errorf("the reading view does not show the evening %s", ids[2])
	}

	// Tapping a point of the closeness chart opens the evening behind it:
	// find a point's colour in the drawing and tap there.
	m.Tabs.Select(m.Tabs.Items[2])
	chart := s.Charts[insights.ChartCloseness]
	img := chart.draw(chart.lastW, chart.lastH)
	x, y, found := findPoint(img)
	if !found {
		t.Fatal("no closeness point in the chart's drawing")
	}
	opened = nil
	test.TapAt(chart, fyne.NewPos(float32(x)/float32(chart.lastScale), float32(y)/float32(chart.lastScale)))
	if len(opened) != 1 || !slices.Contains(ids, opened[0]) {
		t.Errorf("tapping the point at (%d, %d) opened %v, want one of %v", x, y, opened, ids)
	}

	// Putting it aside is remembered by the journal and the screen reloads.
	m.Tabs.Select(m.Tabs.Items[2])
	test.Tap(sg.Dismiss)
	if len(s.Suggestions) != 0 {
		t.Errorf("after putting it aside %d suggestions are shown, want 0", len(s.Suggestions))
	}
	dismissed, err := st.DismissedSuggestions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dismissed[sg.s.Key]; !ok {
		t.Errorf("the journal does not remember %q as dismissed: %v", sg.s.Key, dismissed)
	}

	// The notice offers to undo it.
	if !s.Notice.Visible() || s.Notice.Action.Hidden || s.Notice.Action.Text != "Undo" || !strings.Contains(s.Notice.Text.Text, sg.s.Title) {
		t.Fatalf("after putting it aside: notice %q (shown %v), action %q", s.Notice.Text.Text, s.Notice.Visible(), s.Notice.Action.Text)
	}
	test.Tap(s.Notice.Action)
	if len(s.Suggestions) != 1 || s.Suggestions[0].s.Key != sg.s.Key || s.PutAside != nil {
		t.Fatalf("after Undo: %d suggestions, put aside list %v; want the suggestion back and no list", len(s.Suggestions), s.PutAside)
	}
	if dismissed, _ := st.DismissedSuggestions(ctx); len(dismissed) != 0 {
		t.Errorf("after Undo the journal still remembers %v", dismissed)
	}

	// Put aside again, it is listed under "Put aside (1)", and comes back
	// from there.
	test.Tap(s.Suggestions[0].Dismiss)
	if s.PutAside == nil || len(s.BringBack) != 1 || s.PutAside.Items[0].Title != "Put aside (1)" {
		t.Fatalf("put aside list: %v with %d buttons, want \"Put aside (1)\" with one", s.PutAside, len(s.BringBack))
	}
	s.PutAside.Open(0)
	test.Tap(s.BringBack[0])
	if len(s.Suggestions) != 1 || s.PutAside != nil {
		t.Errorf("after Bring back: %d suggestions, put aside list %v", len(s.Suggestions), s.PutAside)
	}
	if !strings.HasPrefix(s.Notice.Text.Text, "Brought back") || !s.Notice.Action.Hidden {
		t.Errorf("after Bring back the notice says %q", s.Notice.Text.Text)
	}
}

// findPoint finds a pixel inside a closeness point of a light chart: the
// points are the accent colour, part transparent over white.
func findPoint(img image.Image) (x, y int, ok bool) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near8(r, 0x9b) && near8(g, 0xa6) && near8(bl, 0xec) {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

func near8(v uint32, want int) bool { d := int(v>>8) - want; return d > -12 && d < 12 }

func TestInsightsScreenJournalAndRanges(t *testing.T) {
	ctx := context.Background()
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana")
	ben := journaltest.MustAddPerson(t, st, "Ben")
	// Two evenings with Ana alone and one together in February, one with
	// Ana alone in March: four ratings over a month, enough to tell a
	// direction.
	for _, r := range []*journal.Reflection{
		{At: time.Date(2026, 2, 1, 20, 0, 0, 0, time.Local), Encounters: []journal.Encounter{
			{PersonID: ana.ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}},
		{At: time.Date(2026, 2, 7, 20, 0, 0, 0, time.Local), Encounters: []journal.Encounter{
			{PersonID: ana.ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}},
		{At: time.Date(2026, 2, 14, 20, 0, 0, 0, time.Local), Encounters: []journal.Encounter{
			{PersonID: ana.ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindLaughed}}},
			{PersonID: ben.ID, Closeness: 3, Moments: []journal.Moment{{Kind: journal.KindAdventure}}}}},
		{At: time.Date(2026, 3, 2, 20, 0, 0, 0, time.Local), Encounters: []journal.Encounter{
			{PersonID: ana.ID, Closeness: 6, Moments: []journal.Moment{{Kind: journal.KindDeepTalk}}}}},
	} {
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	m := newWindow(t, st)
	s := m.Insights
	m.Tabs.Select(m.Tabs.Items[2])
	s.RangeSelect.SetSelected(insights.PresetAll.String())

	if s.Journal == nil || s.Title.Text != "The whole journal" || !s.WholeJournal.Disabled() {
		t.Fatalf("the whole journal is not shown: %q", s.Title.Text)
	}
	if s.Journal.Evenings != 4 || s.Journal.People != 2 {
		t.Errorf("got %d evenings with %d people, want 4 with 2 (the shared evening once)", s.Journal.Evenings, s.Journal.People)
	}
	if got := len(s.Charts[insights.ChartHeatMap].data.HeatMap); got != 4 {
		t.Errorf("the heat map has %d days, want 4", got)
	}
	// Ana's closeness rose from 4 to 4.7: she is growing closer; tapping her
	// shows her insights.
	if len(s.Trends) != 1 {
		t.Fatalf("got %d people in the growing and drifting lists, want Ana", len(s.Trends))
	}
	// A link answers taps on its words only.
	test.TapAt(s.Trends[0], fyne.NewPos(theme.InnerPadding()+4, theme.InnerPadding()+4))
	if s.Person == nil || s.Person.Person.ID != ana.ID || s.WholeJournal.Disabled() {
		t.Fatalf("tapping Ana did not show her insights")
	}

	// A custom range: a bad date is explained and nothing else changes.
	s.RangeSelect.SetSelected("Custom…")
	s.From.SetText("2026-13-01")
	test.Tap(s.ApplyRange)
	if !strings.Contains(s.Status.Text, `"2026-13-01" is not a date`) || s.Person.Evenings != 4 {
		t.Errorf("status %q, %d evenings shown", s.Status.Text, s.Person.Evenings)
	}
	s.From.SetText("2026-03-01")
	s.To.SetText("2026-03-31")
	test.Tap(s.ApplyRange)
	if s.Status.Visible() || s.Person.Evenings != 1 || s.Person.Range.From.Format("2006-01-02") != "2026-03-01" {
		t.Errorf("status %q; March shows %d evenings from %v, want 1", s.Status.Text, s.Person.Evenings, s.Person.Range.From)
	}
	test.Tap(s.WholeJournal)
	if s.Journal == nil || s.Journal.Evenings != 1 {
		t.Errorf("the whole journal in March: %+v", s.Journal)
	}
}

// The journal's insights are worked out only when the Insights tab is shown,
// not while the window opens, and a person chosen meanwhile is loaded then.
func TestInsightsLoadWhenTheirTabIsShown(t *testing.T) {
	st := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	s := m.Insights
	m.SelectPerson(ana.ID)
	if s.gen != 0 || s.Person != nil || s.Journal != nil {
		t.Fatalf("insights were worked out before their tab was shown (gen %d)", s.gen)
	}
	m.Tabs.Select(m.Tabs.Items[2])
	if s.Person == nil || s.Person.Person.ID != ana.ID {
		t.Fatalf("showing the tab did not load Ana's insights: %+v", s.Person)
	}
}

// The whole journal's view lists every person's suggestions put aside, with
// whose they are, and the list stays open while suggestions come and go.
func TestInsightsJournalPutAsideList(t *testing.T) {
	ctx := context.Background()
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	for _, day := range []int{1, 4, 7} {
		r := &journal.Reflection{At: time.Date(2026, 3, day, 20, 0, 0, 0, time.Local),
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5,
				Moments: []journal.Moment{{Kind: journal.KindDeepTalk}, {Kind: journal.KindSharedBack}}}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	m := newWindow(t, st)
	s := m.Insights
	s.RangeSelect.SetSelected(insights.PresetAll.String())
	m.Tabs.Select(m.Tabs.Items[2])
	s.SetPerson("")
	if s.Journal == nil || len(s.Suggestions) == 0 {
		t.Fatalf("the journal view shows %d suggestions, want Ana's", len(s.Suggestions))
	}
	n := len(s.Suggestions)
	title := s.Suggestions[0].s.Title
	test.Tap(s.Suggestions[0].Dismiss)
	if len(s.Suggestions) != n-1 || s.PutAside == nil || len(s.BringBack) != 1 {
		t.Fatalf("after putting one aside: %d suggestions and %d put aside", len(s.Suggestions), len(s.BringBack))
	}
	if s.PutAside.Items[0].Open {
		t.Error("the put aside list starts folded away")
	}
	rows := s.PutAside.Items[0].Detail.(*fyne.Container).Objects
	if len(rows) != 1 || !strings.Contains(fyneTexts(rows[0]), "Ana Lima: "+title) {
		t.Errorf("the put aside list reads %q, want Ana's name and the title", fyneTexts(rows[0]))
	}
	s.PutAside.Open(0)
	s.reload()
	if s.PutAside == nil || !s.PutAside.Items[0].Open {
		t.Error("the put aside list closed when the insights were worked out again")
	}
	test.Tap(s.BringBack[0])
	if len(s.Suggestions) != n || s.PutAside != nil {
		t.Errorf("brought back: %d suggestions, want %d, and no put aside list", len(s.Suggestions), n)
	}
}

// fyneTexts joins the labels' texts inside o.
func fyneTexts(o fyne.CanvasObject) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return strings.Join(out, " | ")
}
