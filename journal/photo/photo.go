// Package photo turns the bytes of an image the user added into what Kindred
// shows and prints: a display copy and a thumbnail, upright (EXIF orientation
// applied) and without metadata. It has no SQL and no Fyne: the store keeps
// what it makes, the window and the PDF read it back.
//
// Speed (Prepare of a 12-megapixel JPEG is most of adding a photo): the
// original is decoded by internal/jpegdec (Go's decoder with its inverse DCT
// on a second core), shrunk on its Y, Cb and Cr channels by an area average
// (never expanded to RGBA), turned upright after shrinking, and encoded in
// bands on all cores; the thumbnail is made from the display copy.
// BenchmarkPrepare12MP measures it.
//
// The Exif block is read by a small TIFF reader of its own (exif.go): only
// the orientation and the date are taken from it.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // decoded by image.Decode: the first frame
	_ "image/jpeg" // image.DecodeConfig; the pixels go through jpegdec
	_ "image/png"  // decoded by image.Decode
	"time"

	_ "golang.org/x/image/webp" // decoded by image.Decode

	"kindred/journal/photo/internal/jpegdec"
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

// MaxPixels bounds the originals Prepare decodes (about 100 megapixels, a
// medium-format camera): a file claiming more would take gigabytes to decode.
const MaxPixels = 100_000_000

// ErrTooLarge is returned for an image above MaxPixels.
var ErrTooLarge = errors.New("the image is too large to show (more than 100 megapixels)")

// Prepare makes the display copy and thumbnail of an original. A format that
// is recognised but cannot be decoded here (HEIC) comes back with no copies
// and no error: the original is kept byte-exact and shown as a placeholder
// (its Width and Height read from the file when it says them).
//
// The copies are upright (the Exif orientation of a JPEG, PNG or WebP is
// applied to their pixels, and Width and Height are upright), carry no
// metadata, and have transparency laid on white; a GIF gives its first frame.
// TakenAt is the Exif DateTimeOriginal (with OffsetTimeOriginal when present,
// else in local time), or zero.
func Prepare(data []byte) (Prepared, error) {
	p := Prepared{Format: Sniff(data)}
	switch p.Format {
	case Other:
		return p, ErrNotImage
	case HEIC:
		p.Width, p.Height = heicSize(data)
		return p, nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return p, fmt.Errorf("reading the %s image: %w", p.Format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return p, ErrTooLarge
	}
	img, err := decode(p.Format, data)
	if err != nil {
		return p, fmt.Errorf("reading the %s image: %w", p.Format, err)
	}
	info := exifOf(p.Format, data)
	p.TakenAt = info.taken
	src := planesOf(img)
	display := orient420(src.ycbcr420(fitSize(src.w, src.h, DisplaySide)), info.orientation)
	p.Width, p.Height = src.w, src.h
	if info.orientation >= 5 {
		p.Width, p.Height = src.h, src.w
	}
	if p.Display, err = encode(display, 85); err != nil {
		return p, err
	}
	small := planesOf420(display)
	if p.Thumb, err = encode(small.ycbcr420(fitSize(small.w, small.h, ThumbSide)), 80); err != nil {
		return p, err
	}
	return p, nil
}

// decode reads an image of a format Sniff named; JPEG, the usual 12-megapixel
// case, goes to the decoder that uses a second core.
// A decoder that panics on a hostile file (it has happened in Go's image
// packages) gives an error here, not a crash of the window.
func decode(format string, data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("the %s decoder failed: %v", format, r)
		}
	}()
	if format == JPEG {
		return jpegdec.Decode(bytes.NewReader(data))
	}
	img, _, err = image.Decode(bytes.NewReader(data))
	return img, err
}

// PrintCopy re-encodes a display copy for a PDF: long side <= side pixels.
func PrintCopy(display []byte, side, quality int) ([]byte, error) {
	img, err := jpegdec.Decode(bytes.NewReader(display))
	if err != nil {
		return nil, err
	}
	src := planesOf(img)
	return encode(src.ycbcr420(fitSize(src.w, src.h, side)), quality)
}
