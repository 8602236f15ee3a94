package insights_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kindred/insights"
	"kindred/journal"
)

// qpdfCheck runs qpdf --check on path and fails the test unless it exits 0
// with no warning. Without qpdf the test is skipped on a developer's
// machine, but fails in CI (CI=true), where .ci/install-deps installs it.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf is not installed; .ci/install-deps installs it")
		}
		t.Skip("qpdf is not installed (.ci/install-deps installs it)")
	}
	var out bytes.Buffer
	cmd := exec.Command("qpdf", "--check", path)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil || strings.Contains(strings.ToLower(out.String()), "warning") {
		t.Fatalf("qpdf --check %s: %v\n%s", filepath.Base(path), err, out.String())
	}
}

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
	if err := journal.WriteDemo(ctx, db, journal.DemoOptions{People: 100, Years: 1, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := journal.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	path := filepath.Join(dir, "report.pdf")
	sum, err := insights.ExportReport(ctx, s, path, insights.ReportOptions{Now: journal.ReferenceEnd}, false)
	if err != nil {
		t.Fatalf("export report: %v", err)
	}
	if sum.People < 90 {
		t.Fatalf("the report has %d people, want the sample's many", sum.People)
	}
	qpdfCheck(t, path)
}
