package jpegdec

import (
	"bytes"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"testing"
)

// FuzzSameAsImageJPEG: on any input, the pipelined decoder fails when
// image/jpeg fails and otherwise gives its pixels.
func FuzzSameAsImageJPEG(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, size := range []image.Point{{40, 24}, {17, 9}} {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, noisy(size.X, size.Y, r), &jpeg.Options{Quality: 75}); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	for _, b := range testFiles(f) {
		f.Add(b)
	}
	old := minPipelinedMCUs
	minPipelinedMCUs = 1
	f.Cleanup(func() { minPipelinedMCUs = old })
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width*cfg.Height > 1<<20 {
			return
		}
		want, werr := jpeg.Decode(bytes.NewReader(b))
		got, gerr := Decode(bytes.NewReader(b))
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("errors differ: image/jpeg %v, jpegdec %v", werr, gerr)
		}
		if werr != nil {
			return
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
		}
		bd := want.Bounds()
		for y := bd.Min.Y; y < bd.Max.Y; y++ {
			for x := bd.Min.X; x < bd.Max.X; x++ {
				if !sameColor(got.At(x, y), want.At(x, y)) {
					t.Fatalf("pixel %d,%d is %v, want %v", x, y, got.At(x, y), want.At(x, y))
				}
			}
		}
	})
}
