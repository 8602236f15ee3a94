package journal_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestEncounterLog(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	ben := journaltest.MustAddPerson(t, s, "Ben")
	if err := s.AddKind(ctx, &journal.MomentKind{Label: "Board games"}); err != nil {
		t.Fatal(err)
	}
	save := func(id string, at time.Time, encs ...journal.Encounter) {
		t.Helper()
		if err := s.SaveReflection(ctx, &journal.Reflection{ID: id, At: at, Encounters: encs}); err != nil {
			t.Fatal(err)
		}
	}
	m := func(kinds ...string) []journal.Moment {
		var out []journal.Moment
		for _, k := range kinds {
			out = append(out, journal.Moment{Kind: k})
		}
		return out
	}
	cest := time.FixedZone("", 2*3600)
	save("r2", time.Date(2024, 3, 31, 23, 30, 0, 0, cest),
		journal.Encounter{PersonID: ana.ID, Closeness: 5, Moments: m("board-games", journal.KindDeepTalk)},
		journal.Encounter{PersonID: ben.ID, Moments: m(journal.KindLaughed)})
	save("r1", time.Date(2023, 1, 2, 20, 0, 0, 0, time.UTC), journal.Encounter{PersonID: ben.ID, Closeness: 3})
	save("r3", time.Date(2024, 4, 2, 21, 0, 0, 0, time.FixedZone("", 5*3600+45*60)), journal.Encounter{PersonID: ana.ID, Closeness: 7})

	line := func(log []journal.EncounterRecord) string {
		var out []string
		for _, e := range log {
			who := map[string]string{ana.ID: "ana", ben.ID: "ben"}[e.PersonID]
			kinds := append([]string(nil), e.Kinds...)
			sort.Strings(kinds)
			out = append(out, fmt.Sprintf("%s/%s %s c%d [%s]", e.ReflectionID, who, e.At.Format(time.RFC3339), e.Closeness, strings.Join(kinds, " ")))
		}
		return strings.Join(out, "\n")
	}
	log, err := s.EncounterLog(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "r2/ana 2024-03-31T23:30:00+02:00 c5 [board-games deep-talk]\n" +
		"r3/ana 2024-04-02T21:00:00+05:45 c7 []"
	if got := line(log); got != want {
		t.Errorf("Ana's log:\n%s\nwant\n%s", got, want)
	}
	all, err := s.EncounterLog(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// Grouped by person, each one's oldest first.
	anaLines := "r2/ana 2024-03-31T23:30:00+02:00 c5 [board-games deep-talk]\nr3/ana 2024-04-02T21:00:00+05:45 c7 []"
	benLines := "r1/ben 2023-01-02T20:00:00Z c3 []\nr2/ben 2024-03-31T23:30:00+02:00 c0 [laughed]"
	want = anaLines + "\n" + benLines
	if ben.ID < ana.ID {
		want = benLines + "\n" + anaLines
	}
	if got := line(all); got != want {
		t.Errorf("everyone's log:\n%s\nwant\n%s", got, want)
	}
	none, err := s.EncounterLog(ctx, "nobody")
	if err != nil || len(none) != 0 {
		t.Errorf("an unknown person's log: %v, %v", none, err)
	}
}

// An id holding the packed read's separators (an import could bring one)
// makes the log fall back to reading row by row, with the same result.
func TestEncounterLogOddIDs(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	ana := journaltest.MustAddPerson(t, s, "Ana")
	for i, id := range []string{"plain", "odd\x1fone", "odd\x1etwo"} {
		r := &journal.Reflection{ID: id, At: time.Date(2024, 1, 1+i, 20, 0, 0, 0, time.UTC),
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: journal.Closeness(3 + i),
				Moments: []journal.Moment{{Kind: journal.KindLaughed}, {Kind: journal.KindDeepTalk}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []string{ana.ID, ""} {
		log, err := s.EncounterLog(ctx, who)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range log {
			kinds := append([]string(nil), e.Kinds...)
			sort.Strings(kinds)
			got = append(got, fmt.Sprintf("%q c%d %s [%s]", e.ReflectionID, e.Closeness, e.At.Format("2006-01-02"), strings.Join(kinds, " ")))
		}
		want := `"plain" c3 2024-01-01 [deep-talk laughed]|"odd\x1fone" c4 2024-01-02 [deep-talk laughed]|"odd\x1etwo" c5 2024-01-03 [deep-talk laughed]`
		if strings.Join(got, "|") != want {
			t.Errorf("log of %q:\n got %s\nwant %s", who, strings.Join(got, "|"), want)
		}
	}
}

// A journal written before migration 0003 gets each encounter's offset and
// kinds filled in from its reflection and moments.
func TestEncounterSummaryMigration(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/journal.db"
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ana := journaltest.MustAddPerson(t, s, "Ana")
	r := &journal.Reflection{At: time.Date(2024, 4, 2, 21, 0, 0, 0, time.FixedZone("", 5*3600+45*60)),
		Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 6, Moments: []journal.Moment{{Kind: journal.KindLaughed}, {Kind: journal.KindDeepTalk}}}}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	want, err := s.EncounterLog(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Take the journal back to version 2's schema (without what later
	// migrations add, such as 0005's table and 0007's sync triggers).
	dropSync(t, s)
	for _, q := range []string{
		"DROP TABLE asked_questions",
		"DROP TABLE photo_blobs",
		"DROP TABLE photos",
		"DROP TABLE photo_key",
		"DROP INDEX encounters_person",
		"ALTER TABLE encounters DROP COLUMN at_off",
		"ALTER TABLE encounters DROP COLUMN kinds",
		"CREATE INDEX encounters_person ON encounters (person_id, at_utc, reflection_id, closeness)",
		"CREATE INDEX IF NOT EXISTS moments_person ON moments (person_id, reflection_id, kind)",
		"CREATE INDEX IF NOT EXISTS reflections_offset ON reflections (id, at_off)",
		"PRAGMA user_version = 2",
	} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()

	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.EncounterLog(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].At.Equal(want[0].At) || got[0].At.Format("-07:00") != "+05:45" ||
		strings.Join(got[0].Kinds, ",") != "laughed,deep-talk" || got[0].Closeness != 6 {
		t.Errorf("after migrating: %+v, want %+v", got, want)
	}
}

// dropSync removes what migration 0007 (sync) adds, triggers first.
func dropSync(t *testing.T, s *journal.Store) {
	t.Helper()
	rows, err := s.DB().Query("SELECT type, name FROM sqlite_schema WHERE name LIKE 'sync\\_%' ESCAPE '\\' AND type IN ('trigger', 'table') ORDER BY type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	var drops []string
	for rows.Next() {
		var typ, name string
		if err := rows.Scan(&typ, &name); err != nil {
			t.Fatal(err)
		}
		drops = append(drops, "DROP "+strings.ToUpper(typ)+" "+name)
	}
	rows.Close()
	for _, q := range drops {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
