package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

// pdfJournal writes a small journal file: Zoë with three evenings (one per
// month from March 2024, markers PdfA, PdfB, PdfC in the text and NoteA...
// in an adventure's note) and Dmitri with one (PdfD, NoteD).
func pdfJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	zoe, err := s.AddPerson(ctx, "Zoë Ångström")
	if err != nil {
		t.Fatal(err)
	}
	dima, err := s.AddPerson(ctx, "Дмитрий")
	if err != nil {
		t.Fatal(err)
	}
	add := func(day, text, note string, who *journal.Person) {
		at, err := time.ParseInLocation("2006-01-02 15:04", day+" 21:00", time.Local)
		if err != nil {
			t.Fatal(err)
		}
		r := &journal.Reflection{At: at, Text: text, Encounters: []journal.Encounter{{PersonID: who.ID, Closeness: 5,
			Moments: []journal.Moment{{Kind: journal.KindAdventure, Note: note}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	add("2024-03-10", "PdfA a walk 🌊", "NoteA", zoe)
	add("2024-04-10", "PdfB Долгий разговор", "NoteB", zoe)
	add("2024-05-10", "PdfC 我们一起去爬山", "NoteC", zoe)
	add("2024-04-20", "PdfD блины", "NoteD", dima)
	return path
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestExportPDFCommand(t *testing.T) {
	j := pdfJournal(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")

	stdout, stderr, code := kindred(t, "--journal", j, "export", "pdf", "--out", out, "--person", "Zoë Ångström", "--to", "2024-04-10")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Wrote "+out) || !strings.Contains(stdout, "2 reflections") {
		t.Errorf("stdout: %q", stdout)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	text := pdfToText(t, out)
	// --to takes the whole last day: the 21:00 evening of 10 April is in.
	for _, want := range []string{"PdfA", "PdfB", "Долгий разговор", "Zoë Ångström"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, not := range []string{"PdfC", "PdfD"} {
		if strings.Contains(text, not) {
			t.Errorf("report holds %q, outside the person or the period", not)
		}
	}
	before, _ := os.ReadFile(out)

	t.Run("an existing file needs --force", func(t *testing.T) {
		_, stderr, code := kindred(t, "--journal", j, "export", "pdf", "--out", out)
		if code != 1 || !strings.Contains(stderr, "already exists") || !strings.Contains(stderr, "--force") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		if now, _ := os.ReadFile(out); !bytes.Equal(now, before) {
			t.Errorf("the file was changed without --force")
		}
		_, stderr, code = kindred(t, "--journal", j, "export", "pdf", "--out", out, "--force", "--no-text", "--paper", "letter")
		if code != 0 {
			t.Fatalf("with --force: exit %d: %s", code, stderr)
		}
		text := pdfToText(t, out)
		if strings.Contains(text, "Pdf") || !strings.Contains(text, "NoteA") || !strings.Contains(text, "NoteD") || !strings.Contains(text, "Дмитрий") {
			t.Errorf("--no-text report of everyone: reflections' text must be gone, notes and people kept")
		}
	})

	t.Run("bad usage changes nothing", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			code int
			msg  string
		}{
			{[]string{"export", "pdf"}, 2, "--out"},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "--paper", "a5"}, 2, "a4 or letter"},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "--from", "10/03/2024"}, 2, "YYYY-MM-DD"},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "--from", "2024-05-01", "--to", "2024-04-01"}, 2, "before"},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "--person", "Zoey"}, 1, "No person named \"Zoey\""},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "--from", "2030-01-01"}, 1, "no evenings"},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "missing", "x.pdf")}, 1, "missing"},
			{[]string{"export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "extra"}, 2, "no arguments"},
		} {
			_, stderr, code := kindred(t, append([]string{"--journal", j}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("%q: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.msg)
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("failed exports left files behind: %v", entries)
		}
	})
}
