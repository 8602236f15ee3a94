package journal_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

// spliceOldSecrets is what an attacker holding an old copy of a sealed file
// and its old passphrase can do with the file as it is now: recover the old
// data key, put the old wrappings on the new file's header and reseal that
// header with the old key. It returns the old data key and the spliced file.
func spliceOldSecrets(t *testing.T, oldCopy, now, oldPass string) (*sealed.Keys, string) {
	t.Helper()
	old := readFile(t, oldCopy)
	oldHeader, err := sealed.ParseHeader(oldCopy, old, int64(len(old)))
	if err != nil {
		t.Fatal(err)
	}
	keys, ok := oldHeader.UnlockWithPassphrase(oldPass)
	if !ok {
		t.Fatal("the old passphrase does not open the old copy")
	}
	file := readFile(t, now)
	h, err := sealed.ParseHeader(now, file, int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	h.CopyWrappings(oldHeader, keys)
	copy(file, h[:])
	spliced := filepath.Join(t.TempDir(), "spliced.db")
	if err := os.WriteFile(spliced, file, 0o600); err != nil {
		t.Fatal(err)
	}
	return keys, spliced
}

// TestOldCopyAndOldPassphraseReadNothingNew: after a passphrase change, an
// old copy of the journal (or of a backup) with the old passphrase opens
// its own old contents and nothing written since.
func TestOldCopyAndOldPassphraseReadNothingNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "an evening before the change", "")
	s, recovery := journaltest.MustSeal(t, path)
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	oldCopy := copyOf(t, path, "synced-copy.db")
	const newPass = "a passphrase nobody has seen"
	if err := s.ChangePassphrase(ctx, newPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	p, _ := s.FindPerson(ctx, "Rosalind")
	saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC), Text: "written after the change",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}

	for _, now := range []string{path, b.Path} {
		oldKeys, spliced := spliceOldSecrets(t, oldCopy, now, journaltest.Passphrase)
		if st, err := journal.OpenSealed(ctx, spliced, journal.Secret{Passphrase: journaltest.Passphrase}); err == nil {
			got := texts(t, st)
			st.Close()
			t.Fatalf("the old passphrase on %s with an old copy's header opened it: %v", filepath.Base(now), got)
		}
		file := readFile(t, now)
		h, _ := sealed.ParseHeader(now, file, int64(len(file)))
		if sealed.CheckBody(oldKeys, h, file) {
			t.Fatalf("the old data key decrypts %s", filepath.Base(now))
		}
	}
	// The old copy still opens with the old passphrase, and holds only
	// what it held.
	got := texts(t, mustOpenSealed(t, oldCopy, journal.Secret{Passphrase: journaltest.Passphrase}))
	if !got["an evening before the change"] || got["written after the change"] {
		t.Fatalf("the old copy: %v", got)
	}
	// Every backup, the one from before the change included, opens with the
	// new passphrase and the unchanged recovery key, and not with the old.
	s.Close()
	list, err := journal.ListBackups(ctx, path, journal.SealedInspector(journal.Secret{Passphrase: newPass}))
	if err != nil || len(list) < 2 {
		t.Fatalf("backups: %v, %v", list, err)
	}
	for _, b := range list {
		if _, err := journal.SealedInspector(journal.Secret{Passphrase: newPass})(ctx, b.Path, true); err != nil {
			t.Errorf("the new passphrase on %s: %v", b.Path, err)
		}
		if _, err := journal.SealedInspector(journal.Secret{RecoveryKey: recovery})(ctx, b.Path, true); err != nil {
			t.Errorf("the recovery key on %s: %v", b.Path, err)
		}
		_, err = journal.SealedInspector(journal.Secret{Passphrase: journaltest.Passphrase})(ctx, b.Path, false)
		wantCode(t, err, journal.EPASSPHRASE)
	}
	got = texts(t, mustOpenSealed(t, path, journal.Secret{RecoveryKey: recovery}))
	if !got["an evening before the change"] || !got["written after the change"] {
		t.Fatalf("the journal after the change: %v", got)
	}
}

