package insights_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal"
)

// letterFixture is the report's fixture plus, for Zoë, an evening with a
// misstep beside a connection moment (markers SecretMisstep, Mark10).
func letterFixture(t *testing.T) (*fixture, *journal.Person) {
	t.Helper()
	f := newFixture(t)
	zoe := f.people["Zoë Ångström"]
	r := &journal.Reflection{At: time.Date(2024, 11, 12, 20, 0, 0, 0, reportZone),
		Text: "Mark10 I tried to fix her week instead of listening.",
		Encounters: []journal.Encounter{{PersonID: zoe.ID, Closeness: 4, Moments: []journal.Moment{
			{Kind: journal.KindTriedToFix, Note: "SecretMisstep"},
			{Kind: journal.KindListened, Note: "later, properly"},
		}}}}
	if err := f.store.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return f, zoe
}

// writeLetter exports a letter and checks it as every Kindred PDF is checked.
func (f *fixture) writeLetter(t *testing.T, opt insights.LetterOptions) (string, insights.LetterSummary) {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = reportNow
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	sum, err := insights.ExportLetter(context.Background(), f.store, path, opt, false)
	if err != nil {
		t.Fatalf("export letter: %v", err)
	}
	qpdfCheck(t, path)
	return path, sum
}

// qpdfCheck fails unless qpdf --check passes path without a warning. Only a
// machine without qpdf skips it, and never in CI.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf is not installed, and CI must check every PDF with it")
		}
		t.Skip("qpdf is not installed (apt-get install qpdf)")
	}
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func TestLetterShowsTheEveningsAndNothingElse(t *testing.T) {
	f, zoe := letterFixture(t)
	path, sum := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID, Author: "Élise Müller",
		Opening: "Dear Zoë, OpeningMark.\n\nA second paragraph.", Closing: "With love, ClosingMark."})
	text := pdfText(t, path, 0, 0)
	flat := strings.Join(strings.Fields(text), " ")

	if got, want := markers(text), []string{"Mark01", "Mark02", "Mark07", "Mark08", "Mark09", "Mark10"}; !slices.Equal(got, want) {
		t.Errorf("evenings: got %v, want %v", got, want)
	}
	if sum.Evenings != 6 || sum.Pages != pageCount(t, path) {
		t.Errorf("summary %+v: want 6 evenings and %d pages", sum, pageCount(t, path))
	}
	for _, want := range []string{
		"For Zoë Ångström", "Our evenings, 12 January 2024 – 20 December 2024",
		"OpeningMark", "ClosingMark", "Friday 12 January 2024",
		"We laughed together: the crème brûlée", "I listened: later, properly",
		"An adventure: Night kayaking under the bridge · with friends",
		"Our firsts", "We went deep 12 January 2024", "We said what we mean to each other 9 August 2024",
		// The names of the others who were there become friends, in the text too.
		"Kayaks at night! A friend sang",
		"climbing gym with Zoë and a friend.",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	for _, not := range []string{
		"Дмитрий", "王芳", // others from the evenings with several people
		"SecretMisstep", "Tried to fix", "Misstep", // missteps, as moments or notes
		"Depth", "score", "Suggest", "closeness", "Closeness", // no scores, no advice, no chart unless asked
		"How close we grew",
	} {
		if strings.Contains(flat, not) {
			t.Errorf("letter holds %q", not)
		}
	}
	if strings.Index(flat, "OpeningMark") > strings.Index(flat, "Mark01") || strings.Index(flat, "ClosingMark") < strings.Index(flat, "Our firsts") {
		t.Errorf("the opening should come first and the closing last:\n%s", flat)
	}
	info := pdfInfo(t, path)
	if info["Title"] != "For Zoë Ångström" || info["Author"] != "Élise Müller" {
		t.Errorf("metadata: title %q, author %q", info["Title"], info["Author"])
	}
}

