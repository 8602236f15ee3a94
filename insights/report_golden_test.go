package insights_test

import (
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kindred/insights"
)

var updateReportGolden = flag.Bool("update-report-golden", false, "rewrite the PDF report's golden page image")

// goldenDPI is low enough for a small file, high enough to see the layout.
const goldenDPI = "60"

// TestReportGoldenPersonPage compares the first page of a person's section,
// rasterised by pdftoppm, with testdata/report_person_page.png. Rasterisers
// differ slightly in anti-aliasing, so a small difference is allowed; a
// moved block, a missing chart or a changed font is far above it. A failing
// run writes what it saw to testdata/failed/.
func TestReportGoldenPersonPage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed (poppler-utils)")
	}
	f := newFixture(t)
	path := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström")})
	// The cover, the contents, then Zoë's first page.
	const page = "3"
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command("pdftoppm", "-png", "-r", goldenDPI, "-f", page, "-l", page, "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	got := readPNG(t, prefix+".png")
	golden := filepath.Join("testdata", "report_person_page.png")
	if *updateReportGolden {
		copyFile(t, prefix+".png", golden)
		return
	}
	want := readPNG(t, golden)
	if got.Bounds() != want.Bounds() {
		saveFailed(t, prefix+".png")
		t.Fatalf("page size: got %v, want %v", got.Bounds(), want.Bounds())
	}
	mean, far := imageDiff(got, want)
	if mean > 1.5 || far > 0.003 {
		saveFailed(t, prefix+".png")
		t.Errorf("page differs from %s: mean difference %.2f/255, %.2f%% of pixels far off (allowed 1.5 and 0.3%%)", golden, mean, 100*far)
	}
}

// imageDiff is the mean absolute channel difference (0-255) and the share
// of pixels with a channel more than 64 apart.
func imageDiff(a, b image.Image) (mean, far float64) {
	r := a.Bounds()
	var sum float64
	var farN int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			d := []float64{absDiff(ar, br), absDiff(ag, bg), absDiff(ab, bb)}
			worst := 0.0
			for _, v := range d {
				sum += v
				worst = max(worst, v)
			}
			if worst > 64 {
				farN++
			}
		}
	}
	n := float64(r.Dx() * r.Dy())
	return sum / (3 * n), float64(farN) / n
}

func absDiff(a, b uint32) float64 {
	if a > b {
		return float64(a-b) / 257
	}
	return float64(b-a) / 257
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestReportGoldenPersonPage -update-report-golden to create it)", err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

func saveFailed(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join("testdata", "failed"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, path, filepath.Join("testdata", "failed", "report_person_page.png"))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
