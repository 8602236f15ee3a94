package insights_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// The fonts the report borrows for Korean and for the Latin letters the Go
// fonts lack; .ci/install-deps installs both.
const (
	hangulFont    = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
	extraFont     = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	extraBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
)

const (
	korean     = "우리는 함께 웃었다"
	vietnamese = "Nguyễn"
)

// needFonts skips the test on a machine without the borrowed fonts, never
// in CI, which installs them.
func needFonts(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing, and CI must have it (.ci/install-deps installs it)", p)
			}
			t.Skipf("%s is not installed", p)
		}
	}
}

// embeddedFonts lists the fonts a PDF embeds, one line each, as pdffonts
// reports them ("name type encoding emb sub uni object ID").
func embeddedFonts(t *testing.T, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Skip("pdffonts is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		t.Fatalf("pdffonts: no table\n%s", out)
	}
	return lines[2:]
}

// fontsNamed counts the embedded fonts of a family and style ("kindred-extra",
// "kindred-extraB"), as fpdf names them.
func fontsNamed(fonts []string, name string) int {
	n := 0
	for _, f := range fonts {
		if strings.Fields(f)[0] == "utf8"+name {
			n++
		}
	}
	return n
}

func TestReportDrawsKoreanAndVietnamese(t *testing.T) {
	needFonts(t, hangulFont, extraFont, extraBoldFont)
	f := newFixture(t)
	before := f.writeReport(t, insights.ReportOptions{Author: "Élise Müller"})
	hoa := journaltest.MustAddPerson(t, f.store, "Nguyễn Thị Hoa")
	r := &journal.Reflection{At: time.Date(2024, 7, 1, 20, 0, 0, 0, reportZone),
		Text:       "Mark10 " + korean + ". Then " + vietnamese + " Thị Hoa sang.",
		Encounters: []journal.Encounter{{PersonID: hoa.ID, Closeness: 5}}}
	if err := f.store.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	path := f.writeReport(t, insights.ReportOptions{Author: "Élise Müller"})
	qpdfCheck(t, path)
	text := pdfText(t, path, 0, 0)
	for _, want := range []string{korean, "Nguyễn Thị Hoa", "Mark10"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
	// Each borrowed font is embedded once, as a subset: the Korean font
	// alone is 4.6 MB, the evening with it adds far less. Her name in the
	// headings is set in DejaVu's bold.
	fonts := embeddedFonts(t, path)
	for _, name := range []string{"kindred-hangul", "kindred-extra", "kindred-extraB"} {
		if n := fontsNamed(fonts, name); n != 1 {
			t.Errorf("%s embedded %d times, want once:\n%s", name, n, strings.Join(fonts, "\n"))
		}
	}
	if grew := fileSize(t, path) - fileSize(t, before); grew > 200<<10 {
		t.Errorf("the Korean and Vietnamese evening made the report %d KiB bigger: the fonts are not subset", grew>>10)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func TestReportBorrowsNoFontItDoesNotNeed(t *testing.T) {
	needFonts(t, hangulFont, extraFont)
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström")})
	fonts := embeddedFonts(t, path)
	for _, name := range []string{"kindred-hangul", "kindred-hangulB", "kindred-extra", "kindred-extraB"} {
		if n := fontsNamed(fonts, name); n != 0 {
			t.Errorf("a report without Korean or Vietnamese embeds %s:\n%s", name, strings.Join(fonts, "\n"))
		}
	}
}

func TestLetterDrawsKoreanAndVietnamese(t *testing.T) {
	needFonts(t, hangulFont, extraFont)
	f, zoe := letterFixture(t)
	path, _ := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID, Author: vietnamese + " Văn An",
		Opening: "Dear Zoë, " + korean + ".", Closing: "With love, " + vietnamese + " Văn An."})
	text := strings.Join(strings.Fields(pdfText(t, path, 0, 0)), " ")
	for _, want := range []string{korean, "With love, Nguyễn Văn An."} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter's text lacks %q", want)
		}
	}
	if got := pdfInfo(t, path)["Author"]; got != "Nguyễn Văn An" {
		t.Errorf("author: got %q, want %q", got, "Nguyễn Văn An")
	}
}
