package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// The jrnl test file's entry 3, "Quiet day.", has no tag or @mention.
func TestImportGivesEntriesThatNameNoOneToPerson(t *testing.T) {
	jrnl := filepath.Join("..", "journal", "exchange", "testdata", "jrnl", "journal.json")
	j := filepath.Join(t.TempDir(), "journal.db")
	kindred(t, "--journal", j, "person", "add", "Marta")
	kindred(t, "--journal", j, "person", "add", "Jonas")
	base := []string{"import", "--journal", j, "--skip-bad", "--zone", "Europe/Lisbon", jrnl}

	_, errs, st := kindred(t, append(base, "--person", "Marts")...)
	if st != 1 || !strings.Contains(errs, `kindred: --person: No person named "Marts". Did you mean "Marta"?`) || !strings.Contains(errs, "--new-people") {
		t.Errorf("an unknown --person: status %d, %q", st, errs)
	}
	if n := reflectionsIn(t, j); n != 0 {
		t.Fatalf("a refused import wrote %d reflections", n)
	}
	_, errs, st = kindred(t, "import", "--journal", j, "--person", "Marta", filepath.Join("..", "journal", "exchange", "testdata", "kindred", "small.json"))
	if st != 2 || !strings.Contains(errs, "--person are for Day One and jrnl") {
		t.Errorf("--person with a Kindred file: status %d, %q", st, errs)
	}

	out, errs, st := kindred(t, append(base, "--person", "Mum", "--new-people")...)
	if st != 0 {
		t.Fatalf("import: status %d, %q", st, errs)
	}
	if !strings.Contains(out, "entries that name no one") || !strings.Contains(out, "-> Mum (new)") || errs != "" {
		t.Errorf("the mapping shown:\n%s\nstderr: %q", out, errs)
	}
	if !strings.Contains(out, "Added: 1 person, 4 reflections.") || !strings.Contains(out, "With Mum: 1 entry that named no one (entries 3).") {
		t.Errorf("summary:\n%s", out)
	}
	out, _, _ = kindred(t, "--journal", j, "timeline", "--person", "Mum")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "Quiet day.") {
		t.Errorf("Mum's timeline:\n%s", out)
	}

	out, errs, st = kindred(t, append(base, "--person", "mum")...)
	if st != 0 || !strings.Contains(out, "Nothing new to add.") || !strings.Contains(out, "Already in the journal: 4 reflections.") || !strings.Contains(out, "-> Mum\n") || errs != "" {
		t.Errorf("second import: status %d\n%s\n%s", st, out, errs)
	}
	if n := reflectionsIn(t, j); n != 4 {
		t.Errorf("after importing twice: %d reflections, want 4", n)
	}
}
