package journal_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

// writePlain makes a plain journal at path with one person and one reflection
// whose text and moment note are the given words, and closes it.
func writePlain(t *testing.T, path, name, text, note string) {
	t.Helper()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := journaltest.MustAddPerson(t, s, name)
	r := &journal.Reflection{
		At:   time.Date(2024, 3, 9, 21, 0, 0, 0, time.FixedZone("", 5*3600+45*60)),
		Text: text,
		Encounters: []journal.Encounter{{
			PersonID:  p.ID,
			Closeness: 5,
			Moments:   []journal.Moment{{Kind: "laughed", Note: note}},
		}},
	}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
}

func searchCount(t *testing.T, s *journal.Store, text string) int {
	t.Helper()
	got, err := s.Search(ctx, journal.SearchQuery{Text: text, Limit: 50})
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	return len(got.Reflections)
}

func mustOpenSealed(t *testing.T, path string, sec journal.Secret) *journal.Store {
	t.Helper()
	s, err := journal.OpenSealed(ctx, path, sec)
	if err != nil {
		t.Fatalf("unlock %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := journal.ErrorCode(err); got != code {
		t.Fatalf("got error %v (code %q), want code %q", err, got, code)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSealKeepsPathAndContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "we walked to the lighthouse", "the gull stole her chips")
	s, recovery := journaltest.MustSeal(t, path)
	if !s.Sealed() || s.Path() != path {
		t.Fatalf("got sealed=%v path=%s, want a sealed journal at %s", s.Sealed(), s.Path(), path)
	}
	if len(strings.Split(recovery, "-")) != 8 {
		t.Fatalf("recovery key %q: want eight groups", recovery)
	}
	if sealed, err := journal.IsSealedFile(path); err != nil || !sealed {
		t.Fatalf("IsSealedFile = %v, %v; want true", sealed, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s left beside the sealed journal", path+suffix)
		}
	}
	if n := searchCount(t, s, "lighthouse"); n != 1 {
		t.Fatalf("search in the sealed journal: got %d reflections, want 1", n)
	}
	// A write is sealed to the file: it is there after closing and unlocking again.
	p, err := s.FindPerson(ctx, "Rosalind")
	if err != nil {
		t.Fatal(err)
	}
	r := &journal.Reflection{At: time.Now().Add(-time.Hour), Text: "tea and quiet", Encounters: []journal.Encounter{{PersonID: p.ID}}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	if s.LastSave().IsZero() {
		t.Fatal("LastSave is zero after a save")
	}
	s.Close()
	_, err = journal.Open(ctx, path)
	wantCode(t, err, journal.ESEALED)
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if n := searchCount(t, s, "quiet"); n != 1 {
		t.Fatalf("after unlocking again: got %d reflections for the new text, want 1", n)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Reflections != 2 || st.People != 1 {
		t.Fatalf("got %+v, want 2 reflections and 1 person", st)
	}
}

func TestSealRefusesTwiceAndShortPassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	_, err := journal.Seal(ctx, path, "short", sealed.NewRecoveryKey(), journaltest.FastSeal)
	wantCode(t, err, journal.EINVALID)
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused seal created the journal")
	}
	s, _ := journaltest.MustSeal(t, path)
	s.Close()
	_, err = journal.Seal(ctx, path, journaltest.Passphrase, sealed.NewRecoveryKey(), journaltest.FastSeal)
	wantCode(t, err, journal.EINVALID)
}

func TestWrongPassphraseChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	s.Close()
	before := readFile(t, path)
	_, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: "not the passphrase"})
	wantCode(t, err, journal.EPASSPHRASE)
	if !strings.Contains(err.Error(), "passphrase") {
		t.Fatalf("message %q does not mention the passphrase", err)
	}
	_, err = journal.OpenSealed(ctx, path, journal.Secret{RecoveryKey: "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"})
	wantCode(t, err, journal.EPASSPHRASE)
	_, err = journal.OpenSealed(ctx, path, journal.Secret{RecoveryKey: "not a key"})
	wantCode(t, err, journal.EINVALID)
	if !bytes.Equal(before, readFile(t, path)) {
		t.Fatal("a failed unlock changed the file")
	}
	// The lock was released: the right passphrase still opens it.
	mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
}

