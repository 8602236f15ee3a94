package insights

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// fillRectPixelByPixel is fillRect as plainly as it can be written: each
// pixel blended by its own cover.
func fillRectPixelByPixel(img *image.RGBA, x0, y0, x1, y1 float64, c color.NRGBA) {
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	if y1 < y0 {
		y0, y1 = y1, y0
	}
	b := img.Bounds()
	for y := max(b.Min.Y, int(math.Floor(y0))); y < min(b.Max.Y, int(math.Ceil(y1))); y++ {
		cy := math.Min(y1, float64(y+1)) - math.Max(y0, float64(y))
		for x := max(b.Min.X, int(math.Floor(x0))); x < min(b.Max.X, int(math.Ceil(x1))); x++ {
			cx := math.Min(x1, float64(x+1)) - math.Max(x0, float64(x))
			a := cx * cy * float64(c.A) / 255
			if a <= 0 {
				continue
			}
			i := img.PixOffset(x, y)
			px := img.Pix[i : i+4 : i+4]
			px[0] = uint8(float64(px[0])*(1-a) + float64(c.R)*a + 0.5)
			px[1] = uint8(float64(px[1])*(1-a) + float64(c.G)*a + 0.5)
			px[2] = uint8(float64(px[2])*(1-a) + float64(c.B)*a + 0.5)
			px[3] = uint8(float64(px[3])*(1-a) + 255*a + 0.5)
		}
	}
}

// TestFillRectMatchesPixelByPixel: fillRect, which blends each row's inner
// pixels at once, paints exactly what blending each pixel by its own cover
// paints, for rectangles wide and thin, on and off the image, whole and
// fractional, in opaque, clear and translucent colours.
func TestFillRectMatchesPixelByPixel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	a := image.NewRGBA(image.Rect(0, 0, 300, 200))
	b := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range 20000 {
		x0, y0 := rng.Float64()*340-20, rng.Float64()*240-20
		w, h := rng.Float64()*[]float64{0.3, 1, 3, 50}[i%4], rng.Float64()*[]float64{0.3, 1, 3, 50}[(i/4)%4]
		if i%5 == 0 {
			x0, w = math.Round(x0), math.Round(w)
		}
		c := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), []uint8{255, 0, 128, uint8(rng.IntN(256))}[i%4]}
		if i%3 == 0 {
			x0, w = x0+w, -w
		}
		fillRectPixelByPixel(a, x0, y0, x0+w, y0+h, c)
		fillRect(b, x0, y0, x0+w, y0+h, c)
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Fatalf("rectangle %d (%v, %v) %v x %v in %v: the pixels differ", i, x0, y0, w, h, c)
		}
	}
}
