package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

// cameraTIFF is an Exif block as a phone writes it: make and model, a date,
// and where the photo was taken.
func cameraTIFF(orientation uint16) []byte {
	bo := order(binary.LittleEndian)
	rational := func(n ...uint32) []byte {
		var b []byte
		for _, v := range n {
			b = bo.AppendUint32(b, v)
			b = bo.AppendUint32(b, 1)
		}
		return b
	}
	return buildTIFF(bo,
		[]tiffEntry{asciiEntry(0x010F, "AcmeCam"), asciiEntry(0x0110, "Pocket 12"), shortEntry(bo, 0x0112, orientation)},
		[]tiffEntry{asciiEntry(0x9003, "2024:07:14 19:42:05"), asciiEntry(0x9011, "+02:00")},
		[]tiffEntry{asciiEntry(0x0001, "N"), {0x0002, 5, 3, rational(52, 31, 12)}, asciiEntry(0x0003, "E"), {0x0004, 5, 3, rational(13, 24, 36)}, asciiEntry(0x001D, "2024:07:14")},
	)
}

func segment(marker byte, payload string) []byte {
	return append([]byte{0xFF, marker, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
}

// cameraJPEG carries every kind of metadata Strip must drop, and the colour
// segments it must keep.
func cameraJPEG(t *testing.T, orientation uint16) []byte {
	plain := jpegOf(t, photoLike(320, 240, 4), 90) // starts SOI, APP0 JFIF? Go writes none
	withExif := withAPP1(plain, cameraTIFF(orientation))
	var head []byte
	head = append(head, segment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><exif:GPSLatitude>52,31N</exif:GPSLatitude></x:xmpmeta>")...)
	head = append(head, segment(0xED, "Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0cCaption Ada")...)
	head = append(head, segment(0xFE, "secret comment")...)
	head = append(head, segment(0xE2, "ICC_PROFILE\x00\x01\x01fake-profile-bytes")...)
	head = append(head, segment(0xE2, "MPF\x00multi-picture index")...)
	head = append(head, segment(0xEE, "Adobe\x00\x64\x00\x00\x00\x00\x01")...) // transform 1: YCbCr
	out := append([]byte{}, withExif[:2]...)
	out = append(out, segment(0xE0, "JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")...)
	out = append(out, withExif[2:len(withExif)-len(plain)+2]...) // the Exif APP1
	out = append(out, head...)
	out = append(out, plain[2:]...)
	return append(out, "GPS trailer after the image"...)
}

func TestStripJPEG(t *testing.T) {
	for _, o := range []uint16{1, 6} {
		orig := cameraJPEG(t, o)
		if !bytes.Contains(orig, []byte("AcmeCam")) || parseExif(jpegExif(orig)).orientation != int(o) {
			t.Fatal("the test photo lacks its metadata")
		}
		out := Strip(orig)
		for _, s := range []string{"AcmeCam", "Pocket", "2024:07:14", "xmpmeta", "GPS", "Photoshop", "8BIM", "Ada", "secret", "MPF", "trailer"} {
			if bytes.Contains(out, []byte(s)) {
				t.Errorf("orientation %d: %q survived Strip", o, s)
			}
		}
		for _, s := range []string{"JFIF", "ICC_PROFILE", "Adobe"} {
			if !bytes.Contains(out, []byte(s)) {
				t.Errorf("orientation %d: %q was dropped", o, s)
			}
		}
		exif := jpegExif(out)
		switch {
		case o == 1 && bytes.Contains(out, []byte("Exif")):
			t.Error("orientation 1 kept an Exif block")
		case o != 1 && (!bytes.Equal(exif, minimalTIFF(int(o))) || bytes.Count(out, []byte("Exif")) != 1):
			t.Errorf("orientation %d: Exif block %x, want only the minimal one", o, exif)
		}
		if !bytes.HasPrefix(out, []byte("\xFF\xD8\xFF\xE0")) {
			t.Error("JFIF's APP0 no longer follows SOI")
		}
		samePixels(t, orig, out)
		p, err := Prepare(out)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[uint16]int{1: 320, 6: 240}[o]; p.Width != want {
			t.Errorf("orientation %d lost: stripped photo is %d wide, want %d", o, p.Width, want)
		}
		if !p.TakenAt.IsZero() {
			t.Errorf("the date survived: %v", p.TakenAt)
		}
		if again := Strip(out); !bytes.Equal(again, out) {
			t.Error("stripping twice changed the file again")
		}
	}
}

// A progressive JPEG has markers between its scans; a cut file has no end.
func TestStripJPEGCut(t *testing.T) {
	orig := cameraJPEG(t, 3)
	cut := orig[:len(orig)-400]
	out := Strip(cut)
	if bytes.Contains(out, []byte("AcmeCam")) || bytes.Contains(out, []byte("GPS")) {
		t.Error("metadata survived in a cut file")
	}
	if parseExif(jpegExif(out)).orientation != 3 {
		t.Error("orientation lost in a cut file")
	}
	if !bytes.HasSuffix(out, cut[len(cut)-300:]) {
		t.Error("the image data of a cut file was not copied")
	}
}

func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ma, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	mb, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("stripped file does not decode: %v", err)
	}
	if ma.Bounds() != mb.Bounds() {
		t.Fatalf("bounds %v became %v", ma.Bounds(), mb.Bounds())
	}
	for y := ma.Bounds().Min.Y; y < ma.Bounds().Max.Y; y++ {
		for x := ma.Bounds().Min.X; x < ma.Bounds().Max.X; x++ {
			if ma.At(x, y) != mb.At(x, y) {
				t.Fatalf("pixel %d,%d changed: %v became %v", x, y, ma.At(x, y), mb.At(x, y))
			}
		}
	}
}

func chunkOf(typ string, body []byte) []byte {
	return appendPNGChunk(nil, typ, body)
}

func TestStripPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, quadrants(50, 30)); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	ihdrEnd := 8 + 12 + 13
	var extra []byte
	extra = append(extra, chunkOf("gAMA", []byte{0, 0, 0xB1, 0x8F})...)
	extra = append(extra, chunkOf("eXIf", cameraTIFF(8))...)
	extra = append(extra, chunkOf("tEXt", []byte("Author\x00Ada Lovelace"))...)
	extra = append(extra, chunkOf("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta>GPS</x:xmpmeta>"))...)
	extra = append(extra, chunkOf("zTXt", []byte("Comment\x00\x00x\x9c\x03\x00\x00\x00\x00\x01"))...)
	extra = append(extra, chunkOf("tIME", []byte{0x07, 0xE8, 7, 14, 19, 42, 5})...)
	orig := append(append(append([]byte{}, plain[:ihdrEnd]...), extra...), plain[ihdrEnd:]...)
	if _, err := png.Decode(bytes.NewReader(orig)); err != nil {
		t.Fatalf("test PNG: %v", err)
	}
	out := Strip(orig)
	for _, s := range []string{"AcmeCam", "GPS", "Ada", "xmpmeta", "tEXt", "iTXt", "zTXt", "tIME", "Comment"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("%q survived Strip", s)
		}
	}
	if !bytes.Contains(out, []byte("gAMA")) {
		t.Error("gAMA was dropped")
	}
	if !bytes.Equal(pngExif(out), minimalTIFF(8)) {
		t.Errorf("eXIf is %x, want only the orientation", pngExif(out))
	}
	samePixels(t, orig, out)
	p, err := Prepare(out)
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 30 || p.Height != 50 {
		t.Errorf("orientation 8 lost: %d×%d", p.Width, p.Height)
	}
	// Every chunk Strip writes has a good CRC.
	chunks, ok := pngChunks(out)
	if !ok {
		t.Fatal("stripped PNG does not walk")
	}
	for _, c := range chunks {
		body := out[c.start+4 : c.end-4]
		if crc32.ChecksumIEEE(body) != binary.BigEndian.Uint32(out[c.end-4:]) {
			t.Errorf("chunk %s has a bad CRC", c.typ)
		}
	}
}

