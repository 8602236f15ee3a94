package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The migrate fixtures are written as Day One and jrnl write them: a Day One
// journal with a byte-order mark, Chinese names, emoji, Markdown, photos and
// one entry with a date Day One never wrote; a jrnl export whose titles are
// first sentences.
func migrateFixture(name string) string {
	return filepath.Join("..", "journal", "exchange", "testdata", "migrate", name)
}

func TestImportHeaderCountsEveryEntryAndAttachments(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	out, errs, st := kindred(t, "import", "--journal", j, "--skip-bad", "--leave-out-unmapped", migrateFixture("dayone-bom.json"))
	if st != 0 || errs != "" {
		t.Fatalf("import: status %d, %q", st, errs)
	}
	if !strings.Contains(out, "Day One export, 5 entries (1 cannot be read), 3 photos and videos, 1 audio recording, 1 attached file\n") {
		t.Errorf("header does not count every entry and attachment:\n%s", out)
	}
	if !strings.Contains(out, "Left out: 3 photos and videos, 1 audio recording, 1 attached file of the export") {
		t.Errorf("summary does not say the attachments were left out:\n%s", out)
	}
}

func TestImportNameTableAlignsWideNames(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	out, _, st := kindred(t, "import", "--journal", j, "--skip-bad", "--leave-out-unmapped", "--dry-run", migrateFixture("dayone-bom.json"))
	if st != 0 {
		t.Fatalf("import: status %d\n%s", st, out)
	}
	col := -1
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(line, " -> ") || strings.Contains(line, "name no one") {
			continue
		}
		at := displayWidth(line[:strings.Index(line, "(")])
		if col == -1 {
			col = at
		} else if at != col {
			t.Errorf("the entry counts are not in one column (%d, %d):\n%s", col, at, out)
			break
		}
	}
	if col == -1 {
		t.Fatalf("no name table:\n%s", out)
	}
}

func TestImportMessages(t *testing.T) {
	dir := t.TempDir()
	j := filepath.Join(dir, "journal.db")
	kindred(t, "person", "add", "--journal", j, "Ana")
	for _, c := range []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"missing file", []string{filepath.Join(dir, "missing.json")}, 1, "kindred: " + filepath.Join(dir, "missing.json") + ": there is no such file\n"},
		{"entries not a list", []string{migrateFixture("entries-object.json")}, 1, `kindred: this is not a Kindred, Day One or jrnl export: its "entries" is not a list of entries` + "\n"},
		{"Day One as jrnl", []string{"--format", "jrnl", migrateFixture("dayone-bom.json")}, 2, "is a Day One export, not jrnl: nothing was imported. Leave out --format, or give --format dayone\n"},
		{"jrnl as Day One", []string{"--format", "dayone", "--skip-bad", "--person-map", "ana=Ana", migrateFixture("jrnl.json")}, 2, "is a jrnl export, not Day One: nothing was imported"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errs, st := kindred(t, append([]string{"import", "--journal", j}, c.args...)...)
			if st != c.status || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 || out != "" {
				t.Errorf("status %d, stderr %q, stdout %q; want status %d and one line with %q", st, errs, out, c.status, c.want)
			}
			if n := reflectionsIn(t, j); n != 0 {
				t.Errorf("a refused import wrote %d reflections", n)
			}
		})
	}
}

func TestImportAgainWithNewMappingJoinsEvenings(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	kindred(t, "person", "add", "--journal", j, "Ana")
	file := migrateFixture("dayone-bom.json")
	base := []string{"import", "--journal", j, "--skip-bad", "--person-map", "王小明=", "--person-map", "Jürgen="}
	if _, errs, st := kindred(t, base...); st != 2 || !strings.Contains(errs, "one FILE") {
		t.Fatalf("no file: status %d %q", st, errs)
	}
	out, errs, st := kindred(t, append(base, file)...)
	if st != 0 || !strings.Contains(out, "Added: 2 reflections.") {
		t.Fatalf("first import: status %d\n%s%s", st, out, errs)
	}

	again := []string{"import", "--journal", j, "--skip-bad", "--person-map", "王小明=王小明", "--person-map", "Jürgen=Jürgen", "--new-people", file}
	before, err := os.ReadFile(j)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(j)
	out, errs, st = kindred(t, append(again[:len(again)-1:len(again)-1], "--dry-run", file)...)
	if st != 0 || errs != "" {
		t.Fatalf("dry run: status %d, %q", st, errs)
	}
	for _, want := range []string{"Dry run: nothing was written.", "Would add: 2 people, 2 reflections.", "Would add Jürgen to 1 evening already in the journal."} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run does not say %q:\n%s", want, out)
		}
	}
	after, _ := os.ReadFile(j)
	info2, _ := os.Stat(j)
	if !bytes.Equal(before, after) || !info.ModTime().Equal(info2.ModTime()) {
		t.Errorf("the dry run changed the journal file")
	}
	if n := reflectionsIn(t, j); n != 2 {
		t.Errorf("after the dry run: %d reflections, want 2", n)
	}

	out, errs, st = kindred(t, again...)
	if st != 0 || !strings.Contains(out, "Added: 2 people, 2 reflections.") || !strings.Contains(out, "Added Jürgen to 1 evening already in the journal.") {
		t.Fatalf("import with the new mapping: status %d\n%s%s", st, out, errs)
	}
	tl, _, _ := kindred(t, "--journal", j, "timeline", "--person", "Jürgen")
	if lines := strings.Split(strings.TrimSpace(tl), "\n"); len(lines) != 1 || !strings.Contains(tl, "Erste Schritte") {
		t.Errorf("Jürgen's timeline after the re-import:\n%s", tl)
	}
	out, _, st = kindred(t, again...)
	if st != 0 || !strings.Contains(out, "Nothing new to add.") || strings.Contains(out, "Added Jürgen") {
		t.Errorf("the same import a third time: status %d\n%s", st, out)
	}
	if n := reflectionsIn(t, j); n != 4 {
		t.Errorf("after three imports: %d reflections, want 4", n)
	}
}

func TestSearchForAnEmojiAfterImport(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	if out, errs, st := kindred(t, "import", "--journal", j, "--skip-bad", "--person-map", "王小明=王小明", "--new-people", "--leave-out-unmapped", migrateFixture("dayone-bom.json")); st != 0 {
		t.Fatalf("import: status %d\n%s%s", st, out, errs)
	}
	out, errs, st := kindred(t, "--journal", j, "search", "😭")
	if st != 0 || errs != "" || !strings.Contains(out, "和王小明吃火锅") {
		t.Errorf("search 😭: status %d, %q\n%s", st, errs, out)
	}
}
