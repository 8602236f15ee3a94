package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"os"
	"testing"
)

// FuzzExif feeds arbitrary bytes to every reader of a photo's structure: the
// TIFF reader, the JPEG, PNG and WebP walkers, the HEIC boxes and Strip
// (of every format: the seeds include HEICs with items and a GIF with metadata).
func FuzzExif(f *testing.F) {
	f.Add(cameraTIFF(6))
	f.Add(minimalTIFF(3))
	f.Add(buildTIFF(order(binary.BigEndian), []tiffEntry{shortEntry(binary.BigEndian, 0x0112, 9)}, []tiffEntry{asciiEntry(0x9003, "2024:02:30 25:61:00")}, nil))
	f.Add([]byte("II*\x00\xff\xff\xff\xff"))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\xff\xff"))
	f.Add(fakeHEIC(100, 50, 1))
	for _, hb := range heicVariants() {
		heic, _ := hb.build()
		f.Add(heic)
	}
	f.Add(cameraGIF(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseExif(b)
		heicSize(b)
		jpeg := withAPP1([]byte{0xFF, 0xD8, 0xFF, 0xD9}, b)
		o := parseExif(b).orientation
		if got := Strip(jpeg); len(b) > 8 && len(b) < 60000 && bytes.Contains(got, b) && !bytes.Contains(minimalExifAPP1(o), b) {
			t.Errorf("the Exif block survived Strip")
		}
		switch out := Strip(b); Sniff(b) {
		case HEIC: // cleared in place, never moved
			if len(out) != len(b) {
				t.Errorf("a HEIC of %d bytes stripped to %d", len(b), len(out))
			}
		case GIF: // blocks dropped, none added
			if len(out) > len(b) {
				t.Errorf("a GIF of %d bytes stripped to %d", len(b), len(out))
			}
		}
		jpegSegments(b, false)
		pngExif(b)
		webpExif(b)
	})
}

// FuzzPrepare must never panic, whatever the file holds; the seeds are small
// real images with metadata, so mutations hit the decoders and the walkers.
func FuzzPrepare(f *testing.F) {
	small := jpegOf(f, quadrants(24, 16), 80)
	f.Add(small)
	f.Add(orientedJPEG(small, 6))
	f.Add(withAPP1(small, cameraTIFF(5)))
	var buf bytes.Buffer
	if err := png.Encode(&buf, quadrants(8, 6)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(webp1x1)
	f.Add(fakeHEIC(4032, 3024, 3))
	f.Add(cameraGIF(f))
	if prog, err := os.ReadFile("testdata/progressive.jpg"); err == nil {
		f.Add(prog)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		// A few bytes can claim (and, for WebP, legitimately fill) up to
		// MaxPixels: seconds of work that is no failure, so the fuzzer skips it.
		if c, _, err := image.DecodeConfig(bytes.NewReader(b)); err == nil && c.Width*c.Height > 1<<20 {
			return
		}
		p, err := Prepare(b)
		if err == nil && p.Display != nil && (p.Width <= 0 || p.Height <= 0) {
			t.Errorf("copies of a %d×%d image", p.Width, p.Height)
		}
		Strip(b)
	})
}
