package journal_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sample"
)

var ctx = context.Background()

func TestOpenSettingsOnEveryConnection(t *testing.T) {
	s := journaltest.MustOpen(t)
	for name, db := range map[string]*sql.DB{"writer": s.DB(), "reader": s.ReadDB()} {
		// Hold several connections at once so the pool must open distinct ones.
		var conns []*sql.Conn
		for i := 0; i < 4 && (name == "reader" || i == 0); i++ {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			var mode string
			var sync, fk int
			if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
				t.Fatal(err)
			}
			if err := c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
				t.Fatal(err)
			}
			if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
				t.Fatal(err)
			}
			if mode != "wal" || sync != 2 || fk != 1 {
				t.Errorf("%s connection %d: journal_mode=%s synchronous=%d foreign_keys=%d, want wal 2 1", name, i, mode, sync, fk)
			}
		}
		for _, c := range conns {
			c.Close()
		}
	}
}

func TestFileModesUnderUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "nested", "kindred")
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	journaltest.MustAddPerson(t, s, "Ana")
	s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", p, got, want)
		}
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := journaltest.MustAddPerson(t, s, "Ana")
	s.Close()

	// Opening an already-migrated journal changes nothing and keeps its data.
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	var version int
	if err := s.DB().QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != journal.SchemaVersion() {
		t.Errorf("user_version %d, want %d", version, journal.SchemaVersion())
	}
	got, err := s.Person(ctx, p.ID)
	if err != nil || got.Name != "Ana" {
		t.Errorf("after reopen: %v, %v", got, err)
	}
	s.Close()
}

func TestNewerJournalIsRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = journal.Open(ctx, path)
	if journal.ErrorCode(err) != journal.ENEWER {
		t.Fatalf("got %v (code %q), want code %q", err, journal.ErrorCode(err), journal.ENEWER)
	}
	if !strings.Contains(err.Error(), "newer version of Kindred") {
		t.Errorf("message %q does not say why", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("refusing a newer journal modified it")
	}
}

func TestNotAJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte(strings.Repeat("these are not the droids you are looking for\n", 10))
	os.WriteFile(path, content, 0o600)
	_, err := journal.Open(ctx, path)
	if journal.ErrorCode(err) != journal.EDAMAGED {
		t.Fatalf("got %v, want a damaged/not-a-journal error", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(content, after) {
		t.Error("opening a foreign file modified it")
	}
}

func TestReflectionRoundTrip(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	zoe := journaltest.MustAddPerson(t, s, "Zoë Okafor")
	kind := &journal.MomentKind{Label: "Board games", Color: "#607d8b"}
	if err := s.AddKind(ctx, kind); err != nil {
		t.Fatal(err)
	}
	kathmandu := time.FixedZone("", 5*3600+45*60)
	r := &journal.Reflection{
		At:   time.Date(2025, 3, 30, 21, 15, 0, 0, kathmandu),
		Text: "Dumplings, then a long talk. Ζωή said «thank you» 🙏\nSecond line.",
		Encounters: []journal.Encounter{
			{PersonID: ana.ID, Closeness: 5, Moments: []journal.Moment{
				{Kind: journal.KindDeepTalk, Note: "her brother"},
				{Kind: journal.KindTriedToFix},
			}},
			{PersonID: zoe.ID, Moments: []journal.Moment{{Kind: "board-games"}}},
		},
	}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.ID == "" || r.Encounters[0].Moments[0].ID == "" {
		t.Fatal("ids not assigned")
	}
	got, err := s.Reflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(r.At) {
		t.Errorf("At = %v, want %v", got.At, r.At)
	}
	if _, off := got.At.Zone(); off != 5*3600+45*60 {
		t.Errorf("offset %d, want +05:45", off)
	}
	if got.At.Format("15:04 -07:00") != "21:15 +05:45" {
		t.Errorf("local time %s, want 21:15 +05:45", got.At.Format("15:04 -07:00"))
	}
	if got.Text != r.Text {
		t.Errorf("Text = %q, want %q", got.Text, r.Text)
	}
	if !reflect.DeepEqual(got.Encounters, r.Encounters) {
		t.Errorf("Encounters = %+v, want %+v", got.Encounters, r.Encounters)
	}
	if got.Encounters[1].Closeness != journal.NotRated {
		t.Errorf("unrated closeness came back as %d", got.Encounters[1].Closeness)
	}

	// Update in place: same id, new content.
	got.Text = "Edited."
	got.Encounters = got.Encounters[:1]
	got.Encounters[0].Moments = got.Encounters[0].Moments[:1]
	if err := s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Reflection(ctx, r.ID)
	if again.Text != "Edited." || len(again.Encounters) != 1 || len(again.Encounters[0].Moments) != 1 {
		t.Errorf("after update: %+v", again)
	}
	st, _ := s.Stats(ctx)
	if st.Reflections != 1 || st.Moments != 1 || st.Encounters != 1 {
		t.Errorf("stats after update %+v", st)
	}
}

func TestPeopleOperations(t *testing.T) {
	s := journaltest.MustOpen(t)
	zoe := journaltest.MustAddPerson(t, s, "  Zoë   Okafor ")
	if zoe.Name != "Zoë Okafor" || zoe.Color == "" || zoe.Initials() != "ZO" {
		t.Errorf("added %+v", zoe)
	}
	if _, err := s.AddPerson(ctx, "zoe okafor"); journal.ErrorCode(err) != journal.ECONFLICT {
		t.Errorf("duplicate name: got %v, want conflict", err)
	}
	found, err := s.FindPerson(ctx, "ZOE OKAFOR")
	if err != nil || found.ID != zoe.ID {
		t.Errorf("find ignoring case and accents: %v %v", found, err)
	}
	_, err = s.FindPerson(ctx, "Zoe Okafr")
	if journal.ErrorCode(err) != journal.ENOTFOUND || !strings.Contains(err.Error(), `Did you mean "Zoë Okafor"?`) {
		t.Errorf("misspelled name: got %v", err)
	}
	if err := s.RenamePerson(ctx, zoe.ID, "Zoë O."); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArchived(ctx, zoe.ID, true); err != nil {
		t.Fatal(err)
	}
	visible, _ := s.People(ctx, false)
	all, _ := s.People(ctx, true)
	if len(visible) != 0 || len(all) != 1 || all[0].Name != "Zoë O." || !all[0].Archived {
		t.Errorf("visible %v, all %v", visible, all)
	}
	if err := s.SetArchived(ctx, "no-such-id", true); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("archive unknown: %v", err)
	}
}

