package insights

import (
	"fmt"
	"math"
	"strings"

	"kindred/journal"
)

// personSection is one person's pages: the score and its ingredients, the
// charts, firsts and lasts, suggestions, highlights, then the reflections.
func (rw *reportWriter) personSection(part *personPart, e *tocEntry) error {
	d := rw.doc
	p := part.hist.Person
	ins := &part.ins
	rw.startSection(e, p.Name)
	d.bookmark(p.Name, 0)
	accent := pdfColor(p.Color, pdfLink)

	// The name, beside their colour.
	d.setFill(accent)
	d.pdf.Circle(d.left+9, d.y+15, 9, "F")
	for _, l := range wrapShaped(d.shape(p.Name, pdfH1), pdfH1.size, d.width()-28) {
		d.drawLine(d.left+28, baselineIn(d.y, pdfH1), l, pdfH1)
		d.y += pdfH1.lineHeight()
	}
	d.textAt(d.left+28, d.y, rw.personSummary(ins), pdfSmall, d.width()-28)
	d.y += 26

	rw.scoreBlock(ins, accent)

	d.bookmark("Charts", 1)
	for i, c := range personCharts {
		rw.chart(c.kind.String(), part.charts[i], c.height, chartCaption(c.kind, ins))
	}

	rw.firstsAndLasts(ins)
	rw.deckDepth(ins)
	rw.suggestions(ins.Suggestions, part.hist)
	if part.reflections == nil {
		rw.highlights(part.highlights)
		return nil
	}
	refls, err := part.reflections.wait(rw.ctx)
	if err != nil {
		return fmt.Errorf("read %s's evenings: %w", p.Name, err)
	}
	rw.highlights(highlightsOf(p.ID, refls))
	if rw.photos != nil {
		if rw.printing, err = rw.photos.photosFor(refls, nil); err != nil {
			return fmt.Errorf("%s's photos: %w", p.Name, err)
		}
		defer func() {
			rw.photos.release(rw.printing)
			rw.printing = nil
		}()
	}
	return rw.reflections(p.ID, refls)
}

// personSummary is "42 evenings in this period · first 3 March 2021 · latest 14 November 2025".
func (rw *reportWriter) personSummary(ins *PersonInsights) string {
	parts := []string{nounCount(ins.Evenings, "evening", "evenings") + " in this period"}
	if ins.First != nil {
		parts = append(parts, "first together "+longDate(ins.First.At))
	}
	if ins.Last != nil {
		parts = append(parts, "latest "+longDate(ins.Last.At))
	}
	return strings.Join(parts, " · ")
}

// scoreBlock is the depth score, large, beside each of its ingredients: what
// it weighs, how full it is, what it adds, and the figures behind it.
func (rw *reportWriter) scoreBlock(ins *PersonInsights, accent pdfRGB) {
	d := rw.doc
	parts := ins.Score.Parts()
	rowH := 30.0
	h := math.Max(96, float64(len(parts))*rowH+28)
	d.need(h + 20)
	d.bookmark("Depth score", 1)
	top := d.y
	d.setFill(pdfTint)
	d.pdf.RoundedRect(d.left, top, d.width(), h, 6, "1234", "F")

	d.textAt(d.left+18, top+14, "DEPTH SCORE", textStyle{size: 8, bold: true, color: pdfMuted}, 0)
	d.textAt(d.left+16, top+28, fmt.Sprint(ins.Score.Score), textStyle{size: 40, bold: true, color: accent, leading: 1.1}, 0)
	d.textAt(d.left+18, top+76, "out of 100", pdfSmall, 0)
	if !ins.Score.AsOf.IsZero() {
		d.textAt(d.left+18, top+88, "as of "+shortDate(ins.Score.AsOf), pdfSmall, 0)
	}

	x := d.left + 130
	w := d.right - 14 - x
	y := top + 14
	if len(parts) == 0 {
		d.textAt(x, y, "No evenings yet to score.", pdfCaption, w)
	}
	for _, pt := range parts {
		d.textAt(x, y, pt.Name, pdfLabel, 0)
		d.textRight(d.right-14, y, fmt.Sprintf("+%.0f of %.0f", pt.Points, 100*pt.Weight), pdfLabel)
		// The bar shows how much of its share this ingredient fills.
		barX, barW := x+110, w-110-70
		d.setFill(pdfRule)
		d.pdf.Rect(barX, y+4, barW, 5, "F")
		d.setFill(accent)
		d.pdf.Rect(barX, y+4, barW*clampUnit(pt.Value), 5, "F")
		d.textAt(x, y+12, pt.Detail, pdfSmall, w)
		y += rowH
	}
	d.y = top + h + 14
	d.textAt(d.left, d.y, "The score weighs recent closeness, the breadth of moments, how evenly you both opened up, and how recently you met.", pdfCaption, d.width())
	d.y += 24
}

