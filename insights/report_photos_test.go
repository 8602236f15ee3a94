package insights_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// heicBytes are the first bytes of a HEIC file: Kindred keeps it, and no
// decoder here can draw it.
var heicBytes = append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)

// addEveningPhotos gives the fixture's evening marked mark these photos
// (original bytes, caption, print), in order.
func (f *fixture) addEveningPhotos(t testing.TB, person, mark string, photos ...fixturePhoto) []journal.Photo {
	t.Helper()
	ctx := context.Background()
	all, err := f.store.TimelineAll(ctx, journal.TimelineQuery{PersonID: f.people[person].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if !strings.Contains(r.Text, mark) {
			continue
		}
		r.Photos = nil
		for i, fp := range photos {
			p, err := f.store.AddPhoto(ctx, fp.name, fp.data)
			if err != nil {
				t.Fatalf("add photo %s: %v", fp.name, err)
			}
			p.Caption, p.Print, p.Position = fp.caption, fp.print, i
			r.Photos = append(r.Photos, *p)
		}
		if err := f.store.SaveReflection(ctx, &r); err != nil {
			t.Fatalf("save %s with photos: %v", mark, err)
		}
		return r.Photos
	}
	t.Fatalf("no evening %s with %s", mark, person)
	return nil
}

type fixturePhoto struct {
	name, caption string
	data          []byte
	print         bool
}

// pdfImages lists the images of a PDF as pdfimages -list reads them: one
// row each, "page num type width height color comp bpc enc ...".
func pdfImages(t *testing.T, path string) [][]string {
	t.Helper()
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Skip("pdfimages is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdfimages", "-list", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v: %s", err, out)
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if i < 2 {
			continue // the heading and its rule
		}
		rows = append(rows, strings.Fields(line))
	}
	return rows
}

func jpegImages(rows [][]string) (n int, maxSide int) {
	for _, r := range rows {
		if len(r) > 8 && r[8] == "jpeg" {
			n++
			w, _ := strconv.Atoi(r[3])
			h, _ := strconv.Atoi(r[4])
			maxSide = max(maxSide, w, h)
		}
	}
	return n, maxSide
}

// assertNoMetadata fails if the PDF holds anything of a photo's EXIF.
func assertNoMetadata(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, marker := range []string{"Exif", journaltest.ExifCamera, journaltest.ExifGPSDatum} {
		if bytes.Contains(b, []byte(marker)) {
			t.Errorf("the PDF holds %q: a photo's metadata reached it", marker)
		}
	}
}

func TestReportPrintsPhotosWhenAsked(t *testing.T) {
	f := newFixture(t)
	f.addEveningPhotos(t, "Zoë Ångström", "Mark07",
		fixturePhoto{name: "summit.jpg", caption: "The summit at dawn 🏔️ 🫶", data: journaltest.ExifJPEG(t, 3000, 2000, 1), print: true},
		fixturePhoto{name: "IMG_0001.HEIC", caption: "The view down", data: heicBytes})
	f.addEveningPhotos(t, "Zoë Ångström", "Mark09",
		fixturePhoto{name: "market.jpg", caption: "Glühwein", data: journaltest.ExifJPEG(t, 1200, 1800, 2)})

	without := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström")})
	if n, _ := jpegImages(pdfImages(t, without)); n != 0 {
		t.Fatalf("a report without --photos holds %d JPEG images", n)
	}
	if text := pdfText(t, without, 0, 0); strings.Contains(text, "The summit at dawn") {
		t.Fatal("a report without photos prints their captions")
	}

	path := f.writeReport(t, insights.ReportOptions{PersonIDs: f.ids("Zoë Ångström"), Photos: true})
	n, side := jpegImages(pdfImages(t, path))
	if n != 2 {
		t.Fatalf("the report holds %d JPEG images, want the 2 viewable photos", n)
	}
	if side > 1600 || side < 1000 {
		t.Fatalf("the largest photo is %d px on its long side, want a print copy of at most 1600", side)
	}
	text := pdfText(t, path, 0, 0)
	for _, want := range []string{"The summit at dawn", "Glühwein", "(a HEIC photo, not printable)", "The view down"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
	assertNoMetadata(t, path)
	assertPixels(t, path)
}

// assertPixels renders the pages at low resolution and checks that some
// page holds the photos' colours, not only text on white.
func assertPixels(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed (poppler-utils)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-r", "20", "-gray", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p*.pgm"))
	best := 0.0
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// A binary PGM: three header lines, then a byte a pixel.
		body := b
		for range 3 {
			body = body[bytes.IndexByte(body, '\n')+1:]
		}
		dark := 0
		for _, v := range body {
			if v < 200 {
				dark++
			}
		}
		best = max(best, float64(dark)/float64(len(body)))
	}
	if best < 0.10 {
		t.Fatalf("no page is more than %.0f%% ink: the photos were not drawn", best*100)
	}
}

func TestLetterPrintsChosenPhotosByDefault(t *testing.T) {
	f := newFixture(t)
	f.addEveningPhotos(t, "Zoë Ångström", "Mark08",
		fixturePhoto{name: "gym.jpg", caption: "Sore hands with 王芳 🧗", data: journaltest.ExifJPEG(t, 2400, 1600, 3), print: true},
		fixturePhoto{name: "blurry.jpg", caption: "Not this one", data: journaltest.ExifJPEG(t, 800, 600, 4), print: false})
	ctx := context.Background()
	zoe := f.people["Zoë Ångström"].ID
	path := filepath.Join(t.TempDir(), "letter.pdf")
	sum, err := insights.ExportLetter(ctx, f.store, path, insights.LetterOptions{PersonID: zoe, Now: reportNow}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Photos != 1 {
		t.Fatalf("the letter printed %d photos, want the one chosen for print", sum.Photos)
	}
	qpdfCheck(t, path)
	if n, _ := jpegImages(pdfImages(t, path)); n != 1 {
		t.Fatalf("the letter holds %d JPEG images, want 1", n)
	}
	text := pdfText(t, path, 0, 0)
	if !strings.Contains(text, "Sore hands with a friend") {
		t.Errorf("the caption should print with the others unnamed; the letter says:\n%s", text)
	}
	if strings.Contains(text, "Not this one") {
		t.Error("a photo not chosen for print is in the letter")
	}
	assertNoMetadata(t, path)

	count, err := insights.CountLetter(ctx, f.store, insights.LetterOptions{PersonID: zoe, Now: reportNow})
	if err != nil {
		t.Fatal(err)
	}
	if count.Pages != sum.Pages || count.Photos != 1 {
		t.Fatalf("CountLetter says %d pages, %d photos; the letter has %d, %d", count.Pages, count.Photos, sum.Pages, sum.Photos)
	}

	bare := filepath.Join(t.TempDir(), "bare.pdf")
	sum, err = insights.ExportLetter(ctx, f.store, bare, insights.LetterOptions{PersonID: zoe, Now: reportNow, NoPhotos: true}, false)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := jpegImages(pdfImages(t, bare)); n != 0 || sum.Photos != 0 {
		t.Fatalf("with NoPhotos the letter holds %d JPEG images (summary %d)", n, sum.Photos)
	}
}
