package cli

import (
	"strings"
	"testing"
)

// The help says where the journal is in the system's own words: on Windows
// the AppData folder, never the Linux layout.
func TestJournalWhereSpeaksTheSystemsWords(t *testing.T) {
	for goos, want := range map[string]string{
		"windows": `%AppData%\Kindred\journal.db`,
		"darwin":  "~/Library/Application Support/Kindred/journal.db",
		"linux":   "~/.local/share/kindred/journal.db",
	} {
		got := journalWhere(goos)
		if !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", goos, got, want)
		}
		if goos != "linux" && strings.Contains(got, ".local/share") {
			t.Errorf("%s: %q names the Linux layout", goos, got)
		}
	}
}