func TestOneJournalOneProcessAtATime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	_, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	wantCode(t, err, journal.EBUSY)
	s.Close()
	mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})

	plainPath := filepath.Join(t.TempDir(), "plain.db")
	writePlain(t, plainPath, "Ada", "notes", "")
	open, err := journal.Open(ctx, plainPath)
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	_, err = journal.Seal(ctx, plainPath, journaltest.Passphrase, sealed.NewRecoveryKey(), journaltest.FastSeal)
	wantCode(t, err, journal.EBUSY)
	if sealed, _ := journal.IsSealedFile(plainPath); sealed {
		t.Fatal("a journal open elsewhere was sealed")
	}
}

func TestPassphraseChangeResealsTheBody(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "a long walk", "")
	s, recovery := journaltest.MustSeal(t, path)
	before := readFile(t, path)
	const newPass = "a new and longer passphrase"
	if err := s.ChangePassphrase(ctx, newPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	after := readFile(t, path)
	n := sealed.HeaderSize
	if bytes.Equal(before[n:], after[n:]) {
		t.Fatal("the body's ciphertext stayed as it was: the old data key still opens it")
	}
	if bytes.Equal(before[:n], after[:n]) {
		t.Fatal("the header did not change with the passphrase")
	}
	s.Close()
	_, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	wantCode(t, err, journal.EPASSPHRASE)
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: newPass})
	if n := searchCount(t, s, "walk"); n != 1 {
		t.Fatalf("after the change: got %d reflections, want 1", n)
	}
	s.Close()
	mustOpenSealed(t, path, journal.Secret{RecoveryKey: recovery}).Close()
}

func TestRecoveryKeyAloneUnlocksAndSetsAPassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "the harbour at dusk", "")
	s, recovery := journaltest.MustSeal(t, path)
	s.Close()
	// As a person might type it: lower case, spaces for dashes, O for 0.
	typed := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(recovery, "-", " "), "0", "O"))
	s = mustOpenSealed(t, path, journal.Secret{RecoveryKey: typed})
	if n := searchCount(t, s, "harbour"); n != 1 {
		t.Fatalf("unlocked by recovery key: got %d reflections, want 1", n)
	}
	const newPass = "remembered this time"
	if err := s.ChangePassphrase(ctx, newPass, journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mustOpenSealed(t, path, journal.Secret{Passphrase: newPass}).Close()

	// A new recovery key replaces the old one.
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: newPass})
	fresh := sealed.NewRecoveryKey()
	if err := s.SetRecoveryKey(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := journal.OpenSealed(ctx, path, journal.Secret{RecoveryKey: recovery})
	wantCode(t, err, journal.EPASSPHRASE)
	mustOpenSealed(t, path, journal.Secret{RecoveryKey: fresh}).Close()
}

func TestUnsealGivesBackAPlainJournal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "bread from the market", "")
	s, _ := journaltest.MustSeal(t, path)
	if err := s.Unseal(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if sealed, _ := journal.IsSealedFile(path); sealed {
		t.Fatal("still sealed after Unseal")
	}
	plain, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if n := searchCount(t, plain, "market"); n != 1 {
		t.Fatalf("after unsealing: got %d reflections, want 1", n)
	}
	if _, err := plain.AddPerson(ctx, "Grace"); err != nil {
		t.Fatalf("write to the unsealed journal: %v", err)
	}
	assertOnlyJournalFiles(t, dir, "journal.db")
}

