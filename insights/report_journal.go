package insights

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// journalCharts are the whole journal's charts and their heights in points;
// the heat map's height depends on how many years it shows.
var journalCharts = []struct {
	kind   ChartKind
	height float64
}{{ChartMoments, 180}, {ChartBalance, 150}, {ChartHeatMap, 0}}

// heatMapHeight is the height, in points, at which the calendar of evenings
// fills the width: one band of weeks per year, up to most of a page.
func heatMapHeight(data ChartData, widthPt float64) float64 {
	first, last, ok := heatSpan(data)
	if !ok {
		return 90
	}
	blocks := heatBlocks(first, last)
	weeks := 1
	for _, b := range blocks {
		weeks = max(weeks, b.weeks)
	}
	// The chart's own measures, in 1/96 inch (see drawHeatMap).
	const pad, labelW, topH, legendH, maxCell = 8.0, 46.0, 16.0, 20.0, 20.0
	width := widthPt * chartScaleDivisor / pointsPerInch
	cell := math.Min(maxCell, (width-labelW-2*pad)/float64(weeks))
	rows := float64(len(blocks)*7) + 0.8*float64(len(blocks)-1)
	h := (2*pad + topH + legendH + rows*cell) * pointsPerInch / chartScaleDivisor
	return math.Max(90, math.Min(600, math.Ceil(h)))
}

// journalSection is the view across everyone in the report: who grows
// closer and who drifts, the charts, the year in moments.
func (rw *reportWriter) journalSection(e *tocEntry) error {
	d := rw.doc
	h := History{People: rw.people, Kinds: rw.hist.Kinds, Dismissed: rw.hist.Dismissed}
	ji := AnalyzeJournal(h, rw.opt.Range, rw.opt.Now)
	data := ji.ChartData()
	charts := make([]*chartFuture, len(journalCharts))
	heights := make([]float64, len(journalCharts))
	for i, c := range journalCharts {
		heights[i] = c.height
		if c.kind == ChartHeatMap {
			heights[i] = heatMapHeight(data, d.width())
		}
		charts[i] = rw.renderLater(c.kind, data, d.width(), heights[i], "the journal's")
	}

	rw.startSection(e, "The whole journal")
	d.bookmark("The whole journal", 0)
	d.textAt(d.left, d.y, "The whole journal", pdfH1, d.width())
	d.y += pdfH1.lineHeight()
	d.textAt(d.left, d.y, fmt.Sprintf("%s with %s · %s", nounCount(ji.Evenings, "evening", "evenings"),
		nounCount(ji.People, "person", "people"), spanWords(rw.period)), pdfSmall, d.width())
	d.y += 30

	d.bookmark("Growing closer and drifting", 1)
	rw.trends("Growing closer", ji.Growing, "No one has grown noticeably closer in this period.")
	rw.trends("Drifting", ji.Drifting, "No one is drifting from their usual rhythm.")

	d.bookmark("Charts", 1)
	for i, c := range journalCharts {
		rw.chart(c.kind.String(), charts[i], heights[i], "")
	}

	rw.yearInMoments(ji.Year)
	if len(ji.Suggestions) > 0 {
		rw.journalSuggestions(ji.Suggestions)
	}
	return nil
}

// trends lists people growing closer or drifting, with the reason in words.
func (rw *reportWriter) trends(title string, ts []PersonTrend, empty string) {
	d := rw.doc
	d.need(60)
	d.textAt(d.left, d.y, title, pdfH2, 0)
	d.y += 26
	if len(ts) == 0 {
		d.paragraph(empty, pdfCaption, 0)
		d.y += 10
		return
	}
	nameW := 150.0
	for _, t := range ts {
		reason := t.Reason
		if reason == "" {
			reason = fmt.Sprintf("closeness %.1f (%+.1f)", t.Trend, t.Change)
		}
		lines := wrapShaped(d.shape(reason, pdfBody), pdfBody.size, d.width()-nameW-14)
		d.need(pdfBody.lineHeight() * float64(max(1, len(lines))))
		d.setFill(pdfColor(t.Person.Color, pdfMuted))
		d.pdf.Circle(d.left+4, d.y+7, 3.5, "F")
		d.textAt(d.left+14, d.y, t.Person.Name, pdfLabel, nameW-16)
		for _, l := range lines {
			d.drawLine(d.left+nameW, baselineIn(d.y, pdfBody), l, pdfBody)
			d.y += pdfBody.lineHeight()
		}
		if len(lines) == 0 {
			d.y += pdfBody.lineHeight()
		}
		d.y += 2
	}
	d.y += 14
}

