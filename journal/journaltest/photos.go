package journaltest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// JPEG makes a w×h JPEG whose pixels depend on seed, with an EXIF segment
// naming a place, as a camera's photo would carry.
func JPEG(tb testing.TB, w, h int, seed byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, picture(w, h, seed), &jpeg.Options{Quality: 85}); err != nil {
		tb.Fatal(err)
	}
	b := buf.Bytes()
	// APP1 right after SOI: "Exif\0\0" and a marker the tests look for.
	payload := append([]byte("Exif\x00\x00"), []byte(ExifMarker)...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	out := append([]byte{}, b[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, b[2:]...)
}

// ExifMarker is the text JPEG puts in its EXIF segment.
const ExifMarker = "GPS 48.8584N 2.2945E Kindred test camera"

// PNG makes a w×h PNG.
func PNG(tb testing.TB, w, h int, seed byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, picture(w, h, seed)); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func picture(w, h int, seed byte) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{byte(x*7) + seed, byte(y*3) ^ seed, byte(x+y) + seed*3, 255})
		}
	}
	return img
}
