package exchange_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

var exportClock = time.Date(2026, 11, 20, 18, 30, 0, 0, time.FixedZone("", 3600))

// richJournal holds a bit of everything the JSON format must carry: every
// moment kind, custom kinds, an archived person, time zones from +05:45 to
// -05:00, both sides of the summer-time changes, unrated evenings, notes,
// drafts, dismissed suggestions and settings.
func richJournal(t testing.TB) *journal.Store {
	t.Helper()
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return exportClock }
	anna := journaltest.MustAddPerson(t, s, "Anna Łukasiewicz")
	ben := journaltest.MustAddPerson(t, s, "Ben")
	zoe := journaltest.MustAddPerson(t, s, "Zoë")
	if err := s.SetArchived(ctx, zoe.ID, true); err != nil {
		t.Fatal(err)
	}
	custom := []journal.MomentKind{
		{Label: "Cooked together", Color: "#a1887f"},
		{Label: "Checked my phone", Color: "#b0b0b0", Misstep: true},
	}
	for i := range custom {
		if err := s.AddKind(ctx, &custom[i]); err != nil {
			t.Fatal(err)
		}
	}
	kathmandu := time.FixedZone("", 5*3600+45*60)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, k := range journal.BuiltinKinds {
		kinds = append(kinds, k.ID)
	}
	kinds = append(kinds, custom[0].ID, custom[1].ID)
	times := []time.Time{
		time.Date(2025, 4, 12, 21, 15, 0, 0, kathmandu),
		time.Date(2025, 3, 30, 1, 30, 0, 0, berlin),               // before the clocks go forward
		time.Date(2025, 3, 30, 3, 30, 0, 0, berlin),               // after: +02:00
		time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC).In(berlin), // 02:30 happens twice: first +02:00
		time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC).In(berlin), // then +01:00
		time.Date(2024, 12, 31, 23, 59, 59, 0, time.FixedZone("", -5*3600)),
		time.Date(2019, 7, 1, 20, 0, 0, 0, time.UTC),
	}
	var last *journal.Reflection
	for i, at := range times {
		r := &journal.Reflection{
			At:   at,
			Text: "Evening " + at.Format(time.RFC3339) + "\nwith \"quotes\", <tags> & emoji 🌄 and a tab\there.",
		}
		e := journal.Encounter{PersonID: anna.ID, Closeness: journal.Closeness(i % 8)}
		// Every kind appears, spread over the evenings.
		for j, k := range kinds {
			if j%len(times) == i {
				e.Moments = append(e.Moments, journal.Moment{Kind: k, Note: strings.Repeat("note ", j%3)})
			}
		}
		// The deck: asked, answered by them, by me, by both, and nothing.
		switch i % 4 {
		case 0:
			e.Questions = []journal.AskedQuestion{{ID: "q01", TheyAnswered: true, IAnswered: true}, {ID: "q13"}}
		case 1:
			e.Questions = []journal.AskedQuestion{{ID: fmt.Sprintf("q%02d", 20+i), TheyAnswered: true}}
		case 2:
			e.Questions = []journal.AskedQuestion{{ID: "q30", IAnswered: true}}
		}
		r.Encounters = append(r.Encounters, e)
		if i%2 == 0 {
			r.Encounters = append(r.Encounters, journal.Encounter{PersonID: ben.ID, Closeness: 7, Moments: []journal.Moment{{Kind: journal.KindLaughed}}})
		}
		if i == 6 {
			r.Encounters = append(r.Encounters, journal.Encounter{PersonID: zoe.ID})
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatalf("save %s: %v", at, err)
		}
		last = r
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "draft-1", Body: `{"text":"half a thought","people":["x"]}`}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "draft-2", ReflectionID: last.ID, Body: `{"text":"an edit not saved yet"}`}); err != nil {
		t.Fatal(err)
	}
	if err := s.DismissSuggestion(ctx, "name-the-bond:"+anna.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "lock-after-minutes", "15"); err != nil {
		t.Fatal(err)
	}
	return s
}

func exportJSON(t testing.TB, s *journal.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteJSON(context.Background(), s, &buf, nil); err != nil {
		t.Fatalf("export: %v", err)
	}
	return buf.Bytes()
}

