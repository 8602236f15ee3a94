package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
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

// A journal with photos exports kindred-DATE.zip: a zip of that name already
// in the folder is asked about before it is replaced, like the .json is.
func TestJSONExportAsksBeforeReplacingTheZip(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	photoEvenings(t, st, ana.ID, 1, func(int) bool { return true })
	m := newWindow(t, st)
	dir := t.TempDir()
	zip := filepath.Join(dir, "kindred-"+m.now().Format("2006-01-02")+".zip")
	if err := os.WriteFile(zip, []byte("the user's own zip"), 0o600); err != nil {
		t.Fatal(err)
	}
	open := len(m.dialogs)
	m.exportJSONInto(dir)
	if len(m.dialogs) != open+1 {
		t.Fatalf("exporting over %s opened %d dialogs, want a question first", zip, len(m.dialogs)-open)
	}
	if b, err := os.ReadFile(zip); err != nil || string(b) != "the user's own zip" {
		t.Errorf("the zip before any answer: %q %v; want it untouched", b, err)
	}
}
