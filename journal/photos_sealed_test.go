package journal_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestPhotoRoundTripSealed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	photoRoundTrip(t, s)
	ctx := context.Background()
	jpg := journaltest.JPEG(t, 800, 600, 9)
	p, err := s.AddPhoto(ctx, "secret.jpg", jpg)
	if err != nil {
		t.Fatal(err)
	}
	r := photoEvening(t, s, *p)
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	scanForPlaintext(t, filepath.Join(journal.BackupDir(path), "journal.db.photos"))
	s.Close()

	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	got, err := s.Reflection(ctx, r.ID)
	if err != nil || len(got.Photos) != 1 {
		t.Fatalf("reopened: %+v %v", got, err)
	}
	data, err := s.PhotoData(ctx, p.ID, journal.PhotoOriginal)
	if err != nil || !bytes.Equal(data, jpg) {
		t.Fatalf("reopened original: %d bytes, %v", len(data), err)
	}
	scanForPlaintext(t, journal.PhotosDir(path))
}

// scanForPlaintext fails if any file in dir holds an image signature or
// metadata text.
func scanForPlaintext(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no packs to scan")
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if len(b)%16384 != 0 {
			t.Errorf("%s is %d bytes, not whole frames", e.Name(), len(b))
		}
		for _, sig := range []string{"\xff\xd8\xff\xe0", "\xff\xd8\xff\xe1", "\xff\xd8\xff\xdb", "\x89PNG", "Exif", "JFIF", journaltest.ExifMarker, "summit.jpg"} {
			if bytes.Contains(b, []byte(sig)) {
				t.Errorf("%s holds %q in the clear", e.Name(), sig)
			}
		}
	}
}

func TestSealingSealsExistingPhotos(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	jpg := journaltest.JPEG(t, 500, 400, 4)
	p, err := s.AddPhoto(ctx, "summit.jpg", jpg)
	if err != nil {
		t.Fatal(err)
	}
	r := photoEvening(t, s, *p)
	s.Close()

	s, _ = journaltest.MustSeal(t, path)
	scanForPlaintext(t, journal.PhotosDir(path))
	for _, suffix := range []string{".sealing", ".plain"} {
		if _, err := os.Stat(journal.PhotosDir(path) + suffix); !os.IsNotExist(err) {
			t.Errorf("%s left behind: %v", suffix, err)
		}
	}
	got, err := s.Reflection(ctx, r.ID)
	if err != nil || len(got.Photos) != 1 {
		t.Fatal(got, err)
	}
	data, err := s.PhotoData(ctx, p.ID, journal.PhotoOriginal)
	if err != nil || !bytes.Equal(data, jpg) {
		t.Fatalf("after sealing: %d bytes, %v", len(data), err)
	}
	if err := s.Unseal(ctx); err != nil {
		t.Fatal(err)
	}
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if data, err := s.PhotoData(ctx, p.ID, journal.PhotoThumb); err != nil || len(data) == 0 {
		t.Fatalf("after unsealing: %v", err)
	}
}
