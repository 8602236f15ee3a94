package insights

import (
	"sort"
	"strings"
	"time"

	"kindred/journal"
)

// A letter is set larger and airier than the report: it is read once,
// slowly, by someone who is not its author.
var (
	letterTitle   = textStyle{size: 30, bold: true, color: pdfInk, leading: 1.2}
	letterSpan    = textStyle{size: 12, color: pdfMuted, leading: 1.4}
	letterBody    = textStyle{size: 11.5, color: pdfInk, leading: 1.55}
	letterDate    = textStyle{size: 12, bold: true, color: pdfInk, leading: 1.4}
	letterMoments = textStyle{size: 10, italic: true, color: pdfMuted, leading: 1.45}
	letterH2      = textStyle{size: 15, bold: true, color: pdfInk, leading: 1.3}
)

const letterChartHeight = 170

// newLetterDoc is a report document with a letter's wider margins.
func newLetterDoc(paper Paper) (*reportDoc, error) {
	d, err := newReportDoc(paper)
	if err != nil {
		return nil, err
	}
	d.left, d.right = 78, d.pageW-78
	d.top, d.bottom = 78, d.pageH-72
	d.pdf.SetMargins(d.left, d.top, d.pageW-d.right)
	return d, nil
}

// heading is "For Ana", a line in their colour, and the span of the evenings.
func (lw *letterWriter) heading() {
	d := lw.doc
	for _, l := range wrapShaped(d.shape("For "+lw.person.Name, letterTitle), letterTitle.size, d.width()) {
		d.need(letterTitle.lineHeight())
		d.drawLine(d.left, baselineIn(d.y, letterTitle), l, letterTitle)
		d.y += letterTitle.lineHeight()
	}
	d.y += 6
	d.setFill(lw.accent)
	d.pdf.Rect(d.left, d.y, 48, 3, "F")
	d.y += 14
	span := lw.span()
	words := "Our evenings, " + spanWords(span)
	if len(lw.evenings) == 1 {
		words = "An evening together, " + longDate(span.From)
	}
	d.paragraph(words, letterSpan, 0)
	d.y += 18
}

// evening is one chosen evening: its date, its connection moments, who
// else was there (as "friends"), and what I wrote.
//
// tail is what must follow the evening on its page (a short closing), or 0.
func (lw *letterWriter) evening(r *journal.Reflection, first bool, tail float64) {
	d := lw.doc
	moments, others := lw.eveningLines(r)
	text := keepFriendsUnnamed(r.Text, others, lw.person.Name)
	// The date stays with its moments and the text's first lines.
	head := 18 + letterDate.lineHeight() + letterMoments.lineHeight() + 2*letterBody.lineHeight()
	if strings.TrimSpace(text) == "" {
		head += tail
	}
	d.need(head)
	if !first && d.y > d.top {
		// A small mark in their colour between evenings on a page.
		d.setFill(lw.accent)
		d.pdf.Circle(d.left+d.width()/2, d.y+6, 1.8, "F")
		d.y += 18
	}
	d.textAt(d.left, d.y, letterDay(r), textStyle{size: letterDate.size, bold: true, color: lw.accent, leading: letterDate.leading}, d.width())
	d.y += letterDate.lineHeight()
	if moments != "" {
		d.paragraph(moments, letterMoments, 0)
		d.y -= letterMoments.size * 0.5
	}
	d.y += 6
	if strings.TrimSpace(text) != "" {
		d.keepNext = tail
		d.markdown(text, letterBody, 0)
	}
	for _, p := range lw.photos[r.ID] {
		// A caption names people as the text does: others stay "friends".
		p.caption = keepFriendsUnnamed(p.caption, others, lw.person.Name)
		d.y += 6
		d.photo(&p)
		lw.printed++
	}
	d.y += 6
}

// letterDay is "Tuesday 4 March 2025": the hour is the journal's detail.
func letterDay(r *journal.Reflection) string { return r.At.Format("Monday 2 January 2006") }

