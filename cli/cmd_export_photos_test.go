package cli

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// photoJournalFile writes a journal where Marta's one evening has a photo
// (chosen for print, captioned PhotoCaption), and returns its path, closed.
func photoJournalFile(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	marta, err := s.AddPerson(ctx, "Marta")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.AddPhoto(ctx, "sea.jpg", journaltest.ExifJPEG(t, 900, 600, 5))
	if err != nil {
		t.Fatal(err)
	}
	p.Caption = "PhotoCaption the sea"
	r := &journal.Reflection{At: time.Date(2025, 1, 1, 20, 0, 0, 0, time.UTC), Text: "An evening by the sea.",
		Encounters: []journal.Encounter{{PersonID: marta.ID, Closeness: 5}}, Photos: []journal.Photo{*p}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	return path
}

func pdfWords(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	return string(out)
}

func TestExportPhotosFlags(t *testing.T) {
	j := photoJournalFile(t)
	dir := t.TempDir()

	report := filepath.Join(dir, "report.pdf")
	stdout, stderr, code := kindred(t, "--journal", j, "export", "pdf", "--out", report, "--photos")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "1 photo.") {
		t.Fatalf("export pdf --photos: code %d, %q %q", code, stdout, stderr)
	}
	if !strings.Contains(pdfWords(t, report), "PhotoCaption") {
		t.Error("the report with --photos lacks the caption")
	}
	if _, stderr, code := kindred(t, "--journal", j, "export", "pdf", "--out", filepath.Join(dir, "x.pdf"), "--photos", "--no-text"); code == 0 || !strings.Contains(stderr, "choose one") {
		t.Errorf("--photos with --no-text: code %d, %q", code, stderr)
	}

	letter := filepath.Join(dir, "letter.pdf")
	stdout, _, code = kindred(t, "--journal", j, "export", "letter", "--person", "Marta", "--out", letter)
	if code != 0 || !strings.Contains(stdout, "1 photo") || !strings.Contains(pdfWords(t, letter), "PhotoCaption") {
		t.Fatalf("export letter: code %d, %q", code, stdout)
	}
	bare := filepath.Join(dir, "bare.pdf")
	stdout, _, code = kindred(t, "--journal", j, "export", "letter", "--person", "Marta", "--out", bare, "--no-photos")
	if code != 0 || strings.Contains(stdout, "photo") || strings.Contains(pdfWords(t, bare), "PhotoCaption") {
		t.Fatalf("export letter --no-photos: code %d, %q", code, stdout)
	}

	stdout, stderr, code = kindred(t, "--journal", j, "export", "json", "--out", filepath.Join(dir, "all.json"))
	zipPath := filepath.Join(dir, "all.zip")
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, zipPath+"\n") || !strings.Contains(stdout, "1 photo") {
		t.Fatalf("export json of a journal with photos: code %d, %q %q", code, stdout, stderr)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	stdout, stderr, code = kindred(t, "--journal", fresh, "import", zipPath)
	if code != 0 || !strings.Contains(stdout, "1 photo") {
		t.Fatalf("import of the zip: code %d, %q %q", code, stdout, stderr)
	}
}
