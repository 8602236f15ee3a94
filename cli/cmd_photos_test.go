package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestAddPhotosThenListAndSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPerson(context.Background(), "Pat"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	files := map[string][]byte{
		"summit.jpg":    journaltest.JPEG(t, 640, 480, 1),
		"dumplings.png": journaltest.PNG(t, 200, 300, 2),
		"laugh.jpg":     journaltest.JPEG(t, 100, 80, 3),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runKindred("--journal", path, "add", "--person", "Pat", "--text", "Up the hill",
		"--photo", filepath.Join(dir, "summit.jpg"), "--caption", "At the top",
		"--photo", filepath.Join(dir, "dumplings.png"), filepath.Join(dir, "laugh.jpg"))
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	id := strings.TrimSpace(out)
	code, out, errOut = runKindred("--journal", path, "photos", "--reflection", id)
	if code != 0 || errOut != "" {
		t.Fatalf("photos: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "jpeg\t640x480") || !strings.HasSuffix(lines[0], "\tAt the top") ||
		!strings.Contains(lines[1], "png\t200x300") || !strings.Contains(lines[2], "100x80") {
		t.Fatalf("photos listed:\n%s", out)
	}
	save := filepath.Join(dir, "saved")
	code, out, errOut = runKindred("--journal", path, "photos", "--reflection", id, "--save", save)
	if code != 0 || errOut != "" {
		t.Fatalf("photos --save: exit %d: %s", code, errOut)
	}
	got, err := os.ReadFile(filepath.Join(save, "02-dumplings.png"))
	if err != nil || !bytes.Equal(got, files["dumplings.png"]) {
		t.Fatalf("saved png: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(save, "01-summit.jpg")); err != nil {
		t.Fatal(err)
	}
	// Saving again overwrites nothing.
	if code, _, _ := runKindred("--journal", path, "photos", "--reflection", id, "--save", save); code == 0 {
		t.Error("a second save overwrote the copies")
	}
}

func TestAddRefusesABadPhotoAndSavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPerson(context.Background(), "Pat"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("words"), 0o600)
	good := filepath.Join(dir, "good.jpg")
	os.WriteFile(good, journaltest.JPEG(t, 50, 50, 1), 0o600)
	for _, bad := range []string{notes, filepath.Join(dir, "missing.jpg")} {
		code, _, errOut := runKindred("--journal", path, "add", "--person", "Pat", "--photo", good, "--photo", bad)
		if code == 0 || !strings.HasPrefix(errOut, "kindred: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("add with %s: exit %d, %q", bad, code, errOut)
		}
	}
	s, err = journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.Stats(context.Background()); st.Reflections != 0 {
		t.Errorf("a refused add saved %d evenings", st.Reflections)
	}
}

func TestCheckNamesTheEveningOfADamagedPhoto(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPerson(context.Background(), "Pat"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	jpg := filepath.Join(dir, "summit.jpg")
	os.WriteFile(jpg, journaltest.JPEG(t, 300, 200, 1), 0o600)
	if code, _, errOut := runKindred("--journal", path, "add", "--person", "Pat", "--date", "2025-05-04", "--photo", jpg); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, _ := runKindred("--journal", path, "check"); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check of a sound journal: %d %s", code, out)
	}
	pack := filepath.Join(journal.PhotosDir(path), "pack-000001")
	b, _ := os.ReadFile(pack)
	b[100] ^= 1
	os.WriteFile(pack, b, 0o600)
	code, out, _ := runKindred("--journal", path, "check")
	if code == 0 || !strings.Contains(out, `"summit.jpg" of the evening of Sunday 4 May 2025`) {
		t.Fatalf("check of a damaged photo: exit %d\n%s", code, out)
	}
}