func TestDeletePersonCascades(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	ben := journaltest.MustAddPerson(t, s, "Ben")
	at := time.Date(2025, 1, 10, 20, 0, 0, 0, time.UTC)
	solo := &journal.Reflection{At: at, Text: "only ana", Encounters: []journal.Encounter{{PersonID: ana.ID, Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}}
	shared := &journal.Reflection{At: at.Add(time.Hour), Text: "both", Encounters: []journal.Encounter{
		{PersonID: ana.ID, Moments: []journal.Moment{{Kind: journal.KindDeepTalk}}},
		{PersonID: ben.ID, Moments: []journal.Moment{{Kind: journal.KindLaughed}}},
	}}
	for _, r := range []*journal.Reflection{solo, shared} {
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeletePerson(ctx, ana.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reflection(ctx, solo.ID); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("solo reflection after delete: %v", err)
	}
	got, err := s.Reflection(ctx, shared.ID)
	if err != nil || len(got.Encounters) != 1 || got.Encounters[0].PersonID != ben.ID {
		t.Errorf("shared reflection after delete: %+v %v", got, err)
	}
	st, _ := s.Stats(ctx)
	if st.People != 1 || st.Reflections != 1 || st.Moments != 1 {
		t.Errorf("stats after delete: %+v", st)
	}
	hits, _ := s.Search(ctx, journal.SearchQuery{Text: "ana"})
	if len(hits.Reflections) != 0 {
		t.Errorf("search still finds the deleted person: %d hits", len(hits.Reflections))
	}
}

func TestValidationCodes(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	now := time.Now()
	cases := []struct {
		name  string
		r     journal.Reflection
		code  string
		field string
	}{
		{"no person", journal.Reflection{At: now, Text: "x"}, journal.EINVALID, "people"},
		{"no date", journal.Reflection{Encounters: []journal.Encounter{{PersonID: ana.ID}}}, journal.EINVALID, "date"},
		{"far future", journal.Reflection{At: now.AddDate(0, 1, 0), Encounters: []journal.Encounter{{PersonID: ana.ID}}}, journal.EINVALID, "date"},
		{"closeness 8", journal.Reflection{At: now, Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 8}}}, journal.EINVALID, "closeness"},
		{"unknown kind", journal.Reflection{At: now, Encounters: []journal.Encounter{{PersonID: ana.ID, Moments: []journal.Moment{{Kind: "juggling"}}}}}, journal.EINVALID, "moments"},
		{"kind twice", journal.Reflection{At: now, Encounters: []journal.Encounter{{PersonID: ana.ID, Moments: []journal.Moment{{Kind: "laughed"}, {Kind: "laughed"}}}}}, journal.EINVALID, "moments"},
		{"same person twice", journal.Reflection{At: now, Encounters: []journal.Encounter{{PersonID: ana.ID}, {PersonID: ana.ID}}}, journal.EINVALID, "people"},
		{"unknown person", journal.Reflection{At: now, Encounters: []journal.Encounter{{PersonID: "nobody"}}}, journal.ENOTFOUND, "people"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.r
			err := s.SaveReflection(ctx, &r)
			if journal.ErrorCode(err) != c.code || journal.ErrorField(err) != c.field {
				t.Errorf("got %v (code %q field %q), want code %q field %q", err, journal.ErrorCode(err), journal.ErrorField(err), c.code, c.field)
			}
		})
	}
	st, _ := s.Stats(ctx)
	if st.Reflections != 0 {
		t.Errorf("invalid saves stored %d reflections", st.Reflections)
	}
	if _, err := s.AddPerson(ctx, "   "); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("empty name: %v", err)
	}
	if err := s.AddKind(ctx, &journal.MomentKind{ID: "laughed", Label: "Laughed", Color: "#000000"}); journal.ErrorCode(err) != journal.ECONFLICT {
		t.Errorf("built-in kind id: %v", err)
	}
}

