package sync

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// pair is two journals set up through one folder on one disk, as a sync
// service that has delivered everything would leave it.
func pair(t *testing.T) (a, b *computer, ana *journal.Person) {
	t.Helper()
	ctx := context.Background()
	a, b = newComputer(t, "laptop"), newComputer(t, "desktop")
	b.dir = a.dir
	ana = journaltest.MustAddPerson(t, a.s, "Ana")
	pairing, _, err := a.e.Setup(ctx, a.dir, SetupOptions{Name: a.name})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.e.Join(ctx, b.dir, pairing, SetupOptions{Name: b.name}, nil); err != nil {
		t.Fatal(err)
	}
	a.round(t)
	return a, b, ana
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
}

func texts(t *testing.T, c *computer) map[string]bool {
	t.Helper()
	have := map[string]bool{}
	if err := c.s.Walk(context.Background(), journal.Walk{Reflection: func(r *journal.Reflection) error { have[r.Text] = true; return nil }}); err != nil {
		t.Fatal(err)
	}
	return have
}

func TestFolderRestoredFromAnOldBackup(t *testing.T) {
	ctx := context.Background()
	a, b, ana := pair(t)
	at := time.Date(2024, 2, 1, 20, 0, 0, 0, time.UTC)
	r := a.evening(t, ana.ID, "before the backup", at)
	a.round(t)
	b.round(t)
	old := filepath.Join(t.TempDir(), "old")
	copyTree(t, filepath.Join(a.dir, "kindred-sync"), old)

	a.edit(t, r.ID, "edited after the backup")
	a.evening(t, ana.ID, "written after the backup", at.AddDate(0, 0, 1))
	b.evening(t, ana.ID, "the desktop's, after the backup", at.AddDate(0, 0, 2))
	for range 2 {
		a.round(t)
		b.round(t)
	}
	before := b.export(t)

	// The service brings back last week's folder.
	if err := os.RemoveAll(filepath.Join(a.dir, "kindred-sync")); err != nil {
		t.Fatal(err)
	}
	copyTree(t, old, filepath.Join(a.dir, "kindred-sync"))
	rep := b.round(t)
	if len(rep.Problems) == 0 || !strings.Contains(strings.Join(rep.Problems, "\n"), "backup") {
		t.Errorf("the desktop did not say the folder went back: %v", rep.Problems)
	}
	st, err := b.e.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Computers) != 1 || !strings.Contains(st.Computers[0].Problem, "old backup") || st.Problem == "" {
		t.Errorf("status does not say so: %+v", st)
	}
	if got := b.export(t); got != before {
		t.Error("the desktop took the old folder as newer")
	}
	// Each computer publishes everything again; the folder recovers.
	rep = a.round(t)
	if !strings.Contains(strings.Join(rep.Problems, "\n"), "published again") {
		t.Errorf("the laptop did not republish: %v", rep.Problems)
	}
	for range 2 {
		a.round(t)
		b.round(t)
	}
	if a.export(t) != b.export(t) {
		t.Fatal("the journals differ after recovery")
	}
	for _, x := range []*computer{a, b} {
		have := texts(t, x)
		for _, want := range []string{"edited after the backup", "written after the backup", "the desktop's, after the backup"} {
			if !have[want] {
				t.Errorf("%s lost %q", x.name, want)
			}
		}
		if have["before the backup"] {
			t.Errorf("%s went back to the old text", x.name)
		}
	}
	if st, _ := b.e.Status(ctx); st.Computers[0].Problem != "" || st.Problem != "" {
		t.Errorf("the problem is still shown after recovery: %+v", st)
	}
}

// A folder that cannot be written: an error, and nothing changes.
func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod 0500 does not stop root writing (TestFolderThatCannotBeWritten covers the same path)")
	}
	a, b, ana := pair(t)
	a.evening(t, ana.ID, "written while the folder is read-only", time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC))
	root := filepath.Join(a.dir, "kindred-sync")
	var dirs []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return err
	})
	for _, d := range dirs {
		os.Chmod(d, 0o500)
	}
	restore := func() {
		for _, d := range dirs {
			os.Chmod(d, 0o700)
		}
	}
	t.Cleanup(restore)
	cannotWrite(t, a, b)
	restore()
	a.round(t)
	b.round(t)
	if !texts(t, b)["written while the folder is read-only"] {
		t.Error("the evening did not arrive once the folder could be written")
	}
}

