package journal_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

func TestSealedJournalsBackupsAreSealed(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Zebulon Marchetti", "a quillfeather evening", "kumquat tart")
	s, recovery := journaltest.MustSeal(t, path)

	auto, err := s.AutoBackup(ctx)
	if err != nil || auto == nil {
		t.Fatalf("automatic backup: %v, %v", auto, err)
	}
	manual, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []*journal.BackupInfo{auto, manual} {
		if sealed, _ := journal.IsSealedFile(b.Path); !sealed {
			t.Fatalf("backup %s is not sealed", b.Path)
		}
		if b.Problem != nil || b.Contents.People != 1 || b.Contents.Reflections != 1 {
			t.Fatalf("backup %s: contents %+v, problem %v; want 1 person, 1 reflection", b.Path, b.Contents, b.Problem)
		}
	}
	list, err := s.Backups(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("listing: %d backups, %v; want 2", len(list), err)
	}
	good, err := journal.NewestGoodBackup(ctx, path, s.Inspector())
	if err != nil || good == nil || good.Contents.Reflections != 1 {
		t.Fatalf("newest good backup: %+v, %v", good, err)
	}
	assertNoCanary(t, dir, tmp)

	// Without the journal open, its passphrase or recovery key reads them.
	s.Close()
	for _, sec := range []journal.Secret{{Passphrase: journaltest.Passphrase}, {RecoveryKey: recovery}} {
		c, err := journal.SealedInspector(sec)(ctx, manual.Path, true)
		if err != nil || c.Reflections != 1 {
			t.Fatalf("inspect with %+v: %+v, %v", sec, c, err)
		}
	}
	_, err = journal.SealedInspector(journal.Secret{Passphrase: "not the passphrase"})(ctx, manual.Path, false)
	wantCode(t, err, journal.EPASSPHRASE)
}

func TestSealingSealsThePlainBackups(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Zebulon Marchetti", "a quillfeather evening", "kumquat tart")
	plain, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := plain.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	plain.Close()
	if raw := readFile(t, b.Path); !bytes.Contains(raw, []byte("quillfeather")) {
		t.Fatal("the plain backup does not hold the canary: the test would prove nothing")
	}

	s, recovery := journaltest.MustSeal(t, path)
	assertNoCanary(t, dir, tmp)
	if sealed, _ := journal.IsSealedFile(b.Path); !sealed {
		t.Fatal("the plain backup was not sealed")
	}
	c, err := s.Inspector()(ctx, b.Path, true)
	if err != nil || c.Reflections != 1 || c.People != 1 {
		t.Fatalf("the sealed backup: %+v, %v", c, err)
	}
	s.Close()
	if c, err := journal.SealedInspector(journal.Secret{RecoveryKey: recovery})(ctx, b.Path, true); err != nil || c.Reflections != 1 {
		t.Fatalf("the recovery key on the sealed backup: %+v, %v", c, err)
	}
}

func TestPassphraseChangeReachesTheBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "river", "")
	s, _ := journaltest.MustSeal(t, path)
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := readFile(t, b.Path)
	const newPass = "a passphrase for the backups too"
	if err := s.ChangePassphrase(ctx, newPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	after := readFile(t, b.Path)
	if bytes.Equal(before[sealed.HeaderSize:], after[sealed.HeaderSize:]) {
		t.Fatal("the backup's sealed content stayed under the old key")
	}
	s.Close()
	if _, err := journal.SealedInspector(journal.Secret{Passphrase: newPass})(ctx, b.Path, true); err != nil {
		t.Fatalf("the new passphrase on the backup: %v", err)
	}
	_, err = journal.SealedInspector(journal.Secret{Passphrase: journaltest.Passphrase})(ctx, b.Path, false)
	wantCode(t, err, journal.EPASSPHRASE)
}

func TestRestoreASealedBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "the first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPerson(ctx, "Grace"); err != nil {
		t.Fatal(err)
	}
	sec := journal.Secret{Passphrase: journaltest.Passphrase}
	_, err = journal.RestoreBackup(ctx, path, b.Path, journal.SealedInspector(sec), time.Now())
	wantCode(t, err, journal.ECONFLICT)
	s.Close()

	kept, err := journal.RestoreBackup(ctx, path, b.Path, journal.SealedInspector(sec), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if sealed, _ := journal.IsSealedFile(kept); !sealed {
		t.Fatal("the replaced journal was kept unsealed")
	}
	s = mustOpenSealed(t, path, sec)
	people, _ := s.People(ctx, true)
	if len(people) != 1 {
		t.Fatalf("after the restore: %d people, want 1 (Grace came after the backup)", len(people))
	}
}

func TestDamagedSealedJournalNamesItsNewestBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	journaltest.MustAddPerson(t, s, "Rosalind")
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw := readFile(t, path)
	raw[len(raw)-100] ^= 0xff
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	wantCode(t, err, journal.EDAMAGED)
	if !strings.Contains(err.Error(), b.Path) {
		t.Fatalf("message %q does not name the backup %s", err, b.Path)
	}
	if !bytes.Equal(raw, readFile(t, path)) {
		t.Fatal("the damaged journal was written to")
	}
}
