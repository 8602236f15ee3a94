package insights_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"kindred/insights"
	"kindred/journal"
)

// cjkFont is the fallback font the report borrows for Chinese; without it,
// the report substitutes those characters visibly instead.
const cjkFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

func hasCJKFont() bool { _, err := os.Stat(cjkFont); return err == nil }

// markers lists the fixture's reflection markers ("Mark01"...) found in text.
func markers(text string) []string {
	found := regexp.MustCompile(`Mark\d\d`).FindAllString(text, -1)
	slices.Sort(found)
	return slices.Compact(found)
}

func TestReportHoldsEveryScriptAndSection(t *testing.T) {
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{Author: "Élise Müller"})
	text := pdfText(t, path, 0, 0)

	for _, want := range []string{
		"Zoë Ångström", "Дмитрий Соколов", "Νίκος Παπαδόπουλος",
		"Долгий разговор о его отце", "Καλημέρα", "Ουρανός, θάλασσα", "crème brûlée", "Århus", "Glühwein",
		"«Катюша»", "Είπε «είσαι αδερφός μου»",
		// Emoji have no glyph in any embedded font: one visible mark each,
		// whole sequences (family, flag, skin tone) counted once.
		"laughing □□.", "family emoji □ and the flag □ and a thumbs up □ and a keycap 1", "Ana □", "□ the unicorn thing",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
	if hasCJKFont() {
		for _, want := range []string{"王芳", "我们一起去爬山，然后在茶馆聊了很久"} {
			if !strings.Contains(text, want) {
				t.Errorf("with %s installed, the report's text lacks %q", cjkFont, want)
			}
		}
	} else if !strings.Contains(text, "□□") {
		t.Errorf("without a CJK font, Chinese should be replaced by □, got no □□ in the text")
	}
	if got, want := markers(text), []string{"Mark01", "Mark02", "Mark03", "Mark04", "Mark05", "Mark06", "Mark07", "Mark08", "Mark09"}; !slices.Equal(got, want) {
		t.Errorf("reflections in the report: got %v, want %v", got, want)
	}

	// The outline: contents, the journal-wide section, then each person by
	// name with their sections.
	var top []string
	for _, b := range outline(t, path) {
		if !strings.HasPrefix(b, " ") {
			top = append(top, b[:strings.LastIndex(b, "@")])
		}
	}
	wantTop := []string{"Contents", "The whole journal", "Ana □", "Zoë Ångström", "Νίκος Παπαδόπουλος", "Дмитрий Соколов"}
	if hasCJKFont() {
		wantTop = append(wantTop, "王芳")
	} else {
		wantTop = append(wantTop, "□□")
	}
	if !slices.Equal(top, wantTop) {
		t.Errorf("outline top level: got %q, want %q", top, wantTop)
	}
	ol := strings.Join(outline(t, path), "\n")
	for _, child := range []string{"Depth score", "Charts", "Firsts and lasts", "Suggestions", "Highlights", "Reflections", "The year in moments"} {
		if !strings.Contains(ol, "  "+child+"@") {
			t.Errorf("outline has no %q entry:\n%s", child, ol)
		}
	}

	// Page numbers "n / N" on every page but the cover.
	n := pageCount(t, path)
	for p := 2; p <= n; p++ {
		if pt := pdfText(t, path, p, p); !strings.Contains(pt, strconv.Itoa(p)+" / "+strconv.Itoa(n)) {
			t.Errorf("page %d has no %q footer", p, strconv.Itoa(p)+" / "+strconv.Itoa(n))
		}
	}

	info := pdfInfo(t, path)
	if info["Title"] != "Kindred · your relationships" || info["Author"] != "Élise Müller" {
		t.Errorf("metadata: got title %q author %q", info["Title"], info["Author"])
	}
	if info["Page size"] == "" || !strings.Contains(info["Page size"], "(A4)") {
		t.Errorf("page size: got %q, want A4", info["Page size"])
	}
}

func TestReportLetterPaper(t *testing.T) {
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström"), Paper: insights.PaperLetter})
	if got := pdfInfo(t, path)["Page size"]; !strings.Contains(got, "(letter)") {
		t.Errorf("page size: got %q, want letter", got)
	}
}

