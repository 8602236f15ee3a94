package journal_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/sample"
)

// TestDamagedJournalKeepsItsBackups: a journal with a page zeroed in its
// middle opens, but the day's automatic backup finds the damage: no damaged
// copy takes a backup's place, rotation removes no sound backup, and from
// then on the journal refuses every write.
func TestDamagedJournalKeepsItsBackups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	if err := sample.Write(ctx, path, sample.Options{People: 30, Years: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// Ten days of sound backups: more than rotation keeps daily.
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.Local)
	for i := 0; i < 10; i++ {
		s.Now = func() time.Time { return day.AddDate(0, 0, i) }
		if _, err := s.AutoBackup(ctx); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	backups := func() map[string][]byte {
		m := map[string][]byte{}
		names, _ := filepath.Glob(filepath.Join(journal.BackupDir(path), "*"))
		for _, n := range names {
			m[n], _ = os.ReadFile(n)
		}
		return m
	}
	before := backups()

	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, 4096), 60*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	damaged, _ := os.ReadFile(path)

	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Skipf("this damage is found on opening already: %v", err)
	}
	defer s.Close()
	s.Now = func() time.Time { return day.AddDate(0, 0, 30) }
	if _, err := s.AutoBackup(ctx); journal.ErrorCode(err) != journal.EDAMAGED {
		t.Fatalf("the automatic backup of a damaged journal: got %v, want damaged", err)
	}
	after := backups()
	if len(after) != len(before) {
		t.Errorf("backups: %d before, %d after", len(before), len(after))
	}
	for name, body := range before {
		if !bytes.Equal(after[name], body) {
			t.Errorf("the sound backup %s was replaced or removed", name)
		}
	}
	if s.Damaged() == nil {
		t.Errorf("the store does not know it was found damaged")
	}
	if _, err := s.AddPerson(ctx, "Bob"); journal.ErrorCode(err) != journal.EDAMAGED {
		t.Errorf("AddPerson on the damaged journal: got %v, want damaged", err)
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d", Body: "x"}); journal.ErrorCode(err) != journal.EDAMAGED {
		t.Errorf("SaveDraft on the damaged journal: got %v, want damaged", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, damaged) {
		t.Errorf("the damaged journal was written")
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		t.Errorf("the damaged journal's -wal holds %d bytes: it was written", wal.Size())
	}
}
