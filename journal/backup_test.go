package journal_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

var fills int

// fill adds people and n reflections with moments, so a backup has something to hold.
func fill(t testing.TB, s *journal.Store, n int) []string {
	t.Helper()
	ctx := context.Background()
	fills++
	a := journaltest.MustAddPerson(t, s, fmt.Sprintf("Ana %d", fills))
	b := journaltest.MustAddPerson(t, s, fmt.Sprintf("Ben %d", fills))
	var ids []string
	at := time.Date(2024, 3, 1, 20, 0, 0, 0, time.FixedZone("", 3600))
	for i := 0; i < n; i++ {
		r := &journal.Reflection{
			At:   at.AddDate(0, 0, i),
			Text: fmt.Sprintf("Evening %d: we walked by the river and talked about the year.", i),
			Encounters: []journal.Encounter{
				{PersonID: a.ID, Closeness: journal.Closeness(1 + i%7), Moments: []journal.Moment{{Kind: journal.KindLaughed}, {Kind: journal.KindDeepTalk, Note: "about work"}}},
				{PersonID: b.ID, Moments: []journal.Moment{{Kind: journal.KindListened}}},
			},
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatalf("save reflection %d: %v", i, err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

func TestBackupWritesACheckedCopy(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	ids := fill(t, s, 20)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatalf("backup: %v", err)
	}
	fi, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("backup mode: got %o, want 600", got)
	}
	c, err := journal.InspectImage(ctx, dest, true)
	if err != nil {
		t.Fatalf("inspect backup: %v", err)
	}
	if c.People != 2 || c.Reflections != 20 || c.Moments != 60 {
		t.Errorf("backup holds %+v, want 2 people, 20 reflections, 60 moments", c.Stats)
	}
	if problems, err := journal.Check(ctx, dest); err != nil || len(problems) > 0 {
		t.Errorf("check backup: %v %v", problems, err)
	}
	// The copy opens as a journal with the same reflections.
	b, err := journal.Open(ctx, dest)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer b.Close()
	for _, id := range ids {
		want, _ := s.Reflection(ctx, id)
		got, err := b.Reflection(ctx, id)
		if err != nil {
			t.Fatalf("reflection %s in backup: %v", id, err)
		}
		if got.Text != want.Text || len(got.Encounters) != len(want.Encounters) {
			t.Errorf("reflection %s differs in backup", id)
		}
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	fill(t, s, 1)
	dest := filepath.Join(t.TempDir(), "mine.txt")
	if err := os.WriteFile(dest, []byte("someone's file"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := s.Backup(ctx, dest)
	if journal.ErrorCode(err) != journal.ECONFLICT {
		t.Errorf("backup over an existing file: got %v, want a conflict", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "someone's file" {
		t.Errorf("the existing file was changed")
	}
	if err := s.Backup(ctx, s.Path()); err == nil {
		t.Errorf("backup over the journal itself: got no error")
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("folder holds %d files after refused backups, want 1", len(entries))
	}
}

func TestAutoBackupOncePerDay(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	day := time.Date(2026, 5, 1, 9, 0, 0, 0, time.Local)
	s.Now = func() time.Time { return day }
	if b, err := s.AutoBackup(ctx); err != nil || b != nil {
		t.Fatalf("auto backup of an empty journal: got %v, %v; want nothing made", b, err)
	}
	fill(t, s, 3)
	b, err := s.AutoBackup(ctx)
	if err != nil || b == nil {
		t.Fatalf("first auto backup of the day: %v, %v", b, err)
	}
	if want := journal.BackupName(s.Path(), journal.BackupAutomatic, day); b.Path != want {
		t.Errorf("backup path: got %s, want %s", b.Path, want)
	}
	if b.Contents.Reflections != 3 {
		t.Errorf("backup counts: got %d reflections, want 3", b.Contents.Reflections)
	}
	before, _ := os.ReadFile(b.Path)
	fill(t, s, 2)
	day = day.Add(10 * time.Hour)
	again, err := s.AutoBackup(ctx)
	if err != nil || again != nil {
		t.Errorf("second auto backup the same day: got %v, %v; want skipped", again, err)
	}
	after, _ := os.ReadFile(b.Path)
	if !bytes.Equal(before, after) {
		t.Errorf("today's backup was rewritten")
	}
	dir, _ := os.Stat(journal.BackupDir(s.Path()))
	if got := dir.Mode().Perm(); got != 0o700 {
		t.Errorf("backups folder mode: got %o, want 700", got)
	}
}

func TestRotationKeepsSevenDaysAndEightWeeks(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	fill(t, s, 2)
	// Ninety days of an open journal, one automatic backup a day.
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.Local)
	var now time.Time
	for i := 0; i < 90; i++ {
		now = start.AddDate(0, 0, i)
		s.Now = func() time.Time { return now }
		if _, err := s.AutoBackup(ctx); err != nil {
			t.Fatalf("day %d: %v", i, err)
		}
	}
	manual, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatalf("manual backup: %v", err)
	}
	list, err := s.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, b := range list {
		if b.Kind == journal.BackupAutomatic {
			days = append(days, b.Day.Format("2006-01-02"))
		}
	}
	sort.Strings(days)
	// The last 7 days (25-31 March), and the newest backup of each of the
	// last 8 ISO weeks: Sundays back to 15 February, and Tuesday 31 March
	// for the week that is not over.
	want := []string{
		"2026-02-15", "2026-02-22", "2026-03-01", "2026-03-08", "2026-03-15", "2026-03-22",
		"2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31",
	}
	if fmt.Sprint(days) != fmt.Sprint(want) {
		t.Errorf("kept days:\n got %v\nwant %v", days, want)
	}
	if _, err := os.Stat(manual.Path); err != nil {
		t.Errorf("rotation removed a backup the user made: %v", err)
	}
	for _, b := range list {
		if b.Problem != nil {
			t.Errorf("backup %s: %v", b.Path, b.Problem)
		}
	}
}

func TestRestoreKeepsTheReplacedJournal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	first := fill(t, s, 5)
	backup := filepath.Join(dir, "then.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	later := fill(t, s, 3)

	// Restoring while the journal is open is refused, and changes nothing.
	if _, err := journal.RestoreBackup(ctx, path, backup, nil, time.Now()); journal.ErrorCode(err) != journal.ECONFLICT {
		t.Fatalf("restore over an open journal: got %v, want a conflict", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	replaced, _ := os.ReadFile(path)

	kept, err := journal.RestoreBackup(ctx, path, backup, nil, time.Date(2026, 5, 2, 21, 30, 0, 0, time.Local))
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if want := journal.BackupName(path, journal.BackupBeforeRestore, time.Date(2026, 5, 2, 21, 30, 0, 0, time.Local)); kept != want {
		t.Errorf("kept journal: got %s, want %s", kept, want)
	}
	keptBytes, _ := os.ReadFile(kept)
	if !bytes.Equal(keptBytes, replaced) {
		t.Errorf("the kept journal is not the replaced journal byte for byte")
	}
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatalf("open restored journal: %v", err)
	}
	defer s.Close()
	st, _ := s.Stats(ctx)
	if st.Reflections != 5 {
		t.Errorf("restored journal: got %d reflections, want 5", st.Reflections)
	}
	for _, id := range first {
		if _, err := s.Reflection(ctx, id); err != nil {
			t.Errorf("reflection from the backup missing: %v", err)
		}
	}
	if _, err := s.Reflection(ctx, later[0]); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("reflection written after the backup: got %v, want not found", err)
	}
	// The kept journal is listed and holds all eight.
	list, err := s.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range list {
		if b.Path == kept {
			found = true
			if b.Kind != journal.BackupBeforeRestore || b.Contents.Reflections != 8 {
				t.Errorf("kept journal listed as %s with %d reflections, want before-restore with 8", b.Kind, b.Contents.Reflections)
			}
		}
	}
	if !found {
		t.Errorf("the kept journal is not listed among the backups")
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, 30)
	backup := filepath.Join(dir, "backups", "journal-2026-01-01.db")
	os.MkdirAll(filepath.Dir(backup), 0o700)
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	damage(t, backup)
	before, _ := os.ReadFile(path)
	_, err = journal.RestoreBackup(ctx, path, backup, nil, time.Now())
	if journal.ErrorCode(err) != journal.EDAMAGED {
		t.Fatalf("restore of a damaged backup: got %v, want damaged", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Errorf("the journal changed although the restore was refused")
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "backups", "*before-restore*")); len(kept) != 0 {
		t.Errorf("a refused restore left %v", kept)
	}
}

func TestNewestGoodBackupSkipsDamagedOnes(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	fill(t, s, 30)
	var made []string
	for i := 0; i < 3; i++ {
		day := time.Date(2026, 4, 1+i, 9, 0, 0, 0, time.Local)
		s.Now = func() time.Time { return day }
		b, err := s.AutoBackup(ctx)
		if err != nil || b == nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		made = append(made, b.Path)
	}
	damage(t, made[2])
	good, err := journal.NewestGoodBackup(ctx, s.Path(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if good == nil || good.Path != made[1] {
		t.Errorf("newest good backup: got %v, want %s", good, made[1])
	}
	list, _ := s.Backups(ctx)
	if len(list) != 3 || list[0].Path != made[2] {
		t.Fatalf("listing: got %d backups, want 3 newest first", len(list))
	}
}

func TestCheckFindsDamage(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	fill(t, s, 40)
	path := s.Path()
	if p, err := s.CheckStore(ctx); err != nil || len(p) > 0 {
		t.Errorf("check of an open sound journal: %v %v", p, err)
	}
	s.Close()
	if p, err := journal.Check(ctx, path); err != nil || len(p) > 0 {
		t.Fatalf("check of a sound journal: %v %v", p, err)
	}
	damage(t, path)
	before, _ := os.ReadFile(path)
	p, err := journal.Check(ctx, path)
	if err != nil || len(p) == 0 {
		t.Errorf("check of a damaged journal: got %v, %v; want problems", p, err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Errorf("check changed the file")
	}
}

// damage overwrites the middle of every page after the first two with
// garbage, as a failing disk might: the file still starts like a journal.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := 4096
	for off := 2 * page; off+page <= len(b); off += page {
		for i := off + 100; i < off+300; i++ {
			b[i] = byte(i * 7)
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
