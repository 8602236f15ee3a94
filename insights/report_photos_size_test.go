package insights_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestReportOfHundredEveningsWithPhotosStaysSmall: the bound, a
// report of 100 evenings each with a photo under 25 MB, checked on a real
// file; the photos are larger than the print side, so each is scaled down.
func TestReportOfHundredEveningsWithPhotosStaysSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("adds 100 photos")
	}
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	ada := journaltest.MustAddPerson(t, s, "Ada")
	start := time.Date(2024, 1, 1, 20, 0, 0, 0, time.UTC)
	for i := range 100 {
		p, err := s.AddPhoto(ctx, fmt.Sprintf("IMG_%04d.jpg", i), journaltest.ExifJPEG(t, 2000, 1500, byte(i)))
		if err != nil {
			t.Fatal(err)
		}
		p.Caption = fmt.Sprintf("Evening %d", i+1)
		r := &journal.Reflection{At: start.AddDate(0, 0, 3*i), Text: fmt.Sprintf("Evening %d, a walk.", i+1),
			Encounters: []journal.Encounter{{PersonID: ada.ID, Closeness: 4}}, Photos: []journal.Photo{*p}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	sum, err := insights.ExportReport(ctx, s, path, insights.ReportOptions{Photos: true, Now: start.AddDate(1, 0, 0)}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Photos != 100 {
		t.Fatalf("the report printed %d photos, want 100", sum.Photos)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("100 evenings with photos: %.1f MB, %d pages", float64(fi.Size())/(1<<20), sum.Pages)
	if fi.Size() > 25<<20 {
		t.Fatalf("the report is %.1f MB, want under 25", float64(fi.Size())/(1<<20))
	}
	qpdfCheck(t, path)
	assertNoMetadata(t, path)
}
