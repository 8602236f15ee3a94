package journal_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func photoEvening(t *testing.T, s *journal.Store, photos ...journal.Photo) *journal.Reflection {
	t.Helper()
	p := journaltest.MustAddPerson(t, s, "Mira "+time.Now().Format("150405.000000000"))
	r := &journal.Reflection{
		At:         time.Date(2025, 5, 4, 20, 0, 0, 0, time.UTC),
		Text:       "Dumplings at the night market.",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 5}},
		Photos:     photos,
	}
	if err := s.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPhotoRoundTripPlain(t *testing.T) {
	s := journaltest.MustOpen(t)
	photoRoundTrip(t, s)
}

func photoRoundTrip(t *testing.T, s *journal.Store) {
	ctx := context.Background()
	jpg := journaltest.JPEG(t, 640, 480, 1)
	pngData := journaltest.PNG(t, 300, 500, 2)
	a, err := s.AddPhoto(ctx, "summit.jpg", jpg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddPhoto(ctx, "laugh.png", pngData)
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != "jpeg" || a.Width != 640 || a.Height != 480 || a.Size != int64(len(jpg)) || a.ReflectionID != "" || !a.Print {
		t.Errorf("added %+v", a)
	}
	a.Caption = "The summit"
	b.KeepMetadata = true
	r := photoEvening(t, s, *b, *a)
	got, err := s.Reflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Photos) != 2 || got.Photos[0].ID != b.ID || got.Photos[1].ID != a.ID || got.Photos[1].Caption != "The summit" ||
		!got.Photos[0].KeepMetadata || got.Photos[1].Position != 1 || got.Photos[0].ReflectionID != r.ID {
		t.Fatalf("loaded photos %+v", got.Photos)
	}
	orig, err := s.PhotoData(ctx, a.ID, journal.PhotoOriginal)
	if err != nil || !bytes.Equal(orig, jpg) {
		t.Fatalf("original: %d bytes, %v", len(orig), err)
	}
	for _, size := range []journal.PhotoSize{journal.PhotoThumb, journal.PhotoDisplay} {
		data, err := s.PhotoData(ctx, b.ID, size)
		if err != nil || len(data) < 3 || data[0] != 0xFF || data[1] != 0xD8 {
			t.Fatalf("size %d: %d bytes, %v", size, len(data), err)
		}
	}
	if exp, err := s.PhotoData(ctx, b.ID, journal.PhotoExport); err != nil || !bytes.Equal(exp, pngData) {
		t.Fatalf("export with metadata kept: %v", err)
	}
	m, err := s.PhotosOf(ctx, []string{r.ID, "none"})
	if err != nil || len(m) != 1 || len(m[r.ID]) != 2 {
		t.Fatalf("PhotosOf: %v %v", m, err)
	}
	if one, err := s.Photo(ctx, a.ID); err != nil || one.Caption != "The summit" || one.Name != "summit.jpg" {
		t.Fatalf("Photo: %+v %v", one, err)
	}

	// Editing the text rewrites no bytes; dropping a photo unlinks it.
	dir := journal.PhotosDir(s.Path())
	before := folderSize(t, dir)
	got.Text = "Dumplings, then the summit."
	got.Photos = got.Photos[1:]
	if err := s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	if after := folderSize(t, dir); after != before {
		t.Errorf("an edit changed the photos folder from %d to %d bytes", before, after)
	}
	if ps, err := s.ReflectionPhotos(ctx, r.ID); err != nil || len(ps) != 1 || ps[0].ID != a.ID || ps[0].Position != 0 {
		t.Fatalf("after unlinking: %+v %v", ps, err)
	}
	if _, err := s.Photo(ctx, b.ID); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("the unlinked photo: %v", err)
	}

	// A deleted evening's photos come back with undo.
	old, err := s.DeleteReflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := s.PhotosOf(ctx, []string{r.ID}); len(m) != 0 {
		t.Errorf("deleted evening still has photos %v", m)
	}
	if err := s.SaveReflection(ctx, old); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.ReflectionPhotos(ctx, r.ID); len(ps) != 1 {
		t.Errorf("undo brought back %d photos", len(ps))
	}
}

func folderSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		n += info.Size()
	}
	return n
}

func TestAddPhotoRefusesBadInput(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	if _, err := s.AddPhoto(ctx, "notes.txt", []byte("just words")); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("text: %v", err)
	}
	if _, err := s.AddPhotoFile(ctx, filepath.Join(t.TempDir(), "gone.jpg")); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("missing file: %v", err)
	}
	big := make([]byte, journal.MaxPhotoBytes+1)
	copy(big, journaltest.JPEG(t, 8, 8, 0))
	if _, err := s.AddPhoto(ctx, "huge.jpg", big); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("huge: %v", err)
	}
	if _, err := os.Stat(journal.PhotosDir(s.Path())); !os.IsNotExist(err) {
		t.Errorf("refused photos wrote the folder: %v", err)
	}
	r := &journal.Reflection{At: time.Now(), Text: "x", Photos: []journal.Photo{{ID: "no-such-photo"}}}
	p := journaltest.MustAddPerson(t, s, "Ana")
	r.Encounters = []journal.Encounter{{PersonID: p.ID}}
	if err := s.SaveReflection(ctx, r); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("unknown photo id: %v", err)
	}
}

func TestBatchAddsAndLinksPhotos(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	p := journaltest.MustAddPerson(t, s, "Ana")
	var r journal.Reflection
	err := s.Batch(ctx, func(b *journal.Batch) error {
		ph, err := b.AddPhoto("a.jpg", journaltest.JPEG(t, 64, 48, 3))
		if err != nil {
			return err
		}
		r = journal.Reflection{At: time.Now().Add(-time.Hour), Text: "imported", Encounters: []journal.Encounter{{PersonID: p.ID}}, Photos: []journal.Photo{*ph}}
		return b.SaveReflection(&r)
	})
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := s.ReflectionPhotos(ctx, r.ID); err != nil || len(ps) != 1 {
		t.Fatalf("%v %v", ps, err)
	}
}
