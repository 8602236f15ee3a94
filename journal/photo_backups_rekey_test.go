package journal_test

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// rekeyWorld is a sealed journal with three backups holding photos, two of
// which only the backups hold (let go from the journal), and the photo key
// they were all sealed under.
type rekeyWorld struct {
	path    string
	s       *journal.Store
	want    photoSums
	backups []keptBackup
	oldKey  []byte
}

func sealedJournalWithThreeBackups(t *testing.T) *rekeyWorld {
	t.Helper()
	path, s, _ := newSealedJournal(t)
	w := &rekeyWorld{path: path, s: s, want: photoSums{}}
	sec := journal.Secret{Passphrase: journaltest.Passphrase}
	backup := func(day int) {
		t.Helper()
		s.Now = func() time.Time { return time.Date(2026, 5, day, 20, 0, 0, 0, time.Local) }
		b, err := s.BackupNow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		w.backups = append(w.backups, keptBackup{b.Path, w.want.clone(), sec})
	}
	letGo := func(r *journal.Reflection, keep int) {
		t.Helper()
		got, err := s.Reflection(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range got.Photos[keep:] {
			delete(w.want, p.ID)
		}
		got.Photos = got.Photos[:keep]
		if err := s.SaveReflection(ctx, got); err != nil {
			t.Fatal(err)
		}
	}
	first := photoEvening(t, s, w.want.add(t, s, "one.jpg", 1), w.want.add(t, s, "two.jpg", 2))
	backup(1)
	letGo(first, 1) // two: only the first backup holds it
	second := photoEvening(t, s, w.want.add(t, s, "three.jpg", 3))
	backup(2)
	photoEvening(t, s, w.want.add(t, s, "four.jpg", 4))
	backup(3)
	letGo(second, 0) // three: only the second and third backups hold it
	var err error
	if w.oldKey, _, err = journal.PhotoKeyAndLocs(s); err != nil {
		t.Fatal(err)
	}
	if n := len(framesOpeningWith(t, backupsPhotos(path), w.oldKey)); n == 0 {
		t.Fatal("the backups' folder holds no frame under the photo key")
	}
	return w
}

func backupsPhotos(path string) string {
	return journal.PhotosDir(filepath.Join(journal.BackupDir(path), filepath.Base(path)))
}

// changed says the backups open with the new passphrase now.
func (w *rekeyWorld) changed() {
	for i := range w.backups {
		w.backups[i].sec = journal.Secret{Passphrase: rotatedPass}
	}
}

// oldKeyOpensNoFrame fails if the old photo key opens any frame of the
// journal's folder or of the backups' folder, or a pack was left aside.
func (w *rekeyWorld) oldKeyOpensNoFrame(t *testing.T, step string) {
	t.Helper()
	for _, dir := range []string{journal.PhotosDir(w.path), backupsPhotos(w.path)} {
		if left := framesOpeningWith(t, dir, w.oldKey); len(left) > 0 {
			t.Errorf("%s: the old photo key opens frames of %s: %v", step, dir, left)
		}
		aside, _ := filepath.Glob(filepath.Join(dir, "*.plain"))
		if len(aside) > 0 {
			t.Errorf("%s: %v left aside", step, aside)
		}
	}
}

func TestChangingPassphraseMovesTheBackupsPhotosToTheNewKey(t *testing.T) {
	w := sealedJournalWithThreeBackups(t)
	if err := w.s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	w.changed()
	w.oldKeyOpensNoFrame(t, "changed")
	oldKeyOpensNothing(t, w.s, w.oldKey)
	newKey, _, err := journal.PhotoKeyAndLocs(w.s)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(framesOpeningWith(t, backupsPhotos(w.path), newKey)); n == 0 {
		t.Error("no frame of the backups' folder opens with the new key")
	}
	readsEverySize(t, "changed", w.s, w.want)
	w.s.Close()
	everyBackupRestores(t, "changed", w.path, w.backups)

	// The next unlock finds nothing to do and changes nothing.
	before := treeSums(t, backupsPhotos(w.path))
	s := mustOpenSealed(t, w.path, journal.Secret{Passphrase: rotatedPass})
	s.Close()
	if after := treeSums(t, backupsPhotos(w.path)); !sameSums(before, after) {
		t.Error("unlocking again rewrote the backups' photos")
	}
}

// A kill after each backup image, before the old packs go, or while they
// are removed, leaves every backup restorable with every photo, and the
// next unlock finishes: the old key then opens nothing anywhere.
func TestBackupsPhotosMoveToTheNewKeyAfterAKill(t *testing.T) {
	for _, stop := range []struct {
		at      int
		midDrop bool
	}{{1, false}, {2, false}, {3, false}, {-1, false}, {-1, true}} {
		name := "image " + string(rune('0'+stop.at))
		if stop.at < 0 {
			name = "before the drop"
			if stop.midDrop {
				name = "during the drop"
			}
		}
		t.Run(name, func(t *testing.T) {
			w := sealedJournalWithThreeBackups(t)
			killed := errors.New("killed")
			undo := journal.SetSealBackupPhotosHook(func(done int) error {
				if done == stop.at {
					return killed
				}
				return nil
			})
			err := w.s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal)
			undo()
			if !errors.Is(err, killed) {
				t.Fatalf("change: %v", err)
			}
			w.changed()
			w.s.Close()
			if stop.midDrop {
				// As if killed while removing: an old pack renamed aside.
				p := filepath.Join(backupsPhotos(w.path), "pack-000001")
				if err := os.Rename(p, p+".plain"); err != nil {
					t.Fatal(err)
				}
			}
			// What the kill left restores, each backup with its photos.
			everyBackupRestores(t, "killed", w.path, w.backups)

			s := mustOpenSealed(t, w.path, journal.Secret{Passphrase: rotatedPass})
			readsEverySize(t, "unlocked", s, w.want)
			w.s = s
			w.oldKeyOpensNoFrame(t, "unlocked")
			s.Close()
			everyBackupRestores(t, "unlocked", w.path, w.backups)
		})
	}
}