func TestJSONRoundTripIsIdentical(t *testing.T) {
	ctx := context.Background()
	src := richJournal(t)
	first := exportJSON(t, src)

	dst := journaltest.MustOpen(t)
	dst.Now = func() time.Time { return exportClock }
	in, err := exchange.Read(first, exchange.ReadOptions{Now: exportClock})
	if err != nil {
		t.Fatalf("read export: %v", err)
	}
	if in.Format != exchange.FormatKindred || len(in.Problems) > 0 {
		t.Fatalf("read export: format %s, problems %v", in.Format, in.Problems)
	}
	sum, err := exchange.Import(ctx, dst, in, exchange.ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	want := exchange.Counts{People: 3, Kinds: 2, Reflections: 7, Drafts: 2, Dismissed: 1, Settings: 1}
	if sum.Added != want {
		t.Errorf("added: got %+v, want %+v", sum.Added, want)
	}
	second := exportJSON(t, dst)
	if !bytes.Equal(first, second) {
		a, b := string(first), string(second)
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		t.Fatalf("the second export differs from the first at byte %d:\nfirst:  %q\nsecond: %q", i, around(a, i), around(b, i))
	}
	for _, offset := range []string{`+05:45"`, `T01:30:00.000+01:00"`, `T03:30:00.000+02:00"`, `T02:30:00.000+02:00"`, `T02:30:00.000+01:00"`, `-05:00"`} {
		if !bytes.Contains(first, []byte(offset)) {
			t.Errorf("the export lost the time %s", offset)
		}
	}
	for _, k := range journal.BuiltinKinds {
		if !bytes.Contains(first, []byte(`"kind": "`+k.ID+`"`)) {
			t.Errorf("the export has no moment of kind %s", k.ID)
		}
	}

	// Importing the same file again adds nothing.
	again, err := exchange.Import(ctx, dst, in, exchange.ImportOptions{})
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	// Everything is there now: what the first import added, and what the
	// new journal had of its own (its search index version, a setting).
	all := exchange.Counts{People: sum.Added.People + sum.Present.People, Kinds: sum.Added.Kinds + sum.Present.Kinds,
		Reflections: sum.Added.Reflections + sum.Present.Reflections, Drafts: sum.Added.Drafts + sum.Present.Drafts,
		Dismissed: sum.Added.Dismissed + sum.Present.Dismissed, Settings: sum.Added.Settings + sum.Present.Settings}
	if again.Added != (exchange.Counts{}) || again.Present != all {
		t.Errorf("second import: added %+v, present %+v; want nothing added, %+v present", again.Added, again.Present, all)
	}
	if third := exportJSON(t, dst); !bytes.Equal(first, third) {
		t.Errorf("the journal changed on the second import")
	}
}

func around(s string, i int) string {
	lo, hi := max(0, i-80), min(len(s), i+80)
	return s[lo:hi]
}

func TestJSONExportIsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "json-format.md"))
	if err != nil {
		t.Fatalf("docs/json-format.md: %v", err)
	}
	out := exportJSON(t, richJournal(t))
	// Every field name the export writes is explained in the format's document.
	for _, field := range []string{"format", "version", "journal_version", "exported_at", "people", "moment_kinds",
		"reflections", "encounters", "moments", "drafts", "dismissed_suggestions", "settings", "id", "name", "color",
		"archived", "created_at", "label", "misstep", "at", "text", "updated_at", "person_id", "closeness", "kind",
		"note", "body", "reflection_id", "key", "dismissed_at", "value", "questions", "they_answered", "i_answered"} {
		if !bytes.Contains(out, []byte(`"`+field+`":`)) {
			t.Errorf("the export has no field %q", field)
		}
		if !bytes.Contains(doc, []byte("`"+field+"`")) {
			t.Errorf("docs/json-format.md does not explain %q", field)
		}
	}
}

