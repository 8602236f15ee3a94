package cli

import (
	"strings"
	"testing"
	"time"
)

// In Havana summer time begins at midnight: 10 March 2024 has no 00:00. A
// --from of that date must still start at that date, not the evening before.
func TestDateFlagsWhereMidnightIsSkipped(t *testing.T) {
	havana, err := time.LoadLocation("America/Havana")
	if err != nil {
		t.Skip("no zone data for America/Havana")
	}
	old := time.Local
	t.Cleanup(func() { time.Local = old })

	c := newCLI(t)
	c.must("person", "add", "Ana")
	// Written while travelling, on a clock where 00:30 of that date exists.
	time.Local = time.UTC
	c.must("add", "--person", "Ana", "--date", "2024-03-09T23:30", "--text", "the evening before")
	c.must("add", "--person", "Ana", "--date", "2024-03-10T00:30", "--text", "the day itself")
	time.Local = havana
	out := c.must("timeline", "--person", "Ana", "--from", "2024-03-10")
	if strings.Contains(out, "the evening before") || !strings.Contains(out, "the day itself") {
		t.Fatalf("timeline --from 2024-03-10 in Havana:\n%s\nwant the day itself alone", out)
	}
	out = c.must("timeline", "--person", "Ana", "--to", "2024-03-09")
	if !strings.Contains(out, "the evening before") || strings.Contains(out, "the day itself") {
		t.Fatalf("timeline --to 2024-03-09 in Havana:\n%s\nwant the evening before alone", out)
	}
}
