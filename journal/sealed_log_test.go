package journal_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

var pass = journal.Secret{Passphrase: journaltest.Passphrase}

// copyOf copies the file at path (an unlocked journal's, with its change
// log) to a new path beside it, so it can be unlocked as it is on disk.
func copyOf(t *testing.T, path, name string) string {
	t.Helper()
	dst := filepath.Join(filepath.Dir(path), name)
	if err := os.WriteFile(dst, readFile(t, path), 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

func saveSealed(t *testing.T, s *journal.Store, r *journal.Reflection) *journal.Reflection {
	t.Helper()
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// everyKindOfWrite runs each write path the store has on s.
func everyKindOfWrite(t *testing.T, s *journal.Store) {
	t.Helper()
	at := time.Date(2025, 6, 1, 20, 0, 0, 0, time.FixedZone("", 2*3600))
	ada := journaltest.MustAddPerson(t, s, "Ada")
	grace := journaltest.MustAddPerson(t, s, "Grace")
	alan := journaltest.MustAddPerson(t, s, "Alan")
	if err := s.RenamePerson(ctx, alan.ID, "Alan T."); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArchived(ctx, grace.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArchived(ctx, grace.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.AddKind(ctx, &journal.MomentKind{ID: "baked", Label: "Baked together", Color: "#aa5500"}); err != nil {
		t.Fatal(err)
	}
	r := saveSealed(t, s, &journal.Reflection{At: at, Text: "Dinner at Ada's; we laughed about the move.",
		Encounters: []journal.Encounter{
			{PersonID: ada.ID, Closeness: 5, Moments: []journal.Moment{{Kind: "laughed"}, {Kind: "deep-talk", Note: "the move"}},
				Questions: []journal.AskedQuestion{{ID: "q03", TheyAnswered: true}, {ID: "q01", IAnswered: true}}},
			{PersonID: grace.ID, Closeness: 4, Moments: []journal.Moment{{Kind: "baked"}, {Kind: "listened"}}},
			{PersonID: alan.ID, Closeness: 3, Moments: []journal.Moment{{Kind: "inside-joke"}, {Kind: "tried-to-fix"}}},
		}})
	r.Text = "Dinner at Ada's; we laughed about the move, and Grace baked."
	r.Encounters = r.Encounters[:2]
	saveSealed(t, s, r)
	gone := saveSealed(t, s, &journal.Reflection{At: at.Add(24 * time.Hour), Text: "A walk that I will delete.",
		Encounters: []journal.Encounter{{PersonID: ada.ID, Closeness: 6}}})
	if _, err := s.DeleteReflection(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	d := &journal.Draft{ID: "draft-1", Body: "half a thought", UpdatedAt: at}
	if err := s.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	d.Body, d.UpdatedAt = "half a thought, then more", at.Add(time.Minute)
	if err := s.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "draft-2", Body: "thrown away", UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDraft(ctx, "draft-2"); err != nil {
		t.Fatal(err)
	}
	from := &journal.Reflection{At: at.Add(48 * time.Hour), Text: "From the draft.",
		Encounters: []journal.Encounter{{PersonID: grace.ID, Closeness: 5}}}
	if err := s.SaveReflectionAndDiscardDraft(ctx, from, "draft-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "theme", "dark"); err != nil {
		t.Fatal(err)
	}
	if err := s.DismissSuggestion(ctx, "laugh-more:"+ada.ID); err != nil {
		t.Fatal(err)
	}
	// An import: one transaction, with an entry that fails and is skipped.
	err := s.Batch(ctx, func(b *journal.Batch) error {
		p := &journal.Person{Name: "Imported Ida"}
		if err := b.AddPerson(p); err != nil {
			return err
		}
		for i := range 20 {
			if err := b.SaveReflection(&journal.Reflection{At: at.Add(-time.Duration(i) * time.Hour), Text: "imported evening",
				Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}}); err != nil {
				return err
			}
		}
		skipped := b.Savepoint(func() error {
			if err := b.AddPerson(&journal.Person{Name: "Half Added"}); err != nil {
				return err
			}
			return b.AddPerson(&journal.Person{Name: "Imported Ida"}) // a duplicate: fails
		})
		if skipped == nil {
			t.Error("adding a person twice did not fail")
		}
		return b.SetSetting("imported_from", "test")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePerson(ctx, alan.ID); err != nil {
		t.Fatal(err)
	}
}

// sameDatabase compares two database images byte for byte, except the two
// header fields that count commits (the file change counter, bytes 24-27,
// and the version-valid-for number, bytes 92-95): the log is replayed in one
// transaction, not one per save.
func sameDatabase(a, b []byte) bool {
	if len(a) != len(b) || len(a) < 100 {
		return false
	}
	a, b = bytes.Clone(a), bytes.Clone(b)
	for _, off := range []int{24, 92} {
		clear(a[off : off+4])
		clear(b[off : off+4])
	}
	return bytes.Equal(a, b)
}

// TestReplayGivesTheCommittedState makes every kind of write on a sealed
// journal, then unlocks a copy of its file, base and change log: the
// database replayed from the log must be the one in memory, byte for byte.
func TestReplayGivesTheCommittedState(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	start, _, _ := journal.SealedLog(s)
	everyKindOfWrite(t, s)
	_, end, records := journal.SealedLog(s)
	if records < 15 {
		t.Fatalf("%d change records after every kind of write; want one per write (some were sealed whole?)", records)
	}
	if got := int64(len(readFile(t, path))); got != end || (end-start)%sealed.RecordQuantum != 0 {
		t.Fatalf("file is %d bytes, log from %d to %d: want it to end with the log, in whole records", got, start, end)
	}
	want := journal.SealedImage(s)

	back := mustOpenSealed(t, copyOf(t, path, "copy.db"), pass)
	if n := back.SealedNotice(); n != "" {
		t.Fatalf("unlocking reported %q; want nothing", n)
	}
	if got := journal.SealedImage(back); !sameDatabase(got, want) {
		var diff []int
		for i := range got {
			if got[i] != want[i] && len(diff) < 40 {
				diff = append(diff, i)
			}
		}
		t.Fatalf("the replayed database (%d bytes) differs from the one saved (%d bytes) at %v", len(got), len(want), diff)
	}
	if n := searchCount(t, back, "baked"); n != 1 {
		t.Fatalf("search for a word of an edited reflection after replay: %d results, want 1", n)
	}

	// Closing compacts: the file is a new base, with no log, that holds
	// the same database.
	s.Close()
	reopened := mustOpenSealed(t, path, pass)
	if start, end, n := journal.SealedLog(reopened); n != 0 || start != end {
		t.Fatalf("after close the log holds %d records (%d bytes); want none", n, end-start)
	}
	if got := journal.SealedImage(reopened); !bytes.Equal(got, want) {
		t.Fatal("the compacted database differs from the one saved")
	}
}

// TestSaveAppendsOneRecordOfFixedSize: a save adds one record, the same size
// whether it holds a word or a page, for any person.
func TestSaveAppendsOneRecordOfFixedSize(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	ada := journaltest.MustAddPerson(t, s, "Ada")
	bo := journaltest.MustAddPerson(t, s, "Bo")
	var sizes []int64
	_, last, _ := journal.SealedLog(s)
	before := readFile(t, path)
	for i, r := range []*journal.Reflection{
		{Text: "ok", Encounters: []journal.Encounter{{PersonID: ada.ID, Closeness: 2}}},
		{Text: longText(8000), Encounters: []journal.Encounter{{PersonID: bo.ID, Closeness: 7,
			Moments: []journal.Moment{{Kind: "deep-talk", Note: "work"}, {Kind: "laughed"}, {Kind: "shared-back"}}}}},
	} {
		r.At = time.Date(2025, 1, 1+i, 20, 0, 0, 0, time.UTC)
		saveSealed(t, s, r)
		_, end, _ := journal.SealedLog(s)
		sizes = append(sizes, end-last)
		last = end
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d", Body: "x", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	_, end, _ := journal.SealedLog(s)
	sizes = append(sizes, end-last)
	for _, n := range sizes {
		if n != sizes[0] || n != sealed.RecordQuantum {
			t.Fatalf("records of sizes %v; want each %d bytes", sizes, sealed.RecordQuantum)
		}
	}
	if after := readFile(t, path); !bytes.Equal(after[:len(before)], before) {
		t.Fatal("saves rewrote what was in the file before them; want them only to append")
	}
}

// longText is n bytes of words in no pattern, as an evening's text is.
func longText(n int) string {
	words := strings.Fields("we walked along the river and talked about her work his father the move next spring a film we both loved how tired I was why it matters what she said about trust and laughing at the dog")
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[rng.IntN(len(words))])
		b.WriteByte(' ')
	}
	return b.String()
}

// sealedWithRecords is a sealed journal closed with its log in place (a copy
// of the file taken before close compacted it), and the offsets of its
// records.
func sealedWithRecords(t *testing.T, n int) (path string, offsets []int64, texts []string) {
	t.Helper()
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.db")
	writePlain(t, orig, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, orig)
	p, err := s.FindPerson(ctx, "Rosalind")
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		_, end, _ := journal.SealedLog(s)
		offsets = append(offsets, end)
		text := "evening number " + string(rune('a'+i))
		saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 2, 1+i, 20, 0, 0, 0, time.UTC), Text: text,
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
		texts = append(texts, text)
	}
	_, end, _ := journal.SealedLog(s)
	offsets = append(offsets, end)
	return copyOf(t, orig, "journal.db"), offsets, texts
}

func texts(t *testing.T, s *journal.Store) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	err := s.Walk(ctx, journal.Walk{Reflection: func(r *journal.Reflection) error {
		got[r.Text] = true
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestTornLastRecordIsDroppedAndReported: what a save cut short leaves at
// the end of the file (part of a record, or a record's length of zeros) is
// left out and reported, every save before it is there, and the next save
// seals a clean file.
func TestTornLastRecordIsDroppedAndReported(t *testing.T) {
	for _, tc := range []struct {
		name string
		tear func(file []byte, last int64) []byte
	}{
		{"cut in the middle", func(f []byte, last int64) []byte { return f[:last+sealed.RecordQuantum/2] }},
		{"cut in its head", func(f []byte, last int64) []byte { return f[:last+7] }},
		{"one byte short", func(f []byte, last int64) []byte { return f[:len(f)-1] }},
		{"zeros where it should be", func(f []byte, last int64) []byte {
			clear(f[last+sealed.RecordQuantum/4:])
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, offsets, want := sealedWithRecords(t, 3)
			torn := tc.tear(readFile(t, path), offsets[2])
			if err := os.WriteFile(path, torn, 0o600); err != nil {
				t.Fatal(err)
			}
			s := mustOpenSealed(t, path, pass)
			notice := s.SealedNotice()
			if !strings.Contains(notice, "cut short") || !strings.Contains(notice, "left out") {
				t.Fatalf("notice %q: want it to say the last change was cut short and left out", notice)
			}
			got := texts(t, s)
			if !got[want[0]] || !got[want[1]] || got[want[2]] {
				t.Fatalf("after a torn last record: %v; want the first two saves and not the third", got)
			}
			if !bytes.Equal(readFile(t, path), torn) {
				t.Fatal("unlocking wrote to the file")
			}
			// The next save must not follow the torn bytes.
			p, _ := s.FindPerson(ctx, "Rosalind")
			saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 3, 1, 20, 0, 0, 0, time.UTC), Text: "after the crash",
				Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
			dup := mustOpenSealed(t, copyOf(t, path, "after.db"), pass)
			if n := dup.SealedNotice(); n != "" {
				t.Fatalf("after the next save, unlocking reports %q; want nothing", n)
			}
			if got := texts(t, dup); !got["after the crash"] || !got[want[1]] {
				t.Fatalf("after the next save: %v", got)
			}
		})
	}
}

// TestAlteredLogIsDetected: a record altered, removed from the middle or
// moved is refused as damage, named, and nothing is written. Cutting whole
// records off the end is what rolling the file back looks like, and cannot
// be told from an older file: docs/sealed-format.md says so, and this test
// pins it down.
func TestAlteredLogIsDetected(t *testing.T) {
	path, offsets, want := sealedWithRecords(t, 4)
	good := readFile(t, path)
	rec := func(i int) []byte { return bytes.Clone(good[offsets[i]:offsets[i+1]]) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	base := good[:offsets[0]]
	flipped := bytes.Clone(good)
	flipped[offsets[1]+sealed.RecordQuantum/2] ^= 0x40
	flippedHead := bytes.Clone(good)
	flippedHead[offsets[1]+5] ^= 0x01
	flippedTag := bytes.Clone(good)
	flippedTag[offsets[2]-1] ^= 0x01
	for _, tc := range []struct {
		name string
		file []byte
		says string
	}{
		{"a byte flipped in a record", flipped, "change record 2"},
		{"a byte flipped in a record's head", flippedHead, "change record 2"},
		{"a byte flipped in a record's tag", flippedTag, "change record 2"},
		{"a record removed from the middle", cat(base, rec(0), rec(2), rec(3)), "out of order"},
		{"two records swapped", cat(base, rec(1), rec(0), rec(2), rec(3)), "out of order"},
		{"a record repeated", cat(base, rec(0), rec(1), rec(1), rec(3)), "out of order"},
		{"a byte flipped in the base", func() []byte { b := bytes.Clone(good); b[offsets[0]-100] ^= 1; return b }(), "does not match its seal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, tc.file, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := journal.OpenSealed(ctx, path, pass)
			wantCode(t, err, journal.EDAMAGED)
			if !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), "not changed") {
				t.Fatalf("message %q: want it to name %q and say the file was not changed", err, tc.says)
			}
			if !bytes.Equal(readFile(t, path), tc.file) {
				t.Fatal("the damaged file was written to")
			}
		})
	}
	t.Run("whole records cut off the end (undetectable)", func(t *testing.T) {
		if err := os.WriteFile(path, good[:offsets[2]], 0o600); err != nil {
			t.Fatal(err)
		}
		s := mustOpenSealed(t, path, pass)
		if n := s.SealedNotice(); n != "" {
			t.Fatalf("notice %q", n)
		}
		if got := texts(t, s); !got[want[1]] || got[want[2]] {
			t.Fatalf("got %v; want the journal as it was after two saves", got)
		}
	})
}

// TestCompactionPastTheThreshold: once the log is past its threshold a save
// seals a new base, and the journal reads the same.
func TestCompactionPastTheThreshold(t *testing.T) {
	defer journal.SetCompactLogBytes(journal.SetCompactLogBytes(3 * sealed.RecordQuantum))
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	p, _ := s.FindPerson(ctx, "Rosalind")
	compactions := 0
	for i := range 10 {
		saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 2, 1+i, 20, 0, 0, 0, time.UTC), Text: "evening",
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
		start, end, n := journal.SealedLog(s)
		if n == 0 && start == end {
			compactions++
		}
		if end-start > 4*sealed.RecordQuantum {
			t.Fatalf("log of %d bytes after save %d; want it compacted past %d", end-start, i, 3*sealed.RecordQuantum)
		}
	}
	if compactions != 2 {
		t.Fatalf("%d compactions in 10 saves with a threshold of 3 records; want 2", compactions)
	}
	want := journal.SealedImage(s)
	back := mustOpenSealed(t, copyOf(t, path, "copy.db"), pass)
	if !sameDatabase(journal.SealedImage(back), want) {
		t.Fatal("after compactions the file does not hold the journal")
	}
}

// beforeUpgrade is the backup that holds old byte for byte, or "". (Opening
// may also keep a backup before it rebuilds the search index.)
func beforeUpgrade(t *testing.T, s *journal.Store, old []byte) string {
	t.Helper()
	list, err := s.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range list {
		if b.Kind == journal.BackupBeforeUpgrade && bytes.Equal(readFile(t, b.Path), old) {
			return b.Path
		}
	}
	return ""
}

// version1File is a version 1 file at this build's schema, holding one
// person (Rosalind) and one reflection ("sealed by version 1").
func version1File(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	writePlain(t, src, "Rosalind", "sealed by version 1", "")
	s, _ := journaltest.MustSeal(t, src)
	path := filepath.Join(t.TempDir(), "journal.db")
	if err := journal.WriteSealedV1(s, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestVersion1FileIsUpgradedOnFirstSave: a version 1 file reads as it is,
// is left alone until a save, and that save keeps the old file as a backup
// and rewrites it in format 2.
func TestVersion1FileIsUpgradedOnFirstSave(t *testing.T) {
	path := version1File(t)
	v1 := readFile(t, path)
	if v1[17] != 1 {
		t.Fatalf("the version 1 file is in format %d", v1[17])
	}
	s := mustOpenSealed(t, path, pass)
	if got := texts(t, s); !got["sealed by version 1"] {
		t.Fatalf("the version 1 journal holds %v", got)
	}
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check of a version 1 journal: %v %v", problems, err)
	}
	s.Close()
	if !bytes.Equal(readFile(t, path), v1) {
		t.Fatal("opening and closing without a save rewrote the version 1 file")
	}

	s = mustOpenSealed(t, path, pass)
	p, err := s.FindPerson(ctx, "Rosalind")
	if err != nil {
		t.Fatal(err)
	}
	saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC), Text: "the first save in version 2",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
	if now := readFile(t, path); now[17] != 2 {
		t.Fatalf("after the first save the file is in format %d; want 2", now[17])
	}
	kept := beforeUpgrade(t, s, v1)
	if kept == "" {
		t.Fatal("want the version 1 file kept byte for byte among the backups")
	}
	// Later saves append to the upgraded file.
	saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 5, 2, 20, 0, 0, 0, time.UTC), Text: "and the second",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
	if _, _, n := journal.SealedLog(s); n != 1 {
		t.Fatalf("%d records after the save following the upgrade; want 1", n)
	}
	// The backup still opens with the same passphrase.
	c, err := journal.SealedInspector(pass)(ctx, kept, true)
	if err != nil || c.Reflections != 1 {
		t.Fatalf("the kept version 1 file: %+v, %v", c, err)
	}
	back := mustOpenSealed(t, copyOf(t, path, "copy.db"), pass)
	if got := texts(t, back); !got["sealed by version 1"] || !got["the first save in version 2"] || !got["and the second"] {
		t.Fatalf("after the upgrade the journal holds %v", got)
	}
}

// TestFileSealedByAnOlderKindredOpens opens testdata/sealed-v1.db, sealed
// by the Kindred before format 2 (passphrase journaltest.Passphrase, schema
// version 4). Opening brings its schema up to date, which is a save: the old
// file is kept first, byte for byte, then rewritten in format 2.
func TestFileSealedByAnOlderKindredOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	v1 := readFile(t, filepath.Join("testdata", "sealed-v1.db"))
	if err := os.WriteFile(path, v1, 0o600); err != nil {
		t.Fatal(err)
	}
	s := mustOpenSealed(t, path, pass)
	if got := texts(t, s); !got["sealed by version 1"] {
		t.Fatalf("the old file holds %v", got)
	}
	if now := readFile(t, path); !bytes.Equal(now, v1) {
		if now[17] != 2 {
			t.Fatalf("the old file was rewritten in format %d; want 2", now[17])
		}
		if beforeUpgrade(t, s, v1) == "" {
			t.Fatal("the old file was rewritten without being kept first")
		}
		list, err := s.Backups(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range list {
			if b.Kind == journal.BackupBeforeUpgrade {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d before-upgrade backups; want the old file kept once", n)
		}
	}
}

// TestPassphraseChangeKeepsTheLog: a passphrase change seals the journal,
// its change records folded in, under a new key; saves go on appending.
func TestPassphraseChangeKeepsTheLog(t *testing.T) {
	path, _, want := sealedWithRecords(t, 2)
	s := mustOpenSealed(t, path, pass)
	p, _ := s.FindPerson(ctx, "Rosalind")
	saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 4, 1, 20, 0, 0, 0, time.UTC), Text: "before the new passphrase",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
	if err := s.ChangeSecrets(ctx, "a brand new passphrase", sealed.NewRecoveryKey(), journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 4, 2, 20, 0, 0, 0, time.UTC), Text: "after it",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
	if _, _, n := journal.SealedLog(s); n != 1 {
		t.Fatalf("%d records; want the save after the change appended to the new base (1)", n)
	}
	back := mustOpenSealed(t, copyOf(t, path, "copy.db"), journal.Secret{Passphrase: "a brand new passphrase"})
	got := texts(t, back)
	for _, w := range append(want, "before the new passphrase", "after it") {
		if !got[w] {
			t.Fatalf("after a passphrase change %q is missing: %v", w, got)
		}
	}
	_, err := journal.OpenSealed(ctx, copyOf(t, path, "old.db"), pass)
	if journal.ErrorCode(err) != journal.EPASSPHRASE {
		t.Fatalf("the old passphrase: %v", err)
	}
}

// TestUnsealAfterSavesLeavesAPlainJournal: unsealing a journal whose log
// holds records gives the plain journal with every save, and closing does
// not compact a sealed file back over it.
func TestUnsealAfterSavesLeavesAPlainJournal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	p, _ := s.FindPerson(ctx, "Rosalind")
	saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 4, 1, 20, 0, 0, 0, time.UTC), Text: "saved before unsealing",
		Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}})
	if err := s.Unseal(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if sealed, _ := journal.IsSealedFile(path); sealed {
		t.Fatal("after unseal and close the journal is sealed")
	}
	plain, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if got := texts(t, plain); !got["saved before unsealing"] {
		t.Fatalf("the unsealed journal holds %v", got)
	}
}

