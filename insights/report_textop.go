package insights

import (
	"bytes"
	"math"
	"strconv"
)

// A thousand-page report draws some fifty thousand lines, and fpdf's Text
// costs more per line than all the rest of the layout: it formats with
// Sprintf, converts and escapes through several strings, and records every
// character in a map so that only the characters used are embedded. So a
// line whose characters fpdf has already recorded for its font is written
// here directly, as the same PDF operators Text writes; a line with a
// character new to its font goes through Text, which records it.

// usedRunes is a set of BMP characters.
type usedRunes [0x10000 / 64]uint64

func (u *usedRunes) has(r rune) bool { return u[r>>6]&(1<<(r&63)) != 0 }
func (u *usedRunes) add(r rune)      { u[r>>6] |= 1 << (r & 63) }

// textWriter writes text operators onto the page being drawn.
type textWriter struct {
	buf    []byte
	reader bytes.Reader
	colors map[pdfRGB]string
}

// text draws run (all in face f, which fonts.use has selected) with its
// baseline at (x, baseline) in colour c.
func (d *reportDoc) text(x, baseline float64, run shaped, f *fontFace, c pdfRGB) {
	for _, g := range run {
		if !f.used.has(g.r) {
			d.setText(c)
			d.pdf.Text(x, baseline, run.String())
			for _, g := range run {
				f.used.add(g.r)
			}
			return
		}
	}
	tw := &d.tw
	b := append(tw.buf[:0], "q "...)
	b = append(b, tw.color(c)...)
	b = append(b, " BT "...)
	b = appendCoord(b, x)
	b = append(b, ' ')
	b = appendCoord(b, d.pageH-baseline)
	b = append(b, " Td ("...)
	for _, g := range run {
		// UTF-16BE, escaped as fpdf escapes it: shape keeps every
		// character in the BMP.
		b = appendEscaped(b, byte(g.r>>8))
		b = appendEscaped(b, byte(g.r))
	}
	b = append(b, ") Tj ET Q"...)
	tw.buf = b
	tw.reader.Reset(b)
	d.pdf.RawWriteBuf(&tw.reader)
}

// appendCoord appends v with two decimals, as fpdf's %.2f writes it, but
// without strconv's general float formatting, a tenth of the layout's time.
// Values near a rounding tie, and any far off the page, go to strconv.
func appendCoord(b []byte, v float64) []byte {
	h := v * 100
	if !(h >= 0 && h < 1e12) || math.Abs(math.Abs(h-math.Trunc(h))-0.5) < 1e-6 {
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	n := int64(math.Round(h))
	b = strconv.AppendInt(b, n/100, 10)
	return append(b, '.', byte('0'+n/10%10), byte('0'+n%10))
}

// appendEscaped appends one byte of a PDF string.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// color is the operator that sets c for text, as fpdf writes it.
func (tw *textWriter) color(c pdfRGB) string {
	s, ok := tw.colors[c]
	if !ok {
		var b []byte
		for i, v := range []int{c.r, c.g, c.b} {
			if i > 0 {
				b = append(b, ' ')
			}
			b = strconv.AppendFloat(b, float64(v)/255, 'f', 3, 64)
		}
		s = string(append(b, " rg"...))
		if tw.colors == nil {
			tw.colors = map[pdfRGB]string{}
		}
		tw.colors[c] = s
	}
	return s
}
