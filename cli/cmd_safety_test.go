package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

// runCLI runs kindred with args and returns its output and exit status.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errOut, nil)
	return out.String(), errOut.String(), code
}

// sampleJournal writes a small journal and returns its path, closed.
func sampleJournal(t *testing.T, reflections int) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.AddPerson(ctx, "Marta")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < reflections; i++ {
		r := &journal.Reflection{At: time.Date(2025, 1, 1+i, 20, 0, 0, 0, time.UTC), Text: "An evening by the sea, long talks, cold hands.",
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 5, Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func reflectionsIn(t *testing.T, path string) int {
	t.Helper()
	c, err := journal.InspectImage(context.Background(), path, false)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return c.Reflections
}

func TestBackupCommand(t *testing.T) {
	j := sampleJournal(t, 3)
	out, errOut, code := runCLI(t, "", "--journal", j, "backup")
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut)
	}
	made := backupPath(out)
	if filepath.Dir(made) != journal.BackupDir(j) || !strings.Contains(made, "-manual") {
		t.Errorf("backup went to %s, want a manual backup in %s", made, journal.BackupDir(j))
	}
	if reflectionsIn(t, made) != 3 {
		t.Errorf("the backup does not hold the 3 reflections")
	}
	// Opening the journal made today's automatic backup too.
	if _, err := os.Stat(journal.BackupName(j, journal.BackupAutomatic, time.Now())); err != nil {
		t.Errorf("no automatic backup after opening: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "mine.db")
	if _, errOut, code := runCLI(t, "", "backup", "--journal", j, "--out", dest); code != 0 {
		t.Fatalf("backup --out: exit %d: %s", code, errOut)
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup --out: %v, mode %v", err, fi.Mode())
	}
	if _, errOut, code := runCLI(t, "", "backup", "--journal", j, "--out", dest); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file: exit %d, %q", code, errOut)
	}
	out, _, code = runCLI(t, "", "backups", "--journal", j)
	if code != 0 || !strings.Contains(out, "Made by you") || !strings.Contains(out, "Automatic") || !strings.Contains(out, "3 reflections") {
		t.Errorf("backups listing:\n%s", out)
	}
}

func TestRestoreCommand(t *testing.T) {
	j := sampleJournal(t, 2)
	out, _, _ := runCLI(t, "", "backup", "--journal", j)
	backup := backupPath(out)
	// Five more evenings after the backup.
	if _, errOut, code := runCLI(t, "", "add", "--journal", j, "--person", "Marta", "--date", "2025-02-01", "--text", "later"); code != 0 {
		t.Fatalf("add: %s", errOut)
	}

	if _, errOut, code := runCLI(t, "", "restore", "--journal", j, backup); code != 2 || !strings.Contains(errOut, "--yes") {
		t.Errorf("restore without a terminal or --yes: exit %d, %q", code, errOut)
	}
	saved := stdinIsTerminal
	defer func() { stdinIsTerminal = saved }()
	stdinIsTerminal = func(io.Reader) bool { return true }
	// The question goes where a passphrase prompt goes; the answer's result
	// is the command's output.
	out, errOut, code := runCLI(t, "n\n", "restore", "--journal", j, backup)
	if code != 0 || !strings.Contains(errOut, "Replace the journal") || !strings.Contains(out, "Nothing was changed") {
		t.Errorf("restore answered no: exit %d, %q %q", code, out, errOut)
	}
	if reflectionsIn(t, j) != 3 {
		t.Fatalf("the journal changed although the answer was no")
	}
	out, errOut, code = runCLI(t, "y\n", "restore", "--journal", j, backup)
	if code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore answered yes: exit %d, %q %q", code, out, errOut)
	}
	if reflectionsIn(t, j) != 2 {
		t.Errorf("after the restore the journal holds %d reflections, want 2", reflectionsIn(t, j))
	}
	kept, _ := filepath.Glob(filepath.Join(journal.BackupDir(j), "*before-restore*"))
	if len(kept) != 1 || reflectionsIn(t, kept[0]) != 3 {
		t.Errorf("the replaced journal was not kept: %v", kept)
	}
	// A date names that day's newest backup.
	day := time.Now().Format("2006-01-02")
	if _, errOut, code := runCLI(t, "", "restore", "--journal", j, "--yes", day); code != 0 {
		t.Errorf("restore by date: exit %d, %q", code, errOut)
	}
}

