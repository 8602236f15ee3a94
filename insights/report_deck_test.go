package insights_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	_ "kindred/assets" // installs the deck of questions
	"kindred/insights"
	"kindred/journal"
)

func TestReportShowsDeckDepth(t *testing.T) {
	f := newFixture(t)
	zoe := f.people["Zoë Ångström"]
	for i, qs := range [][]journal.AskedQuestion{
		{{ID: "q01", TheyAnswered: true, IAnswered: true}, {ID: "q02", TheyAnswered: true}},
		{{ID: "q14", TheyAnswered: true, IAnswered: true}},
	} {
		r := &journal.Reflection{At: time.Date(2024, 11, 3+i, 20, 0, 0, 0, time.UTC), Text: "deck evening",
			Encounters: []journal.Encounter{{PersonID: zoe.ID, Questions: qs}}}
		if err := f.store.SaveReflection(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	path := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström", "Ana 🌻")})
	text := strings.Join(strings.Fields(pdfText(t, path, 0, 0)), " ")
	for _, want := range []string{
		"Deck of questions",
		"Deepest level reached: Personal, since 4 November 2024.",
		"3 of 36 questions asked; they answered 3, you answered 2, both answered 2.",
		"Light 2 of 12 · Personal 1 of 12 · Vulnerable 0 of 12",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if n := strings.Count(text, "Deck of questions"); n != 1 {
		t.Errorf("%d deck blocks, want 1 (Ana was asked nothing: no empty block)", n)
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil || strings.Contains(string(out), "WARNING") {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
}
