package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal"
)

// insightsJournal writes a small journal: Ana with three deep evenings in a
// row last week, Ben with one evening long ago.
func insightsJournal(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ana, err := s.AddPerson(ctx, "Ana Lima")
	if err != nil {
		t.Fatal(err)
	}
	ben, err := s.AddPerson(ctx, "Ben")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, days := range []int{7, 5, 3} {
		r := &journal.Reflection{At: now.AddDate(0, 0, -days), Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5,
			Moments: []journal.Moment{{Kind: journal.KindDeepTalk}, {Kind: journal.KindSharedBack}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	r := &journal.Reflection{At: time.Date(2020, 5, 1, 20, 0, 0, 0, time.UTC), Encounters: []journal.Encounter{{PersonID: ben.ID, Closeness: 3,
		Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	return path
}

func runKindred(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errOut, nil)
	return code, out.String(), errOut.String()
}

func TestInsightsCommand(t *testing.T) {
	path := insightsJournal(t)

	code, out, errOut := runKindred("--journal", path, "insights", "--person", "ana lima", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var pi insights.PersonInsights
	if err := json.Unmarshal([]byte(out), &pi); err != nil {
		t.Fatalf("the JSON does not read back: %v\n%s", err, out)
	}
	if pi.Person.Name != "Ana Lima" || pi.Evenings != 3 || len(pi.Closeness.Points) != 3 || pi.Reciprocity.Both != 3 {
		t.Errorf("got %s with %d evenings, %d ratings, reciprocity %+v", pi.Person.Name, pi.Evenings, len(pi.Closeness.Points), pi.Reciprocity)
	}
	// Trend 5 -> 26.67; 2 kinds -> 6.67; 3 and 3 -> 20; 3 days -> 18.66.
	if pi.Score.Score != 72 || pi.Score.Ingredients.DaysSince != 3 || pi.Score.Ingredients.BreadthKinds != 2 {
		t.Errorf("score %+v, want 72 from 3 days and 2 kinds", pi.Score)
	}
	if len(pi.Suggestions) != 1 || pi.Suggestions[0].Rule != insights.RuleDeepWithoutAir || len(pi.Suggestions[0].ReflectionIDs) != 3 {
		t.Errorf("suggestions %+v", pi.Suggestions)
	}
	for _, field := range []string{`"as_of"`, `"ledger"`, `"days_since_last"`, `"heat_map"`, `"reflection_ids"`, `"from": null`} {
		if !strings.Contains(out, field) {
			t.Errorf("the JSON has no %s", field)
		}
	}

	code, out, _ = runKindred("--journal", path, "insights", "--person", "Ana Lima")
	for _, want := range []string{"Ana Lima: all time", "depth score: 72/100", "Closeness", "Recency", "last together 3 days ago",
		"Make room for lightness with Ana", "Went deep" + strings.Repeat(" ", 19) + "3  first"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d; the text has no %q:\n%s", code, want, out)
		}
	}

	code, out, _ = runKindred("--journal", path, "insights", "--json", "--from", "2020-01-01", "--to", "2020-12-31")
	var ji insights.JournalInsights
	if err := json.Unmarshal([]byte(out), &ji); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if ji.Evenings != 1 || ji.People != 1 || ji.Range.To.Format("2006-01-02") != "2020-12-31" || len(ji.HeatMap) != 1 {
		t.Errorf("2020: %d evenings with %d people to %v, heat map %v", ji.Evenings, ji.People, ji.Range.To, ji.HeatMap)
	}

	code, out, _ = runKindred("--journal", path, "insights")
	if code != 0 || !strings.Contains(out, "evenings: 4 with 2 people") || !strings.Contains(out, "Ana Lima: Make room for lightness") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestInsightsCommandRefusesBadInput(t *testing.T) {
	path := insightsJournal(t)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--from", "2024-13-01"}, 2, "--from"},
		{[]string{"--to", "yesterday"}, 2, "--to"},
		{[]string{"--from", "2024-05-01", "--to", "2024-04-01"}, 2, "is before"},
		{[]string{"--person", "Anna Lima"}, 1, `Did you mean "Ana Lima"?`},
		{[]string{"extra"}, 2, "no arguments"},
	}
	for _, tc := range tests {
		code, out, errOut := runKindred(append([]string{"--journal", path, "insights"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) || out != "" {
			t.Errorf("%v: exit %d, %q, printed %q; want exit %d saying %q", tc.args, code, errOut, out, tc.code, tc.msg)
		}
	}
}
