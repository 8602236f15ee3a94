package journal_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"kindred/journal/journaltest"
)

// BenchmarkBackup makes a checked backup of the reference journal: VACUUM
// INTO a new file, then integrity_check on it. Target: under 2 s.
func BenchmarkBackup(b *testing.B) {
	ctx := context.Background()
	s := journaltest.OpenReference(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Backup(ctx, filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
}