func TestReportPersonFilterAndRange(t *testing.T) {
	f := newFixture(t)
	day := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02", s, reportZone)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	endOf := func(s string) time.Time { return day(s).AddDate(0, 0, 1).Add(-time.Nanosecond) }
	for _, c := range []struct {
		name    string
		people  []string
		rng     insights.Range
		want    []string
		headers []string // running headers, in order of first appearance
	}{
		{"one person, all time", []string{"Zoë Ångström"}, insights.Range{},
			[]string{"Mark01", "Mark02", "Mark07", "Mark08", "Mark09"}, []string{"Zoë Ångström"}},
		{"one person, a period", []string{"Zoë Ångström"}, insights.Range{From: day("2024-02-01"), To: endOf("2024-10-30")},
			[]string{"Mark02", "Mark07", "Mark08"}, []string{"Zoë Ångström"}},
		{"the last day counts whole", []string{"Zoë Ångström"}, insights.Range{From: day("2024-10-30"), To: endOf("2024-10-30")},
			[]string{"Mark08"}, []string{"Zoë Ångström"}},
		{"two people, in the order asked", []string{"Дмитрий Соколов", "Νίκος Παπαδόπουλος"}, insights.Range{},
			[]string{"Mark02", "Mark03", "Mark05"}, []string{"Дмитрий Соколов", "Νίκος Παπαδόπουλος"}},
		{"everyone, a period", nil, insights.Range{From: day("2024-03-01"), To: endOf("2024-06-30")},
			[]string{"Mark03", "Mark04", "Mark05", "Mark06"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids(c.people...), Range: c.rng})
			text := pdfText(t, path, 0, 0)
			if got := markers(text); !slices.Equal(got, c.want) {
				t.Errorf("reflections: got %v, want %v", got, c.want)
			}
			// Each person's reflections are in date order.
			if idx := markerOrder(text); !sort.IntsAreSorted(idx) && len(c.people) == 1 {
				t.Errorf("reflections out of date order: %v", idx)
			}
			var order []int
			for _, h := range c.headers {
				order = append(order, strings.Index(text, h))
				if !strings.Contains(text, h) {
					t.Errorf("no section for %s", h)
				}
			}
			if !sort.IntsAreSorted(order) {
				t.Errorf("sections not in the order asked (%v at %v)", c.headers, order)
			}
			if len(c.people) == 1 && strings.Contains(text, "The whole journal") {
				t.Errorf("a one-person report has a journal-wide section")
			}
			if len(c.people) != 1 && !strings.Contains(text, "The whole journal") {
				t.Errorf("a report of several people lacks the journal-wide section")
			}
		})
	}
}

// markerOrder is the marker numbers in the order they appear.
func markerOrder(text string) []int {
	var out []int
	for _, m := range regexp.MustCompile(`Mark(\d\d)`).FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

func TestReportWithoutText(t *testing.T) {
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{NoText: true})
	text := pdfText(t, path, 0, 0)
	if got := markers(text); len(got) > 0 {
		t.Errorf("--no-text report holds reflections: %v", got)
	}
	for _, e := range fixtureEvenings {
		// No sentence of any reflection survives, not even a fragment.
		for _, sentence := range strings.FieldsFunc(e.text, func(r rune) bool { return r == '.' || r == '!' || r == '\n' }) {
			s := strings.TrimSpace(sentence)
			if len([]rune(s)) > 12 && strings.Contains(text, s) {
				t.Errorf("--no-text report holds %q", s)
			}
		}
	}
	// Highlights keep their dates and moment notes.
	for _, want := range []string{"Night kayaking under the bridge", "She said I'm her person", "Christmas market all day", "20 Dec 2024"} {
		if !strings.Contains(text, want) {
			t.Errorf("--no-text report lacks the highlight %q", want)
		}
	}
	if strings.Contains(strings.Join(outline(t, path), "\n"), "Reflections@") {
		t.Errorf("--no-text report has a Reflections bookmark")
	}
}

