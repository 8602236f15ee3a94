package insights

import (
	"kindred/journal/markdown"
)

// Marks a list item starts with. The Go fonts have these; a face that
// lacks one draws missingGlyph, which is still a mark.
const (
	bulletMark   = "•"
	taskOpenMark = "□"
	taskDoneMark = "■"
)

// markdown sets a reflection's text as it reads: headings larger, bold and
// italic in the text's faces, list items with their marks and a hanging
// indent, quotes indented in italic. A text with no markup in it is set
// exactly as paragraph sets it, and as quickly.
func (d *reportDoc) markdown(text string, st textStyle, indent float64) {
	if !markdown.MayHaveMarkup(text) {
		d.paragraph(text, st, indent)
		return
	}
	blocks := markdown.Parse(text)
	// What must follow the text on its page (a letter's short closing) is
	// asked of the last block, as paragraph asks it of its last lines.
	keep := d.keepNext
	d.keepNext = 0
	for i, b := range blocks {
		bs := st
		left := indent
		mark := ""
		switch b.Kind {
		case markdown.Heading:
			bs.bold = true
			bs.size = st.size * headingScale(b.Level)
			if i > 0 {
				d.y += st.size * 0.4
			}
		case markdown.Bullet:
			mark = bulletMark
		case markdown.Numbered:
			mark = b.Number + "."
		case markdown.Task:
			mark = taskOpenMark
			if b.Done {
				mark = taskDoneMark
			}
		case markdown.Quote:
			bs.italic = true
			bs.color = pdfMuted
			left += st.size
		}
		if mark != "" {
			left += float64(b.Level) * st.size * 1.2
		}
		if i == len(blocks)-1 && keep > 0 {
			d.need(bs.lineHeight() + keep)
		}
		d.markdownBlock(b, bs, left, mark)
		// Items of one list sit closer than paragraphs.
		if mark != "" && i+1 < len(blocks) && isListItem(blocks[i+1]) && !blocks[i+1].Gap {
			d.y += st.size * 0.15
		} else {
			d.y += st.size * 0.5
		}
	}
}

func isListItem(b markdown.Block) bool {
	return b.Kind == markdown.Bullet || b.Kind == markdown.Numbered || b.Kind == markdown.Task
}

// headingScale is how much larger than the text a heading is set.
func headingScale(level int) float64 {
	switch level {
	case 1:
		return 1.35
	case 2:
		return 1.2
	}
	return 1.08
}

// markdownBlock sets one block's styled runs at left, with mark (if any)
// hanging before them.
func (d *reportDoc) markdownBlock(b markdown.Block, st textStyle, left float64, mark string) {
	d.paraBuf = d.paraBuf[:0]
	for _, sp := range b.Spans {
		d.paraBuf = d.fonts.shapeAppend(d.paraBuf, sp.Text, st.bold || sp.Bold, st.italic || sp.Italic)
	}
	var markLine shaped
	textLeft := left
	if mark != "" {
		markLine = d.fonts.shape(mark, st.bold, false)
		textLeft += markLine.width(st.size) + st.size*0.45
	}
	d.linesBuf = wrapShapedAppend(d.linesBuf[:0], d.paraBuf, st.size, d.width()-textLeft)
	if len(d.linesBuf) == 0 && mark != "" {
		d.linesBuf = append(d.linesBuf, nil)
	}
	lh := st.lineHeight()
	for k, l := range d.linesBuf {
		d.need(lh)
		if k == 0 && mark != "" {
			d.drawLine(d.left+left, baselineIn(d.y, st), markLine, st)
		}
		d.drawLine(d.left+textLeft, baselineIn(d.y, st), l, st)
		d.y += lh
	}
}
