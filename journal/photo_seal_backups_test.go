package journal_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

// sealedBackupsWorld is a plain journal with photos and two backups made at
// different times, a photo let go from the journal between them.
type sealedBackupsWorld struct {
	path    string
	backups []string
	// want is, per backup, each photo's id and the SHA-256 of its original.
	want []map[string][32]byte
}

func plainJournalWithPhotoBackups(t *testing.T) *sealedBackupsWorld {
	t.Helper()
	ctx := context.Background()
	w := &sealedBackupsWorld{path: filepath.Join(t.TempDir(), "journal.db")}
	s, err := journal.Open(ctx, w.path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	add := func(name string, data []byte) journal.Photo {
		p, err := s.AddPhoto(ctx, name, data)
		if err != nil {
			t.Fatal(err)
		}
		return *p
	}
	originals := map[string][32]byte{}
	keep := func(p journal.Photo, data []byte) journal.Photo {
		originals[p.ID] = sha256.Sum256(data)
		return p
	}
	gps, marked, png := journaltest.ExifJPEG(t, 320, 240, 1), journaltest.JPEG(t, 300, 200, 2), journaltest.PNG(t, 64, 48, 3)
	p1 := keep(add("summit.jpg", gps), gps)
	p2 := keep(add("dumplings.jpg", marked), marked)
	p3 := keep(add("laughing.png", png), png)
	r := photoEvening(t, s, p1, p2)
	photoEvening(t, s, p3)

	backup := func(at time.Time, photos ...string) {
		s.Now = func() time.Time { return at }
		b, err := s.BackupNow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][32]byte{}
		for _, id := range photos {
			want[id] = originals[id]
		}
		w.backups = append(w.backups, b.Path)
		w.want = append(w.want, want)
	}
	backup(time.Date(2026, 5, 1, 20, 0, 0, 0, time.Local), p1.ID, p2.ID, p3.ID)

	// The dumplings go from the journal: only the first backup holds them.
	got, err := s.Reflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got.Photos = got.Photos[:1]
	if err := s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Photo(ctx, p2.ID); err == nil {
		t.Fatal("the let-go photo is still in the journal")
	}
	late := journaltest.ExifJPEG(t, 200, 150, 4)
	p4 := keep(add("later.jpg", late), late)
	photoEvening(t, s, p4)
	backup(time.Date(2026, 5, 3, 21, 0, 0, 0, time.Local), p1.ID, p3.ID, p4.ID)
	return w
}

// scanTreeForPlaintext fails if any file under dir holds an image signature
// or the test photos' metadata text.
func scanTreeForPlaintext(t *testing.T, dir string) {
	t.Helper()
	sigs := []string{"\xff\xd8\xff\xe0", "\xff\xd8\xff\xe1", "\xff\xd8\xff\xdb", "\x89PNG", "Exif", "JFIF", journaltest.ExifMarker, journaltest.ExifCamera, journaltest.ExifGPSDatum, "summit.jpg", "dumplings"}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".plain") || strings.HasSuffix(filepath.Dir(p), ".plain") {
			t.Errorf("%s left behind", p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, sig := range sigs {
			if bytes.Contains(b, []byte(sig)) {
				t.Errorf("%s holds %q in the clear", p, sig)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// restoreAndRead restores each backup of w in turn (the journal closed) and
// reads every photo it should hold back, byte for byte.
func restoreAndRead(t *testing.T, w *sealedBackupsWorld) {
	t.Helper()
	restoreAndReadWith(t, w, journal.Secret{Passphrase: journaltest.Passphrase})
}

// restoreAndReadWith is restoreAndRead with the secret the backups open with.
func restoreAndReadWith(t *testing.T, w *sealedBackupsWorld, sec journal.Secret) {
	t.Helper()
	ctx := context.Background()
	for i, b := range w.backups {
		if _, err := journal.RestoreBackup(ctx, w.path, b, journal.SealedInspector(sec), time.Now()); err != nil {
			t.Fatalf("restore %s: %v", b, err)
		}
		var s *journal.Store
		var err error
		if sealedFile, _ := journal.IsSealedFile(w.path); sealedFile {
			s, err = journal.OpenSealed(ctx, w.path, sec)
		} else {
			s, err = journal.Open(ctx, w.path)
		}
		if err != nil {
			t.Fatalf("open after restoring %s: %v", b, err)
		}
		for id, sum := range w.want[i] {
			data, err := s.PhotoData(ctx, id, journal.PhotoOriginal)
			if err != nil || sha256.Sum256(data) != sum {
				t.Errorf("backup %d, photo %s: %d bytes, %v", i+1, id, len(data), err)
			}
		}
		if problems, err := s.CheckStore(ctx); err != nil || len(problems) > 0 {
			t.Errorf("backup %d restored: check %v %v", i+1, problems, err)
		}
		s.Close()
	}
}

func TestSealingSealsTheBackupsPhotos(t *testing.T) {
	w := plainJournalWithPhotoBackups(t)
	s, _ := journaltest.MustSeal(t, w.path)
	s.Close()
	scanTreeForPlaintext(t, filepath.Dir(w.path))
	restoreAndRead(t, w)
	scanTreeForPlaintext(t, filepath.Dir(w.path))
}

// A kill while the backups' photos are sealed (after the first image, or
// with every image done and the plain packs not yet gone, or while they
// are being removed) leaves every backup restorable, and the next unlock
// finishes.
func TestSealingBackupsPhotosFinishesAfterACrash(t *testing.T) {
	for _, stopAt := range []int{1, -1} {
		for _, midDrop := range []bool{false, true} {
			if stopAt == 1 && midDrop {
				continue
			}
			w := plainJournalWithPhotoBackups(t)
			stop := errors.New("killed")
			undo := journal.SetSealBackupPhotosHook(func(done int) error {
				if done == stopAt {
					return stop
				}
				return nil
			})
			s, err := journal.Seal(context.Background(), w.path, journaltest.Passphrase, sealed.NewRecoveryKey(), journaltest.FastSeal)
			undo()
			if !errors.Is(err, stop) {
				t.Fatalf("stop at %d: %v", stopAt, err)
			}
			s.Close()
			dir := filepath.Join(journal.BackupDir(w.path), "journal.db.photos")
			if midDrop {
				// As if killed while removing: one plain pack renamed aside.
				if err := os.Rename(filepath.Join(dir, "pack-000001"), filepath.Join(dir, "pack-000001.plain")); err != nil {
					t.Fatal(err)
				}
			}
			// What the kill left restores, each backup with its photos.
			crashed := copyTree(t, filepath.Dir(w.path))
			restoreAndRead(t, &sealedBackupsWorld{path: filepath.Join(crashed, "journal.db"), backups: inCopy(w.backups, crashed), want: w.want})

			s = mustOpenSealed(t, w.path, journal.Secret{Passphrase: journaltest.Passphrase})
			s.Close()
			scanTreeForPlaintext(t, filepath.Dir(w.path))
			restoreAndRead(t, w)
		}
	}
}

func inCopy(paths []string, root string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Join(root, "backups", filepath.Base(p))
	}
	return out
}

func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
