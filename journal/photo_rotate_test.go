package journal_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/photostore"
)

const rotatedPass = "a passphrase the old copies never knew"

// sealedJournalWithPhotoBackups is plainJournalWithPhotoBackups sealed, with
// a third backup taken once its photos are sealed. It returns the journal
// open.
func sealedJournalWithPhotoBackups(t *testing.T) (*sealedBackupsWorld, *journal.Store, string) {
	t.Helper()
	w := plainJournalWithPhotoBackups(t)
	s, recovery := journaltest.MustSeal(t, w.path)
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.backups = append(w.backups, b.Path)
	w.want = append(w.want, w.want[1]) // what the journal holds now
	return w, s, recovery
}

// readsPhotos fails unless s gives back every photo of want byte for byte
// and check finds nothing wrong.
func readsPhotos(t *testing.T, s *journal.Store, want map[string][32]byte) {
	t.Helper()
	for id, sum := range want {
		data, err := s.PhotoData(ctx, id, journal.PhotoOriginal)
		if err != nil || sha256.Sum256(data) != sum {
			t.Errorf("photo %s: %d bytes, %v", id, len(data), err)
		}
	}
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// oldKeyOpensNothing fails if oldKey opens any frame the journal s
// references now, or if a move left a folder aside.
func oldKeyOpensNothing(t *testing.T, s *journal.Store, oldKey []byte) {
	t.Helper()
	key, locs, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(key, oldKey) {
		t.Fatal("the photo key did not change")
	}
	if len(locs) == 0 {
		t.Fatal("no photos to look at")
	}
	dir := journal.PhotosDir(s.Path())
	old, err := photostore.Open(dir, oldKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range locs {
		if _, err := old.Get(l); err == nil {
			t.Errorf("the old photo key opens %+v", l)
		}
	}
	// Every frame, not only those referenced: dead ones too.
	if left := framesOpeningWith(t, dir, oldKey); len(left) > 0 {
		t.Errorf("the old photo key opens frames of the journal's folder: %v", left)
	}
	for _, suffix := range []string{".sealing", ".plain"} {
		if _, err := os.Stat(dir + suffix); err == nil {
			t.Errorf("%s left behind", dir+suffix)
		}
	}
}

func TestChangingPassphraseRotatesThePhotoKey(t *testing.T) {
	w, s, _ := sealedJournalWithPhotoBackups(t)
	oldCopy := filepath.Join(t.TempDir(), "synced-copy.db")
	if err := os.WriteFile(oldCopy, readFile(t, w.path), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	readsPhotos(t, s, w.want[1])
	// The old key is in no page of the journal's database.
	if bytes.Contains(journal.SealedImage(s), before) {
		t.Error("the old photo key is still in the journal's database")
	}

	// An old copy and the old passphrase give the old key, which opens
	// nothing the journal references now.
	old := mustOpenSealed(t, oldCopy, journal.Secret{Passphrase: journaltest.Passphrase})
	oldKey, _, err := journal.PhotoKeyAndLocs(old)
	if err != nil || !bytes.Equal(oldKey, before) {
		t.Fatalf("the old copy's photo key: %v", err)
	}
	old.Close()
	oldKeyOpensNothing(t, s, oldKey)

	// Photos added after the change are under the new key too.
	late := journaltest.JPEG(t, 120, 90, 9)
	p, err := s.AddPhoto(ctx, "after.jpg", late)
	if err != nil {
		t.Fatal(err)
	}
	photoEvening(t, s, *p)
	oldKeyOpensNothing(t, s, oldKey)
	s.Close()

	// Every backup, made before the change, restores with its photos.
	scanTreeForPlaintext(t, filepath.Dir(w.path))
	restoreAndReadWith(t, w, journal.Secret{Passphrase: rotatedPass})
}

// changeCopyingEachStep changes the passphrase of s, copying the folder of
// the journal at path at each step of the photos' move, as a kill there
// would leave it: the steps in order, and the copy of each.
func changeCopyingEachStep(t *testing.T, s *journal.Store, path string) (steps []string, crashed map[string]string) {
	t.Helper()
	crashed = map[string]string{}
	undo := journal.SetMovePhotosHook(func(step string) {
		steps = append(steps, step)
		crashed[step] = copyTree(t, filepath.Dir(path))
	})
	err := s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal)
	undo()
	if err != nil {
		t.Fatal(err)
	}
	return steps, crashed
}

// A kill at each step of the move leaves a journal that opens, with the old
// passphrase before the new base is in place and the new one after, with
// every photo; the next open finishes the move, and every backup restores.
func TestPhotoKeyRotationSurvivesAKillAtEachStep(t *testing.T) {
	w, s, recovery := sealedJournalWithPhotoBackups(t)
	before, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	steps, crashed := changeCopyingEachStep(t, s, w.path)
	s.Close()
	for _, step := range []string{"copying", "copied", "sealed", "old aside", "new in place"} {
		if crashed[step] == "" {
			t.Fatalf("no step %q (steps: %v)", step, steps)
		}
	}
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			root := crashed[step]
			path := filepath.Join(root, "journal.db")
			rotated := true
			st, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: rotatedPass})
			if err != nil {
				rotated = false
				st = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
			}
			if wantRotated := step != "copying" && step != "copied"; rotated != wantRotated {
				t.Fatalf("opened with the new passphrase: %v, want %v", rotated, wantRotated)
			}
			readsPhotos(t, st, w.want[1])
			if rotated {
				oldKeyOpensNothing(t, st, before)
			} else {
				dir := journal.PhotosDir(path)
				if _, err := os.Stat(dir + ".sealing"); err == nil {
					t.Error("an unreferenced new folder was left")
				}
				// The change was never made: it can be made again.
				if err := st.ChangeSecrets(ctx, rotatedPass, recovery, journaltest.FastSeal); err != nil {
					t.Fatal(err)
				}
				readsPhotos(t, st, w.want[1])
				oldKeyOpensNothing(t, st, before)
			}
			st.Close()
			// The backups were not yet re-sealed when the kill came (or were,
			// when the change was made again above).
			sec := journal.Secret{Passphrase: journaltest.Passphrase}
			if !rotated {
				sec.Passphrase = rotatedPass
			}
			restoreAndReadWith(t, &sealedBackupsWorld{path: path, backups: inCopy(w.backups, root), want: w.want}, sec)
		})
	}
}