// maxYearFirsts bounds the firsts listed in the year in moments; a large
// journal has hundreds.
const maxYearFirsts = 40

// yearInMoments sums up the last twelve months of the period.
func (rw *reportWriter) yearInMoments(y YearSummary) {
	d := rw.doc
	d.need(120)
	d.bookmark("The year in moments", 1)
	d.textAt(d.left, d.y, "The year in moments", pdfH2, 0)
	d.y += 24
	if !y.Range.From.IsZero() {
		d.textAt(d.left, d.y, spanWords(y.Range), pdfSmall, 0)
		d.y += 18
	}
	summary := fmt.Sprintf("%s with %s, %s.", nounCount(y.Evenings, "evening", "evenings"),
		nounCount(y.People, "person", "people"), nounCount(y.Moments, "moment", "moments"))
	if words := y.BusiestWords(); words != "" {
		summary += " " + words + "."
	}
	d.paragraph(summary, pdfBody, 0)
	d.y += 4

	if len(y.Kinds) > 0 {
		most := 0
		for _, k := range y.Kinds {
			most = max(most, k.Count)
		}
		barX := d.left + 150
		barW := d.width() - 150 - 40
		for _, k := range y.Kinds {
			d.need(15)
			d.textAt(d.left, d.y, k.Label, pdfBody, 140)
			d.setFill(pdfColor(rw.kinds[k.Kind].Color, pdfMuted))
			d.pdf.Rect(barX, d.y+4, math.Max(1, barW*float64(k.Count)/float64(max(1, most))), 7, "F")
			d.textRight(d.right, d.y, fmt.Sprint(k.Count), pdfBody)
			d.y += 15
		}
		d.y += 10
	}

	if len(y.Firsts) > 0 {
		d.need(40)
		d.textAt(d.left, d.y, "Firsts this year", pdfH3, 0)
		d.y += pdfH3.lineHeight() + 2
		for i, f := range y.Firsts {
			if i == maxYearFirsts {
				d.paragraph(fmt.Sprintf("and %s more.", nounCount(len(y.Firsts)-i, "first", "firsts")), pdfCaption, 0)
				break
			}
			d.need(pdfBody.lineHeight())
			d.textAt(d.left, d.y, shortDate(f.At), textStyle{size: 10, color: pdfMuted}, 90)
			d.textAt(d.left+90, d.y, f.Person.Name+": "+lowerFirstLetter(f.Label), pdfBody, d.width()-90)
			d.y += pdfBody.lineHeight()
		}
	}
	d.y += 14
}

// journalSuggestions lists the journal-wide suggestions with whom each is about.
func (rw *reportWriter) journalSuggestions(sugs []Suggestion) {
	d := rw.doc
	d.need(60)
	d.bookmark("Suggestions", 1)
	d.textAt(d.left, d.y, "Suggestions", pdfH2, 0)
	d.y += 26
	for _, s := range sugs {
		d.need(pdfH3.lineHeight() + 2*pdfBody.lineHeight())
		title := s.Title
		if s.Person.Name != "" {
			title = s.Person.Name + ": " + title
		}
		d.textAt(d.left, d.y, title, pdfH3, d.width())
		d.y += pdfH3.lineHeight() + 2
		d.paragraph(s.Text, pdfBody, 0)
		d.y += 6
	}
}

// lowerFirstLetter lowers a label's first letter to run it into a sentence.
func lowerFirstLetter(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}
