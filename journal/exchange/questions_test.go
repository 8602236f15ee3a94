package exchange_test

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "kindred/assets" // installs the deck of questions the journal checks ids against
	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

// deckState is every asked question of a journal, as comparable text.
func deckState(t *testing.T, s *journal.Store) []string {
	t.Helper()
	recs, err := s.AskedQuestions(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	people, err := s.People(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, p := range people {
		names[p.ID] = p.Name
	}
	var out []string
	for _, r := range recs {
		out = append(out, names[r.PersonID]+" "+r.At.Format(time.RFC3339)+" "+r.ID+" "+r.Answers())
	}
	return out
}

func TestJSONCarriesTheDeck(t *testing.T) {
	ctx := context.Background()
	src := richJournal(t)
	data := exportJSON(t, src)
	if !bytes.Contains(data, []byte(`"version": 2,`)) {
		t.Errorf("the export does not say format version 2")
	}
	for _, want := range []string{`"id": "q01",`, `"they_answered": true,`, `"i_answered": true`, `"id": "q30"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the export lacks %s", want)
		}
	}
	in, err := exchange.Read(data, exchange.ReadOptions{Now: exportClock})
	if err != nil || len(in.Problems) > 0 {
		t.Fatalf("read: %v %v", err, in.Problems)
	}
	dst := journaltest.MustOpen(t)
	dst.Now = func() time.Time { return exportClock }
	if _, err := exchange.Import(ctx, dst, in, exchange.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want, got := deckState(t, src), deckState(t, dst)
	if len(want) < 6 || !reflect.DeepEqual(got, want) {
		t.Errorf("deck after import:\ngot  %v\nwant %v", got, want)
	}
}

func TestVersion1ExportStillImports(t *testing.T) {
	ctx := context.Background()
	in, err := exchange.ReadFile(filepath.Join("testdata", "kindred", "small.json"), exchange.ReadOptions{})
	if err != nil || len(in.Problems) > 0 {
		t.Fatalf("read a version 1 export: %v %v", err, in.Problems)
	}
	dst := journaltest.MustOpen(t)
	sum, err := exchange.Import(ctx, dst, in, exchange.ImportOptions{})
	if err != nil || sum.Added.Reflections == 0 {
		t.Fatalf("import a version 1 export: %+v, %v", sum.Added, err)
	}
	if deck := deckState(t, dst); len(deck) != 0 {
		t.Errorf("a version 1 export brought questions: %v", deck)
	}
	if out := exportJSON(t, dst); !bytes.Contains(out, []byte(`"version": 2,`)) || bytes.Contains(out, []byte(`"questions"`)) {
		t.Errorf("re-export of a journal without questions: want version 2 and no questions field")
	}
}

func TestUnknownQuestionInAnExportIsAProblem(t *testing.T) {
	data := exportJSON(t, richJournal(t))
	broken := bytes.Replace(data, []byte(`"id": "q30"`), []byte(`"id": "q97"`), 1)
	in, err := exchange.Read(broken, exchange.ReadOptions{Now: exportClock})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 1 || in.Problems[0].What != "reflection" || !strings.Contains(in.Problems[0].Reason, `"q97"`) {
		t.Fatalf("problems: got %+v, want one reflection naming q97", in.Problems)
	}
	dst := journaltest.MustOpen(t)
	if _, err := exchange.Import(context.Background(), dst, in, exchange.ImportOptions{}); err == nil {
		t.Fatal("the import went on past an unknown question")
	}
	if st, _ := dst.Stats(context.Background()); st != (journal.Stats{}) {
		t.Errorf("a cancelled import wrote %+v", st)
	}
}
