package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

// TestInsightsSayNothingFromTwoEvenings: after two evenings, 6 then 5, no
// list, direction or plural claims more than they show.
func TestInsightsSayNothingFromTwoEvenings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPerson(ctx, "Pat")
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []journal.Closeness{6, 5} {
		r := &journal.Reflection{At: time.Date(2024, 5, 1+7*i, 20, 0, 0, 0, time.UTC), Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: c,
			Moments: []journal.Moment{{Kind: journal.KindDeepTalk}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	code, out, errOut := runKindred("--journal", path, "insights", "--to", "2024-05-31")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "drifting:\n  nobody") || !strings.Contains(out, "growing closer:\n  nobody") {
		t.Errorf("the journal's lists name someone after two evenings:\n%s", out)
	}
	if !strings.Contains(out, "Busiest month: May 2024 (2 evenings)") {
		t.Errorf("no busiest month in words:\n%s", out)
	}
	code, out, errOut = runKindred("--journal", path, "insights", "--person", "Pat", "--from", "2024-05-01", "--to", "2024-05-31")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, bad := range []string{"1 evenings", "-0.0", "+0.0", "over the range)"} {
		if strings.Contains(out, bad) {
			t.Errorf("the insights say %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "too few yet to tell a direction") || !strings.Contains(out, "they opened up on 2 evenings, you on 0 evenings, both on 0 evenings") {
		t.Errorf("closeness or reciprocity not in words:\n%s", out)
	}
}
