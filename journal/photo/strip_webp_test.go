package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"testing"

	"golang.org/x/image/webp"
)

// webpWith builds an extended WebP: VP8X (flags), the 1×1 lossless image of
// webp1x1, then the given chunks.
func webpWith(flags byte, chunks ...[]byte) []byte {
	vp8x := []byte("VP8X\x0a\x00\x00\x00")
	vp8x = append(vp8x, flags, 0, 0, 0, 0, 0, 0, 0, 0, 0) // 1×1: width-1 = height-1 = 0
	data := append([]byte("RIFF\x00\x00\x00\x00WEBP"), vp8x...)
	data = append(data, webp1x1[12:]...)
	for _, c := range chunks {
		data = append(data, c...)
	}
	binary.LittleEndian.PutUint32(data[4:], uint32(len(data)-8))
	return data
}

func webpChunk(fourcc string, body []byte) []byte {
	c := binary.LittleEndian.AppendUint32([]byte(fourcc), uint32(len(body)))
	c = append(c, body...)
	if len(body)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

// A WebP loses its EXIF (camera, GPS) and XMP; the orientation stays in a
// minimal EXIF chunk, the flags say what is left, and the pixels are the same.
func TestStripWebP(t *testing.T) {
	bo := order(binary.BigEndian)
	for _, orientation := range []int{1, 6} {
		tiff := buildTIFF(bo, []tiffEntry{asciiEntry(0x010F, "CanonCamera"), shortEntry(bo, 0x0112, uint16(orientation))}, nil, nil)
		xmp := []byte(`<x:xmpmeta><exif:GPSLatitude>47,30.5N</exif:GPSLatitude></x:xmpmeta>`)
		data := webpWith(webpFlagEXIF|webpFlagXMP, webpChunk("EXIF", tiff), webpChunk("XMP ", xmp))
		got := Strip(data)
		for _, secret := range []string{"CanonCamera", "GPSLatitude", "xmpmeta"} {
			if bytes.Contains(got, []byte(secret)) {
				t.Errorf("orientation %d: %q survived Strip", orientation, secret)
			}
		}
		if o := parseExif(webpExif(got)).orientation; o != orientation {
			t.Errorf("orientation %d became %d", orientation, o)
		}
		flags := got[20]
		if flags&webpFlagXMP != 0 || (flags&webpFlagEXIF != 0) != (orientation != 1) {
			t.Errorf("orientation %d: VP8X flags %#x", orientation, flags)
		}
		if n := binary.LittleEndian.Uint32(got[4:]); int(n) != len(got)-8 {
			t.Errorf("RIFF size %d for %d bytes", n, len(got))
		}
		a, errA := webp.Decode(bytes.NewReader(data))
		b, errB := webp.Decode(bytes.NewReader(got))
		if errA != nil || errB != nil {
			t.Fatalf("decode: %v %v", errA, errB)
		}
		if !sameImage(a, b) {
			t.Errorf("orientation %d: the pixels changed", orientation)
		}
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}