func TestImportIntoAJournalThatAlreadyHasThePeople(t *testing.T) {
	ctx := context.Background()
	src := richJournal(t)
	data := exportJSON(t, src)
	dst := journaltest.MustOpen(t)
	// The same friend, written in the other journal on their own.
	own := journaltest.MustAddPerson(t, dst, "anna łukasiewicz")
	in, err := exchange.Read(data, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := exchange.Import(ctx, dst, in, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added.People != 2 || len(sum.MatchedByName) != 1 {
		t.Errorf("got %d people added and %v matched by name; want 2 added and Anna matched", sum.Added.People, sum.MatchedByName)
	}
	people, _ := dst.PeopleSummaries(ctx, true)
	for _, p := range people {
		if p.ID == own.ID && p.Evenings != 7 {
			t.Errorf("the journal's own Anna has %d evenings after the import, want 7", p.Evenings)
		}
	}
}

func TestImportCancelsOnUnreadableEntries(t *testing.T) {
	ctx := context.Background()
	data := exportJSON(t, richJournal(t))
	// Break the second reflection's closeness and the fourth's date.
	broken := bytes.Replace(data, []byte(`"closeness": 7`), []byte(`"closeness": 9`), 1)
	broken = bytes.Replace(broken, []byte(`"at": "2025-03-30T03:30:00.000+02:00"`), []byte(`"at": "30/03/2025"`), 1)
	in, err := exchange.Read(broken, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 2 {
		t.Fatalf("problems: got %v, want 2", in.Problems)
	}
	for _, p := range in.Problems {
		if p.What != "reflection" || p.Number < 1 || p.Reason == "" {
			t.Errorf("problem %+v does not say which reflection and why", p)
		}
	}
	dst := journaltest.MustOpen(t)
	_, err = exchange.Import(ctx, dst, in, exchange.ImportOptions{})
	var pe *exchange.ProblemsError
	if !asProblems(err, &pe) || len(pe.Problems) != 2 {
		t.Fatalf("import with unreadable entries: got %v, want it cancelled listing 2", err)
	}
	if st, _ := dst.Stats(ctx); st != (journal.Stats{}) {
		t.Errorf("a cancelled import wrote %+v", st)
	}
	sum, err := exchange.Import(ctx, dst, in, exchange.ImportOptions{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added.Reflections != 5 || len(sum.Skipped) != 2 {
		t.Errorf("with skip: added %d reflections, skipped %d; want 5 and 2", sum.Added.Reflections, len(sum.Skipped))
	}
	if !strings.Contains(sum.String(), "Skipped: 2 entries") {
		t.Errorf("summary does not mention the skipped entries:\n%s", sum)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	data := exportJSON(t, richJournal(t))
	dst := journaltest.MustOpen(t)
	in, err := exchange.Read(data, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// A moment id that the journal already uses for another evening: the
	// store refuses that reflection, late in the import.
	last := &in.Kindred.Reflections[len(in.Kindred.Reflections)-1]
	other := journaltest.MustAddPerson(t, dst, "Someone else")
	clash := &journal.Reflection{At: time.Date(2020, 1, 1, 20, 0, 0, 0, time.UTC), Encounters: []journal.Encounter{{PersonID: other.ID, Moments: []journal.Moment{{ID: firstMomentID(last), Kind: journal.KindLaughed}}}}}
	if err := dst.SaveReflection(ctx, clash); err != nil {
		t.Fatal(err)
	}
	before, _ := dst.Stats(ctx)
	_, err = exchange.Import(ctx, dst, in, exchange.ImportOptions{})
	var pe *exchange.ProblemsError
	if !asProblems(err, &pe) {
		t.Fatalf("import: got %v, want it cancelled by the clashing reflection", err)
	}
	if after, _ := dst.Stats(ctx); after != before {
		t.Errorf("the cancelled import left %+v (was %+v)", after, before)
	}
}

func firstMomentID(r *exchange.NumberedReflection) string {
	for _, e := range r.Encounters {
		for _, m := range e.Moments {
			return m.ID
		}
	}
	return ""
}

func asProblems(err error, pe **exchange.ProblemsError) bool {
	if err == nil {
		return false
	}
	p, ok := err.(*exchange.ProblemsError)
	*pe = p
	return ok
}

func TestMarkdownExport(t *testing.T) {
	ctx := context.Background()
	s := richJournal(t)
	dir := filepath.Join(t.TempDir(), "letters")
	files, err := exchange.WriteMarkdown(ctx, s, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("got %d files, want one per person (3)", len(files))
	}
	anna, err := os.ReadFile(filepath.Join(dir, "Anna Łukasiewicz.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(anna)
	for _, want := range []string{
		"# Anna Łukasiewicz\n",
		"7 evenings together, 1 July 2019 to 26 October 2025.",
		"## Saturday 12 April 2025, 21:15 (+05:45)",
		"## Sunday 30 March 2025, 01:30 (+01:00)",
		"## Sunday 30 March 2025, 03:30 (+02:00)",
		"- Also there: Ben",
		"Checked my phone",
		"- Missteps: ",
		"emoji 🌄",
		// The deck's questions with their words, not ids alone.
		"- Questions: q01 “What is a small thing that made your week better than it had any right to be?” (we both answered); q13 “What did your family argue about at the dinner table when you were growing up?” (asked)\n",
		"- Questions: q30 “",
		"” (I answered)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Anna's file lacks %q", want)
		}
	}
	if strings.Index(text, "1 July 2019") > strings.Index(text, "12 April 2025") {
		t.Errorf("evenings are not oldest first")
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %o, want 600", f, fi.Mode().Perm())
		}
	}
	zoe, _ := os.ReadFile(filepath.Join(dir, "Zoë.md"))
	if !strings.Contains(string(zoe), "Archived.") {
		t.Errorf("Zoë's file does not say she is archived:\n%s", zoe)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestJSONFileIsWrittenAtomically(t *testing.T) {
	ctx := context.Background()
	s := richJournal(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.json")
	if err := os.WriteFile(path, []byte("an older export"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exchange.WriteJSONFile(ctx, s, path, nil); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %o, want 600", fi.Mode().Perm())
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, exportJSON(t, s)) {
		t.Errorf("the file does not hold the export")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want just the export", len(entries))
	}
	// A failing export leaves the old file as it was.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := exchange.WriteJSONFile(cancelled, s, path, nil); err == nil {
		t.Fatal("a cancelled export reported success")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, got) {
		t.Errorf("a failed export changed the file")
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed export left %d files", len(entries))
	}
}
