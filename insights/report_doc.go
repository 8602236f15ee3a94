package insights

import (
	"fmt"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// Paper is the report's page size.
type Paper string

const (
	PaperA4     Paper = "a4"
	PaperLetter Paper = "letter"
)

// ParsePaper reads "a4" or "letter" (any case).
func ParsePaper(s string) (Paper, error) {
	switch Paper(lowerASCII(s)) {
	case PaperA4, "":
		return PaperA4, nil
	case PaperLetter:
		return PaperLetter, nil
	}
	return "", fmt.Errorf("paper %q is not a4 or letter", s)
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// pdfRGB is a colour on the page.
type pdfRGB struct{ r, g, b int }

func pdfColor(s string, fallback pdfRGB) pdfRGB {
	if len(s) != 7 || s[0] != '#' {
		return fallback
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return fallback
	}
	return pdfRGB{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

var (
	pdfInk   = pdfRGB{0x1f, 0x23, 0x28}
	pdfMuted = pdfRGB{0x6b, 0x72, 0x80}
	pdfRule  = pdfRGB{0xd6, 0xd9, 0xde}
	pdfTint  = pdfRGB{0xf4, 0xf5, 0xf7}
	pdfLink  = pdfRGB{0x2b, 0x4c, 0xb3}
)

// textStyle is how a piece of text is set.
type textStyle struct {
	size         float64 // points
	bold, italic bool
	color        pdfRGB
	leading      float64 // line height as a multiple of size; 1.35 when zero
}

func (st textStyle) lineHeight() float64 {
	if st.leading == 0 {
		return st.size * 1.35
	}
	return st.size * st.leading
}

var (
	pdfBody    = textStyle{size: 10, color: pdfInk, leading: 1.45}
	pdfSmall   = textStyle{size: 8.5, color: pdfMuted}
	pdfLabel   = textStyle{size: 9, bold: true, color: pdfInk}
	pdfH1      = textStyle{size: 24, bold: true, color: pdfInk, leading: 1.2}
	pdfH2      = textStyle{size: 14, bold: true, color: pdfInk, leading: 1.3}
	pdfH3      = textStyle{size: 11, bold: true, color: pdfInk}
	pdfHeader  = textStyle{size: 8, color: pdfMuted}
	pdfCaption = textStyle{size: 8.5, italic: true, color: pdfMuted}
)

// reportDoc is the PDF being written: fpdf plus our fonts, a cursor that
// flows down the page, and what is drawn on every page at the end. All
// text reaches fpdf through its methods, shaped by fontSet.shape.
type reportDoc struct {
	pdf   *fpdf.Fpdf
	fonts *fontSet

	pageW, pageH             float64
	left, right, top, bottom float64 // the content box
	y                        float64 // the cursor: top of the next thing drawn

	header  string   // running header of pages added from now on
	headers []string // each page's running header, by page number
	pending []pendingChart

	tw textWriter
	// emojiTpl are the emoji drawn so far, each written once.
	emojiTpl emojiTemplates
	// emojiPics name the colour emoji pictures registered so far.
	emojiPics map[*emojiGlyph]string
	// photoNames are the photos registered so far, by photo id.
	photoNames map[string]string
	// Buffers reused by the text drawn most (a thousand pages of it):
	// paragraphs', and single lines'. What they hold is gone at the next
	// call, so shaped text that is kept uses shape instead.
	paraBuf, lineBuf shaped
	linesBuf         []shaped
	// keepNext is room the next paragraph's last lines keep below them on
	// their page, for what must stay with them (a letter's short closing).
	keepNext float64
}

func newReportDoc(paper Paper) (*reportDoc, error) {
	size := "A4"
	if paper == PaperLetter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "pt", size, "")
	pdf.SetAutoPageBreak(false, 0)
	// Streams are compressed when the file is complete: see compressStreams.
	pdf.SetCompression(false)
	fonts, err := newFontSet(pdf)
	if err != nil {
		return nil, err
	}
	d := &reportDoc{pdf: pdf, fonts: fonts, headers: []string{""}}
	d.pageW, d.pageH = pdf.GetPageSize()
	d.left, d.right = 62, d.pageW-62
	d.top, d.bottom = 70, d.pageH-62
	pdf.SetMargins(d.left, d.top, d.pageW-d.right)
	return d, nil
}

// width is the content box's width.
func (d *reportDoc) width() float64 { return d.right - d.left }

// newPage starts a page; the cursor goes to the top of its content box.
func (d *reportDoc) newPage() {
	d.pdf.AddPage()
	d.headers = append(d.headers, d.header)
	d.y = d.top
}

// gotoPage makes page p current to draw on it again (contents, footers,
// charts placed late). The font that page last set is not the one fpdf
// remembers, so the next text selects its font afresh.
func (d *reportDoc) gotoPage(p int) {
	d.pdf.SetPage(p)
	d.fonts.current = nil
}

// need starts a new page unless h more points fit on this one.
func (d *reportDoc) need(h float64) {
	if d.y+h > d.bottom {
		d.newPage()
	}
}

func (d *reportDoc) setText(c pdfRGB) { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *reportDoc) setFill(c pdfRGB) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *reportDoc) setDraw(c pdfRGB) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// shape prepares s for drawing in st.
func (d *reportDoc) shape(s string, st textStyle) shaped { return d.fonts.shape(s, st.bold, st.italic) }

// measure is s's width in st.
func (d *reportDoc) measure(s string, st textStyle) float64 { return d.shapeLine(s, st).width(st.size) }

// drawLine sets shaped text with its baseline at (x, baseline), one text
// operator per run of characters in the same font.
func (d *reportDoc) drawLine(x, baseline float64, l shaped, st textStyle) float64 {
	for i := 0; i < len(l); {
		f := l[i].face
		j := i
		var w float64
		for j < len(l) && l[j].face == f {
			w += l[j].w
			j++
		}
		if f == d.fonts.emojiFace {
			for _, g := range l[i:j] {
				d.emoji(x, baseline, d.fonts.emojis[g.r-emojiRuneBase], st.size, st.color)
				x += g.w * st.size / 1000
			}
			i = j
			continue
		}
		d.fonts.use(f, st.size)
		d.text(x, baseline, l[i:j], f, st.color)
		x += w * st.size / 1000
		i = j
	}
	return x
}

// baselineIn is where text of st sits in a line box starting at top.
func baselineIn(top float64, st textStyle) float64 {
	return top + (st.lineHeight()-st.size)/2 + st.size*0.8
}

// shapeLine shapes s into the single-line buffer.
func (d *reportDoc) shapeLine(s string, st textStyle) shaped {
	d.lineBuf = d.fonts.shapeAppend(d.lineBuf[:0], s, st.bold, st.italic)
	return d.lineBuf
}

// textAt draws one line of s with its line box's top at (x, top), and
// returns the x where it ends. Text longer than maxW (when > 0) is cut with
// an ellipsis.
func (d *reportDoc) textAt(x, top float64, s string, st textStyle, maxW float64) float64 {
	l := d.shapeLine(s, st)
	if maxW > 0 && l.width(st.size) > maxW {
		l = ellipsize(l, st.size, maxW, d.fonts.face(st.bold, st.italic))
	}
	return d.drawLine(x, baselineIn(top, st), l, st)
}

// textRight draws s ending at x.
func (d *reportDoc) textRight(x, top float64, s string, st textStyle) {
	l := d.shapeLine(s, st)
	d.drawLine(x-l.width(st.size), baselineIn(top, st), l, st)
}

// textCenter draws s centred on x.
func (d *reportDoc) textCenter(x, top float64, s string, st textStyle) {
	l := d.shapeLine(s, st)
	d.drawLine(x-l.width(st.size)/2, baselineIn(top, st), l, st)
}

func ellipsize(l shaped, size, maxW float64, f *fontFace) shaped {
	ew, _ := f.width('…')
	limit := maxW*1000/size - ew
	var w float64
	for i, g := range l {
		if w+g.w > limit {
			out := append(shaped{}, trimTrailingSpaces(l[:i])...)
			return append(out, shapedGlyph{'…', f, ew})
		}
		w += g.w
	}
	return l
}

// paragraph flows s at the cursor between x and the right edge, breaking
// lines and pages as needed, and moves the cursor below it. Blank lines in s
// separate paragraphs.
func (d *reportDoc) paragraph(s string, st textStyle, indent float64) {
	lh := st.lineHeight()
	paras := splitParagraphs(s)
	for pi, para := range paras {
		d.paraBuf = d.fonts.shapeAppend(d.paraBuf[:0], para, st.bold, st.italic)
		d.linesBuf = wrapShapedAppend(d.linesBuf[:0], d.paraBuf, st.size, d.width()-indent)
		n := len(d.linesBuf)
		keep := 0.0 // what must follow the paragraph's end on its page
		if pi == len(paras)-1 {
			keep, d.keepNext = d.keepNext, 0
		}
		for i, l := range d.linesBuf {
			// No line of a paragraph alone at the foot of a page (an
			// orphan) or at the head of the next (a widow): a paragraph of
			// three lines or fewer stays whole, a longer one starts with
			// two lines together and ends with two.
			switch {
			case i == 0 && n <= 3:
				d.need(float64(n)*lh + keep)
			case i == n-2:
				d.need(2*lh + keep)
			case i == 0:
				d.need(2 * lh)
			default:
				d.need(lh)
			}
			d.drawLine(d.left+indent, baselineIn(d.y, st), l, st)
			d.y += lh
		}
		d.y += st.size * 0.5
	}
}

// lines is how many lines s takes in st at width w (for keeping things together).
func (d *reportDoc) lines(s string, st textStyle, w float64) int {
	n := 0
	for _, para := range splitParagraphs(s) {
		n += len(wrapShaped(d.shape(para, st), st.size, w))
	}
	return n
}

// splitParagraphs splits text at line breaks; empty lines are dropped, the
// gap between paragraphs shows them.
func splitParagraphs(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			p := s[start:i]
			if len(p) > 0 && p[len(p)-1] == '\r' {
				p = p[:len(p)-1]
			}
			if trimmed := trimBlanks(p); trimmed != "" {
				out = append(out, trimmed)
			}
			start = i + 1
		}
	}
	return out
}

