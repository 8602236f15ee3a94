package insights_test

import (
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal"
)

// markdownEvening is what Day One writes, Markdown and escapes included.
const markdownEvening = "# All packed up finally\n\n## Erste Schritte\n" +
	"Mit **Ana** im Park\\. Es war *wunderschön*\\!\n\n" +
	"- [ ] Füge ein Foto hinzu\n-[] Noch eins\n- [x] Koffer gepackt\n* Brot\n1. Erstens\n\n" +
	"> She said: we'll be fine\n\n[**Weitere Informationen**](premium)"

func addMarkdownEvening(t *testing.T, f *fixture) *journal.Person {
	t.Helper()
	ana := f.people["Ana 🌻"]
	r := &journal.Reflection{At: time.Date(2024, 11, 20, 20, 0, 0, 0, reportZone), Text: markdownEvening,
		Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5}}}
	if err := f.store.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return ana
}

// checkMarkdownSet checks a PDF's text shows the evening as it reads: the
// words, the list marks, and none of the markup.
func checkMarkdownSet(t *testing.T, text string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"All packed up finally", "Erste Schritte", "Mit Ana im Park. Es war wunderschön!",
		"□ Füge ein Foto hinzu", "□ Noch eins", "■ Koffer gepackt", "• Brot", "1. Erstens",
		"She said: we'll be fine", "Weitere Informationen",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, flat)
		}
	}
	for _, raw := range []string{"# All", "## Erste", "**", "\\.", "\\!", "-[]", "- [ ]", "[x]", "(premium)", "> She"} {
		if strings.Contains(flat, raw) {
			t.Errorf("the PDF shows the markup %q", raw)
		}
	}
}

// wordHeight is the height pdftotext gives the first word w in a PDF.
func wordHeight(t *testing.T, path, w string) float64 {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Skipf("pdftotext -bbox: %v", err)
	}
	m := regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">` + regexp.QuoteMeta(w) + `</word>`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("no word %q in %s", w, path)
	}
	y0, _ := strconv.ParseFloat(m[1], 64)
	y1, _ := strconv.ParseFloat(m[2], 64)
	return y1 - y0
}

func TestReportSetsMarkdown(t *testing.T) {
	f := newFixture(t)
	ana := addMarkdownEvening(t, f)
	path := f.writeReport(t, insights.ReportOptions{PersonIDs: []string{ana.ID}})
	checkMarkdownSet(t, pdfText(t, path, 0, 0))
	if h, body := wordHeight(t, path, "packed"), wordHeight(t, path, "Park."); h <= body*1.2 {
		t.Errorf("the heading is %.1f high, the text %.1f: a heading should be larger", h, body)
	}
}

func TestLetterSetsMarkdown(t *testing.T) {
	f := newFixture(t)
	ana := addMarkdownEvening(t, f)
	path, _ := f.writeLetter(t, insights.LetterOptions{PersonID: ana.ID})
	checkMarkdownSet(t, pdfText(t, path, 0, 0))
}
