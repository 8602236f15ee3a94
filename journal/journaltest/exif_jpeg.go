package journaltest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"testing"
)

// ExifCamera is the camera ExifJPEG names in its metadata, and ExifGPSDatum
// the map datum in its GPS block: a copy that still holds either still
// carries the photo's metadata.
const (
	ExifCamera   = "KindredTestCamera"
	ExifGPSDatum = "KindredGPSDatum"
)

// ExifJPEG is a real w x h JPEG that carries an EXIF block with a camera
// name and a GPS position, as a phone's photo does. Its picture is a
// gradient with grain (seeded, so photos differ): it compresses about as
// a photo does, where a flat gradient would make sizes look too good.
func ExifJPEG(tb testing.TB, w, h int, seed byte) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	state := uint32(seed)*2654435761 + 1
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			state ^= state << 13
			state ^= state >> 17
			state ^= state << 5
			grain := uint8(state % 12)
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x*200/w)+grain, uint8(y*200/h)+grain, seed+grain, 255
		}
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	b := plain.Bytes()
	out := append([]byte{}, b[:2]...) // SOI
	out = append(out, exifSegment()...)
	return append(out, b[2:]...)
}

// exifSegment is an APP1 "Exif" segment: IFD0 with Make and a GPS IFD
// pointer, the GPS IFD with a latitude reference.
func exifSegment() []byte {
	le := binary.LittleEndian
	var t bytes.Buffer
	t.WriteString("II*\x00")
	binary.Write(&t, le, uint32(8))
	camera := ExifCamera + "\x00"
	// IFD0 at 8: two entries, then the next-IFD offset.
	ifd0End := 8 + 2 + 2*12 + 4
	gpsAt := ifd0End + len(camera)
	datum := ExifGPSDatum + "\x00"
	gpsEnd := gpsAt + 2 + 2*12 + 4
	binary.Write(&t, le, uint16(2))
	binary.Write(&t, le, []uint16{0x010F, 2})
	binary.Write(&t, le, []uint32{uint32(len(camera)), uint32(ifd0End)})
	binary.Write(&t, le, []uint16{0x8825, 4})
	binary.Write(&t, le, []uint32{1, uint32(gpsAt)})
	binary.Write(&t, le, uint32(0))
	t.WriteString(camera)
	// GPS IFD: latitude reference "N" and the map datum.
	binary.Write(&t, le, uint16(2))
	binary.Write(&t, le, []uint16{0x0001, 2})
	binary.Write(&t, le, []uint32{2, 'N'})
	binary.Write(&t, le, []uint16{0x0012, 2})
	binary.Write(&t, le, []uint32{uint32(len(datum)), uint32(gpsEnd)})
	binary.Write(&t, le, uint32(0))
	t.WriteString(datum)
	payload := append([]byte("Exif\x00\x00"), t.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}
