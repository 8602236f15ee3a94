package journal_test

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/photostore"
	"kindred/journal/sealed"

	"golang.org/x/crypto/chacha20poly1305"
)

// photoSums is, per photo id, the SHA-256 of its original, display copy
// and thumbnail as the journal gave them back when it was added.
type photoSums map[string][3][32]byte

var photoSizes = [3]journal.PhotoSize{journal.PhotoOriginal, journal.PhotoDisplay, journal.PhotoThumb}

func (w photoSums) add(t *testing.T, s *journal.Store, name string, seed byte) journal.Photo {
	t.Helper()
	p, err := s.AddPhoto(ctx, name, journaltest.JPEG(t, 96, 64, seed))
	if err != nil {
		t.Fatal(err)
	}
	var sums [3][32]byte
	for i, size := range photoSizes {
		data, err := s.PhotoData(ctx, p.ID, size)
		if err != nil {
			t.Fatal(err)
		}
		sums[i] = sha256.Sum256(data)
	}
	w[p.ID] = sums
	return *p
}

func (w photoSums) clone() photoSums {
	out := photoSums{}
	for id, s := range w {
		out[id] = s
	}
	return out
}

// readsEverySize fails unless s gives back every size of every photo of
// want byte for byte and check finds nothing wrong.
func readsEverySize(t *testing.T, step string, s *journal.Store, want photoSums) {
	t.Helper()
	for id, sums := range want {
		for i, size := range photoSizes {
			data, err := s.PhotoData(ctx, id, size)
			if err != nil || sha256.Sum256(data) != sums[i] {
				t.Errorf("%s: photo %s size %v: %d bytes, %v", step, id, size, len(data), err)
			}
		}
	}
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) > 0 {
		t.Errorf("%s: check: %v %v", step, problems, err)
	}
}

type keptBackup struct {
	path string
	want photoSums
	sec  journal.Secret // what opens it
}

// everyBackupRestores restores each backup into a copy of the journal's
// folder, so the journal itself is left as it is, and reads its photos.
func everyBackupRestores(t *testing.T, step, path string, backups []keptBackup) {
	t.Helper()
	for i, b := range backups {
		root := copyTree(t, filepath.Dir(path))
		at := filepath.Join(root, filepath.Base(path))
		from := filepath.Join(root, "backups", filepath.Base(b.path))
		if _, err := journal.RestoreBackup(ctx, at, from, journal.SealedInspector(b.sec), time.Now()); err != nil {
			t.Errorf("%s: restore backup %d: %v", step, i+1, err)
			continue
		}
		var st *journal.Store
		var err error
		if isSealed, _ := journal.IsSealedFile(at); isSealed {
			st, err = journal.OpenSealed(ctx, at, b.sec)
		} else {
			st, err = journal.Open(ctx, at)
		}
		if err != nil {
			t.Errorf("%s: open after restoring backup %d: %v", step, i+1, err)
			continue
		}
		readsEverySize(t, step+": backup restored", st, b.want)
		st.Close()
	}
}

