package insights

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"image"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/klauspost/compress/zlib"
)

// Charts are rendered for their placed size at print resolution, so lines
// and labels stay crisp on paper: printDPI for a report of a few people.
// A report of many people holds hundreds of charts, and each costs its
// pixels twice (drawn, then compressed) in time, memory and file size; there
// the resolution steps down to what still prints cleanly.
const (
	printDPI          = 300
	pointsPerInch     = 72
	chartScaleDivisor = 96 // RenderChartScaled's scale is pixels per 1/96 inch
)

// chartDPI is the resolution of a report's charts, by how many people it has.
func chartDPI(people int) float64 {
	switch {
	case people <= 12:
		return printDPI
	case people <= 50:
		return 200
	}
	return 150
}

// pixelsFor is how many pixels a length in points needs at dpi.
func pixelsFor(points, dpi float64) int { return int(points/pointsPerInch*dpi + 0.5) }

// zlibWriters are reused across charts: a deflate writer allocates large
// tables, and a large report compresses hundreds of charts. klauspost's
// deflate is about twice as fast as the standard library's at the same
// size, and compressing the charts is half the cost of a large report.
var zlibWriters = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return z
}}

// encodePrintPNG writes img as an opaque 8-bit RGB PNG, flattened on white.
// It is faster than image/png for what charts are (large flat areas): one
// filter (Up) and a fast deflate. fpdf passes such a PNG's compressed
// data into the PDF as it is, without decoding it.
func encodePrintPNG(img image.Image) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("empty image")
	}
	var idat bytes.Buffer
	idat.Grow(w * h / 4)
	z := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(z)
	z.Reset(&idat)
	row := make([]byte, 1+3*w)
	prev := make([]byte, 1+3*w)
	filtered := make([]byte, 1+3*w)
	filtered[0] = 2 // Up
	rgba, _ := img.(*image.RGBA)
	for y := 0; y < h; y++ {
		if rgba != nil {
			// The charts' own type: convert and filter in one pass.
			upFilterRGBA(rgba.Pix[rgba.PixOffset(b.Min.X, b.Min.Y+y):][:4*w], row[1:], prev[1:], filtered[1:])
		} else {
			rgbRow(img, b.Min.X, b.Min.Y+y, w, row[1:])
			for i := 1; i < len(row); i++ {
				filtered[i] = row[i] - prev[i]
			}
		}
		if _, err := z.Write(filtered); err != nil {
			return nil, err
		}
		row, prev = prev, row
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	out := bytes.NewBuffer(make([]byte, 0, 8+3*12+len(ihdr)+idat.Len()))
	out.WriteString("\x89PNG\r\n\x1a\n")
	pngChunk(out, "IHDR", ihdr[:])
	pngChunk(out, "IDAT", idat.Bytes())
	pngChunk(out, "IEND", nil)
	return out.Bytes(), nil
}

// upFilterRGBA writes one premultiplied RGBA row as RGB over white into row,
// and into out its difference from the row above (PNG's Up filter).
func upFilterRGBA(src, row, prev, out []byte) {
	n := min(len(src)/4, len(row)/3, len(prev)/3, len(out)/3)
	src, row, prev, out = src[:4*n], row[:3*n], prev[:3*n], out[:3*n]
	for i := range n {
		s := src[4*i : 4*i+4 : 4*i+4]
		a := ^s[3] // over white is c + (255 - a)
		r, g, b := s[0]+a, s[1]+a, s[2]+a
		d, p, o := row[3*i:3*i+3:3*i+3], prev[3*i:3*i+3:3*i+3], out[3*i:3*i+3:3*i+3]
		d[0], d[1], d[2] = r, g, b
		o[0], o[1], o[2] = r-p[0], g-p[1], b-p[2]
	}
}

// rgbRow writes one row of img as RGB over white.
func rgbRow(img image.Image, x0, y, w int, dst []byte) {
	switch m := img.(type) {
	case *image.RGBA:
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		for x := 0; x < w; x++ {
			p := src[4*x : 4*x+4 : 4*x+4]
			d := dst[3*x : 3*x+3 : 3*x+3]
			// Premultiplied: over white is c + (255 - a).
			a := 255 - p[3]
			d[0], d[1], d[2] = p[0]+a, p[1]+a, p[2]+a
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

// image places a PNG at (x, y), w x h points. The image is named for its
// content: fpdf writes every name it was given into each page's resources,
// keyed by a hash of the content, so two names for the same picture (two
// people's charts can be identical) would give a page the same key twice,
// which qpdf and PDF/A checkers reject. One name per picture also stores it
// once.
func (d *reportDoc) image(png []byte, x, y, w, h float64) {
	sum := sha1.Sum(png)
	name := "img" + hex.EncodeToString(sum[:])
	opts := fpdf.ImageOptions{ImageType: "png"}
	d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(png))
	d.pdf.ImageOptions(name, x, y, w, h, false, opts, 0, "")
}

// pendingChart is a chart's place on a page, kept until the chart is drawn.
type pendingChart struct {
	page       int
	x, y, w, h float64
	chart      *chartFuture
}

// chartAt keeps a box on the current page for a chart still being drawn.
func (d *reportDoc) chartAt(f *chartFuture, x, y, w, h float64) {
	d.pending = append(d.pending, pendingChart{page: d.pdf.PageNo(), x: x, y: y, w: w, h: h, chart: f})
}

// placeCharts waits for the charts and puts each in its box. Laying out the
// pages does not wait for them, so drawing and layout overlap.
func (d *reportDoc) placeCharts(ctx context.Context) error {
	for _, p := range d.pending {
		select {
		case <-p.chart.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return d.placeReady()
}

// placeReady puts the charts drawn so far in their boxes and lets go of
// their images, so a long report does not hold them all until the end.
func (d *reportDoc) placeReady() error {
	last := d.pdf.PageCount()
	moved := false
	waiting := d.pending[:0]
	for _, p := range d.pending {
		select {
		case <-p.chart.done:
		default:
			waiting = append(waiting, p)
			continue
		}
		if p.chart.err != nil {
			return p.chart.err
		}
		d.gotoPage(p.page)
		moved = true
		d.image(p.chart.png, p.x, p.y, p.w, p.h)
		p.chart.png = nil
	}
	clear(d.pending[len(waiting):])
	d.pending = waiting
	if moved {
		d.gotoPage(last)
	}
	return nil
}