// TestReportContentsLinks follows every link on the contents page and checks
// it lands on the page its line names, where that section's title is.
func TestReportContentsLinks(t *testing.T) {
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{})
	links := contentsLinks(t, path, 2)
	sort.Slice(links, func(i, j int) bool { return links[i].top > links[j].top }) // top of the page first

	// The contents lines as printed: "title ... page".
	var lines [][2]string
	re := regexp.MustCompile(`^\s*(\S.*?)\s{2,}(\d+)\s*$`)
	for _, l := range strings.Split(pdfTextLayout(t, path, 2), "\n") {
		if m := re.FindStringSubmatch(l); m != nil && !strings.Contains(l, " / ") {
			lines = append(lines, [2]string{m[1], m[2]})
		}
	}
	if len(lines) != len(fixturePeople)+1 || len(links) != len(lines) {
		t.Fatalf("contents: %d lines %q and %d links, want %d of each", len(lines), lines, len(links), len(fixturePeople)+1)
	}
	for i, l := range lines {
		printed, _ := strconv.Atoi(l[1])
		if links[i].page != printed {
			t.Errorf("contents line %q says page %d, its link goes to page %d", l[0], printed, links[i].page)
		}
		page := pdfText(t, path, links[i].page, links[i].page)
		// The section's title is the first thing under the running header.
		body := strings.SplitN(page, "\n", 2)
		if !strings.Contains(page, l[0]) || !strings.HasPrefix(strings.TrimSpace(body[0]), l[0]) {
			t.Errorf("the link of %q lands on page %d, which starts %q", l[0], links[i].page, firstLines(page, 3))
		}
	}
}

// pageLink is a link annotation: the top of its box and the page it goes to.
type pageLink struct {
	top  float64
	page int
}

// contentsLinks reads the internal links of a page straight from the PDF's
// objects: each annotation's /Dest names the page object it jumps to.
func contentsLinks(t *testing.T, path string, page int) []pageLink {
	t.Helper()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	xt := ctx.XRefTable
	if err := xt.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	pd, _, _, err := xt.PageDict(page, false)
	if err != nil {
		t.Fatalf("page %d: %v", page, err)
	}
	annots, err := xt.DereferenceArray(pd["Annots"])
	if err != nil {
		t.Fatalf("page %d annotations: %v", page, err)
	}
	var out []pageLink
	for _, o := range annots {
		a, err := xt.DereferenceDict(o)
		if err != nil {
			t.Fatal(err)
		}
		if st := a.NameEntry("Subtype"); st == nil || *st != "Link" {
			continue
		}
		dest, err := xt.DereferenceArray(a["Dest"])
		if err != nil || len(dest) == 0 {
			t.Fatalf("a link on page %d has no destination: %v", page, a)
		}
		ref, ok := dest[0].(types.IndirectRef)
		if !ok {
			t.Fatalf("link destination %v does not name a page", dest)
		}
		to, err := xt.PageNumber(ref.ObjectNumber.Value())
		if err != nil {
			t.Fatalf("link destination %v: %v", dest, err)
		}
		rect, err := xt.DereferenceArray(a["Rect"])
		if err != nil || len(rect) != 4 {
			t.Fatalf("link without a box: %v", a)
		}
		out = append(out, pageLink{top: max(number(rect[1]), number(rect[3])), page: to})
	}
	return out
}

func number(o types.Object) float64 {
	switch v := o.(type) {
	case types.Float:
		return v.Value()
	case types.Integer:
		return float64(v.Value())
	}
	return 0
}

func firstLines(s string, n int) string {
	ls := strings.SplitN(s, "\n", n+1)
	return strings.Join(ls[:min(n, len(ls))], " | ")
}

