package journaltest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kindred/journal"
)

// ReferencePhotoCount is how many photos the photos reference journal holds.
const ReferencePhotoCount = 3000

var referencePhotos struct {
	once sync.Once
	path string
	err  error
}

// ReferencePhotosPath is the reference journal with a small photo on each
// of the busiest person's newest ReferencePhotoCount evenings, written once
// per run beside the reference journal (KINDRED_BENCH_DIR under make
// bench), its photos folder beside it. Treat it as read-only: use
// CopyWithPhotos to write.
func ReferencePhotosPath(tb testing.TB) string {
	tb.Helper()
	referencePhotos.once.Do(func() {
		dir := filepath.Dir(ReferencePath(tb))
		final := filepath.Join(dir, "reference-photos", "journal.db")
		if _, err := os.Stat(final); err == nil {
			referencePhotos.path = final
			return
		}
		tmp, err := os.MkdirTemp(dir, "writing-photos-")
		if err != nil {
			referencePhotos.err = err
			return
		}
		defer os.RemoveAll(tmp)
		p := filepath.Join(tmp, "journal.db")
		if referencePhotos.err = copyFile(ReferencePath(tb), p); referencePhotos.err != nil {
			return
		}
		if referencePhotos.err = addReferencePhotos(tb, p); referencePhotos.err != nil {
			return
		}
		// The folder, photos and all, takes its name in one rename.
		referencePhotos.err = os.Rename(tmp, filepath.Dir(final))
		referencePhotos.path = final
	})
	if referencePhotos.err != nil {
		tb.Fatalf("photos reference journal: %v", referencePhotos.err)
	}
	return referencePhotos.path
}

func addReferencePhotos(tb testing.TB, path string) error {
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	p := BusiestPerson(tb, s)
	var evenings []journal.Reflection
	q := journal.TimelineQuery{PersonID: p.ID, Limit: 500}
	for len(evenings) < ReferencePhotoCount {
		page, err := s.Timeline(ctx, q)
		if err != nil {
			return err
		}
		evenings = append(evenings, page.Reflections...)
		if page.Next == nil {
			break
		}
		q.After = page.Next
	}
	evenings = evenings[:min(len(evenings), ReferencePhotoCount)]
	ids := make([]string, len(evenings))
	for i, r := range evenings {
		ids[i] = r.ID
	}
	// Timeline rows may be abridged: save the whole evenings.
	if evenings, err = s.Reflections(ctx, ids); err != nil {
		return err
	}
	for len(evenings) > 0 {
		n := min(len(evenings), 500)
		part := evenings[:n]
		evenings = evenings[n:]
		err := s.Batch(ctx, func(b *journal.Batch) error {
			for i := range part {
				r := &part[i]
				ph, err := b.AddPhoto("photo.jpg", JPEG(tb, 160, 120, byte(i)))
				if err != nil {
					return err
				}
				ph.Caption = "An evening"
				r.Photos = append(r.Photos, *ph)
				if err := b.SaveReflection(r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// CopyWithPhotos copies the closed journal at src and its photos folder
// into dir and returns the copy's path.
func CopyWithPhotos(tb testing.TB, src, dir string) string {
	tb.Helper()
	dst := filepath.Join(dir, filepath.Base(src))
	if err := copyFile(src, dst); err != nil {
		tb.Fatal(err)
	}
	from, to := journal.PhotosDir(src), journal.PhotosDir(dst)
	entries, err := os.ReadDir(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o700); err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if err := copyPlainFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

func copyPlainFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o600)
}