// TestPassphraseChangeNeedsTheRecoveryKey: a session unlocked with the
// passphrase does not know the recovery key, which the new data key must
// be wrapped for; the change is refused until it is given.
func TestPassphraseChangeNeedsTheRecoveryKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "a walk", "")
	s, recovery := journaltest.MustSeal(t, path)
	s.Close()
	before := readFile(t, path)
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	err := s.ChangePassphrase(ctx, "another passphrase here", journaltest.FastSeal)
	wantCode(t, err, journal.EINVALID)
	if !bytes.Equal(before, readFile(t, path)) {
		t.Fatal("a refused change wrote the journal")
	}
	if err := s.ChangeSecrets(ctx, "another passphrase here", recovery, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	// The session now knows both: a new recovery key needs nothing more.
	fresh := sealed.NewRecoveryKey()
	if err := s.SetRecoveryKey(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mustOpenSealed(t, path, journal.Secret{Passphrase: "another passphrase here"}).Close()
	mustOpenSealed(t, path, journal.Secret{RecoveryKey: fresh}).Close()
}

// TestSealingScrubsThePlainLog: a plain journal left with evenings in its
// write-ahead log (a crash) is sealed, and the log's content is overwritten
// before SQLite deletes it, not left in free disk blocks. A second name for
// the log's file shows what its blocks hold after sealing.
func TestSealingScrubsThePlainLog(t *testing.T) {
	src := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, src, "Rosalind", "the first evening", "")
	open, err := journal.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := open.FindPerson(ctx, "Rosalind")
	if err := open.SaveReflection(ctx, &journal.Reflection{At: time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC), Text: "zanzibar in the log",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}}); err != nil {
		t.Fatal(err)
	}
	// The journal as a crash leaves it: the evening only in the log.
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	for _, suffix := range []string{"", "-wal"} {
		if err := os.WriteFile(path+suffix, readFile(t, src+suffix), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	open.Close()
	if !bytes.Contains(readFile(t, path+"-wal"), []byte("zanzibar")) {
		t.Skip("the evening did not stay in the log here")
	}
	other := filepath.Join(dir, "second-name-of-the-log")
	if err := os.Link(path+"-wal", other); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	s, _ := journaltest.MustSeal(t, path)
	if got := texts(t, s); !got["zanzibar in the log"] {
		t.Fatalf("the evening in the log was not sealed: %v", got)
	}
	if b := readFile(t, other); bytes.Contains(b, []byte("zanzibar")) {
		t.Fatal("the plain journal's log still holds its words after sealing")
	}
}

// TestSealedBackupNamesHoldNoDate: a sealed journal's backups are named
// without the day they were made; the day is their modification time, kept
// when a passphrase change seals them again, and listing, rotation and the
// daily backup still find it.
func TestSealedBackupNamesHoldNoDate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "an evening", "")
	s, _ := journaltest.MustSeal(t, path)
	dated := regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	manual, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	auto, err := s.AutoBackup(ctx)
	if err != nil || auto == nil {
		t.Fatalf("the daily backup: %v, %v", auto, err)
	}
	if again, err := s.AutoBackup(ctx); err != nil || again != nil {
		t.Fatalf("a second daily backup on the same day: %v, %v", again, err)
	}
	for _, b := range []*journal.BackupInfo{manual, auto} {
		if dated.MatchString(filepath.Base(b.Path)) {
			t.Fatalf("a sealed backup is named by its date: %s", b.Path)
		}
	}
	// Made three days ago, as far as its file says.
	then := time.Now().AddDate(0, 0, -3).Truncate(time.Second)
	if err := os.Chtimes(manual.Path, then, then); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassphrase(ctx, "a passphrase for later", journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	list, err := s.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range list {
		if b.Path == manual.Path {
			found = true
			if b.Kind != journal.BackupManual || !b.Made.Equal(then) || b.Day.Format("2006-01-02") != then.Format("2006-01-02") {
				t.Fatalf("after re-sealing, the backup: kind %s, made %v, day %v; want made %v", b.Kind, b.Made, b.Day, then)
			}
		}
	}
	if !found {
		t.Fatalf("the manual backup is not listed: %+v", list)
	}
}
