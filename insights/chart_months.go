package insights

import (
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one colour in a chart's legend.
type legendEntry struct {
	id    string // the moment kind, when it is one
	label string
	color color.NRGBA
}

// legendStep is the height of one legend line, in points.
const legendStep = 13

// legendColumns is how many columns the legend needs to fit the height.
func (f *frame) legendColumns(n int) int {
	rows := max(1, int((f.dc.Max.Y-f.dc.Min.Y-12)/legendStep))
	return (n + rows - 1) / rows
}

// legendWidth is how much room a legend takes at the right, in points, or 0
// when the chart is too narrow to spare it.
func (f *frame) legendWidth(entries []legendEntry) vg.Length {
	sty := f.textStyle(9, f.pal.fg)
	var w vg.Length
	for _, e := range entries {
		w = vg.Length(math.Max(float64(w), float64(sty.Width(e.label))))
	}
	w = (w + 26) * vg.Length(f.legendColumns(len(entries)))
	if w > f.dc.Max.X*0.4 {
		return 0
	}
	return w + 6
}

// drawLegend lists entries top down in the area c, in as many columns as
// the height needs.
func (f *frame) drawLegend(c draw.Canvas, entries []legendEntry) {
	sty := f.textStyle(9, f.pal.fg)
	sty.YAlign = draw.YCenter
	cols := f.legendColumns(len(entries))
	rows := (len(entries) + cols - 1) / cols
	colW := (c.Max.X - c.Min.X - 6) / vg.Length(cols)
	for i, e := range entries {
		x := c.Min.X + 8 + vg.Length(i/rows)*colW
		y := c.Max.Y - 10 - vg.Length(i%rows)*legendStep
		c.FillPolygon(e.color, []vg.Point{{X: x, Y: y - 4}, {X: x + 9, Y: y - 4}, {X: x + 9, Y: y + 5}, {X: x, Y: y + 5}})
		c.FillText(sty, vg.Point{X: x + 14, Y: y}, e.label)
	}
}

// monthPlot lays out a chart of one bar per month with the counts up the
// side, from lo to hi.
func (f *frame) monthPlot(months []Month, lo, hi float64, widthPx int, label func(float64) string) *plot.Plot {
	p := f.newPlot()
	p.X.Min, p.X.Max = -0.6, float64(len(months))-0.4
	p.X.Tick.Marker = monthTicks{months: months, maxTicks: maxTicksFor(widthPx, f.scale)}
	up := countTicks(math.Max(hi, 1), 5)
	ticks := append([]float64(nil), up...)
	if lo < 0 {
		for _, v := range countTicks(-lo, 5) {
			if v > 0 {
				ticks = append(ticks, -v)
			}
		}
		sort.Float64s(ticks)
	}
	p.Y.Min, p.Y.Max = math.Min(lo, ticks[0]), math.Max(hi, ticks[len(ticks)-1])
	if p.Y.Max <= p.Y.Min {
		p.Y.Max = p.Y.Min + 1
	}
	p.Y.Tick.Marker = fixedTicks{values: ticks, label: label}
	p.Add(gridLines{ticks: ticks, color: f.pal.grid})
	return p
}

// bar is one rectangle of a bar chart in data units: month i, from y0 to y1.
type bar struct {
	i      int
	y0, y1 float64
	color  color.NRGBA
}

// fillBars paints bars straight into the image: axis-aligned rectangles need
// no path rasteriser, which keeps ten years of months fast.
func (f *frame) fillBars(p *plot.Plot, area draw.Canvas, bars []bar, h int) {
	dc := p.DataCanvas(area)
	tx, ty := p.Transforms(&dc)
	half := float64(tx(1)-tx(0)) * 0.38
	for _, b := range bars {
		x := float64(tx(float64(b.i)))
		x0, y0 := toPixel(vg.Point{X: vg.Length(x - half), Y: ty(b.y1)}, h, f.scale)
		x1, y1 := toPixel(vg.Point{X: vg.Length(x + half), Y: ty(b.y0)}, h, f.scale)
		fillRect(f.img, x0, y0, x1, y1, b.color)
	}
}

// fillRect blends a rectangle with soft edges at fractional pixels. Each
// row's inner pixels are covered alike, so they are blended at once; only
// the two at its ends are partly covered.
func fillRect(img *image.RGBA, x0, y0, x1, y1 float64, c color.NRGBA) {
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	if y1 < y0 {
		y0, y1 = y1, y0
	}
	b := img.Bounds()
	xa, xb := max(b.Min.X, int(math.Floor(x0))), min(b.Max.X, int(math.Ceil(x1)))
	if xa >= xb {
		return
	}
	// Columns wholly inside: cover 1 across, the row's cover alone.
	ia, ib := max(xa, int(math.Ceil(x0))), min(xb, int(math.Floor(x1)))
	for y := max(b.Min.Y, int(math.Floor(y0))); y < min(b.Max.Y, int(math.Ceil(y1))); y++ {
		cy := math.Min(y1, float64(y+1)) - math.Max(y0, float64(y))
		row := img.Pix[img.PixOffset(xa, y) : img.PixOffset(xb-1, y)+4 : img.PixOffset(xb-1, y)+4]
		edge := func(x int) {
			cx := math.Min(x1, float64(x+1)) - math.Max(x0, float64(x))
			if a := cx * cy * float64(c.A) / 255; a > 0 {
				blendOver(row[4*(x-xa):], a, c)
			}
		}
		for x := xa; x < min(ia, xb); x++ {
			edge(x)
		}
		if a := 1 * cy * float64(c.A) / 255; a > 0 && ia < ib {
			span := row[4*(ia-xa) : 4*(ib-xa)]
			if a == 1 {
				// Opaque: the blend below would give the colour itself.
				for len(span) >= 4 {
					px := span[:4:4]
					px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 255
					span = span[4:]
				}
			} else {
				for ; len(span) >= 4; span = span[4:] {
					blendOver(span, a, c)
				}
			}
		}
		for x := max(ib, ia, xa); x < xb; x++ {
			edge(x)
		}
	}
}

// blendOver lays c over one pixel at opacity a.
func blendOver(px []byte, a float64, c color.NRGBA) {
	px = px[:4:4]
	px[0] = uint8(float64(px[0])*(1-a) + float64(c.R)*a + 0.5)
	px[1] = uint8(float64(px[1])*(1-a) + float64(c.G)*a + 0.5)
	px[2] = uint8(float64(px[2])*(1-a) + float64(c.B)*a + 0.5)
	px[3] = uint8(float64(px[3])*(1-a) + 255*a + 0.5)
}

// momentKindsShown lists the kinds that occur in months, in the
// catalogue's order, unknown ones after by id.
func momentKindsShown(data ChartData) []legendEntry {
	totals := map[string]int{}
	for _, m := range data.Months {
		for k, n := range m.Counts {
			totals[k] += n
		}
	}
	var out []legendEntry
	for _, k := range data.Kinds {
		if totals[k.ID] > 0 {
			out = append(out, legendEntry{id: k.ID, label: k.Label, color: hexColor(k.Color)})
			delete(totals, k.ID)
		}
	}
	var rest []string
	for k, n := range totals {
		if n > 0 {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, legendEntry{id: k, label: k, color: hexColor("")})
	}
	return out
}

func drawMoments(data ChartData, w, h int, th Theme, scale float64) image.Image {
	f := newFrame(w, h, th, scale)
	entries := momentKindsShown(data)
	if len(entries) == 0 {
		f.emptyMessage("No moments in this period yet.")
		return f.img
	}
	bars := make([]bar, 0, len(data.Months)*len(entries))
	top := 0.0
	months := make([]Month, len(data.Months))
	for i, m := range data.Months {
		months[i] = m.Month
		y := 0.0
		for _, e := range entries {
			if n := m.Counts[e.id]; n > 0 {
				bars = append(bars, bar{i: i, y0: y, y1: y + float64(n), color: e.color})
				y += float64(n)
			}
		}
		top = math.Max(top, y)
	}
	legend := f.legendWidth(entries)
	area := draw.Crop(f.dc, 0, -legend, 0, 0)
	p := f.monthPlot(months, 0, top, w, nil)
	p.Y.Label.Text = "Moments"
	p.Draw(area)
	f.fillBars(p, area, bars, h)
	if legend > 0 {
		f.drawLegend(draw.Crop(f.dc, f.dc.Max.X-legend, 0, 0, 0), entries)
	}
	return f.img
}

func drawBalance(data ChartData, w, h int, th Theme, scale float64) image.Image {
	f := newFrame(w, h, th, scale)
	deep, light := 0, 0
	for _, m := range data.Balance {
		deep += m.Deep
		light += m.Light
	}
	if deep+light == 0 {
		f.emptyMessage("No deep or light moments in this period yet.")
		return f.img
	}
	entries := []legendEntry{{label: "Deep: went deep, opened up, listened", color: f.pal.deep},
		{label: "Light: laughed, inside jokes, came up for air", color: f.pal.light}}
	months := make([]Month, len(data.Balance))
	bars := make([]bar, 0, 2*len(data.Balance))
	top := 1.0
	for i, m := range data.Balance {
		months[i] = m.Month
		if m.Deep > 0 {
			bars = append(bars, bar{i: i, y0: 0, y1: float64(m.Deep), color: f.pal.deep})
		}
		if m.Light > 0 {
			bars = append(bars, bar{i: i, y0: -float64(m.Light), y1: 0, color: f.pal.light})
		}
		top = math.Max(top, float64(max(m.Deep, m.Light)))
	}
	legend := f.legendWidth(entries)
	area := draw.Crop(f.dc, 0, -legend, 0, 0)
	p := f.monthPlot(months, -top, top, w, func(v float64) string { return strconv.Itoa(int(math.Abs(v))) })
	p.Y.Label.Text = "Light below, deep above"
	p.Draw(area)
	f.fillBars(p, area, bars, h)
	if legend > 0 {
		f.drawLegend(draw.Crop(f.dc, f.dc.Max.X-legend, 0, 0, 0), entries)
	}
	return f.img
}