func clampUnit(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// chart places a rendered chart across the content box with its title and a
// caption, keeping the three together on one page.
func (rw *reportWriter) chart(title string, f *chartFuture, height float64, caption string) {
	d := rw.doc
	d.need(20 + height + 28)
	d.textAt(d.left, d.y, title, pdfH3, 0)
	d.y += 18
	d.chartAt(f, d.left, d.y, d.width(), height)
	d.y += height + 4
	if caption != "" {
		d.textAt(d.left, d.y, caption, pdfCaption, d.width())
		d.y += 14
	}
	d.y += 14
}

// chartCaption puts the chart's headline figures in words.
func chartCaption(k ChartKind, ins *PersonInsights) string {
	switch k {
	case ChartCloseness:
		if ins.Closeness.Latest == 0 {
			return "No closeness ratings in this period."
		}
		return fmt.Sprintf("Closeness on the circles scale: %s; %s rated in the period.",
			ins.Closeness.TrendWords(), nounCount(len(ins.Closeness.Points), "evening", "evenings"))
	case ChartBalance:
		b, r := ins.Balance, ins.Reciprocity
		if b.Deep+b.Light == 0 {
			return "No deep or light moments in this period."
		}
		return fmt.Sprintf("%d deep and %d light moments (%.0f%% deep). They opened up on %s, you on %s, both on %d.",
			b.Deep, b.Light, 100*b.DeepShare, nounCount(r.TheyOpened, "evening", "evenings"), nounCount(r.IOpened, "evening", "evenings"), r.Both)
	case ChartMoments:
		total := 0
		for _, m := range ins.Ledger.Months {
			for _, c := range m.Counts {
				total += c
			}
		}
		return fmt.Sprintf("%s over %s.", nounCount(total, "moment", "moments"), nounCount(len(ins.Ledger.Months), "month", "months"))
	}
	return ""
}

// firstsAndLasts is the moment ledger as a table: for each kind, how often in
// the period, the first time and the latest, with how long ago.
func (rw *reportWriter) firstsAndLasts(ins *PersonInsights) {
	d := rw.doc
	d.need(80)
	d.bookmark("Firsts and lasts", 1)
	d.textAt(d.left, d.y, "Firsts and lasts", pdfH2, 0)
	d.y += 26
	cols := []float64{d.left, d.left + 190, d.left + 250, d.left + 340}
	head := func() {
		for i, h := range []string{"Moment", "In period", "First", "Latest"} {
			d.textAt(cols[i], d.y, h, textStyle{size: 8, bold: true, color: pdfMuted}, 0)
		}
		d.y += 14
	}
	head()
	var never []string
	var connection, missteps []KindRecord
	for _, k := range ins.Ledger.Kinds {
		switch {
		case rw.kinds[k.Kind].Misstep:
			if k.First != nil {
				missteps = append(missteps, k)
			}
		case k.First == nil:
			never = append(never, k.Label)
		default:
			connection = append(connection, k)
		}
	}
	row := 0
	tableRow := func(k KindRecord) {
		if d.y+16 > d.bottom {
			d.newPage()
			head()
		}
		if row%2 == 0 {
			d.setFill(pdfTint)
			d.pdf.Rect(d.left-4, d.y-1, d.width()+8, 16, "F")
		}
		row++
		kind := rw.kinds[k.Kind]
		d.setFill(pdfColor(kind.Color, pdfMuted))
		d.pdf.Circle(cols[0]+4, d.y+7, 3.5, "F")
		d.textAt(cols[0]+14, d.y, k.Label, pdfBody, cols[1]-cols[0]-20)
		d.textAt(cols[1], d.y, fmt.Sprint(k.Count), pdfBody, 0)
		d.textAt(cols[2], d.y, shortDate(k.First.At), pdfBody, 0)
		last := shortDate(k.Last.At)
		if ago := agoWords(k.DaysSinceLast); ago != "" {
			last += " · " + ago
		}
		d.textAt(cols[3], d.y, last, pdfBody, d.right-cols[3])
		d.y += 16
	}
	for _, k := range connection {
		tableRow(k)
	}
	if len(missteps) > 0 {
		// Missteps are the user's own habits to watch, kept apart from
		// the moments that build the bond.
		d.need(34)
		d.y += 6
		d.textAt(d.left, d.y, "Missteps to watch", textStyle{size: 8, bold: true, color: pdfMuted}, 0)
		d.y += 14
		for _, k := range missteps {
			tableRow(k)
		}
	}
	if row == 0 {
		d.textAt(d.left, d.y, "No moments tagged yet.", pdfCaption, 0)
		d.y += 16
	}
	if len(never) > 0 {
		d.y += 4
		d.paragraph("Not yet together: "+strings.Join(never, ", ")+".", pdfCaption, 0)
	}
	if line := AnniversaryLine(ins.Anniversaries); line != "" {
		d.y += 4
		d.paragraph(line, pdfCaption, 0)
	}
	d.y += 14
}

// suggestions lists the few ideas the insights offer, each with the technique
// it points to and the evenings that prompted it.
func (rw *reportWriter) suggestions(sugs []Suggestion, h *PersonHistory) {
	d := rw.doc
	d.need(60)
	d.bookmark("Suggestions", 1)
	d.textAt(d.left, d.y, "Suggestions", pdfH2, 0)
	d.y += 26
	if len(sugs) == 0 {
		d.paragraph("Nothing to suggest for now.", pdfCaption, 0)
		d.y += 10
		return
	}
	when := map[string]string{}
	for _, e := range h.Evenings {
		when[e.ReflectionID] = shortDate(e.At)
	}
	for _, s := range sugs {
		d.need(pdfH3.lineHeight() + 2*pdfBody.lineHeight())
		d.setFill(pdfColor(rw.kinds[s.Technique].Color, pdfLink))
		d.pdf.Rect(d.left, d.y+2, 3, 12, "F")
		d.textAt(d.left+12, d.y, s.Title, pdfH3, d.width()-12)
		d.y += pdfH3.lineHeight() + 2
		d.paragraph(s.Text, pdfBody, 12)
		var dates []string
		for _, id := range s.ReflectionIDs {
			if w, ok := when[id]; ok {
				dates = append(dates, w)
			}
		}
		note := ""
		if k, ok := rw.kinds[s.Technique]; ok {
			note = "Technique: " + k.Label + ". "
		}
		if len(dates) > 0 {
			note += "Prompted by the evenings of " + joinNames(dates, 6) + "."
		}
		if note != "" {
			d.paragraph(note, pdfSmall, 12)
		}
		d.y += 6
	}
	d.y += 8
}

var highlightTitles = map[string]string{
	journal.KindLabeledBond: "Evenings the bond was named",
	journal.KindAdventure:   "Adventures",
	journal.KindPerfectDay:  "Whole days together",
}

// highlights names the evenings that stand out, with their notes.
func (rw *reportWriter) highlights(hs []highlight) {
	d := rw.doc
	d.need(60)
	d.bookmark("Highlights", 1)
	d.textAt(d.left, d.y, "Highlights", pdfH2, 0)
	d.y += 26
	if len(hs) == 0 {
		d.paragraph("No named bond, adventure or whole day together in this period yet.", pdfCaption, 0)
		d.y += 10
		return
	}
	dateW := 120.0
	for i := 0; i < len(hs); {
		kind := hs[i].Kind
		j := i
		for j < len(hs) && hs[j].Kind == kind {
			j++
		}
		d.need(pdfH3.lineHeight() + pdfBody.lineHeight()*2)
		d.setFill(pdfColor(rw.kinds[kind].Color, pdfMuted))
		d.pdf.Circle(d.left+4, d.y+8, 3.5, "F")
		d.textAt(d.left+14, d.y, fmt.Sprintf("%s (%d)", highlightTitles[kind], j-i), pdfH3, 0)
		d.y += pdfH3.lineHeight() + 2
		for _, h := range hs[i:j] {
			note := h.Note
			st := pdfBody
			if strings.TrimSpace(note) == "" {
				note, st = "no note", pdfCaption
			}
			lines := wrapShaped(d.shape(note, st), st.size, d.width()-dateW-14)
			for k, l := range lines {
				d.need(st.lineHeight())
				if k == 0 {
					d.textAt(d.left+14, d.y, shortDate(h.Ref.At), textStyle{size: st.size, color: pdfMuted, leading: st.leading}, dateW)
				}
				d.drawLine(d.left+14+dateW, baselineIn(d.y, st), l, st)
				d.y += st.lineHeight()
			}
			d.y += 2
		}
		d.y += 10
		i = j
	}
	d.y += 6
}

// reflections prints the evenings with this person, oldest first: the date,
// closeness and moments, who else was there, then the text.
func (rw *reportWriter) reflections(personID string, refls []journal.Reflection) error {
	d := rw.doc
	if len(refls) == 0 {
		return nil
	}
	d.need(80)
	d.bookmark("Reflections", 1)
	d.textAt(d.left, d.y, fmt.Sprintf("Reflections (%d)", len(refls)), pdfH2, 0)
	d.y += 28
	for i := range refls {
		rw.reflection(personID, &refls[i])
		if i%256 == 255 {
			if err := rw.ctx.Err(); err != nil {
				return err
			}
		}
	}
	return rw.ctx.Err()
}

// closenessNotes are "closeness 3 · A little overlap", by rating: written
// on every one of thousands of evenings.
var closenessNotes = func() (out [journal.MaxCloseness + 1]string) {
	for c := journal.MinCloseness; c <= journal.MaxCloseness; c++ {
		out[c] = fmt.Sprintf("closeness %d · %s", c, c.Label())
	}
	return out
}()

// reflection prints one evening.
func (rw *reportWriter) reflection(personID string, r *journal.Reflection) {
	d := rw.doc
	enc := r.Encounter(personID)
	meta := rw.eveningMeta(r, enc, personID)
	d.need(pdfH3.lineHeight() + pdfSmall.lineHeight()*float64(len(meta)) + 2*pdfBody.lineHeight())
	d.textAt(d.left, d.y, eveningDate(r.At), pdfH3, d.width()-120)
	if enc != nil && enc.Closeness.Rated() {
		d.textRight(d.right, d.y, closenessNotes[enc.Closeness], pdfSmall)
	}
	d.y += pdfH3.lineHeight()
	for _, m := range meta {
		d.paragraph(m, pdfSmall, 0)
		d.y -= pdfSmall.size * 0.5
	}
	d.y += 4
	if strings.TrimSpace(r.Text) == "" {
		d.paragraph("(no text)", pdfCaption, 0)
	} else {
		d.markdown(r.Text, pdfBody, 0)
	}
	if photos := rw.printing[r.ID]; len(photos) > 0 {
		d.y += 4
		for i := range photos {
			d.photo(&photos[i])
			rw.sum.Photos++
		}
	}
	d.y += 8
	rw.sum.Reflections++
}

// eveningMeta is the lines under an evening's date: its moments (with their
// notes) and who else was there.
func (rw *reportWriter) eveningMeta(r *journal.Reflection, enc *journal.Encounter, personID string) []string {
	var out []string
	if enc != nil && len(enc.Moments) > 0 {
		var ms []string
		for _, m := range enc.Moments {
			label := m.Kind
			if k, ok := rw.kinds[m.Kind]; ok {
				label = k.Label
			}
			if n := strings.TrimSpace(m.Note); n != "" {
				label += " (" + n + ")"
			}
			ms = append(ms, label)
		}
		out = append(out, strings.Join(ms, " · "))
	}
	var others []string
	for _, e := range r.Encounters {
		if e.PersonID != personID {
			others = append(others, rw.names[e.PersonID])
		}
	}
	if len(others) > 0 {
		out = append(out, "Also there: "+joinNames(others, 8))
	}
	return out
}