// assertOnlyJournalFiles fails if the folder holds anything but the journal
// (and SQLite's own files of an open plain journal, and the lock file the
// store holds): no temp files left.
func assertOnlyJournalFiles(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case name, name + "-wal", name + "-shm", name + ".lock":
		default:
			t.Fatalf("left in the journal's folder: %s", e.Name())
		}
	}
}

// TestAnyFlippedByteIsDetected flips each byte of the header and keys, and a
// sample of the body, and unlocks the copy: every one must be refused. Then
// it does the same with the keyless checksum recomputed, as a deliberate
// forger would, so that the keyed checks are shown to hold on their own.
func TestAnyFlippedByteIsDetected(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", strings.Repeat("a quiet evening by the sea ", 200), "")
	s, recovery := journaltest.MustSeal(t, path)
	s.Close()
	good := readFile(t, path)
	rng := rand.New(rand.NewPCG(1, 2))
	positions := make([]int, 0, sealed.HeaderSize+200)
	for i := range sealed.HeaderSize {
		positions = append(positions, i)
	}
	for range 150 {
		positions = append(positions, sealed.HeaderSize+rng.IntN(len(good)-sealed.HeaderSize))
	}
	positions = append(positions, len(good)-1) // the last byte of the tag

	damaged := filepath.Join(dir, "damaged.db")
	try := func(b []byte, what string) {
		t.Helper()
		if err := os.WriteFile(damaged, b, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, sec := range []journal.Secret{{Passphrase: journaltest.Passphrase}, {RecoveryKey: recovery}} {
			s, err := journal.OpenSealed(ctx, damaged, sec)
			if err == nil {
				s.Close()
				t.Fatalf("%s: unlocked without noticing", what)
			}
			switch journal.ErrorCode(err) {
			case journal.EDAMAGED, journal.ENEWER, journal.EPASSPHRASE:
			default:
				t.Fatalf("%s: got %v (%s), want a damaged-file error", what, err, journal.ErrorCode(err))
			}
		}
		if !bytes.Equal(b, readFile(t, damaged)) {
			t.Fatalf("%s: the damaged file was written to", what)
		}
	}
	for _, pos := range positions {
		b := bytes.Clone(good)
		b[pos] ^= byte(1 + rng.IntN(255))
		try(b, "flipped byte "+strconv.Itoa(pos))
		if pos < sealed.ChecksumAt {
			sum := sha256.Sum256(b[:sealed.ChecksumAt])
			copy(b[sealed.ChecksumAt:], sum[:])
			try(b, "flipped byte "+strconv.Itoa(pos)+" with the checksum redone")
		}
	}
	try(good[:len(good)-1], "one byte cut off")
	try(good[:sealed.HeaderSize], "body cut off")
	// A byte after the base is where a change record would start: it reads
	// as a save cut short, which unlocking leaves out and reports.
	added := append(bytes.Clone(good), 0)
	if err := os.WriteFile(damaged, added, 0o600); err != nil {
		t.Fatal(err)
	}
	s = mustOpenSealed(t, damaged, journal.Secret{Passphrase: journaltest.Passphrase})
	if !strings.Contains(s.SealedNotice(), "cut short") {
		t.Fatalf("one byte added: unlocked with notice %q; want it reported", s.SealedNotice())
	}
	s.Close()
	if !bytes.Equal(added, readFile(t, damaged)) {
		t.Fatal("one byte added: the file was written to")
	}
	// The journal itself was never touched.
	mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
}

func TestDamagedAndForeignFilesAreNamed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	s.Close()
	good := readFile(t, path)
	if err := os.WriteFile(path, good[:len(good)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	wantCode(t, err, journal.EDAMAGED)
	if !strings.Contains(err.Error(), "cut short") || !strings.Contains(err.Error(), "not changed") {
		t.Fatalf("message %q: want it to say the file is cut short and was not changed", err)
	}

	foreign := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(foreign, []byte("shopping list: eggs, flour\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if sealed, _ := journal.IsSealedFile(foreign); sealed {
		t.Fatal("a text file taken for a sealed journal")
	}
	_, err = journal.OpenSealed(ctx, foreign, journal.Secret{Passphrase: journaltest.Passphrase})
	wantCode(t, err, journal.EDAMAGED)
	if !strings.Contains(err.Error(), "not a sealed Kindred journal") {
		t.Fatalf("message %q: want it to say the file is not a sealed journal", err)
	}
	_, err = journal.Open(ctx, foreign)
	wantCode(t, err, journal.EDAMAGED)
	if got := readFile(t, foreign); string(got) != "shopping list: eggs, flour\n" {
		t.Fatal("a foreign file was written to")
	}
}

// TestFailedSaveIsUndoneInMemory takes the journal's folder away during a
// save: the save must fail, and the journal must not show the failed write.
func TestFailedSaveIsUndoneInMemory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kindred")
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first", "")
	s, _ := journaltest.MustSeal(t, path)
	away := dir + "-away"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	_, err := s.AddPerson(ctx, "Grace")
	if err == nil {
		t.Fatal("a save with the folder gone reported success")
	}
	if !strings.Contains(err.Error(), "nothing was saved") {
		t.Fatalf("message %q: want it to say nothing was saved", err)
	}
	if _, err := s.FindPerson(ctx, "Grace"); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Fatalf("after the failed save, FindPerson(Grace) = %v; want not found", err)
	}
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPerson(ctx, "Ada"); err != nil {
		t.Fatalf("save after the folder came back: %v", err)
	}
	s.Close()
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	people, err := s.People(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range people {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "Ada,Rosalind" {
		t.Fatalf("got people %v, want Ada and Rosalind", names)
	}
}

// TestScrubsThePlainFile keeps a second name for the plain journal's file:
// once sealed, what it holds must have been overwritten.
func TestScrubsThePlainFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "zanzibar", "")
	other := filepath.Join(dir, "second-name")
	if err := os.Link(path, other); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	journaltest.MustSeal(t, path)
	if b := readFile(t, other); bytes.Contains(b, []byte("zanzibar")) || bytes.ContainsFunc(b, func(r rune) bool { return r != 0 }) {
		t.Fatal("the plain journal's old content was not overwritten")
	}
}

func TestDamageIsSeenBeforeThePassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	s.Close()
	if err := journal.CheckSealedFile(path); err != nil {
		t.Fatalf("a sound sealed journal: %v", err)
	}
	good := readFile(t, path)
	for name, b := range map[string][]byte{
		"cut short":     good[:len(good)-10],
		"header damage": append(append([]byte{}, good[:100]...), append([]byte{good[100] ^ 1}, good[101:]...)...),
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			wantCode(t, journal.CheckSealedFile(path), journal.EDAMAGED)
		})
	}
}

// TestSealingUsesTheDefaultKeySettings reads the key settings back from a
// journal sealed the way the program seals: RFC 9106's t=3, 64 MiB, p=4.
func TestSealingUsesTheDefaultKeySettings(t *testing.T) {
	if testing.Short() {
		t.Skip("derives two full-cost keys")
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Seal(ctx, path, journaltest.Passphrase, sealed.NewRecoveryKey(), journal.SealOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	h := readFile(t, path)
	threads, passes, memory := h[19], binary.BigEndian.Uint32(h[20:]), binary.BigEndian.Uint32(h[24:])
	if h[18] != 1 || passes < 3 || memory < 64*1024 || threads != 4 {
		t.Fatalf("sealed with kdf %d, t=%d, m=%d KiB, p=%d; want Argon2id (1), t>=3, m>=65536, p=4", h[18], passes, memory, threads)
	}
	if sealed.DefaultKDF != (sealed.KDFParams{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}) {
		t.Fatalf("sealed.DefaultKDF is %+v", sealed.DefaultKDF)
	}
}