// eveningLines is the line under an evening's date, "We laughed together ·
// An adventure: the lake · with friends", and the names of the others who
// were there, to keep out of the text.
func (lw *letterWriter) eveningLines(r *journal.Reflection) (string, []string) {
	var others []string
	for _, e := range r.Encounters {
		if e.PersonID != lw.person.ID {
			if n := lw.names[e.PersonID]; n != "" {
				others = append(others, n)
			}
		}
	}
	var parts []string
	if e := r.Encounter(lw.person.ID); e != nil {
		for _, m := range e.Moments {
			k, ok := lw.kinds[m.Kind]
			if !ok || k.Misstep {
				// Missteps are the user's own coaching, never a gift; a
				// kind the journal no longer knows cannot be told apart.
				continue
			}
			label := letterLabel(k)
			if n := strings.TrimSpace(keepFriendsUnnamed(m.Note, others, lw.person.Name)); n != "" {
				label += ": " + n
			}
			parts = append(parts, label)
		}
	}
	if len(others) > 0 {
		parts = append(parts, "with friends")
	}
	return strings.Join(parts, " · "), others
}

// letterLabels say the built-in connection moments as one says them to
// the other person.
var letterLabels = map[string]string{
	journal.KindDeepTalk:     "We went deep",
	journal.KindSharedBack:   "I opened up too",
	journal.KindListened:     "I listened",
	journal.KindCameUpForAir: "We came up for air",
	journal.KindLaughed:      "We laughed together",
	journal.KindInsideJoke:   "An inside joke",
	journal.KindUsVsWorld:    "Us against the world",
	journal.KindLabeledBond:  "We said what we mean to each other",
	journal.KindAdventure:    "An adventure",
	journal.KindPerfectDay:   "A whole day together",
}

func letterLabel(k journal.MomentKind) string {
	if l, ok := letterLabels[k.ID]; ok {
		return l
	}
	return k.Label
}

// firsts lists the first time each connection moment happened between the
// two, up to the last chosen evening.
func (lw *letterWriter) firsts(list []letterFirst, tail float64) {
	if len(list) == 0 {
		return
	}
	d := lw.doc
	d.y += 18
	// Together on one page when they fit on one.
	whole := letterH2.lineHeight() + 6 + float64(len(list))*letterBody.lineHeight()
	d.need(min(whole+tail, d.bottom-d.top))
	d.textAt(d.left, d.y, "Our firsts", letterH2, d.width())
	d.y += letterH2.lineHeight() + 6
	dateW := 130.0
	for i, f := range list {
		h := letterBody.lineHeight()
		if i == len(list)-1 {
			h += tail
		}
		d.need(h)
		d.textAt(d.left, d.y, f.label, letterBody, d.width()-dateW-12)
		d.textRight(d.right, d.y, longDate(f.at), textStyle{size: letterBody.size, color: pdfMuted, leading: letterBody.leading})
		d.y += letterBody.lineHeight()
	}
	d.y += 8
}

// letterFirst is one "first" of the two, with when it happened.
type letterFirst struct {
	label string
	at    time.Time
}

// firstsList is what firsts lists, in the order they happened.
func (lw *letterWriter) firstsList() []letterFirst {
	span := lw.span()
	asOf := DayEnd(span.To)
	ledger := MomentLedger(lw.history.Evenings, lw.kindList, Range{To: asOf}, asOf)
	var list []letterFirst
	for _, k := range ledger.Kinds {
		kind, ok := lw.kinds[k.Kind]
		if k.First == nil || !ok || kind.Misstep {
			continue
		}
		list = append(list, letterFirst{letterLabel(kind), k.First.At})
	}
	// In the order they happened: the story of the two of them.
	sort.SliceStable(list, func(i, j int) bool { return list[i].at.Before(list[j].at) })
	return list
}

// chart places the closeness chart, with its title, on one page.
func (lw *letterWriter) chart(f *chartFuture, tail float64) {
	d := lw.doc
	d.y += 18
	d.need(letterH2.lineHeight() + 8 + letterChartHeight + 10 + tail)
	d.textAt(d.left, d.y, "How close we grew", letterH2, d.width())
	d.y += letterH2.lineHeight() + 6
	d.chartAt(f, d.left, d.y, d.width(), letterChartHeight)
	d.y += letterChartHeight + 10
}