// A sealed journal goes through two changes of secret, backups before and
// between them, the restore of the first backup, a photo added after each
// step, unsealing and sealing again: after every step every photo reads
// back whole in every size, check is clean, and every backup restores.
func TestPhotosSurviveChangesRestoreAndResealing(t *testing.T) {
	path, s, _ := newSealedJournal(t)
	want := photoSums{}
	photoEvening(t, s, want.add(t, s, "one.jpg", 1), want.add(t, s, "two.jpg", 2))
	sec := journal.Secret{Passphrase: journaltest.Passphrase}
	var backups []keptBackup
	// A change of secret re-seals the backups; sealing again does not.
	changed := func(to journal.Secret) {
		sec = to
		for i := range backups {
			backups[i].sec = to
		}
	}
	check := func(step string) {
		t.Helper()
		readsEverySize(t, step, s, want)
		everyBackupRestores(t, step, path, backups)
	}
	check("sealed with photos")

	if err := s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	changed(journal.Secret{Passphrase: rotatedPass})
	check("passphrase changed")

	photoEvening(t, s, want.add(t, s, "three.jpg", 3))
	check("photo added after the change")

	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	backups = append(backups, keptBackup{b.Path, want.clone(), sec})
	check("backed up")

	if err := s.SetRecoveryKey(ctx, sealed.NewRecoveryKey()); err != nil {
		t.Fatal(err)
	}
	check("recovery key changed")
	photoEvening(t, s, want.add(t, s, "four.jpg", 4))
	b, err = s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	backups = append(backups, keptBackup{b.Path, want.clone(), sec})
	check("photo added and backed up after the second change")

	s.Close()
	if _, err := journal.RestoreBackup(ctx, path, backups[0].path, journal.SealedInspector(sec), time.Now()); err != nil {
		t.Fatal(err)
	}
	s = mustOpenSealed(t, path, sec)
	want = backups[0].want.clone()
	check("first backup restored")

	photoEvening(t, s, want.add(t, s, "five.jpg", 5))
	check("photo added after the restore")
	restoredKey, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}

	if err := s.ChangeSecrets(ctx, "yet another passphrase nobody knew", sealed.NewRecoveryKey(), journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	changed(journal.Secret{Passphrase: "yet another passphrase nobody knew"})
	check("passphrase changed after the restore")
	oldKeyOpensNothing(t, s, restoredKey)

	keyBefore, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Unseal(ctx); err != nil {
		t.Fatal(err)
	}
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	check("unsealed")
	photoEvening(t, s, want.add(t, s, "six.jpg", 6))
	check("photo added while plain")
	s.Close()

	s, _ = journaltest.MustSeal(t, path)
	sec = journal.Secret{Passphrase: journaltest.Passphrase}
	check("sealed again")
	// The plain file held the photo key: what is sealed from now on must
	// not open with it.
	oldKeyOpensNothing(t, s, keyBefore)
	photoEvening(t, s, want.add(t, s, "seven.jpg", 7))
	check("photo added after sealing again")
	oldKeyOpensNothing(t, s, keyBefore)
}

// newSealedJournal is a new journal, sealed, in a folder of its own.
func newSealedJournal(t *testing.T) (path string, s *journal.Store, recovery string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "journal.db")
	plain, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	plain.Close()
	s, recovery = journaltest.MustSeal(t, path)
	return path, s, recovery
}

// blockPhotosSwap makes the swap of the photos folders fail once the new
// base is written (a folder in the way, as an antivirus or a file manager
// holding it would on Windows); unblock clears the way.
func blockPhotosSwap(t *testing.T, path string) (unblock func()) {
	t.Helper()
	aside := journal.PhotosDir(path) + ".plain"
	undo := journal.SetMovePhotosHook(func(step string) {
		if step == "sealed" {
			if err := os.MkdirAll(filepath.Join(aside, "held"), 0o700); err != nil {
				t.Fatal(err)
			}
		}
	})
	return func() {
		undo()
		if err := os.RemoveAll(aside); err != nil {
			t.Fatal(err)
		}
	}
}

