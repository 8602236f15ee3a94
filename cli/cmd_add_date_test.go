package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal"
)

// TestAddDateIsEightInTheEvening: a date alone is 20:00 on that day's clock,
// in every zone and on the days summer time begins and ends.
func TestAddDateIsEightInTheEvening(t *testing.T) {
	days := []string{"2024-03-10", "2024-03-31", "2024-11-03", "2024-10-27", "2024-04-07", "2024-09-29", "2024-02-29"}
	for _, zone := range append(viewerZones, "Europe/Paris", "Australia/Sydney", "America/Havana") {
		loc := loadZone(t, zone)
		withViewerZone(t, loc, func() {
			path := filepath.Join(t.TempDir(), "journal.db")
			s, err := journal.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddPerson(context.Background(), "Pat"); err != nil {
				t.Fatal(err)
			}
			s.Close()
			for _, day := range days {
				code, out, errOut := runKindred("--journal", path, "add", "--person", "Pat", "--date", day)
				if code != 0 {
					t.Fatalf("TZ=%s add --date %s: exit %d: %s", zone, day, code, errOut)
				}
				s, err := journal.Open(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				r, err := s.Reflection(context.Background(), strings.TrimSpace(out))
				s.Close()
				if err != nil {
					t.Fatal(err)
				}
				if got := r.At.Format("2006-01-02 15:04"); got != day+" 20:00" {
					t.Errorf("TZ=%s add --date %s stored %s, want %s 20:00", zone, day, got, day)
				}
			}
		})
	}
}