// A plain journal's backups and their photos are left as they are.
func TestPlainJournalBackupPhotosUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want := photoSums{}
	photoEvening(t, s, want.add(t, s, "one.jpg", 1))
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	before := treeSums(t, filepath.Dir(path))
	if err := s.SealPlainBackups(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	readsEverySize(t, "reopened", s, want)
	s.Close()
	after := treeSums(t, filepath.Dir(path))
	for p, sum := range before {
		if p == path || p == path+"-wal" || p == path+"-shm" {
			continue // the journal itself is written by opening it
		}
		if after[p] != sum {
			t.Errorf("%s changed", p)
		}
	}
}

// treeSums is the SHA-256 of every file under dir, by path.
func treeSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		out[p] = sha256.Sum256(readFile(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSums(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, s := range a {
		if b[p] != s {
			return false
		}
	}
	return true
}

// A change leaves no marker once its move of the backups' photos is done,
// and an unlock without one moves nothing under another key: restoring a
// backup taken before the change brings the old photo key back, and the
// unlock after it must not move the newer backups' photos to that key.
func TestUnlockAfterRestoringAnOldBackupLeavesNewerBackupsAlone(t *testing.T) {
	w := sealedJournalWithThreeBackups(t)
	if err := w.s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	w.changed()
	marker := filepath.Join(backupsPhotos(w.path), "rekeying")
	if _, err := os.Stat(marker); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the marker of the move is still there after it: %v", err)
	}
	newKey, _, err := journal.PhotoKeyAndLocs(w.s)
	if err != nil {
		t.Fatal(err)
	}
	// A backup after the change, then the restore of the first one (taken
	// before the change: its image holds the old photo key).
	w.s.Now = func() time.Time { return time.Date(2026, 6, 1, 20, 0, 0, 0, time.Local) }
	b, err := w.s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.backups = append(w.backups, keptBackup{b.Path, w.want.clone(), journal.Secret{Passphrase: rotatedPass}})
	w.s.Close()
	if _, err := journal.RestoreBackup(ctx, w.path, w.backups[0].path, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	underNew := len(framesOpeningWith(t, backupsPhotos(w.path), newKey))
	images := 0
	undo := journal.SetSealBackupPhotosHook(func(done int) error {
		if done > 0 {
			images++
		}
		return nil
	})
	s := mustOpenSealed(t, w.path, journal.Secret{Passphrase: rotatedPass})
	undo()
	defer s.Close()
	if images > 0 {
		t.Errorf("the unlock after a restore moved %d backup images to the restored photo key", images)
	}
	if got := len(framesOpeningWith(t, backupsPhotos(w.path), newKey)); got != underNew {
		t.Errorf("frames under the new key in the backups' folder: %d before the unlock, %d after", underNew, got)
	}
	readsEverySize(t, "restored", s, w.backups[0].want)
	s.Close()
	everyBackupRestores(t, "after restoring the first", w.path, w.backups)
}

// Backups sealed before the journal was unsealed and sealed again open
// only with the secrets it had then: unlocking does not try to move their
// photos (it would read every backup image at every unlock, and fail), as
// only a change of secret moves photos under another key.
func TestUnlockLeavesBackupsOfAnEarlierSealingAlone(t *testing.T) {
	w := sealedJournalWithThreeBackups(t)
	if err := w.s.Unseal(ctx); err != nil {
		t.Fatal(err)
	}
	plain, err := journal.Open(ctx, w.path)
	if err != nil {
		t.Fatal(err)
	}
	plain.Close()
	s, _ := journaltest.MustSeal(t, w.path)
	s.Close()
	s = mustOpenSealed(t, w.path, journal.Secret{Passphrase: journaltest.Passphrase})
	defer s.Close()
	visited := 0
	undo := journal.SetSealBackupPhotosHook(func(done int) error {
		if done > 0 {
			visited++
		}
		return nil
	})
	err = s.SealPlainBackups(ctx)
	undo()
	if err != nil {
		t.Fatalf("with backups of an earlier sealing, the unlock's backup pass failed: %v", err)
	}
	if visited > 0 {
		t.Errorf("the unlock's backup pass read %d backup images for photos under an earlier key", visited)
	}
	if n := len(framesOpeningWith(t, backupsPhotos(w.path), w.oldKey)); n == 0 {
		t.Fatal("the photos of backups only the earlier secrets open are gone")
	}
}