func TestCheckCommandAndDamagedJournal(t *testing.T) {
	j := sampleJournal(t, 60)
	out, errOut, code := runCLI(t, "", "check", "--journal", j)
	if code != 0 || out != "ok\n" {
		t.Fatalf("check of a sound journal: exit %d, %q %q", code, out, errOut)
	}
	backupOut, _, _ := runCLI(t, "", "backup", "--journal", j)
	backup := backupPath(backupOut)
	b, _ := os.ReadFile(j)
	for off := 2 * 4096; off+4096 <= len(b); off += 4096 {
		copy(b[off+100:off+300], bytes.Repeat([]byte{0xA5}, 200))
	}
	if err := os.WriteFile(j, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = runCLI(t, "", "check", "--journal", j)
	if code != 1 || out == "ok\n" || out == "" {
		t.Errorf("check of a damaged journal: exit %d, problems %q", code, out)
	}
	if !strings.Contains(errOut, "kindred restore") {
		t.Errorf("check does not offer a backup: %q", errOut)
	}
	// Opening cannot see damage this deep; the day's first backup, which
	// reads every row, does. Remove today's to be the next day.
	os.Remove(journal.BackupName(j, journal.BackupAutomatic, time.Now()))
	_, errOut, code = runCLI(t, "", "stats", "--journal", j)
	if code != 1 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "did not change it") {
		t.Errorf("opening a damaged journal: exit %d, %q", code, errOut)
	}
	if !strings.Contains(errOut, "kindred restore") || !strings.Contains(errOut, backup) {
		t.Errorf("the message does not name a backup to restore: %q", errOut)
	}
	if after, _ := os.ReadFile(j); !bytes.Equal(after, b) {
		t.Errorf("the damaged journal was written to")
	}

	// Damage opening sees at once: the schema page.
	copy(b[100:400], bytes.Repeat([]byte{0x5A}, 300))
	os.WriteFile(j, b, 0o600)
	_, errOut, code = runCLI(t, "", "person", "list", "--journal", j)
	if code != 1 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, backup) {
		t.Errorf("opening a journal with a damaged schema: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(j); !bytes.Equal(after, b) {
		t.Errorf("the damaged journal was written to")
	}
}

func TestExportAndImportCommands(t *testing.T) {
	j := sampleJournal(t, 4)
	dir := t.TempDir()
	jsonFile := filepath.Join(dir, "export.json")
	if out, errOut, code := runCLI(t, "", "export", "json", "--journal", j, "--out", jsonFile); code != 0 || !strings.Contains(out, "plain text") || errOut != "" {
		t.Fatalf("export json: exit %d, %q %q", code, out, errOut)
	}
	if _, _, code := runCLI(t, "", "export", "json", "--journal", j, "--out", j); code != 2 {
		t.Errorf("export json over the journal: exit %d, want 2", code)
	}
	out, errOut, code := runCLI(t, "", "export", "markdown", "--journal", j, "--out", filepath.Join(dir, "md"))
	if code != 0 || !strings.Contains(out, "Marta.md\n") {
		t.Fatalf("export markdown: exit %d, %q %q", code, out, errOut)
	}

	other := filepath.Join(t.TempDir(), "journal.db")
	out, errOut, code = runCLI(t, "", "import", "--journal", other, jsonFile)
	if code != 0 || !strings.Contains(out, "Added: 1 person, 4 reflections") {
		t.Fatalf("import json: exit %d, %q %q", code, out, errOut)
	}
	out, _, _ = runCLI(t, "", "import", "--journal", other, jsonFile)
	if !strings.Contains(out, "Nothing new to add") || !strings.Contains(out, "4 reflections") {
		t.Errorf("second import: %q", out)
	}

	jrnl := filepath.Join("..", "journal", "exchange", "testdata", "jrnl", "journal.json")
	_, errOut, code = runCLI(t, "", "import", "--journal", other, jrnl)
	if code != 1 || !strings.Contains(errOut, "entry 5") || !strings.Contains(errOut, "--skip-bad") {
		t.Errorf("import with an unreadable entry: exit %d, %q", code, errOut)
	}
	_, errOut, code = runCLI(t, "", "import", "--journal", other, "--skip-bad", jrnl)
	if code != 1 || !strings.Contains(errOut, "jonas") || !strings.Contains(errOut, "--person-map") {
		t.Errorf("import with unmapped names: exit %d, %q", code, errOut)
	}
	_, errOut, code = runCLI(t, "", "import", "--journal", other, "--skip-bad", "--person-map", "jonas=Jonas Weber", jrnl)
	if code != 1 || !strings.Contains(errOut, "--new-people") {
		t.Errorf("mapping to someone not in the journal: exit %d, %q", code, errOut)
	}
	before := reflectionsIn(t, other)
	out, errOut, code = runCLI(t, "", "import", "--journal", other, "--skip-bad", "--zone", "Europe/Lisbon",
		"--person-map", "jonas=Jonas Weber", "--new-people", "--leave-out-unmapped", jrnl)
	if code != 0 {
		t.Fatalf("import jrnl: exit %d, %q", code, errOut)
	}
	// Marta is in the journal already: her name maps to her by itself.
	if !strings.Contains(out, "-> Marta") || !strings.Contains(out, "-> moment: Laughed together") || errOut != "" {
		t.Errorf("the mapping shown:\n%s\nstderr: %q", out, errOut)
	}
	if got := reflectionsIn(t, other) - before; got != 3 || !strings.Contains(out, "Added: 1 person, 3 reflections") {
		t.Errorf("jrnl import added %d reflections:\n%s", got, out)
	}
}
