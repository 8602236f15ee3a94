package insights

import (
	"image"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// heatBlock is one band of the calendar: seven rows (Monday to Sunday) of
// weeks, from the Monday on or before from, showing days from..to.
type heatBlock struct {
	monday   time.Time // noon UTC, as Day.Time
	from, to time.Time
	weeks    int
	label    string
}

// heatBlocks cuts first..last into bands: one band when it spans about a
// year or less, else one per calendar year.
func heatBlocks(first, last time.Time) []heatBlock {
	mk := func(start, from, to time.Time, label string) heatBlock {
		monday := start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7))
		weeks := int(to.Sub(monday).Hours()/24)/7 + 1
		return heatBlock{monday: monday, from: from, to: to, weeks: weeks, label: label}
	}
	if last.Sub(first) <= 371*24*time.Hour {
		label := strconv.Itoa(first.Year())
		if last.Year() != first.Year() {
			label += "–" + strconv.Itoa(last.Year()%100)
		}
		return []heatBlock{mk(first, first, last, label)}
	}
	var out []heatBlock
	for y := first.Year(); y <= last.Year(); y++ {
		jan1 := Day{y, time.January, 1}.Time()
		from, to := jan1, Day{y, time.December, 31}.Time()
		if from.Before(first) {
			from = first
		}
		if to.After(last) {
			to = last
		}
		// Every band starts at the week of 1 January, so months line up.
		out = append(out, mk(jan1, from, to, strconv.Itoa(y)))
	}
	return out
}

// heatSpan is the calendar's span: the range, or the evenings' own days.
func heatSpan(data ChartData) (first, last time.Time, ok bool) {
	if !data.Range.From.IsZero() {
		first = DayOf(data.Range.From).Time()
	} else if len(data.HeatMap) > 0 {
		first = data.HeatMap[0].Day.Time()
	}
	if !data.Range.To.IsZero() {
		last = DayOf(data.Range.To).Time()
	} else if len(data.HeatMap) > 0 {
		last = data.HeatMap[len(data.HeatMap)-1].Day.Time()
	}
	if first.IsZero() || last.IsZero() || last.Before(first) {
		return first, last, false
	}
	return first, last, true
}

func drawHeatMap(data ChartData, w, h int, th Theme, scale float64) image.Image {
	f := newFrame(w, h, th, scale)
	first, last, ok := heatSpan(data)
	if !ok || len(data.HeatMap) == 0 {
		f.emptyMessage("No evenings in this period yet.")
		return f.img
	}
	counts := make(map[Day]int, len(data.HeatMap))
	for _, d := range data.HeatMap {
		counts[d.Day] = d.Evenings
	}
	blocks := heatBlocks(first, last)
	weeks := 0
	for _, b := range blocks {
		weeks = max(weeks, b.weeks)
	}
	pad, labelW, topH, legendH := 8*scale, 46*scale, 16*scale, 20*scale
	rows := float64(len(blocks)*7) + 0.8*float64(len(blocks)-1)
	cs := math.Min((float64(w)-labelW-2*pad)/float64(weeks), (float64(h)-topH-legendH-2*pad)/rows)
	cs = math.Max(1, math.Min(cs, 20*scale))
	gap := 0.0
	if cs >= 5*scale {
		gap = math.Max(1, 0.12*cs)
	}
	x0, y0 := pad+labelW, pad+topH

	text := f.textStyle(9, f.pal.muted)
	at := func(x, y float64) vg.Point { // pixels to points
		k := vg.Inch.Points() / float64(dpiFor(scale))
		return vg.Point{X: vg.Length(x * k), Y: vg.Length((float64(h) - y) * k)}
	}
	// Month names over the first band, where each month begins.
	month := f.textStyle(9, f.pal.muted)
	month.YAlign = draw.YBottom
	b0 := blocks[0]
	if len(blocks) > 1 {
		b0 = heatBlocks(Day{blocks[1].from.Year(), time.January, 1}.Time(), Day{blocks[1].from.Year(), time.December, 31}.Time())[0]
	}
	lastX := -1e9
	for d := b0.from; !d.After(b0.to); d = d.AddDate(0, 0, 1) {
		if d.Day() != 1 && !d.Equal(b0.from) {
			continue
		}
		x := x0 + float64(int(d.Sub(b0.monday).Hours()/24)/7)*cs
		if x-lastX < 30*scale {
			continue
		}
		f.dc.FillText(month, at(x, y0-3*scale), d.Format("Jan"))
		lastX = x
	}
	by := y0
	for _, b := range blocks {
		text.XAlign, text.YAlign = draw.XRight, draw.YCenter
		f.dc.FillText(text, at(x0-6*scale, by+3.5*cs), b.label)
		for d := b.from; !d.After(b.to); d = d.AddDate(0, 0, 1) {
			days := int(math.Round(d.Sub(b.monday).Hours() / 24))
			cx, cy := x0+float64(days/7)*cs, by+float64(days%7)*cs
			n := min(counts[DayOf(d)], 4)
			fillRect(f.img, cx, cy, cx+cs-gap, cy+cs-gap, f.pal.heat[n])
		}
		by += 7.8 * cs
	}
	// A small key: fewer to more evenings.
	key := f.textStyle(9, f.pal.muted)
	key.YAlign = draw.YCenter
	ks := math.Min(11*scale, math.Max(cs, 6*scale))
	ky := by - 0.8*cs + 6*scale
	kx := x0
	key.XAlign = draw.XLeft
	f.dc.FillText(key, at(kx, ky+ks/2), "Fewer")
	kx += 40 * scale
	for i := range f.pal.heat {
		fillRect(f.img, kx, ky, kx+ks, ky+ks, f.pal.heat[i])
		kx += ks + 3*scale
	}
	f.dc.FillText(key, at(kx+3*scale, ky+ks/2), "More evenings")
	return f.img
}