// The same path as a read-only folder, for root too: this computer's own
// folder name is taken by a file.
func TestFolderThatCannotBeWritten(t *testing.T) {
	ctx := context.Background()
	a, b, ana := pair(t)
	a.evening(t, ana.ID, "written while the folder is blocked", time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC))
	st, _ := a.e.state(ctx)
	own := filepath.Join(a.dir, "kindred-sync", st.Device)
	aside := own + ".aside"
	if err := os.Rename(own, aside); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cannotWrite(t, a, b)
	os.Remove(own)
	os.Rename(aside, own)
	a.round(t)
	b.round(t)
	if !texts(t, b)["written while the folder is blocked"] {
		t.Error("the evening did not arrive once the folder could be written")
	}
}

func cannotWrite(t *testing.T, a, b *computer) {
	t.Helper()
	ctx := context.Background()
	before := a.export(t)
	st0, _ := a.e.Status(ctx)
	_, err := a.e.Round(ctx)
	if err == nil || !strings.Contains(err.Error(), "cannot be written") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("round on a folder that cannot be written: %v", err)
	}
	st, err := a.e.Status(ctx)
	if err != nil || st.Pending != st0.Pending || st.Pending == 0 || st.This.Counter != st0.This.Counter {
		t.Fatalf("the failed round changed the sync state: %+v -> %+v (%v)", st0, st, err)
	}
	if a.export(t) != before {
		t.Fatal("the failed round changed the journal")
	}
}

func TestFolderMissing(t *testing.T) {
	ctx := context.Background()
	a, b, ana := pair(t)
	a.evening(t, ana.ID, "written while the folder is gone", time.Date(2024, 4, 1, 20, 0, 0, 0, time.UTC))
	gone := a.dir + ".unmounted"
	if err := os.Rename(a.dir, gone); err != nil {
		t.Fatal(err)
	}
	before := a.export(t)
	_, err := a.e.Round(ctx)
	if err == nil || !strings.Contains(err.Error(), "not there") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("round with the folder gone: %v", err)
	}
	if a.export(t) != before {
		t.Fatal("the failed round changed the journal")
	}
	if st, err := a.e.Status(ctx); err != nil || !st.SetUp || st.Pending == 0 {
		t.Fatalf("status with the folder gone: %+v %v", st, err)
	}
	if _, err := os.Stat(a.dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("the round made the missing folder again (a USB stick not plugged in would fill the disk)")
	}
	os.Rename(gone, a.dir)
	a.round(t)
	b.round(t)
	if !texts(t, b)["written while the folder is gone"] {
		t.Error("the evening did not arrive once the folder was back")
	}
}

// The journal goes back to last week's backup while the folder holds what
// it sent since: those files are taken back in, and counting goes on after
// them, never writing over them.
func TestJournalRestoredWhileTheFolderIsNewer(t *testing.T) {
	ctx := context.Background()
	a, b, ana := pair(t)
	at := time.Date(2024, 6, 1, 20, 0, 0, 0, time.UTC)
	a.evening(t, ana.ID, "in the backup", at)
	a.round(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := a.s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	r := a.evening(t, ana.ID, "written after the backup", at.AddDate(0, 0, 1))
	a.round(t)
	a.edit(t, r.ID, "edited after the backup")
	a.round(t)
	b.round(t)

	path := a.s.Path()
	a.s.Close()
	if err := os.Rename(backup, path); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a.s, a.e = s, New(s)
	a.e.KDF, a.e.SnapshotEvery = cheapKDF, 5
	if texts(t, a)["edited after the backup"] {
		t.Fatal("the backup is not older")
	}
	rep := a.round(t)
	if !strings.Contains(strings.Join(rep.Problems, "\n"), "restored from a backup") {
		t.Errorf("the round did not say the journal was restored: %v", rep.Problems)
	}
	if !texts(t, a)["edited after the backup"] {
		t.Fatal("the laptop did not take its own newer files back in")
	}
	a.evening(t, ana.ID, "after the restore", at.AddDate(0, 0, 2))
	a.round(t)
	b.round(t)
	if !texts(t, b)["after the restore"] {
		t.Error("the desktop did not get the laptop's next evening (a file written over?)")
	}
	if a.export(t) != b.export(t) {
		t.Error("the journals differ")
	}
}
