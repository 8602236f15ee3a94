package insights_test

import (
	"strings"
	"testing"
	"time"

	"kindred/insights"
)

// A person's section says which firsts come round in the next weeks, and
// says nothing of them when none do.
func TestReportAnniversariesComingUp(t *testing.T) {
	f := newFixture(t)
	zoe := f.ids("Zoë Ångström")
	// Zoë named the bond on 9 August 2024: a year on is 15 days after this.
	soon := time.Date(2025, 7, 25, 10, 0, 0, 0, reportZone)
	text := pdfText(t, f.writeReport(t, insights.ReportOptions{PersonIDs: zoe, Now: soon}), 0, 0)
	text = strings.Join(strings.Fields(text), " ")
	if want := "1 year since the first “Named the bond” (Sat 9 Aug)"; !strings.Contains(text, "Coming up:") || !strings.Contains(text, want) {
		t.Errorf("no %q in the report of 25 July 2025", want)
	}
	quiet := time.Date(2025, 6, 1, 10, 0, 0, 0, reportZone)
	text = pdfText(t, f.writeReport(t, insights.ReportOptions{PersonIDs: zoe, Now: quiet}), 0, 0)
	if strings.Contains(text, "Coming up") {
		t.Error("a report with no anniversary near speaks of one")
	}
}