// A journal whose photos were all let go has its old frames removed by a
// change of secret; photos added after it, and the backups taken then,
// never share a pack name with the old backups' frames.
func TestRotatingAJournalWithoutPhotosKeepsBackupsWhole(t *testing.T) {
	w, s, _ := sealedJournalWithPhotoBackups(t)
	// Every evening's photos let go: the journal references no frame.
	for id := range w.want[1] {
		p, err := s.Photo(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		full, err := s.Reflection(ctx, p.ReflectionID)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Photos) > 0 {
			full.Photos = []journal.Photo{}
			if err := s.SaveReflection(ctx, full); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, locs, _ := journal.PhotoKeyAndLocs(s); len(locs) > 0 {
		t.Fatalf("%d blobs still referenced", len(locs))
	}
	oldKey, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	// The journal's folder holds only the backups' photos under the new
	// key (dead space): no frame the old key opens, here or in the backups.
	for _, dir := range []string{journal.PhotosDir(w.path), filepath.Join(journal.BackupDir(w.path), "journal.db.photos")} {
		if left := framesOpeningWith(t, dir, oldKey); len(left) > 0 {
			t.Errorf("the old photo key opens frames of %s: %v", dir, left)
		}
	}
	late := journaltest.JPEG(t, 120, 90, 9)
	p, err := s.AddPhoto(ctx, "after.jpg", late)
	if err != nil {
		t.Fatal(err)
	}
	photoEvening(t, s, *p)
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	w.backups = append(w.backups, b.Path)
	w.want = append(w.want, map[string][32]byte{p.ID: sha256.Sum256(late)})
	restoreAndReadWith(t, w, journal.Secret{Passphrase: rotatedPass})
}