func trimBlanks(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[i:j]
}

// rule draws a thin line across the content box at the cursor.
func (d *reportDoc) rule() {
	d.setDraw(pdfRule)
	d.pdf.SetLineWidth(0.6)
	d.pdf.Line(d.left, d.y, d.right, d.y)
}

// bookmark adds an outline entry pointing at the cursor.
func (d *reportDoc) bookmark(title string, level int) {
	d.pdf.Bookmark(d.fonts.plain(title), level, d.y)
}

// finish draws each page's running header and "n / N" footer, now that the
// page count is known; the cover (page 1) has neither.
func (d *reportDoc) finish(title, author, subject string) {
	n := d.pdf.PageCount()
	for p := 2; p <= n; p++ {
		d.gotoPage(p)
		top := d.top - 36
		if h := d.headers[p]; h != "" {
			d.textAt(d.left, top, h, pdfHeader, d.width()*0.6)
		}
		d.textRight(d.right, top, title, pdfHeader)
		d.setDraw(pdfRule)
		d.pdf.SetLineWidth(0.5)
		d.pdf.Line(d.left, top+14, d.right, top+14)
		d.textCenter(d.pageW/2, d.bottom+26, fmt.Sprintf("%d / %d", p, n), pdfHeader)
	}
	// fpdf writes pages up to the current one: end on the last.
	d.gotoPage(n)
	d.describe(title, author, subject)
}

// describe sets the document's metadata.
func (d *reportDoc) describe(title, author, subject string) {
	d.pdf.SetTitle(d.fonts.plain(title), true)
	d.pdf.SetAuthor(d.fonts.plain(author), true)
	d.pdf.SetSubject(d.fonts.plain(subject), true)
	d.pdf.SetCreator("Kindred", true)
}
