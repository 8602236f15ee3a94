package insights

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
)

var update = flag.Bool("update", false, "rewrite the golden chart images in testdata/")

// goldenPerson is the fixed small journal the golden charts draw: eighteen
// months of evenings every nine days, with closeness rising in waves and
// the moment kinds taking turns, a custom kind among them.
func goldenPerson() *PersonInsights {
	kinds := []string{journal.KindDeepTalk, journal.KindLaughed, journal.KindSharedBack, "board-games",
		journal.KindListened, journal.KindInsideJoke, journal.KindCameUpForAir, journal.KindAdventure}
	var evs []Evening
	at := time.Date(2023, 1, 3, 20, 0, 0, 0, paris)
	for i := 0; at.Before(time.Date(2024, 6, 20, 0, 0, 0, 0, paris)); i++ {
		c := journal.Closeness(2 + (i/6)%5 + i%2)
		if i%7 == 3 {
			c = 0
		}
		ks := []string{kinds[i%len(kinds)], kinds[(i*3+1)%len(kinds)]}
		if ks[0] == ks[1] {
			ks = ks[:1]
		}
		if i%11 == 5 {
			ks = append(ks, journal.KindTriedToFix)
		}
		evs = append(evs, ev(fmt.Sprintf("g%03d", i), at, c, ks...))
		at = at.AddDate(0, 0, 9)
	}
	p := PersonHistory{Person: person("ana", "Ana"), Evenings: evs}
	pi := AnalyzePerson(p, testKinds, nil, Range{}, time.Date(2024, 6, 30, 12, 0, 0, 0, paris))
	return &pi
}

func themeName(th Theme) string {
	if th == ThemeDark {
		return "dark"
	}
	return "light"
}

func chartFile(k ChartKind) string {
	return map[ChartKind]string{ChartCloseness: "closeness", ChartMoments: "moments", ChartBalance: "balance", ChartHeatMap: "heatmap"}[k]
}

func TestChartsGolden(t *testing.T) {
	data := goldenPerson().ChartData()
	for _, k := range ChartKinds {
		for _, th := range []Theme{ThemeLight, ThemeDark} {
			name := fmt.Sprintf("chart-%s-%s.png", chartFile(k), themeName(th))
			t.Run(name, func(t *testing.T) {
				img, err := RenderChart(k, data, 720, 360, th)
				if err != nil {
					t.Fatal(err)
				}
				if b := img.Bounds(); b.Dx() != 720 || b.Dy() != 360 {
					t.Fatalf("drawn at %v, want 720x360", b)
				}
				assertGolden(t, name, img)
			})
		}
	}
}

// assertGolden compares img with testdata/name. Rasterisers may round a
// little differently across machines, so a pixel may differ by a few levels;
// anything more, on more than one pixel in a thousand, fails, and the image
// drawn is kept in testdata/failed/ to look at.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden image: %v (run go test -update to write it)", err)
	}
	want, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("size %v, want %v", img.Bounds(), want.Bounds())
	}
	differ := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if colorDistance(img.At(x, y), want.At(x, y)) > 3 {
				differ++
			}
		}
	}
	if differ > b.Dx()*b.Dy()/1000 {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Errorf("%d pixels differ from %s; the chart drawn is in testdata/failed/%s", differ, path, name)
	}
}

func colorDistance(a, b color.Color) int {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := 0
	for _, p := range [][2]uint32{{ar, br}, {ag, bg}, {ab, bb}, {aa, ba}} {
		d = max(d, int(math.Abs(float64(p[0]>>8)-float64(p[1]>>8))))
	}
	return d
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestClosenessPointAt(t *testing.T) {
	data := goldenPerson().ChartData()
	for _, scale := range []float64{1, 2} {
		t.Run(fmt.Sprintf("scale %g", scale), func(t *testing.T) {
			w, h := int(600*scale), int(300*scale)
			img, err := RenderChartScaled(ChartCloseness, data, w, h, ThemeLight, scale)
			checkNoErr(t, err)
			f := &frame{pal: ThemeLight.palette(), scale: scale}
			px := closenessPixels(closenessPlot(f, data, w), layoutCanvas(w, h, scale), data, h, scale)
			bg := ThemeLight.palette().bg
			for i, p := range px {
				// Each point is drawn where the hit test finds it...
				if c := img.At(int(p.x), int(p.y)); colorDistance(c, bg) < 40 {
					t.Fatalf("point %d should be drawn at (%.0f, %.0f), the image has %v there", i, p.x, p.y, c)
				}
				// ...and a tap a little off it finds that evening (or one
				// drawn on top of it, at the same closeness and moment).
				got, ok := ClosenessPointAtScaled(data, w, h, scale, p.x+2*scale, p.y-1*scale)
				want := data.Closeness.Points[i]
				if !ok || got.Closeness != want.Closeness || math.Abs(float64(got.At.Sub(want.At))) > float64(48*time.Hour) {
					t.Fatalf("a tap by point %d (%v) found %+v, %v", i, want, got, ok)
				}
			}
			if _, ok := ClosenessPointAtScaled(data, w, h, scale, 2, 2); ok {
				t.Error("a tap in the corner found a point")
			}
		})
	}
	if _, ok := ClosenessPointAt(ChartData{}, 600, 300, 300, 150); ok {
		t.Error("an empty chart has a point")
	}
}

func TestRenderChartRefusesBadInput(t *testing.T) {
	data := goldenPerson().ChartData()
	for _, size := range [][2]int{{0, 300}, {600, -1}, {MaxChartSide + 1, 10}} {
		if _, err := RenderChart(ChartMoments, data, size[0], size[1], ThemeLight); err == nil {
			t.Errorf("size %v was drawn", size)
		}
	}
	if _, err := RenderChart(ChartKind(42), data, 600, 300, ThemeLight); err == nil {
		t.Error("an unknown chart was drawn")
	}
}

func TestEmptyChartsSayNothingYet(t *testing.T) {
	for _, k := range ChartKinds {
		for _, th := range []Theme{ThemeLight, ThemeDark} {
			img, err := RenderChart(k, ChartData{}, 400, 200, th)
			checkNoErr(t, err)
			bg := th.palette().bg
			text := 0
			for y := 0; y < 200; y++ {
				for x := 0; x < 400; x++ {
					if colorDistance(img.At(x, y), bg) > 40 {
						text++
					}
				}
			}
			if colorDistance(img.At(0, 0), bg) != 0 || text == 0 || text > 4000 {
				t.Errorf("%s %s: corner %v, %d pixels of text; want the background and a short note", k, themeName(th), img.At(0, 0), text)
			}
		}
	}
}

// TestRecycledChartImagesStartClean: a chart drawn on an image another
// chart was drawn on before (print charts reuse them) is the same as one
// drawn on a new image.
func TestRecycledChartImagesStartClean(t *testing.T) {
	data := goldenPerson().ChartData()
	empty := ChartData{Range: data.Range}
	render := func(k ChartKind, d ChartData) []byte {
		t.Helper()
		png, err := renderForPrint(k, d, 300, 150, 200)
		if err != nil {
			t.Fatal(err)
		}
		return png
	}
	for _, k := range []ChartKind{ChartCloseness, ChartMoments, ChartBalance} {
		before := render(k, empty)
		for range 3 {
			render(ChartMoments, data)
			render(ChartCloseness, data)
		}
		if after := render(k, empty); !bytes.Equal(before, after) {
			t.Errorf("%s: drawn on a reused image, the chart differs from one drawn on a new image", k)
		}
	}
}
