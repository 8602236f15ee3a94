package insights

import (
	"fmt"
	"math"
)

// cover is the first page: what the report is about, whom, which period,
// and when it was made.
func (rw *reportWriter) cover() {
	d := rw.doc
	d.header = ""
	d.newPage()

	// A band of the people's colours across the top.
	band := d.width() / float64(max(1, min(len(rw.people), 40)))
	for i, p := range rw.people {
		if i >= 40 {
			break
		}
		d.setFill(pdfColor(p.Person.Color, pdfMuted))
		d.pdf.Rect(d.left+float64(i)*band, 90, band, 6, "F")
	}

	d.y = 150
	d.textAt(d.left, d.y, "KINDRED", textStyle{size: 11, bold: true, color: pdfMuted}, 0)
	d.y += 26
	title := "Your relationships"
	if len(rw.people) == 1 {
		title = rw.people[0].Person.Name
	}
	for _, l := range wrapShaped(d.shape(title, textStyle{size: 34, bold: true}), 34, d.width()) {
		st := textStyle{size: 34, bold: true, color: pdfInk, leading: 1.15}
		d.drawLine(d.left, baselineIn(d.y, st), l, st)
		d.y += st.lineHeight()
	}
	d.y += 4
	sub := "How the relationships in your journal deepened"
	if len(rw.people) == 1 {
		sub = "How this relationship deepened"
	}
	d.textAt(d.left, d.y, sub, textStyle{size: 14, color: pdfMuted}, d.width())
	d.y += 60

	field := func(label, value string) {
		d.textAt(d.left, d.y, label, textStyle{size: 9, bold: true, color: pdfMuted}, 0)
		d.y += 14
		d.paragraph(value, textStyle{size: 12, color: pdfInk, leading: 1.4}, 0)
		d.y += 10
	}
	field("PERIOD", spanWords(rw.period)+rangeNote(rw.opt.Range))
	names := make([]string, len(rw.people))
	for i, p := range rw.people {
		names[i] = p.Person.Name
	}
	label := "PEOPLE"
	if len(names) > 1 {
		label = fmt.Sprintf("PEOPLE (%d)", len(names))
	}
	field(label, joinNames(names, 60))
	field("MADE", longDate(rw.opt.Now)+" at "+rw.opt.Now.Format("15:04"))
	if rw.opt.NoText {
		field("CONTENTS", "Insights, charts and moment notes; the reflections' text is left out.")
	}

	d.y = d.bottom - 40
	d.paragraph("This report is an ordinary, unencrypted PDF: anyone who has the file can read it. "+
		"Keep it as privately as the journal itself.", pdfCaption, 0)
}

// rangeNote explains a period the user chose, when its ends differ from the evenings'.
func rangeNote(r Range) string {
	if r.From.IsZero() && r.To.IsZero() {
		return " (the whole journal)"
	}
	return " (chosen period:" + periodWords(r) + ")"
}

// tocEntry is one line of the contents, linked to where its section starts.
type tocEntry struct {
	title string
	link  int
	page  int
}

const tocLine = 18 // points per line of the contents

// tocPages is how many pages the contents take; known before the sections
// are laid out, so the contents can be written last onto pages kept for it.
type tocPages struct{ first, count, perPage int }

func (rw *reportWriter) reserveContents(entries int) tocPages {
	d := rw.doc
	firstPageLines := int((d.bottom - d.top - 60) / tocLine)
	perPage := int((d.bottom - d.top) / tocLine)
	count := 1
	if entries > firstPageLines {
		count += int(math.Ceil(float64(entries-firstPageLines) / float64(perPage)))
	}
	d.header = "Contents"
	t := tocPages{first: d.pdf.PageCount() + 1, count: count, perPage: perPage}
	for i := 0; i < count; i++ {
		d.newPage()
		if i == 0 {
			d.bookmark("Contents", 0)
		}
	}
	return t
}

// writeContents fills the kept pages: each entry with its page number, the
// whole line a link to the section.
func (rw *reportWriter) writeContents(t tocPages, entries []tocEntry) {
	d := rw.doc
	last := d.pdf.PageCount()
	page := t.first
	d.gotoPage(page)
	y := d.top
	d.textAt(d.left, y, "Contents", pdfH1, 0)
	y += 60
	for _, e := range entries {
		if y+tocLine > d.bottom {
			page++
			d.gotoPage(page)
			y = d.top
		}
		num := fmt.Sprint(e.page)
		numW := d.measure(num, pdfBody)
		end := d.textAt(d.left, y, e.title, pdfBody, d.width()-numW-40)
		d.textRight(d.right, y, num, pdfBody)
		// Dotted leaders carry the eye to the number.
		if x0, x1 := math.Ceil((end+8)/4)*4, d.right-numW-8; x0 < x1 {
			d.setDraw(pdfMuted)
			d.pdf.SetLineWidth(0.9)
			d.pdf.SetLineCapStyle("round")
			d.pdf.SetDashPattern([]float64{0, 4}, 0)
			d.pdf.Line(x0, baselineIn(y, pdfBody)-1, x1, baselineIn(y, pdfBody)-1)
			d.pdf.SetDashPattern(nil, 0)
			d.pdf.SetLineCapStyle("butt")
		}
		d.pdf.Link(d.left, y, d.width(), tocLine, e.link)
		y += tocLine
	}
	d.gotoPage(last)
}

// startSection begins a section on a new page, its contents entry pointing there.
func (rw *reportWriter) startSection(e *tocEntry, header string) {
	d := rw.doc
	d.header = header
	d.newPage()
	e.page = d.pdf.PageNo()
	d.pdf.SetLink(e.link, d.y, -1)
}
