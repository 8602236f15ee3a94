package journal_test

import (
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// BenchmarkChangePassphraseWithPhotos is a change of passphrase on a sealed
// journal with 48 photos: every frame is written again under a new photo
// key, so MB/s is of the originals' bytes (display copies and thumbnails
// move too).
func BenchmarkChangePassphraseWithPhotos(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	s, _ = journaltest.MustSeal(b, path)
	var total int64
	for i := range 48 {
		jpg := journaltest.JPEG(b, 1600, 1200, byte(i))
		if _, err := s.AddPhoto(ctx, "p.jpg", jpg); err != nil {
			b.Fatal(err)
		}
		total += int64(len(jpg))
	}
	b.SetBytes(total)
	passes := []string{"a passphrase for the bench one", "a passphrase for the bench two"}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if err := s.ChangePassphrase(ctx, passes[i%2], journaltest.FastSeal); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