func TestExportReportFileSafety(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	opt := insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström"), Now: reportNow}
	dir := t.TempDir()
	path := filepath.Join(dir, "zoë.pdf")

	var steps [][2]int
	opt.Progress = func(done, total int) { steps = append(steps, [2]int{done, total}) }
	sum, err := insights.ExportReport(ctx, f.store, path, opt, false)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("report mode: got %v, want 0600", st.Mode().Perm())
	}
	if sum.People != 1 || sum.Reflections != 5 || sum.Pages != pageCount(t, path) {
		t.Errorf("summary: got %+v, want 1 person, 5 reflections, %d pages", sum, pageCount(t, path))
	}
	if len(steps) == 0 || steps[len(steps)-1][0] != steps[len(steps)-1][1] {
		t.Errorf("progress should end at total: %v", steps)
	}
	for i := 1; i < len(steps); i++ {
		if steps[i][0] <= steps[i-1][0] {
			t.Errorf("progress went backwards: %v", steps)
		}
	}
	opt.Progress = nil
	before, _ := os.ReadFile(path)

	t.Run("an existing file is kept without replace", func(t *testing.T) {
		_, err := insights.ExportReport(ctx, f.store, path, insights.ReportOptions{Now: reportNow}, false)
		if !errors.Is(err, insights.ErrReportExists) {
			t.Fatalf("got %v, want ErrReportExists", err)
		}
		if now, _ := os.ReadFile(path); string(now) != string(before) {
			t.Errorf("the existing file changed")
		}
	})
	t.Run("replace replaces", func(t *testing.T) {
		if _, err := insights.ExportReport(ctx, f.store, path, insights.ReportOptions{Now: reportNow}, true); err != nil {
			t.Fatal(err)
		}
		if pageCount(t, path) <= sum.Pages {
			t.Errorf("the whole-journal report should be longer than Zoë's")
		}
	})
	t.Run("cancelled leaves nothing", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		other := filepath.Join(dir, "cancelled.pdf")
		_, err := insights.ExportReport(cctx, f.store, other, opt, false)
		if !insights.IsCancelled(err) {
			t.Errorf("got %v, want a cancellation", err)
		}
		assertOnlyFiles(t, dir, "zoë.pdf")
	})
	t.Run("cancelled mid-way leaves nothing", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		o := insights.ReportOptions{Now: reportNow, Progress: func(done, total int) {
			if done == 2 {
				cancel()
			}
		}}
		_, err := insights.ExportReport(cctx, f.store, filepath.Join(dir, "midway.pdf"), o, false)
		if !insights.IsCancelled(err) {
			t.Errorf("got %v, want a cancellation", err)
		}
		assertOnlyFiles(t, dir, "zoë.pdf")
	})
	t.Run("a failure leaves nothing and says why", func(t *testing.T) {
		_, err := insights.ExportReport(ctx, f.store, filepath.Join(dir, "nobody.pdf"), insights.ReportOptions{PersonIDs: []string{"no-such-id"}}, false)
		if journal.ErrorCode(err) != journal.ENOTFOUND {
			t.Errorf("got %v, want a not-found error", err)
		}
		_, err = insights.ExportReport(ctx, f.store, filepath.Join(dir, "empty.pdf"),
			insights.ReportOptions{Range: insights.Range{From: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}, false)
		if err == nil || !strings.Contains(err.Error(), "no evenings") {
			t.Errorf("an empty period: got %v, want a message about no evenings", err)
		}
		assertOnlyFiles(t, dir, "zoë.pdf")
	})
	t.Run("a folder is not a file name", func(t *testing.T) {
		if _, err := insights.ExportReport(ctx, f.store, dir, opt, true); err == nil || !strings.Contains(err.Error(), "folder") {
			t.Errorf("got %v, want a message about a folder", err)
		}
	})
	t.Run("a missing folder says so", func(t *testing.T) {
		_, err := insights.ExportReport(ctx, f.store, filepath.Join(dir, "missing", "r.pdf"), opt, false)
		if err == nil || !strings.Contains(err.Error(), "missing") {
			t.Errorf("got %v, want a message naming the folder", err)
		}
	})
}

// assertOnlyFiles fails unless dir holds exactly names (no temporary files).
func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("folder holds %q, want %q", got, names)
	}
}

// TestReportSurvivesHostileText feeds the report every kind of character
// fpdf cannot take (above U+FFFF, controls, lone marks, bidi overrides,
// private use, invalid UTF-8 in a note) and very long words: the export must
// succeed and stay valid.
func TestReportSurvivesHostileText(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.store.AddPerson(ctx, "🙂 \u202Eevil\u202C 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010FFFF")
	if err != nil {
		t.Fatal(err)
	}
	hostile := strings.Repeat("😀", 3000) + " \x00\x01\x1b[31m \u0301\u0301 \uE000\uF8FF \U000F0000 \uFEFF\u200B " +
		strings.Repeat("x", 5000) + " 𝕏𝕐ℤ 🏳️‍🌈 👩🏽‍🚀 \U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1 " + strings.Repeat("漢字", 500) +
		"\n\n\n" + strings.Repeat("ok ", 2000)
	r := &journal.Reflection{At: reportNow.Add(-time.Hour), Text: hostile, Encounters: []journal.Encounter{{
		PersonID: p.ID, Closeness: 4,
		Moments: []journal.Moment{{Kind: journal.KindAdventure, Note: "🪂 \U0001F600\u200D\U0001F600 \x7f note"}}}}}
	if err := f.store.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	path := f.writeReport(t, insights.ReportOptions{PersonIDs: []string{p.ID}})
	text := pdfText(t, path, 0, 0)
	if !strings.Contains(text, "□ evil") || !strings.Contains(text, "note") {
		t.Errorf("hostile name or note not shown with substitutes:\n%s", firstLines(text, 30))
	}
}

// pdfInfo is pdfinfo's fields.
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdfinfo", "-enc", "UTF-8", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// pdfTextLayout is one page's text with its layout kept (columns on one line).
func pdfTextLayout(t *testing.T, path string, page int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
