package exchange_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

func TestReadKnowsFormatsByContent(t *testing.T) {
	dayone, err := os.ReadFile(filepath.Join("testdata", "migrate", "dayone-bom.json"))
	if err != nil {
		t.Fatal(err)
	}
	jrnl, err := os.ReadFile(filepath.Join("testdata", "migrate", "jrnl.json"))
	if err != nil {
		t.Fatal(err)
	}
	o := exchange.ReadOptions{Now: importClock, Location: time.UTC}

	src, err := exchange.Read(append([]byte("\xef\xbb\xbf"), jrnl...), o)
	if err != nil || src.Format != exchange.FormatJrnl || len(src.Entries) != 3 {
		t.Fatalf("a jrnl file with a byte-order mark: %v", err)
	}
	if src.Entries[0].Text != "Entry the first.\nLorem ipsum with @Ana, we laughed 😂." || src.Entries[1].Text != "火锅之夜\n和@王小明一起吃饭。" || src.Entries[2].Text != "Walk." {
		t.Errorf("jrnl titles: %q", []string{src.Entries[0].Text, src.Entries[1].Text, src.Entries[2].Text})
	}
	src, err = exchange.Read(dayone, o)
	if err != nil || src.Format != exchange.FormatDayOne || src.Total != 5 || len(src.Entries) != 4 {
		t.Fatalf("Day One with a byte-order mark: %v", err)
	}
	if src.Media != (exchange.Media{Photos: 3, Audio: 1, Files: 1}) {
		t.Errorf("attachments %+v", src.Media)
	}

	for _, c := range []struct {
		data   []byte
		format string
		is     string
	}{{dayone, exchange.FormatJrnl, exchange.FormatDayOne}, {jrnl, exchange.FormatDayOne, exchange.FormatJrnl}, {jrnl, exchange.FormatKindred, exchange.FormatJrnl}} {
		o.Format = c.format
		_, err := exchange.Read(c.data, o)
		var wf *exchange.WrongFormatError
		if !errors.As(err, &wf) || wf.Is != c.is || strings.Contains(err.Error(), "\n") {
			t.Errorf("a %s file read as %s: %v", c.is, c.format, err)
		}
	}
	o.Format = ""
	for _, bad := range []string{`{"metadata":{},"entries":{}}`, `{"tags":{},"entries":"x"}`} {
		_, err := exchange.Read([]byte(bad), o)
		if err == nil || !strings.Contains(err.Error(), `"entries" is not a list`) || strings.Contains(err.Error(), "RawMessage") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestReimportWithNewMappingJoinsEvenings(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return importClock }
	ana := journaltest.MustAddPerson(t, s, "Ana")
	src := readTestFile(t, filepath.Join("migrate", "dayone-bom.json"), exchange.ReadOptions{})
	first := exchange.Mapping{"王小明": {}, "jurgen": {}, "ana": {PersonID: ana.ID}}
	sum, err := exchange.Import(ctx, s, src, exchange.ImportOptions{SkipBad: true, Mapping: first})
	if err != nil || sum.Added.Reflections != 2 {
		t.Fatalf("first import: %v %+v", err, sum)
	}

	again := exchange.Mapping{"王小明": {NewName: "王小明"}, "jurgen": {}, "ana": {PersonID: ana.ID}}
	dry, err := exchange.Import(ctx, s, src, exchange.ImportOptions{SkipBad: true, Mapping: again, DryRun: true})
	if err != nil || !dry.DryRun || dry.Added.Reflections != 2 || dry.Added.People != 1 {
		t.Fatalf("dry run: %v %+v", err, dry)
	}
	if st, _ := s.Stats(ctx); st.People != 1 || st.Reflections != 2 {
		t.Fatalf("the dry run wrote: %+v", st)
	}

	// Ana's evenings are there; a mapping that gives one of them someone
	// new adds that person to it, with the evening's moments.
	again["jurgen"] = exchange.Target{NewName: "Jürgen"}
	sum, err = exchange.Import(ctx, s, src, exchange.ImportOptions{SkipBad: true, Mapping: again})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Joined) != 1 || sum.Joined[0] != (exchange.Joined{Name: "Jürgen", Evenings: 1}) || sum.Present.Reflections != 2 {
		t.Errorf("summary %+v", sum)
	}
	if !strings.Contains(sum.String(), "Added Jürgen to 1 evening already in the journal.") {
		t.Errorf("summary says:\n%s", sum)
	}
	jurgen, err := s.FindPerson(ctx, "Jürgen")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: jurgen.ID})
	if len(page.Reflections) != 1 || !strings.Contains(page.Reflections[0].Text, "Erste Schritte") || len(page.Reflections[0].Encounters) != 2 {
		t.Fatalf("Jürgen's evenings: %+v", page.Reflections)
	}
	if hits, _ := s.Search(ctx, journal.SearchQuery{Text: "Jürgen", Limit: 10}); len(hits.Reflections) != 1 {
		t.Errorf("the evening Jürgen joined is not found by his name")
	}
	wang, _ := s.FindPerson(ctx, "王小明")
	wp, _ := s.Timeline(ctx, journal.TimelineQuery{PersonID: wang.ID})
	if len(wp.Reflections) != 2 || !wp.Reflections[1].Encounters[0].HasKind(journal.KindDeepTalk) {
		t.Errorf("王小明's evenings: %+v", wp.Reflections)
	}

	sum, err = exchange.Import(ctx, s, src, exchange.ImportOptions{SkipBad: true, Mapping: again})
	if err != nil || len(sum.Joined) != 0 || sum.Added != (exchange.Counts{}) {
		t.Errorf("the same import again changed something: %v %+v", err, sum)
	}
}
