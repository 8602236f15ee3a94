package insights

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"

	"github.com/go-pdf/fpdf"
)

// printDPI is the resolution charts are rendered at for their placed size,
// so lines and labels stay crisp on paper.
const printDPI = 300

// pixelsFor is how many pixels a length in points needs at printDPI.
func pixelsFor(points float64) int { return int(points/72*printDPI + 0.5) }

// encodePrintPNG writes img as an opaque 8-bit RGB PNG, flattened on white.
// It is faster than image/png for what charts are (large flat areas): one
// filter (Up) and the fastest deflate. fpdf passes such a PNG's compressed
// data into the PDF as it is, without decoding it.
func encodePrintPNG(img image.Image) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("empty image")
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	pngChunk(&out, "IHDR", ihdr[:])

	var idat bytes.Buffer
	z, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		return nil, err
	}
	row := make([]byte, 1+3*w)
	prev := make([]byte, 1+3*w)
	filtered := make([]byte, 1+3*w)
	filtered[0] = 2 // Up
	for y := 0; y < h; y++ {
		rgbRow(img, b.Min.X, b.Min.Y+y, w, row[1:])
		for i := 1; i < len(row); i++ {
			filtered[i] = row[i] - prev[i]
		}
		if _, err := z.Write(filtered); err != nil {
			return nil, err
		}
		row, prev = prev, row
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	pngChunk(&out, "IDAT", idat.Bytes())
	pngChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// rgbRow writes one row of img as RGB over white.
func rgbRow(img image.Image, x0, y, w int, dst []byte) {
	switch m := img.(type) {
	case *image.RGBA:
		src := m.Pix[m.PixOffset(x0, y):]
		for x := 0; x < w; x++ {
			// Premultiplied: over white is c + (255 - a).
			a := 255 - src[4*x+3]
			dst[3*x] = src[4*x] + a
			dst[3*x+1] = src[4*x+1] + a
			dst[3*x+2] = src[4*x+2] + a
		}
	case *image.NRGBA:
		src := m.Pix[m.PixOffset(x0, y):]
		for x := 0; x < w; x++ {
			a := uint32(src[4*x+3])
			for c := 0; c < 3; c++ {
				dst[3*x+c] = byte((uint32(src[4*x+c])*a + 255*(255-a) + 127) / 255)
			}
		}
	default:
		for x := 0; x < w; x++ {
			r, g, b, a := img.At(x0+x, y).RGBA()
			white := 0xffff - a
			dst[3*x] = byte((r + white) >> 8)
			dst[3*x+1] = byte((g + white) >> 8)
			dst[3*x+2] = byte((b + white) >> 8)
		}
	}
}

func pngChunk(out *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	out.WriteString(kind)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}

// image places a PNG at (x, y), w x h points.
func (d *reportDoc) image(png []byte, x, y, w, h float64) {
	d.images++
	name := fmt.Sprintf("img%d", d.images)
	opts := fpdf.ImageOptions{ImageType: "png"}
	d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(png))
	d.pdf.ImageOptions(name, x, y, w, h, false, opts, 0, "")
}
