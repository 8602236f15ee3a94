package insights

import (
	"fmt"
	"strings"
)

// deckDepth is how far down the deck of questions the two have gone: the
// level reached, the counts, and each level's share. A person never asked a
// deck question gets nothing, rather than an empty block.
func (rw *reportWriter) deckDepth(ins *PersonInsights) {
	p := ins.Deck
	if p.Level == 0 {
		return
	}
	d := rw.doc
	d.need(pdfH3.lineHeight() + 3*pdfBody.lineHeight())
	d.textAt(d.left, d.y, "Deck of questions", pdfH3, 0)
	d.y += pdfH3.lineHeight() + 2
	d.paragraph(p.Summary(), pdfBody, 0)
	levels := make([]string, len(p.Levels))
	for i, l := range p.Levels {
		levels[i] = fmt.Sprintf("%s %d of %d", l.Level.Label(), l.Asked, l.Total)
	}
	d.paragraph(strings.Join(levels, "  \u00b7  "), pdfSmall, 0)
	d.y += 14
}