func TestStripLeavesOthersByteExact(t *testing.T) {
	for name, data := range map[string][]byte{
		"heic":    fakeHEIC(4032, 3024, 0),
		"webp":    webp1x1,
		"gif":     []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
		"garbage": []byte("not an image at all"),
		"bad jpg": []byte("\xFF\xD8\xFF\xE1\xFF\xFFshort"),
		"bad png": append(append([]byte{}, pngSignature...), 0, 0, 0, 99, 'I'),
	} {
		if out := Strip(data); !bytes.Equal(out, data) {
			t.Errorf("%s changed", name)
		}
	}
}

func TestStripOfPrepareCopies(t *testing.T) {
	p, err := Prepare(cameraJPEG(t, 6))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]byte{p.Display, p.Thumb} {
		if bytes.Contains(c, []byte("Exif")) || bytes.Contains(c, []byte("AcmeCam")) {
			t.Error("a copy carries metadata")
		}
		if _, err := jpeg.Decode(bytes.NewReader(c)); err != nil {
			t.Error(err)
		}
	}
}

// A progressive JPEG (made once with ImageMagick) has tables and scans after
// the first SOS; Strip walks through them and keeps them.
func TestStripProgressive(t *testing.T) {
	orig, err := os.ReadFile("testdata/progressive.jpg")
	if err != nil {
		t.Fatal(err)
	}
	segs, _, ok := jpegSegments(orig, false)
	scans := 0
	for _, s := range segs {
		if s.marker == 0xDA {
			scans++
		}
	}
	if !ok || scans < 2 {
		t.Fatalf("test file: walk ok %v, %d scans", ok, scans)
	}
	orig = withAPP1(orig, cameraTIFF(7))
	out := Strip(orig)
	if bytes.Contains(out, []byte("secret")) || bytes.Contains(out, []byte("AcmeCam")) {
		t.Error("metadata survived")
	}
	samePixels(t, orig, out)
	if p, err := Prepare(out); err != nil || p.Width != 64 || p.Height != 96 {
		t.Errorf("Prepare of the stripped file: %v, %d×%d", err, p.Width, p.Height)
	}
}
