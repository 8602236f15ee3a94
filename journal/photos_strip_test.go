package journal_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// commentedGIF is a small GIF carrying a comment extension, as some editors
// write one (with a place, a name), right after its colour table.
func commentedGIF(t *testing.T, seed byte, comment string) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.Black, color.White, color.RGBA{R: 200, A: 255}, color.RGBA{B: 200, A: 255}})
	for i := range img.Pix {
		img.Pix[i] = byte(i/7+int(seed)) % 4
	}
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	head := 13
	if packed := plain[10]; packed&0x80 != 0 {
		head += 3 << (packed&7 + 1)
	}
	out := append([]byte{}, plain[:head]...)
	out = append(out, 0x21, 0xFE, byte(len(comment)))
	out = append(out, comment...)
	out = append(out, 0)
	return append(out, plain[head:]...)
}

// An evening's GIF is exported without its comment, unless the user keeps
// the metadata; the original stays as added either way.
func TestPhotoExportStripsGIFComment(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	const secret = "GPS 48.8584N at Mira's"
	stripped, kept := commentedGIF(t, 1, secret), commentedGIF(t, 2, secret)
	a, err := s.AddPhoto(ctx, "party.gif", stripped)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddPhoto(ctx, "kept.gif", kept)
	if err != nil {
		t.Fatal(err)
	}
	b.KeepMetadata = true
	photoEvening(t, s, *a, *b)

	exp, err := s.PhotoData(ctx, a.ID, journal.PhotoExport)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(exp, []byte(secret)) {
		t.Error("the exported GIF kept its comment")
	}
	want, errA := gif.Decode(bytes.NewReader(stripped))
	got, errB := gif.Decode(bytes.NewReader(exp))
	if errA != nil || errB != nil {
		t.Fatalf("decode: %v, %v", errA, errB)
	}
	if !bytes.Equal(want.(*image.Paletted).Pix, got.(*image.Paletted).Pix) {
		t.Error("the exported GIF's pixels changed")
	}
	if orig, err := s.PhotoData(ctx, a.ID, journal.PhotoOriginal); err != nil || !bytes.Equal(orig, stripped) {
		t.Errorf("the original changed: %v", err)
	}
	if exp, err := s.PhotoData(ctx, b.ID, journal.PhotoExport); err != nil || !bytes.Equal(exp, kept) {
		t.Errorf("a GIF whose metadata the user keeps was not exported as added: %v", err)
	}
}
