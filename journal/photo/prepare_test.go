package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"kindred/journal/photo/internal/jpegdec"
)

var (
	red   = color.RGBA{220, 30, 30, 255}
	green = color.RGBA{30, 200, 40, 255}
	blue  = color.RGBA{30, 40, 220, 255}
	white = color.RGBA{255, 255, 255, 255}
)

// quadrants is a w×h picture: red top-left, green top-right, blue
// bottom-left, white bottom-right.
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := red
			switch {
			case x >= w/2 && y < h/2:
				c = green
			case x < w/2 && y >= h/2:
				c = blue
			case x >= w/2 && y >= h/2:
				c = white
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func near(a color.Color, b color.RGBA) bool {
	r, g, bl, _ := a.RGBA()
	d := func(x uint32, y uint8) int { return max(int(x>>8)-int(y), int(y)-int(x>>8)) }
	return d(r, b.R) < 48 && d(g, b.G) < 48 && d(bl, b.B) < 48
}

func decodeJPEG(t *testing.T, b []byte) image.Image {
	t.Helper()
	m, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The pixel that ends up top-left (and top-right) for each Exif orientation,
// as the Exif standard describes them.
func TestPrepareOrientation(t *testing.T) {
	cases := []struct {
		o        uint16
		tl, tr   color.RGBA
		swapped  bool
		describe string
	}{
		{1, red, green, false, "as stored"},
		{2, green, red, false, "mirrored left-right"},
		{3, white, blue, false, "half turn"},
		{4, blue, white, false, "mirrored top-bottom"},
		{5, red, blue, true, "transposed"},
		{6, blue, red, true, "quarter turn clockwise"},
		{7, white, green, true, "transversed"},
		{8, green, white, true, "quarter turn anticlockwise"},
	}
	for _, size := range []image.Point{{96, 48}, {3000, 1000}} { // as is, and shrunk
		plain := jpegOf(t, quadrants(size.X, size.Y), 90)
		for _, c := range cases {
			p, err := Prepare(orientedJPEG(plain, c.o))
			if err != nil {
				t.Fatal(err)
			}
			w, h := size.X, size.Y
			if c.swapped {
				w, h = h, w
			}
			if p.Width != w || p.Height != h {
				t.Errorf("%v orientation %d: size %d×%d, want %d×%d", size, c.o, p.Width, p.Height, w, h)
			}
			for _, copy := range [][]byte{p.Display, p.Thumb} {
				m := decodeJPEG(t, copy)
				b := m.Bounds()
				if (b.Dx() > b.Dy()) != (w > h) {
					t.Errorf("%v orientation %d (%s): copy is %v", size, c.o, c.describe, b)
				}
				if got := m.At(2, 2); !near(got, c.tl) {
					t.Errorf("%v orientation %d (%s): top-left %v, want %v", size, c.o, c.describe, got, c.tl)
				}
				if got := m.At(b.Dx()-3, 2); !near(got, c.tr) {
					t.Errorf("%v orientation %d (%s): top-right %v, want %v", size, c.o, c.describe, got, c.tr)
				}
			}
		}
	}
}

func TestPrepareSizes(t *testing.T) {
	p, err := Prepare(jpegOf(t, photoLike(3000, 2000, 2), 90))
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != JPEG || p.Width != 3000 || p.Height != 2000 {
		t.Fatalf("got %s %d×%d", p.Format, p.Width, p.Height)
	}
	if b := decodeJPEG(t, p.Display).Bounds(); b.Dx() != DisplaySide || b.Dy() != 1365 {
		t.Errorf("display copy is %v", b)
	}
	if b := decodeJPEG(t, p.Thumb).Bounds(); b.Dx() != ThumbSide || b.Dy() != 171 {
		t.Errorf("thumbnail is %v", b)
	}
	if !p.TakenAt.IsZero() {
		t.Errorf("TakenAt %v without Exif", p.TakenAt)
	}
	// The shrink averages: a flat grey stays that grey, edges included.
	grey := image.NewGray(image.Rect(0, 0, 2500, 700))
	for i := range grey.Pix {
		grey.Pix[i] = 100
	}
	p, err = Prepare(jpegOf(t, grey, 95))
	if err != nil {
		t.Fatal(err)
	}
	m := decodeJPEG(t, p.Display)
	for _, pt := range []image.Point{{0, 0}, {1000, 300}, {m.Bounds().Dx() - 1, m.Bounds().Dy() - 1}} {
		r, g, b, _ := m.At(pt.X, pt.Y).RGBA()
		if r>>8 < 97 || r>>8 > 103 || g>>8 < 97 || g>>8 > 103 || b>>8 < 97 || b>>8 > 103 {
			t.Errorf("grey at %v became %d,%d,%d", pt, r>>8, g>>8, b>>8)
		}
	}
}

func TestPrepareTakenAt(t *testing.T) {
	plain := jpegOf(t, quadrants(40, 30), 90)
	bo := order(binary.LittleEndian)
	with := func(exif []tiffEntry, ifd0 ...tiffEntry) time.Time {
		p, err := Prepare(withAPP1(plain, buildTIFF(bo, ifd0, exif, nil)))
		if err != nil {
			t.Fatal(err)
		}
		return p.TakenAt
	}
	got := with([]tiffEntry{asciiEntry(0x9003, "2024:07:14 19:42:05"), asciiEntry(0x9011, "+02:00")})
	if want := time.Date(2024, 7, 14, 17, 42, 5, 0, time.UTC); !got.Equal(want) {
		t.Errorf("with offset: %v, want %v", got, want)
	}
	got = with([]tiffEntry{asciiEntry(0x9003, "2024:07:14 19:42:05")})
	if want := time.Date(2024, 7, 14, 19, 42, 5, 0, time.Local); !got.Equal(want) {
		t.Errorf("without offset: %v, want %v (local)", got, want)
	}
	got = with(nil, asciiEntry(0x0132, "2023:01:02 03:04:05"))
	if want := time.Date(2023, 1, 2, 3, 4, 5, 0, time.Local); !got.Equal(want) {
		t.Errorf("IFD0 DateTime: %v, want %v", got, want)
	}
	if got = with([]tiffEntry{asciiEntry(0x9003, "0000:00:00 00:00:00")}); !got.IsZero() {
		t.Errorf("blank date gave %v", got)
	}
}

func TestPreparePNGAlphaOnWhite(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 60, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 60; x++ {
			if x < 30 {
				m.SetNRGBA(x, y, color.NRGBA{0, 0, 200, 255})
			} // the right half stays fully transparent
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != PNG || p.Width != 60 || p.Height != 40 {
		t.Fatalf("got %s %d×%d", p.Format, p.Width, p.Height)
	}
	d := decodeJPEG(t, p.Display)
	if !near(d.At(50, 20), white) {
		t.Errorf("transparent became %v, want white", d.At(50, 20))
	}
	if !near(d.At(5, 20), color.RGBA{0, 0, 200, 255}) {
		t.Errorf("opaque blue became %v", d.At(5, 20))
	}
}

func TestPrepareGIFFirstFrame(t *testing.T) {
	pal := color.Palette{color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}}
	frame := func(i uint8) *image.Paletted {
		f := image.NewPaletted(image.Rect(0, 0, 30, 20), pal)
		for j := range f.Pix {
			f.Pix[j] = i
		}
		return f
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{frame(0), frame(1)}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != GIF || p.Width != 30 || !near(decodeJPEG(t, p.Thumb).At(10, 10), color.RGBA{200, 0, 0, 255}) {
		t.Errorf("GIF: %s %d×%d, first pixel %v", p.Format, p.Width, p.Height, decodeJPEG(t, p.Thumb).At(10, 10))
	}
}

// A tiny lossless WebP (a 1×1 opaque pixel), as libwebp writes it.
var webp1x1 = []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")

func TestPrepareWebP(t *testing.T) {
	p, err := Prepare(webp1x1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != WEBP || p.Width != 1 || p.Height != 1 || p.Display == nil || p.Thumb == nil {
		t.Errorf("got %+v", p)
	}
}

func TestPrepareWebPExif(t *testing.T) {
	bo := order(binary.BigEndian)
	tiff := buildTIFF(bo, nil, []tiffEntry{asciiEntry(0x9003, "2022:12:24 18:00:00"), asciiEntry(0x9011, "-05:00")}, nil)
	chunk := binary.LittleEndian.AppendUint32([]byte("EXIF"), uint32(len(tiff)))
	chunk = append(chunk, tiff...)
	if len(tiff)%2 == 1 {
		chunk = append(chunk, 0)
	}
	data := append(append([]byte{}, webp1x1...), chunk...)
	binary.LittleEndian.PutUint32(data[4:], uint32(len(data)-8))
	p, err := Prepare(data)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2022, 12, 24, 23, 0, 0, 0, time.UTC); !p.TakenAt.Equal(want) {
		t.Errorf("TakenAt %v, want %v", p.TakenAt, want)
	}
}

func TestPrepareRejects(t *testing.T) {
	if _, err := Prepare([]byte("hello, not a picture")); err != ErrNotImage {
		t.Errorf("text: %v", err)
	}
	good := jpegOf(t, quadrants(40, 30), 90)
	if _, err := Prepare(good[:len(good)/2]); err == nil {
		t.Error("a cut JPEG was accepted")
	}
	// A header claiming 60000×60000 pixels is refused before decoding.
	huge := append([]byte{}, good...)
	for i := 2; i+9 < len(huge); i++ {
		if huge[i] == 0xFF && huge[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(huge[i+5:], 60000)
			binary.BigEndian.PutUint16(huge[i+7:], 60000)
			break
		}
	}
	if _, err := Prepare(huge); err != ErrTooLarge {
		t.Errorf("huge: %v", err)
	}
}

func TestPrintCopy(t *testing.T) {
	p, err := Prepare(jpegOf(t, photoLike(2400, 1800, 3), 90))
	if err != nil {
		t.Fatal(err)
	}
	pc, err := PrintCopy(p.Display, PrintSide, 80)
	if err != nil {
		t.Fatal(err)
	}
	if b := decodeJPEG(t, pc).Bounds(); b.Dx() != PrintSide || b.Dy() != 1200 {
		t.Errorf("print copy is %v", b)
	}
	if _, err := PrintCopy([]byte("nope"), PrintSide, 80); err == nil {
		t.Error("PrintCopy accepted garbage")
	}
	// Smaller than the side: kept at its size.
	small, err := PrintCopy(p.Thumb, PrintSide, 80)
	if err != nil {
		t.Fatal(err)
	}
	if b := decodeJPEG(t, small).Bounds(); b.Dx() != ThumbSide {
		t.Errorf("small print copy is %v", b)
	}
}

var _ = draw.Draw

// The banded encode joins with restart markers into one JPEG whose pixels
// are those of a single encode.
func TestEncodeBandsSamePixels(t *testing.T) {
	for _, size := range []image.Point{{2048, 1536}, {1000, 997}, {257, 300}} {
		src := planesOf(photoLike(size.X, size.Y, 5))
		m := src.ycbcr420(size.X, size.Y)
		joined, err := encode(m, 85)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := encodeWhole(m, 85)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(joined, whole) && size.Y >= 256 {
			t.Logf("%v: not banded (one core?)", size)
		}
		a, b := decodeJPEG(t, joined).(*image.YCbCr), decodeJPEG(t, whole).(*image.YCbCr)
		if a.Rect != b.Rect || !bytes.Equal(a.Y, b.Y) || !bytes.Equal(a.Cb, b.Cb) || !bytes.Equal(a.Cr, b.Cr) {
			t.Errorf("%v: banded encode decodes differently", size)
		}
		// Restart markers through the pipelined decoder too.
		c, err := jpegdec.Decode(bytes.NewReader(joined))
		if err != nil {
			t.Fatal(err)
		}
		if m := c.(*image.YCbCr); !bytes.Equal(a.Y, m.Y) || !bytes.Equal(a.Cr, m.Cr) {
			t.Errorf("%v: jpegdec decodes the banded encode differently", size)
		}
	}
}
