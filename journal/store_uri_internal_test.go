package journal

import "testing"

// SQLite reads a journal's path from a file: URI; a Windows path written as
// it comes ("C:\j\journal.db") was an "invalid uri authority".
func TestFileURI(t *testing.T) {
	for _, c := range []struct {
		path    string
		windows bool
		want    string
	}{
		{"/home/ana/.local/share/kindred/journal.db", false, "file:///home/ana/.local/share/kindred/journal.db"},
		{"/tmp/with space/j#1.db", false, "file:///tmp/with%20space/j%231.db"},
		{"rel/j.db", false, "file:rel%2Fj.db"},
		{`/tmp/back\slash.db`, false, "file:///tmp/back%5Cslash.db"},
		{`C:\j\journal.db`, true, "file:///C:/j/journal.db"},
		{`C:\Users\Zoë Müller\AppData\Roaming\Kindred\journal.db`, true, "file:///C:/Users/Zo%C3%AB%20M%C3%BCller/AppData/Roaming/Kindred/journal.db"},
		{`\\server\share\j.db`, true, "file:////server/share/j.db"},
		{`j\journal.db`, true, "file:j%2Fjournal.db"},
	} {
		if got := fileURI(c.path, c.windows); got != c.want {
			t.Errorf("fileURI(%q, windows=%v): got %s, want %s", c.path, c.windows, got, c.want)
		}
	}
}