func TestLetterChosenEvenings(t *testing.T) {
	f, zoe := letterFixture(t)
	ctx := context.Background()
	all, err := f.store.TimelineAll(ctx, journal.TimelineQuery{PersonID: zoe.ID})
	if err != nil {
		t.Fatal(err)
	}
	byMarker := map[string]string{}
	for _, r := range all {
		byMarker[r.Text[:6]] = r.ID
	}

	dima, err := f.store.TimelineAll(ctx, journal.TimelineQuery{PersonID: f.people["Дмитрий Соколов"].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range dima {
		byMarker[r.Text[:6]] = r.ID
	}

	t.Run("by id", func(t *testing.T) {
		// Mark03 is Дмитрий's alone: not an evening with Zoë, so left out.
		path, sum := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID,
			ReflectionIDs: []string{byMarker["Mark09"], byMarker["Mark03"], byMarker["Mark01"], "deleted-meanwhile"}})
		text := pdfText(t, path, 0, 0)
		if got := markers(text); !slices.Equal(got, []string{"Mark01", "Mark09"}) || sum.Evenings != 2 {
			t.Errorf("got %v (%d evenings), want Mark01 and Mark09", got, sum.Evenings)
		}
	})
	t.Run("by moment and period", func(t *testing.T) {
		path, _ := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID,
			Kinds: []string{journal.KindLabeledBond, journal.KindAdventure},
			Range: insights.Range{From: time.Date(2024, 3, 1, 0, 0, 0, 0, reportZone)}})
		if got := markers(pdfText(t, path, 0, 0)); !slices.Equal(got, []string{"Mark07", "Mark08"}) {
			t.Errorf("got %v, want Mark07 and Mark08", got)
		}
	})
	t.Run("one evening", func(t *testing.T) {
		path, _ := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID, ReflectionIDs: []string{byMarker["Mark07"]}})
		if text := pdfText(t, path, 0, 0); !strings.Contains(text, "An evening together, 9 August 2024") {
			t.Errorf("one evening's span:\n%s", text)
		}
	})
	t.Run("a misstep is not a moment to choose", func(t *testing.T) {
		_, err := insights.WriteLetter(ctx, f.store, &bytes.Buffer{}, insights.LetterOptions{PersonID: zoe.ID, Kinds: []string{journal.KindTriedToFix}})
		if journal.ErrorCode(err) != journal.EINVALID || !strings.Contains(err.Error(), "misstep") {
			t.Errorf("got %v, want a clear refusal", err)
		}
	})
	t.Run("nothing chosen is an error", func(t *testing.T) {
		var buf bytes.Buffer
		_, err := insights.WriteLetter(ctx, f.store, &buf, insights.LetterOptions{PersonID: zoe.ID,
			Range: insights.Range{From: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}})
		if journal.ErrorCode(err) != journal.EINVALID || !strings.Contains(err.Error(), "No evenings") || buf.Len() != 0 {
			t.Errorf("got %v and %d bytes, want a clear error and nothing written", err, buf.Len())
		}
	})
}

func TestLetterChartOnlyWhenChosen(t *testing.T) {
	f, zoe := letterFixture(t)
	without, _ := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID})
	with, _ := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID, WithChart: true})
	if text := pdfText(t, with, 0, 0); !strings.Contains(text, "How close we grew") {
		t.Errorf("the chart's title is missing")
	}
	images := func(path string) int {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(b, []byte("/Subtype /Image"))
	}
	if images(without) != 0 || images(with) != 1 {
		t.Errorf("images: %d without the chart, %d with it; want 0 and 1", images(without), images(with))
	}
}

func TestExportLetterFileSafety(t *testing.T) {
	f, zoe := letterFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "for zoë.pdf")
	opt := insights.LetterOptions{PersonID: zoe.ID, Now: reportNow}
	if _, err := insights.ExportLetter(ctx, f.store, path, opt, false); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	before, _ := os.ReadFile(path)
	opt.Opening = "Something new"
	if _, err := insights.ExportLetter(ctx, f.store, path, opt, false); !errors.Is(err, insights.ErrReportExists) {
		t.Errorf("without replace: got %v, want ErrReportExists", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
		t.Errorf("the existing file changed without replace")
	}
	if _, err := insights.ExportLetter(ctx, f.store, path, opt, true); err != nil {
		t.Fatalf("with replace: %v", err)
	}
	if !strings.Contains(pdfText(t, path, 0, 0), "Something new") {
		t.Errorf("replace did not replace")
	}
	_, err = insights.ExportLetter(ctx, f.store, filepath.Join(dir, "empty.pdf"),
		insights.LetterOptions{PersonID: zoe.ID, ReflectionIDs: []string{"gone"}}, false)
	if err == nil {
		t.Errorf("a letter of no evenings was written")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := insights.ExportLetter(cctx, f.store, filepath.Join(dir, "cancelled.pdf"), opt, false); !insights.IsCancelled(err) {
		t.Errorf("cancelled: got %v", err)
	}
	assertOnlyFiles(t, dir, "for zoë.pdf")
}

// TestLetterSurvivesEveryScript: Greek, Cyrillic, CJK (with the fallback
// font when installed) and emoji, which print as a visible mark, in the
// name, the paragraphs and the text.
func TestLetterSurvivesEveryScript(t *testing.T) {
	f := newFixture(t)
	ana := f.people["Ana 🌻"]
	path, _ := f.writeLetter(t, insights.LetterOptions{PersonID: ana.ID,
		Opening: "Καλημέρα, Привет, 你好 😀 \U0010FFFF \x00", Closing: strings.Repeat("x", 3000)})
	text := pdfText(t, path, 0, 0)
	for _, want := range []string{"For Ana □", "Καλημέρα, Привет", "Mark06", "□"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if hasCJKFont() && !strings.Contains(text, "你好") {
		t.Errorf("Chinese is missing though the fallback font is installed")
	}
}
