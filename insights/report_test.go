package insights_test

import (
	"os/exec"
	"strings"
	"testing"

	"kindred/insights"
)

func TestReportWholeFixture(t *testing.T) {
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{})
	t.Logf("pages %d", pageCount(t, path))
	t.Logf("outline:\n%s", strings.Join(outline(t, path), "\n"))
	t.Logf("text:\n%s", pdfText(t, path, 0, 0))
	exec.Command("cp", path, "/tmp/pdfexp/fixture.pdf").Run()
}