// TestWriteOutsideTheStoreIsSealedWhole: a write the log cannot hold (made
// outside the Store's write path) is not lost: the next save seals a new base.
func TestWriteOutsideTheStoreIsSealedWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	if _, err := s.DB().ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ('written', 'aside')"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d", Body: "x", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if start, end, n := journal.SealedLog(s); n != 0 || start != end {
		t.Fatalf("the save after a write outside the store appended %d records; want a new base", n)
	}
	// From then on saves append again.
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d", Body: "xy", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, _, n := journal.SealedLog(s); n != 1 {
		t.Fatalf("%d records after the next save; want 1", n)
	}
	back := mustOpenSealed(t, copyOf(t, path, "copy.db"), pass)
	if v, err := back.Setting(ctx, "written"); err != nil || v != "aside" {
		t.Fatalf("the write made outside the store: %q, %v", v, err)
	}
}

// TestVersion1PassphraseChange: a passphrase change on a version 1 file
// keeps the file as a backup, then seals the journal in the current format
// under a new key; the kept copy is re-sealed under it too.
func TestVersion1PassphraseChange(t *testing.T) {
	path := version1File(t)
	v1 := readFile(t, path)
	s := mustOpenSealed(t, path, pass)
	const newPass = "a brand new passphrase"
	if err := s.ChangeSecrets(ctx, newPass, sealed.NewRecoveryKey(), journaltest.FastSeal); err != nil {
		t.Fatal(err)
	}
	var kept string
	list, err := s.Backups(ctx)
	for _, b := range list {
		if b.Kind == journal.BackupBeforeUpgrade {
			kept = b.Path
		}
	}
	if err != nil || kept == "" {
		t.Fatalf("no backup kept before the upgrade: %v", err)
	}
	s.Close()
	if now := readFile(t, path); now[17] != sealed.Version || bytes.Equal(now[sealed.HeaderSize:], v1[sealed.HeaderSize:]) {
		t.Fatal("a passphrase change left the version 1 body under the old key")
	}
	back := mustOpenSealed(t, path, journal.Secret{Passphrase: newPass})
	if got := texts(t, back); !got["sealed by version 1"] {
		t.Fatalf("after the passphrase change: %v", got)
	}
	if c, err := journal.SealedInspector(journal.Secret{Passphrase: newPass})(ctx, kept, true); err != nil || c.Reflections != 1 {
		t.Fatalf("the kept version 1 file under the new passphrase: %+v, %v", c, err)
	}
}

// TestReadsBetweenSavesKeepTheLog: reading (here the packed whole-timeline
// read, which starts with WITH) is not a write, so the next save still
// appends one record instead of sealing the whole journal anew.
func TestReadsBetweenSavesKeepTheLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	ada := journaltest.MustAddPerson(t, s, "Ada")
	save := func(day int) {
		saveSealed(t, s, &journal.Reflection{At: time.Date(2025, 2, day, 20, 0, 0, 0, time.UTC), Text: "tea",
			Encounters: []journal.Encounter{{PersonID: ada.ID, Closeness: 4}}})
	}
	save(1)
	_, before, _ := journal.SealedLog(s)
	if _, err := s.TimelineAll(ctx, journal.TimelineQuery{PersonID: ada.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, journal.SearchQuery{Text: "tea"}); err != nil {
		t.Fatal(err)
	}
	save(2)
	if _, after, _ := journal.SealedLog(s); after != before+sealed.RecordQuantum {
		t.Fatalf("the log went from %d to %d bytes after a read and a save; want one more record (%d bytes)",
			before, after, sealed.RecordQuantum)
	}
}
