package insights_test

import (
	"context"
	"path/filepath"
	"testing"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/sample"
)

// TestWholeJournalReportPassesQpdf: the report of a journal of many people
// holds charts that are the same picture (people whose evenings draw alike);
// each page's resources must still name every image once.
func TestWholeJournalReportPassesQpdf(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a sample journal of 100 people")
	}
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if err := sample.Write(ctx, db, sample.Options{People: 100, Years: 1, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := journal.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	path := filepath.Join(dir, "report.pdf")
	sum, err := insights.ExportReport(ctx, s, path, insights.ReportOptions{Now: sample.ReferenceEnd}, false)
	if err != nil {
		t.Fatalf("export report: %v", err)
	}
	if sum.People < 90 {
		t.Fatalf("the report has %d people, want the sample's many", sum.People)
	}
	qpdfCheck(t, path)
}
