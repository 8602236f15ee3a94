package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestReportsGoToStdout: what a command did is its output; stderr carries
// only "kindred: " errors, so a script can tell a failure by stderr alone.
func TestReportsGoToStdout(t *testing.T) {
	dir := t.TempDir()
	j := filepath.Join(dir, "journal.db")
	jsonFile := filepath.Join(dir, "export.json")
	jrnl := filepath.Join("..", "journal", "exchange", "testdata", "jrnl", "journal.json")
	steps := []struct {
		args []string
		says string // part of what stdout must say
	}{
		{[]string{"demo", "--out", j, "--people", "2", "--years", "1"}, "wrote sample journal"},
		{[]string{"--journal", j, "backup"}, "backed up"},
		{[]string{"--journal", j, "export", "json", "--out", jsonFile}, "exported"},
		{[]string{"--journal", j, "export", "markdown", "--out", filepath.Join(dir, "md")}, "exported"},
		{[]string{"--journal", filepath.Join(dir, "other.db"), "import", jsonFile}, "Kindred JSON"},
		{[]string{"--journal", filepath.Join(dir, "other.db"), "import", "--skip-bad", "--leave-out-unmapped", "--person", "Ana", "--new-people", jrnl}, "entries that name no one"},
		{[]string{"--journal", filepath.Join(dir, "none.db"), "backups"}, "no backups yet"},
		{[]string{"add", "-h"}, "Usage: kindred add"},
	}
	for _, s := range steps {
		out, errs, st := kindred(t, s.args...)
		if st != 0 || errs != "" || !strings.Contains(out, s.says) {
			t.Errorf("kindred %s: status %d, stdout %q, stderr %q; want %q on stdout and nothing on stderr",
				strings.Join(s.args, " "), st, out, errs, s.says)
		}
	}
}

// TestMistakenFlagIsOneError: a wrong flag is told once, as a "kindred: "
// error with the command's usage line, not also by the flag package.
func TestMistakenFlagIsOneError(t *testing.T) {
	out, errs, st := kindred(t, "add", "--colour", "blue")
	if st != 2 || out != "" {
		t.Fatalf("status %d, stdout %q", st, out)
	}
	if !strings.HasPrefix(errs, "kindred: flag provided but not defined: -colour\n") ||
		strings.Count(errs, "not defined") != 1 || !strings.Contains(errs, "Usage: kindred add ") ||
		!strings.Contains(errs, `kindred add -h`) {
		t.Errorf("stderr:\n%s", errs)
	}
}
