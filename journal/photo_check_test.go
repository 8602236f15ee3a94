package journal_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestCheckFindsADamagedPhoto(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	a, err := s.AddPhoto(ctx, "dumplings.jpg", journaltest.JPEG(t, 400, 300, 1))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddPhoto(ctx, "summit.jpg", journaltest.JPEG(t, 400, 300, 2))
	if err != nil {
		t.Fatal(err)
	}
	photoEvening(t, s, *a, *b)
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("a sound journal: %v %v", problems, err)
	}
	// Flip one byte inside the second photo's original.
	pack := filepath.Join(journal.PhotosDir(s.Path()), "pack-000001")
	f, err := os.OpenFile(pack, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	off := info.Size() / 2 // a's three blobs come first, then b's original
	one := make([]byte, 1)
	f.ReadAt(one, off)
	one[0] ^= 0x40
	f.WriteAt(one, off)
	f.Close()

	problems, err := s.CheckStore(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], `"summit.jpg"`) || !strings.Contains(problems[0], "Sunday 4 May 2025") {
		t.Fatalf("check after a flipped byte: %q %v", problems, err)
	}
	if _, err := s.PhotoData(ctx, b.ID, journal.PhotoOriginal); journal.ErrorCode(err) != journal.EDAMAGED {
		t.Errorf("reading the damaged photo: %v", err)
	}
	if _, err := s.PhotoData(ctx, a.ID, journal.PhotoOriginal); err != nil {
		t.Errorf("the sound photo: %v", err)
	}
	path := s.Path()
	s.Close()
	if problems, err := journal.Check(ctx, path); err != nil || len(problems) != 1 {
		t.Fatalf("Check on the file: %q %v", problems, err)
	}
	os.Remove(pack)
	if problems, err := journal.Check(ctx, path); err != nil || len(problems) != 2 || !strings.Contains(problems[0], "missing") {
		t.Fatalf("Check without the pack: %q %v", problems, err)
	}
}

// Bytes written for a photo whose rows never committed, and a torn frame a
// kill left at the end of a pack, are dead space: nothing breaks.
func TestPhotoBytesWithoutRowsAreHarmless(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	kept, err := s.AddPhoto(ctx, "kept.jpg", journaltest.JPEG(t, 200, 200, 1))
	if err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the power went")
	err = s.Batch(ctx, func(b *journal.Batch) error {
		if _, err := b.AddPhoto("lost.jpg", journaltest.JPEG(t, 300, 200, 2)); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatal(err)
	}
	pack := filepath.Join(journal.PhotosDir(s.Path()), "pack-000001")
	f, err := os.OpenFile(pack, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("half a frame"))
	f.Close()
	next, err := s.AddPhoto(ctx, "next.jpg", journaltest.JPEG(t, 120, 90, 3))
	if err != nil {
		t.Fatal(err)
	}
	photoEvening(t, s, *kept, *next)
	for _, p := range []*journal.Photo{kept, next} {
		if _, err := s.PhotoData(ctx, p.ID, journal.PhotoOriginal); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check: %q %v", problems, err)
	}
}
