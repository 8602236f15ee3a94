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
	"kindred/journal/photostore"
)

func TestBackupCopiesOnlyNewPhotoBytes(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	var photos []journal.Photo
	for i := range 5 {
		p, err := s.AddPhoto(ctx, "p.jpg", journaltest.JPEG(t, 300, 200, byte(i)))
		if err != nil {
			t.Fatal(err)
		}
		photos = append(photos, *p)
	}
	r := photoEvening(t, s, photos...)
	first, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := folderSize(t, journal.PhotosDir(s.Path()))
	if got := journal.LastPhotoCopy(s); got != all {
		t.Errorf("the first backup copied %d bytes of photos, want all %d", got, all)
	}
	jpg := journaltest.JPEG(t, 320, 240, 77)
	p, err := s.AddPhoto(ctx, "new.jpg", jpg)
	if err != nil {
		t.Fatal(err)
	}
	r.Photos = append(r.Photos, *p)
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Now().Add(time.Second) }
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	grown := folderSize(t, journal.PhotosDir(s.Path())) - all
	if got := journal.LastPhotoCopy(s); got != grown || got == 0 {
		t.Errorf("the second backup copied %d bytes of photos, want only the new %d", got, grown)
	}
	shared := filepath.Join(journal.BackupDir(s.Path()), filepath.Base(s.Path())+".photos")
	if folderSize(t, shared) != all+grown {
		t.Errorf("the backups' photos folder holds %d bytes, want %d", folderSize(t, shared), all+grown)
	}

	// Restore the first backup into a journal that lost its photos folder.
	path := s.Path()
	s.Close()
	if err := os.RemoveAll(journal.PhotosDir(path)); err != nil {
		t.Fatal(err)
	}
	if _, err := journal.RestoreBackup(ctx, path, first.Path, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Reflection(ctx, r.ID)
	if err != nil || len(got.Photos) != 5 {
		t.Fatalf("restored: %v %v", got, err)
	}
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check after restore: %q %v", problems, err)
	}
	// The packs came back whole, the newer photo's frames too: a later
	// backup appends to the shared folder without a conflict.
	if _, err := s.AddPhoto(ctx, "after.jpg", jpg); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Now().Add(2 * time.Second) }
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCopyTailsRefusesDivergedPacks(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	a, _ := photostore.Open(src, nil)
	b, _ := photostore.Open(dst, nil)
	if _, err := a.Put(bytes.Repeat([]byte("a"), 40000)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Put([]byte("more")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Put(bytes.Repeat([]byte("b"), 40000)); err != nil {
		t.Fatal(err)
	}
	before := folderSize(t, dst)
	if _, err := photostore.CopyTails(src, dst); err == nil {
		t.Fatal("diverged packs were mixed")
	}
	if folderSize(t, dst) != before {
		t.Error("diverged pack was written")
	}
}
