package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/sample"
)

// The welcome's words about the sample journal say the span its evenings
// really cover.
func TestTheWelcomeSaysWhatTheSampleHolds(t *testing.T) {
	now := time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC)
	words := sampleWords(now)
	path := filepath.Join(t.TempDir(), "sample.db")
	o := sampleOptions
	o.End = now
	ctx := context.Background()
	if err := sample.Write(ctx, path, o); err != nil {
		t.Fatal(err)
	}
	st, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var first, last string
	if err := st.ReadDB().QueryRow("SELECT min(at_utc), max(at_utc) FROM reflections").Scan(&first, &last); err != nil {
		t.Fatal(err)
	}
	f, _ := time.Parse("2006-01-02", first[:10])
	if !strings.Contains(words, f.Format("January 2006")) && !strings.Contains(words, f.AddDate(0, -1, 0).Format("January 2006")) {
		t.Errorf("the welcome says %q, but the first sample evening is on %s", words, first[:10])
	}
	if !strings.Contains(words, "two years") || f.Before(now.AddDate(-2, 0, -1)) {
		t.Errorf("the welcome says %q; the sample runs from %s to %s", words, first[:10], last[:10])
	}
	if !strings.HasPrefix(last, now.Format("2006-01")) && !strings.HasPrefix(last, now.AddDate(0, 0, -7).Format("2006-01")) {
		t.Errorf("the welcome says the evenings run to today, the last is on %s", last[:10])
	}
}