// A change whose swap of the photos folders failed says so; whatever the
// user then does in the same session (add a photo, try the change again)
// loses no photo, and the next open finishes the move.
func TestAFailedPhotosSwapLosesNothing(t *testing.T) {
	for _, then := range []string{"add a photo", "add once the way is clear", "change again"} {
		t.Run(then, func(t *testing.T) {
			path, s, recovery := newSealedJournal(t)
			want := photoSums{}
			photoEvening(t, s, want.add(t, s, "one.jpg", 1))
			unblock := blockPhotosSwap(t, path)
			err := s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal)
			if err == nil {
				t.Fatal("the blocked swap reported no error")
			}
			t.Logf("change: %v", err)
			unblockedOnce := false
			switch then {
			case "add a photo":
				if p, err := s.AddPhoto(ctx, "two.jpg", journaltest.JPEG(t, 96, 64, 2)); err == nil {
					// Taken: it must then be there after the next open.
					photoEvening(t, s, *p)
					data, err := s.PhotoData(ctx, p.ID, journal.PhotoOriginal)
					if err != nil {
						t.Errorf("the photo just added does not read back: %v", err)
					}
					want[p.ID] = [3][32]byte{sha256.Sum256(data)}
				} else {
					t.Logf("add: %v", err)
				}
			case "add once the way is clear":
				unblock()
				unblockedOnce = true
				photoEvening(t, s, want.add(t, s, "two.jpg", 2))
				readsEverySize(t, then, s, want)
			case "change again":
				unblock()
				unblockedOnce = true
				if err := s.ChangeSecrets(ctx, "the third passphrase", recovery, journaltest.FastSeal); err != nil {
					t.Fatalf("change again: %v", err)
				}
				readsEverySize(t, then, s, want)
			}
			s.Close()
			if !unblockedOnce {
				unblock()
			}
			var st *journal.Store
			for _, pass := range []string{rotatedPass, "the third passphrase"} {
				if st, err = journal.OpenSealed(ctx, path, journal.Secret{Passphrase: pass}); err == nil {
					break
				}
			}
			if st == nil {
				t.Fatalf("open: %v", err)
			}
			defer st.Close()
			for id, sums := range want {
				data, err := st.PhotoData(ctx, id, journal.PhotoOriginal)
				if err != nil || sha256.Sum256(data) != sums[0] {
					t.Errorf("photo %s: %d bytes, %v", id, len(data), err)
				}
			}
			if problems, err := st.CheckStore(ctx); err != nil || len(problems) > 0 {
				t.Errorf("check: %v %v", problems, err)
			}
		})
	}
}

// framesOpeningWith lists the frames of the photos folder dir that key
// authenticates, read as docs/photos.md describes them (not through
// photostore, whose Get also wants each blob's length).
func framesOpeningWith(t *testing.T, dir string, key []byte) []string {
	t.Helper()
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		t.Fatal(err)
	}
	nums, _, err := photostore.Packs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range nums {
		pack := readFile(t, filepath.Join(dir, photostore.PackName(n)))
		for off := 0; off+photostore.FrameSize <= len(pack); off += photostore.FrameSize {
			frame := pack[off : off+photostore.FrameSize]
			ad := binary.BigEndian.AppendUint32([]byte("kindred-photo-v1"), uint32(n))
			ad = binary.BigEndian.AppendUint64(ad, uint64(off))
			ns := chacha20poly1305.NonceSizeX
			if _, err := aead.Open(nil, frame[:ns], frame[ns:], ad); err == nil {
				out = append(out, fmt.Sprintf("%s@%d", photostore.PackName(n), off))
			}
		}
	}
	return out
}

// Photos let go, an evening deleted (its photo pending again), a pending
// photo a draft names and one no draft names: the change of secret keeps
// every photo still held, leaves no frame in the journal's folder that the
// old key opens, and the drafted photo saves with its evening afterwards.
func TestRotationWithPendingAndLetGoPhotos(t *testing.T) {
	path, s, _ := newSealedJournal(t)
	want := photoSums{}
	first, second := want.add(t, s, "one.jpg", 1), want.add(t, s, "two.jpg", 2)
	kept := photoEvening(t, s, first, second)
	gone := photoEvening(t, s, want.add(t, s, "three.jpg", 3))
	drafted := want.add(t, s, "drafted.jpg", 4)
	want.add(t, s, "pending.jpg", 5)
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "evening-draft", Body: draftNaming(drafted.ID)}); err != nil {
		t.Fatal(err)
	}
	// The second photo is let go: its frames are dead.
	got, err := s.Reflection(ctx, kept.ID)
	if err != nil {
		t.Fatal(err)
	}
	got.Photos = got.Photos[:1]
	if err := s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	delete(want, second.ID)
	if _, err := s.DeleteReflection(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	oldKey, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(framesOpeningWith(t, journal.PhotosDir(path), oldKey)) == 0 {
		t.Fatal("the frame reader opens nothing under the key the frames were sealed with")
	}

	if err := s.ChangePassphrase(ctx, rotatedPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	readsEverySize(t, "changed", s, want)
	if left := framesOpeningWith(t, journal.PhotosDir(path), oldKey); len(left) > 0 {
		t.Errorf("frames the old key opens are left: %v", left)
	}
	newKey, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(framesOpeningWith(t, journal.PhotosDir(path), newKey)); n == 0 {
		t.Error("no frame opens with the new key")
	}

	// The drafted photo saves with its evening after the change, and
	// survives the journal opening again a month on.
	photoEvening(t, s, drafted)
	s.Close()
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: rotatedPass})
	readsEverySize(t, "reopened", s, want)
	p, err := s.Photo(ctx, drafted.ID)
	if err != nil || p.ReflectionID == "" {
		t.Fatalf("the drafted photo is not with its evening: %+v %v", p, err)
	}
}

