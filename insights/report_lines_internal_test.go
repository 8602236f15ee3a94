package insights

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pageLines is page p's non-blank lines as pdftotext reads them.
func pageLines(t *testing.T, path string, p int) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(strings.Trim(l, "\f")); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// A paragraph leaves no single line at the foot of a page (orphan) or at
// the head of the next (widow).
func TestParagraphsLeaveNoLineAlone(t *testing.T) {
	words := strings.Repeat("evening together talking late about everything ", 12)
	for _, c := range []struct {
		name string
		fit  func(n int) int // lines that fit on page 1
	}{
		{"orphan", func(int) int { return 1 }},
		{"widow", func(n int) int { return n - 1 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := newLetterDoc(PaperA4)
			if err != nil {
				t.Fatal(err)
			}
			d.newPage()
			lh := letterBody.lineHeight()
			n := d.lines(words, letterBody, d.width())
			if n < 4 {
				t.Fatalf("the paragraph takes %d lines, want at least 4", n)
			}
			d.y = d.bottom - float64(c.fit(n))*lh - lh/4
			d.paragraph(words, letterBody, 0)
			path := filepath.Join(t.TempDir(), "p.pdf")
			if err := d.pdf.OutputFileAndClose(path); err != nil {
				t.Fatal(err)
			}
			first, second := pageLines(t, path, 1), pageLines(t, path, 2)
			if len(first) == 1 || len(second) == 1 {
				t.Errorf("%d lines on page 1 and %d on page 2: a line alone", len(first), len(second))
			}
			if len(first)+len(second) != n {
				t.Errorf("%d + %d lines, want %d", len(first), len(second), n)
			}
		})
	}
}
