package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kindred/journal"
)

// TestWindowExportsNeverLandOnTheJournal: a PDF, letter, JSON or Markdown
// export chosen onto the journal, its -wal or its backups folder is refused
// with a problem shown, and the journal is left whole.
func TestWindowExportsNeverLandOnTheJournal(t *testing.T) {
	ctx := context.Background()
	st := storeWith(t, 2)
	if _, err := st.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	backups := journal.BackupDir(st.Path())
	for _, target := range []string{st.Path(), st.Path() + "-wal", filepath.Join(backups, "report.pdf")} {
		var shown string
		wrote := false
		closes := m.writeOrAsk(nil, target, "report", func(s string) { shown = s }, func(bool) { wrote = true })
		if closes || wrote || shown == "" {
			t.Errorf("a PDF onto %s: closes %v, wrote %v, problem %q; want refused with a problem", target, closes, wrote, shown)
		}
	}
	before, _ := os.ReadDir(backups)
	m.exportJSONInto(backups)
	m.exportMarkdown(filepath.Join(backups, "md"))
	after, _ := os.ReadDir(backups)
	if len(after) != len(before) {
		t.Errorf("the backups folder held %d files, now %d: an export was written into it", len(before), len(after))
	}
	if problems, err := journal.Check(ctx, st.Path()); err != nil || len(problems) > 0 {
		t.Errorf("the journal after the refusals: %v %v", problems, err)
	}
	if s, err := st.Stats(ctx); err != nil || s.Reflections != 2 {
		t.Errorf("the journal after the refusals: %+v %v, want 2 reflections", s, err)
	}
}
