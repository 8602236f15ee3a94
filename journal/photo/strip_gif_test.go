package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"testing"
)

// gifExt is a GIF extension: introducer, label, sub-blocks, terminator.
func gifExt(label byte, blocks ...string) []byte {
	out := []byte{0x21, label}
	for _, b := range blocks {
		out = append(append(out, byte(len(b))), b...)
	}
	return append(out, 0)
}

// gifXMP is an XMP packet as Adobe writes it into a GIF: raw, not in
// sub-blocks, followed by the "magic trailer" that lets a reader skipping
// sub-blocks land on the terminator whatever length byte it starts from.
func gifXMP(packet string) []byte {
	out := append([]byte{0x21, 0xFF, 11}, "XMP DataXMP"...)
	out = append(out, packet...)
	out = append(out, 1)
	for i := 255; i >= 0; i-- {
		out = append(out, byte(i))
	}
	return append(out, 0)
}

// animatedGIF is three frames with their own delays, played twice more.
func animatedGIF(t testing.TB) []byte {
	pal := color.Palette{color.Black, color.White, color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255}}
	g := gif.GIF{LoopCount: 2}
	for i := range 3 {
		img := image.NewPaletted(image.Rect(0, 0, 12, 8), pal)
		for j := range img.Pix {
			img.Pix[j] = byte((j/3 + i) % 4)
		}
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, 10*(i+1))
		g.Disposal = append(g.Disposal, gif.DisposalBackground)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cameraGIF is animatedGIF with every kind of metadata spliced in (after the
// global colour table, between frames, after the trailer), and the
// extensions that must stay: an ICC profile, the old loop count, plain text.
func cameraGIF(t testing.TB) []byte {
	plain := animatedGIF(t)
	head := 13 + colourTableSize(plain[10])
	lastFrame := bytes.LastIndex(plain, []byte{0x21, 0xF9, 0x04})
	var out []byte
	out = append(out, plain[:head]...)
	out = append(out, gifExt(0xFE, "secret comment: ", "at Mira's flat")...)
	out = append(out, gifXMP(`<x:xmpmeta><exif:GPSLatitude>52,31.2N</exif:GPSLatitude></x:xmpmeta>`)...)
	out = append(out, gifExt(0xFF, "ICCRGBG1012", "fake-icc-profile")...)
	out = append(out, gifExt(0xFF, "ANIMEXTS1.0", "\x01\x02\x00")...)
	out = append(out, gifExt(0xFF, "MGKIPTC0000", "8BIM caption Ada")...)
	out = append(out, gifExt(0x01, "\x00\x00\x00\x00\x0c\x00\x08\x00\x04\x08\x01\x00", "plain words")...)
	out = append(out, plain[head:lastFrame]...)
	out = append(out, gifExt(0xFE, "second secret")...)
	out = append(out, plain[lastFrame:]...)
	return append(out, "GPS trailer after the image"...)
}

func TestStripGIF(t *testing.T) {
	orig := cameraGIF(t)
	before, err := gif.DecodeAll(bytes.NewReader(orig))
	if err != nil {
		t.Fatalf("the test GIF does not decode: %v", err)
	}
	out := Strip(orig)
	for _, s := range []string{"secret", "Mira", "xmpmeta", "GPS", "XMP Data", "MGKIPTC", "Ada", "trailer"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("%q survived Strip", s)
		}
	}
	for _, s := range []string{"NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012", "fake-icc-profile", "plain words"} {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("%q was dropped", s)
		}
	}
	if out[len(out)-1] != 0x3B {
		t.Error("the stripped GIF does not end with its trailer")
	}
	after, err := gif.DecodeAll(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the stripped GIF does not decode: %v", err)
	}
	if after.LoopCount != before.LoopCount || len(after.Image) != len(before.Image) || after.BackgroundIndex != before.BackgroundIndex {
		t.Fatalf("loop %d, %d frames; want loop %d, %d frames", after.LoopCount, len(after.Image), before.LoopCount, len(before.Image))
	}
	for i := range before.Image {
		a, b := before.Image[i], after.Image[i]
		if before.Delay[i] != after.Delay[i] || before.Disposal[i] != after.Disposal[i] ||
			a.Rect != b.Rect || !bytes.Equal(a.Pix, b.Pix) || len(a.Palette) != len(b.Palette) {
			t.Errorf("frame %d changed", i)
		}
	}
	if again := Strip(out); !bytes.Equal(again, out) {
		t.Error("stripping twice changed the file again")
	}
}

// A GIF without metadata comes back byte for byte.
func TestStripGIFNothingToStrip(t *testing.T) {
	plain := animatedGIF(t)
	if out := Strip(plain); !bytes.Equal(out, plain) {
		t.Error("a GIF without metadata changed")
	}
}

// A cut GIF is stripped up to a clean end between blocks, else left as it
// is; a block Kindred does not know leaves it as it is. Never a panic.
func TestStripGIFDamaged(t *testing.T) {
	orig := cameraGIF(t)
	for n := range len(orig) {
		cut := orig[:n]
		out := Strip(cut)
		if !bytes.Equal(out, cut) && (bytes.Contains(out, []byte("secret")) || bytes.Contains(out, []byte("xmpmeta"))) {
			t.Fatalf("cut at %d: half stripped", n)
		}
	}
	head := 13 + colourTableSize(orig[10])
	odd := bytes.Clone(orig)
	odd[head] = 0x99
	if out := Strip(odd); !bytes.Equal(out, odd) {
		t.Error("a GIF with an unknown block changed")
	}
}
