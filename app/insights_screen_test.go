package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestInsightsScreenPerson(t *testing.T) {
	a := test.NewTempApp(t)
	ctx := context.Background()
	st := journaltest.MustOpen(t)
	now := time.Date(2026, 3, 10, 20, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	// Three deep evenings in a row and nothing light: one suggestion.
	var ids []string
	for _, day := range []int{1, 4, 7} {
		r := &journal.Reflection{At: time.Date(2026, 3, day, 21, 0, 0, 0, time.UTC), Text: "We talked for hours.",
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5,
				Moments: []journal.Moment{{Kind: journal.KindDeepTalk}, {Kind: journal.KindSharedBack}}}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}

	inline(t)
	m := NewMainWindow(ctx, a, st)
	m.Window.Resize(fyne.NewSize(1100, 720))
	s := m.Insights
	s.now = func() time.Time { return now }
	var opened []string
	s.openReflection = func(id string) { opened = append(opened, id); m.OpenReflection(id) }

	s.RangeSelect.SetSelected(insights.PresetAll.String())
	m.SelectPerson(ana.ID)
	m.Tabs.Select(m.Tabs.Items[2])

	if s.Person == nil || s.Person.Person.ID != ana.ID {
		t.Fatalf("got insights for %+v, want Ana's", s.Person)
	}
	if s.Title.Text != "Ana Lima" {
		t.Errorf("title %q, want Ana Lima", s.Title.Text)
	}
	// By hand: closeness (5-1)/6*40 = 26.67, breadth 2/6*20 = 6.67,
	// reciprocity 3 vs 3 = 20, recency 0.5^(3/30)*20 = 18.66: 72.
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
		if c.lastW == 0 || c.lastW != int(c.Size().Width) || c.lastH != int(c.Size().Height) {
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
	if m.Tabs.Selected() != m.Tabs.Items[0] {
		t.Errorf("the Reflect tab is not selected after opening the evening")
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
}

// inline makes the screens load on the test's goroutine for this test.
func inline(t *testing.T) {
	saved := runInBackground
	runInBackground = func(f func()) { f() }
	t.Cleanup(func() { runInBackground = saved })
}