func TestDeleteReflectionAndUndo(t *testing.T) {
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	r := &journal.Reflection{At: time.Date(2025, 5, 1, 20, 0, 0, 0, time.UTC), Text: "kept words",
		Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindAdventure, Note: "kayak"}}}}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	old, err := s.DeleteReflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reflection(ctx, r.ID); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.SaveReflection(ctx, old); err != nil {
		t.Fatal(err)
	}
	back, err := s.Reflection(ctx, r.ID)
	if err != nil || back.Text != "kept words" || back.Encounters[0].Moments[0].Note != "kayak" {
		t.Errorf("undo: %+v %v", back, err)
	}
	hits, _ := s.Search(ctx, journal.SearchQuery{Text: "kayak"})
	if len(hits.Reflections) != 1 {
		t.Errorf("undone reflection not searchable: %d hits", len(hits.Reflections))
	}
}

func TestDraftsSettingsDismissed(t *testing.T) {
	s := journaltest.MustOpen(t)
	d := &journal.Draft{ID: "d1", Body: `{"text":"half a thought"}`}
	if err := s.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	d.Body = `{"text":"a whole thought"}`
	if err := s.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	ds, _ := s.Drafts(ctx)
	if len(ds) != 1 || ds[0].Body != d.Body {
		t.Errorf("drafts %+v", ds)
	}
	if err := s.DeleteDraft(ctx, "d1"); err != nil {
		t.Fatal(err)
	}
	if ds, _ := s.Drafts(ctx); len(ds) != 0 {
		t.Errorf("draft not deleted: %+v", ds)
	}
	if err := s.SetSetting(ctx, "lock-after", "10m"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting(ctx, "lock-after"); v != "10m" {
		t.Errorf("setting %q", v)
	}
	if err := s.DismissSuggestion(ctx, "bond-never-named:ana"); err != nil {
		t.Fatal(err)
	}
	m, _ := s.DismissedSuggestions(ctx)
	if _, ok := m["bond-never-named:ana"]; !ok || len(m) != 1 {
		t.Errorf("dismissed %v", m)
	}
	for range 2 { // bringing back what is not put aside is no error
		if err := s.RestoreSuggestion(ctx, "bond-never-named:ana"); err != nil {
			t.Fatal(err)
		}
	}
	if m, _ := s.DismissedSuggestions(ctx); len(m) != 0 {
		t.Errorf("after bringing it back, dismissed %v", m)
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	opts := sample.Options{People: 6, Years: 1, Seed: 42}
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{a, b} {
		if err := sample.Write(ctx, p, opts); err != nil {
			t.Fatal(err)
		}
	}
	if err := sample.Write(ctx, a, opts); journal.ErrorCode(err) != journal.ECONFLICT {
		t.Errorf("overwriting a file: %v", err)
	}
	dump := func(p string) string {
		s, err := journal.Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var out strings.Builder
		people, _ := s.People(ctx, true)
		for _, person := range people {
			out.WriteString(person.ID + person.Name + "\n")
			for q := (journal.TimelineQuery{PersonID: person.ID}); ; {
				page, err := s.Timeline(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range page.Reflections {
					out.WriteString(r.ID + r.At.String() + r.Text + "\n")
				}
				if page.Next == nil {
					break
				}
				q.After = page.Next
			}
		}
		return out.String()
	}
	da, db := dump(a), dump(b)
	if da != db {
		t.Error("the same seed wrote different journals")
	}
	if !strings.ContainsAny(da, "😂🙏❤️✨☕") {
		t.Error("the sample has no emoji")
	}
}
