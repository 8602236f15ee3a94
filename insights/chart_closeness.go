package insights

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"kindred/journal"
)

// closenessPlot lays out the closeness chart: time across, the IOS scale up.
// Points are stamped on afterwards (see drawCloseness), so the plot holds
// the grid and the trend line only.
func closenessPlot(f *frame, data ChartData, widthPx int) *plot.Plot {
	p := f.newPlot()
	lo, hi := timeSpan(data)
	p.X.Min, p.X.Max = float64(lo.Unix()), float64(hi.Unix())
	p.X.Tick.Marker = timeTicks{loc: lo.Location(), maxTicks: maxTicksFor(widthPx, f.scale)}
	p.Y.Min, p.Y.Max = 0.6, 7.4
	levels := []float64{1, 2, 3, 4, 5, 6, 7}
	p.Y.Tick.Marker = fixedTicks{values: levels, label: func(v float64) string {
		c := journal.Closeness(int(v))
		return fmt.Sprintf("%s  %d", c.Label(), int(v))
	}}
	p.Y.Label.Text = "Closeness (IOS scale)"
	// The rotated title sits beside the widest tick label ("A little
	// overlap"); without room between them the two touch.
	p.Y.Label.Padding = vg.Points(7)
	p.Add(gridLines{ticks: levels, color: f.pal.grid})
	if len(data.Closeness.Trend) > 1 {
		// Ten years of evenings are thousands of points but a line only
		// needs one per pixel column: stroking the rest costs most of the
		// drawing and shows nothing more (the trend is smooth). At print
		// resolution, one per screen pixel (a 96th of an inch) is as
		// smooth, at a tenth of the stroking.
		perPixel := (p.X.Max - p.X.Min) / math.Max(1, float64(widthPx)/math.Max(1, f.scale))
		xys := make(plotter.XYs, 0, min(len(data.Closeness.Trend), widthPx+2))
		column := math.Inf(-1)
		for _, t := range data.Closeness.Trend {
			x := float64(t.At.Unix())
			c := math.Floor((x - p.X.Min) / perPixel)
			if c == column && len(xys) > 1 {
				xys[len(xys)-1] = plotter.XY{X: x, Y: t.Value}
				continue
			}
			column = c
			xys = append(xys, plotter.XY{X: x, Y: t.Value})
		}
		line, err := plotter.NewLine(xys)
		if err == nil {
			line.Color = f.pal.trend
			line.Width = vg.Points(1.8)
			p.Add(line)
		}
	}
	return p
}

// timeSpan is the time axis of the closeness chart: the range, or the
// ratings' own span, padded so a single evening sits in the middle.
func timeSpan(data ChartData) (lo, hi time.Time) {
	pts := data.Closeness.Points
	lo, hi = data.Range.From, data.Range.To
	if lo.IsZero() && len(pts) > 0 {
		lo = pts[0].At
	}
	if hi.IsZero() && len(pts) > 0 {
		hi = pts[len(pts)-1].At
	}
	if lo.IsZero() {
		lo = hi
	}
	if hi.IsZero() {
		hi = lo
	}
	if hi.Sub(lo) < 14*24*time.Hour {
		mid := lo.Add(hi.Sub(lo) / 2)
		lo, hi = mid.Add(-15*24*time.Hour), mid.Add(15*24*time.Hour)
	}
	pad := hi.Sub(lo) / 40
	return lo.Add(-pad), hi.Add(pad)
}

func drawCloseness(data ChartData, w, h int, th Theme, scale float64) image.Image {
	f := newFrame(w, h, th, scale)
	if len(data.Closeness.Points) == 0 {
		f.emptyMessage("No closeness ratings in this period yet.")
		return f.img
	}
	p := closenessPlot(f, data, w)
	p.Draw(f.dc)
	c := f.pal.accent
	c.A = 150
	r := 3.2 * scale
	for _, pt := range closenessPixels(p, f.dc, data, h, scale) {
		stampDisc(f.img, pt.x, pt.y, r, c)
	}
	return f.img
}

type pixel struct{ x, y float64 }

// closenessPixels is where each rating is drawn, in image pixels.
func closenessPixels(p *plot.Plot, c draw.Canvas, data ChartData, h int, scale float64) []pixel {
	dc := p.DataCanvas(c)
	tx, ty := p.Transforms(&dc)
	out := make([]pixel, len(data.Closeness.Points))
	for i, pt := range data.Closeness.Points {
		x, y := toPixel(vg.Point{X: tx(float64(pt.At.Unix())), Y: ty(float64(pt.Closeness))}, h, scale)
		out[i] = pixel{x, y}
	}
	return out
}

// ClosenessPointAt finds the rated evening drawn nearest to pixel (x, y) of
// a closeness chart rendered at widthPx x heightPx (at scale 1), within
// eight pixels; it is how a click on the chart opens the evening behind a
// point. ClosenessPointAtScaled does the same for RenderChartScaled.
func ClosenessPointAt(data ChartData, widthPx, heightPx int, x, y float64) (ClosenessPoint, bool) {
	return ClosenessPointAtScaled(data, widthPx, heightPx, 1, x, y)
}

// ClosenessPointAtScaled is ClosenessPointAt for a chart drawn at scale.
func ClosenessPointAtScaled(data ChartData, widthPx, heightPx int, scale, x, y float64) (ClosenessPoint, bool) {
	if len(data.Closeness.Points) == 0 || widthPx <= 0 || heightPx <= 0 {
		return ClosenessPoint{}, false
	}
	scale = sanitizeScale(scale)
	f := &frame{pal: ThemeLight.palette(), scale: scale}
	p := closenessPlot(f, data, widthPx)
	best, bestD := -1, math.Pow(8*scale, 2)
	for i, px := range closenessPixels(p, layoutCanvas(widthPx, heightPx, scale), data, heightPx, scale) {
		if d := (px.x-x)*(px.x-x) + (px.y-y)*(px.y-y); d <= bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return ClosenessPoint{}, false
	}
	return data.Closeness.Points[best], true
}

// stampDisc blends an anti-aliased disc of radius r centred on (cx, cy).
// Thousands of ratings are drawn this way in the time vg takes for dozens.
func stampDisc(img *image.RGBA, cx, cy, r float64, c color.NRGBA) {
	b := img.Bounds()
	x0, x1 := max(b.Min.X, int(math.Floor(cx-r-1))), min(b.Max.X-1, int(math.Ceil(cx+r+1)))
	y0, y1 := max(b.Min.Y, int(math.Floor(cy-r-1))), min(b.Max.Y-1, int(math.Ceil(cy+r+1)))
	inner, outer := math.Max(0, r-0.5), r+0.5
	for y := y0; y <= y1; y++ {
		dy := float64(y) + 0.5 - cy
		for x := x0; x <= x1; x++ {
			dx := float64(x) + 0.5 - cx
			d2 := dx*dx + dy*dy
			if d2 >= outer*outer {
				continue
			}
			cover := 1.0
			if d2 > inner*inner {
				cover = outer - math.Sqrt(d2)
			}
			a := cover * float64(c.A) / 255
			i := img.PixOffset(x, y)
			px := img.Pix[i : i+4 : i+4]
			px[0] = uint8(float64(px[0])*(1-a) + float64(c.R)*a + 0.5)
			px[1] = uint8(float64(px[1])*(1-a) + float64(c.G)*a + 0.5)
			px[2] = uint8(float64(px[2])*(1-a) + float64(c.B)*a + 0.5)
			px[3] = uint8(float64(px[3])*(1-a) + 255*a + 0.5)
		}
	}
}
