package journal_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

// BenchmarkAddPhoto12MP adds a 4000×3000 JPEG to a journal: its display copy
// and thumbnail made (journal/photo.Prepare), the three written and synced,
// the rows committed. Target: under 300 ms.
func BenchmarkAddPhoto12MP(b *testing.B) {
	s := journaltest.MustOpen(b)
	jpg := journaltest.JPEG(b, 4000, 3000, 7)
	b.SetBytes(int64(len(jpg)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.AddPhoto(ctx, "big.jpg", jpg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTimelineFirstPageWithPhotos is a timeline's first page and its
// rows' photos (PhotosOf), on the journal with 3,000 photos.
func BenchmarkTimelineFirstPageWithPhotos(b *testing.B) {
	s := openPhotosReference(b)
	p := journaltest.BusiestPerson(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Timeline(ctx, journal.TimelineQuery{PersonID: p.ID})
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, len(page.Reflections))
		for i, r := range page.Reflections {
			ids[i] = r.ID
		}
		m, err := s.PhotosOf(ctx, ids)
		if err != nil || len(m) != len(ids) {
			b.Fatalf("%d of %d rows with photos, %v", len(m), len(ids), err)
		}
	}
}

// BenchmarkPhotosOfFirstPage is PhotosOf alone for a page of 50 evenings.
func BenchmarkPhotosOfFirstPage(b *testing.B) {
	s := openPhotosReference(b)
	p := journaltest.BusiestPerson(b, s)
	page, err := s.Timeline(ctx, journal.TimelineQuery{PersonID: p.ID})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(page.Reflections))
	for i, r := range page.Reflections {
		ids[i] = r.ID
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if m, err := s.PhotosOf(ctx, ids); err != nil || len(m) != len(ids) {
			b.Fatalf("%d rows with photos, %v", len(m), err)
		}
	}
}

// BenchmarkSearchWithPhotos is a search's first page (each result with its
// photos) on the journal with 3,000 photos.
func BenchmarkSearchWithPhotos(b *testing.B) {
	benchSearchIn(b, openPhotosReference(b), "with", journal.DefaultPageSize)
}

// BenchmarkOpenWithPhotos opens and closes the journal with 3,000 photos.
func BenchmarkOpenWithPhotos(b *testing.B) {
	path := journaltest.ReferencePhotosPath(b)
	for b.Loop() {
		s, err := journal.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkBackupAfterOnePhoto: a backup of the journal with 3,000 photos
// into a folder that holds its earlier backup, one photo later: the image
// written and checked, the photos' new frames copied. Target: under 2 s.
func BenchmarkBackupAfterOnePhoto(b *testing.B) {
	dir := b.TempDir()
	path := journaltest.CopyWithPhotos(b, journaltest.ReferencePhotosPath(b), dir)
	s, err := journal.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	out := filepath.Join(dir, "backups")
	os.MkdirAll(out, 0o700)
	if err := s.Backup(ctx, filepath.Join(out, "first.db")); err != nil {
		b.Fatal(err)
	}
	jpg := journaltest.JPEG(b, 1600, 1200, 3)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		if _, err := s.AddPhoto(ctx, "new.jpg", jpg); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Backup(ctx, filepath.Join(out, fmt.Sprintf("backup-%d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(journal.LastPhotoCopy(s)), "photo-bytes-copied/op")
}

// BenchmarkUnlockSealed3000Photos unlocks the sealed journal with 3,000
// photos (default key settings): the photos are not read. Target: under
// 1.5 s, as without photos (BenchmarkSealedUnlock).
func BenchmarkUnlockSealed3000Photos(b *testing.B) {
	dir := b.TempDir()
	path := journaltest.CopyWithPhotos(b, journaltest.ReferencePhotosPath(b), dir)
	s, err := journal.Seal(ctx, path, journaltest.Passphrase, sealed.NewRecoveryKey(), journal.SealOptions{})
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

func openPhotosReference(b *testing.B) *journal.Store {
	b.Helper()
	s, err := journal.Open(ctx, journaltest.ReferencePhotosPath(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