// A journal killed at any step of a change opens, and a second change made
// then (the first finished or never made) leaves every photo whole, no
// frame that either earlier key opens, and every backup restorable.
func TestChangingAgainAfterAnInterruptedChange(t *testing.T) {
	w, s, recovery := sealedJournalWithPhotoBackups(t)
	first, _, err := journal.PhotoKeyAndLocs(s)
	if err != nil {
		t.Fatal(err)
	}
	steps, crashed := changeCopyingEachStep(t, s, w.path)
	s.Close()
	const third = "a third passphrase, after the kill"
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			path := filepath.Join(crashed[step], "journal.db")
			// The backups were re-sealed by the change the kill cut short
			// only if it came before the new base: a change re-seals those
			// its old data key opens, so later ones leave them under the
			// first passphrase (with their photos).
			backupsOpenWith := third
			st, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: rotatedPass})
			if err == nil {
				backupsOpenWith = journaltest.Passphrase
			} else {
				st = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
			}
			atOpen, _, err := journal.PhotoKeyAndLocs(st)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 2 { // two changes in a row
				if err := st.ChangeSecrets(ctx, third, recovery, journaltest.FastSeal); err != nil {
					t.Fatalf("change %d: %v", i+1, err)
				}
				readsPhotos(t, st, w.want[1])
				oldKeyOpensNothing(t, st, first)
				oldKeyOpensNothing(t, st, atOpen)
			}
			st.Close()
			restoreAndReadWith(t, &sealedBackupsWorld{path: path, backups: inCopy(w.backups, crashed[step]), want: w.want}, journal.Secret{Passphrase: backupsOpenWith})
		})
	}
}

// A plain journal's photos across sessions, backups and a restore of the
// oldest: new packs are numbered after the backups' folder, and every
// backup still restores with every size of its photos.
func TestPlainJournalPhotoBackupsAcrossSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	want := photoSums{}
	var backups []keptBackup
	session := func(name string, seed byte) {
		t.Helper()
		s, err := journal.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		photoEvening(t, s, want.add(t, s, name, seed))
		readsEverySize(t, name, s, want)
		b, err := s.BackupNow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		backups = append(backups, keptBackup{b.Path, want.clone(), journal.Secret{}})
	}
	session("one.jpg", 1)
	session("two.jpg", 2)
	session("three.jpg", 3)
	// Each session backed up its photos, which the journal's pack goes on
	// filling: a session does not start a pack of its own.
	if nums, _, err := photostore.Packs(journal.PhotosDir(path)); err != nil || len(nums) != 1 {
		t.Fatalf("after three sessions the journal has packs %v (%v), want one", nums, err)
	}
	everyBackupRestores(t, "three sessions", path, backups)
	if _, err := journal.RestoreBackup(ctx, path, backups[0].path, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	want = backups[0].want.clone()
	session("four.jpg", 4)
	everyBackupRestores(t, "after restoring the first", path, backups)
}
