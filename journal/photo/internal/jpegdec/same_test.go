package jpegdec

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func noisy(w, h int, r *rand.Rand) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i/7%200 + r.IntN(50))
	}
	return m
}

// The pipelined decoder gives the pixels of image/jpeg, for every layout a
// camera or an editor writes, large enough that the pipeline runs.
func TestSameAsImageJPEG(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var cases [][]byte
	for _, size := range []image.Point{{1500, 1100}, {1031, 1029}, {33, 17}} {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, noisy(size.X, size.Y, r), &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, buf.Bytes())
		grey := image.NewGray(image.Rect(0, 0, size.X, size.Y))
		for i := range grey.Pix {
			grey.Pix[i] = uint8(r.IntN(256))
		}
		buf.Reset()
		if err := jpeg.Encode(&buf, grey, nil); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, buf.Bytes())
	}
	// Layouts Go's encoder does not write (made once with ImageMagick, and
	// one with the restart markers of Kindred's banded encode).
	cases = append(cases, testFiles(t)...)
	// A cut file fails as image/jpeg fails.
	cut := cases[0][:len(cases[0])*2/3]
	for i, data := range append(cases, cut) {
		want, werr := jpeg.Decode(bytes.NewReader(data))
		got, gerr := Decode(bytes.NewReader(data))
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("case %d: errors %v and %v", i, werr, gerr)
		}
		if werr != nil {
			continue
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("case %d: bounds %v, want %v", i, got.Bounds(), want.Bounds())
		}
		b := want.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if !sameColor(got.At(x, y), want.At(x, y)) {
					t.Fatalf("case %d: pixel %d,%d is %v, want %v", i, x, y, got.At(x, y), want.At(x, y))
				}
			}
		}
	}
}

func testFiles(tb testing.TB) [][]byte {
	var out [][]byte
	for _, name := range []string{"sampling444.jpg", "sampling422.jpg", "progressive.jpg", "restarts.jpg"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}
