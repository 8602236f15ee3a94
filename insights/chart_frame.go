package insights

import (
	"fmt"
	"image"
	"image/color"
	imgdraw "image/draw"
	"math"
	"strconv"
	"sync"
	"time"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// palette is a theme's colours.
type palette struct {
	bg, fg, muted, grid, accent, trend, deep, light color.NRGBA
	heat                                            [5]color.NRGBA // none, then 1, 2, 3, 4+ evenings
}

var palettes = map[Theme]palette{
	ThemeLight: {
		bg: hexColor("#ffffff"), fg: hexColor("#2b2b2e"), muted: hexColor("#76767c"), grid: hexColor("#e9e9ec"),
		accent: hexColor("#5b6ee1"), trend: hexColor("#2f3aa0"), deep: hexColor("#5b6ee1"), light: hexColor("#f2b134"),
		heat: [5]color.NRGBA{hexColor("#ececf0"), hexColor("#c6cbf4"), hexColor("#919cea"), hexColor("#5b6ee1"), hexColor("#2f3aa0")},
	},
	ThemeDark: {
		bg: hexColor("#1c1c1f"), fg: hexColor("#e8e8ea"), muted: hexColor("#a0a0a8"), grid: hexColor("#35353a"),
		accent: hexColor("#8c9bf0"), trend: hexColor("#d4daff"), deep: hexColor("#8c9bf0"), light: hexColor("#f4c15a"),
		heat: [5]color.NRGBA{hexColor("#2b2b30"), hexColor("#323a70"), hexColor("#4653a8"), hexColor("#6f80e6"), hexColor("#b4beff")},
	},
}

func (th Theme) palette() palette {
	if p, ok := palettes[th]; ok {
		return p
	}
	return palettes[ThemeLight]
}

// hexColor reads #rrggbb; anything else is a neutral grey.
func hexColor(s string) color.NRGBA {
	if len(s) == 7 && s[0] == '#' {
		if v, err := strconv.ParseUint(s[1:], 16, 32); err == nil {
			return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
		}
	}
	return color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 255}
}

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// frame is one chart being drawn: the image, the vg canvas over it, and the
// drawing area in points (vg's unit, origin bottom left).
type frame struct {
	img   *image.RGBA
	vc    *vgimg.Canvas
	dc    draw.Canvas
	pal   palette
	scale float64 // device pixels per 1/96 inch
}

// dpi is the resolution charts are drawn at: 96 dots per inch at scale 1.
func dpiFor(scale float64) int { return max(1, int(math.Round(96*scale))) }

// pointSize is a w x h pixel chart's size in points, vg's unit.
func pointSize(w, h int, scale float64) vg.Point {
	k := vg.Inch.Points() / float64(dpiFor(scale))
	return vg.Point{X: vg.Length(float64(w) * k), Y: vg.Length(float64(h) * k)}
}

// newFrame allocates a w x h image filled with the theme's background.
func newFrame(w, h int, th Theme, scale float64) *frame {
	f := &frame{pal: th.palette(), scale: scale}
	// Left to size the image itself, vgimg would draw on a copy of a new
	// one: a second image as large, at print resolution megabytes. It is
	// given the image and a context drawing on it, set up as it sets up
	// its own.
	f.img = newChartImage(w, h)
	ctx := gg.NewContextForRGBA(f.img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	f.vc = vgimg.NewWith(vgimg.UseImageWithContext(f.img, ctx), vgimg.UseDPI(dpiFor(scale)))
	if f.pal.bg != (color.NRGBA{0xff, 0xff, 0xff, 0xff}) {
		// vgimg painted the image white.
		imgdraw.Draw(f.img, f.img.Bounds(), image.NewUniform(f.pal.bg), image.Point{}, imgdraw.Src)
	}
	f.dc = draw.New(f.vc)
	return f
}

// chartImages keeps, by size, images of charts already encoded for print,
// to draw the next ones on: a report of many people draws hundreds of
// charts of three sizes, each megabytes. Whatever an image held is painted
// over (newFrame paints the whole background first).
var chartImages sync.Map // image.Point -> *sync.Pool of *image.RGBA

func newChartImage(w, h int) *image.RGBA {
	if p, ok := chartImages.Load(image.Pt(w, h)); ok {
		if img, ok := p.(*sync.Pool).Get().(*image.RGBA); ok {
			return img
		}
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// recycleChartImage gives back an image nothing refers to any more.
func recycleChartImage(img *image.RGBA) {
	if img.Rect.Min != (image.Point{}) {
		return
	}
	p, _ := chartImages.LoadOrStore(img.Rect.Max, &sync.Pool{})
	p.(*sync.Pool).Put(img)
}

// layoutCanvas is a canvas of the chart's size that draws nothing: enough
// to lay a plot out and find where its data goes.
func layoutCanvas(w, h int, scale float64) draw.Canvas {
	return draw.Canvas{Canvas: nopCanvas{}, Rectangle: vg.Rectangle{Max: pointSize(w, h, scale)}}
}

// toPixel turns a point on a chart's canvas into image pixels.
func toPixel(p vg.Point, h int, scale float64) (x, y float64) {
	k := float64(dpiFor(scale)) / vg.Inch.Points()
	return float64(p.X) * k, float64(h) - float64(p.Y)*k
}

func (f *frame) textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(sans, size), Handler: plot.DefaultTextHandler,
		XAlign: draw.XLeft, YAlign: draw.YBottom}
}

// emptyMessage writes a quiet note in the middle of an empty chart.
func (f *frame) emptyMessage(msg string) {
	sty := f.textStyle(11, f.pal.muted)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	f.dc.FillText(sty, f.dc.Center(), msg)
}

// newPlot is a plot styled for the theme, with the plot's own background
// left off (the frame has painted it).
func (f *frame) newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = f.pal.muted
		a.Width = vg.Points(0.6)
		a.Tick.Color = f.pal.muted
		a.Tick.Width = vg.Points(0.6)
		a.Tick.Label.Font = font.From(sans, 9)
		a.Tick.Label.Color = f.pal.fg
		a.Label.TextStyle.Font = font.From(sans, 10)
		a.Label.TextStyle.Color = f.pal.muted
		a.Padding = vg.Points(4)
	}
	return p
}

// gridLines draws horizontal grid lines behind a plot's data at the ticks.
type gridLines struct {
	ticks []float64
	color color.Color
}

func (g gridLines) Plot(c draw.Canvas, p *plot.Plot) {
	_, ty := p.Transforms(&c)
	sty := draw.LineStyle{Color: g.color, Width: vg.Points(0.5)}
	for _, v := range g.ticks {
		y := ty(v)
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	}
}

// timeTicks marks months or years along a time axis whose values are Unix
// seconds, choosing a step so that labels do not crowd.
type timeTicks struct {
	loc      *time.Location
	maxTicks int
}

func (t timeTicks) Ticks(min, max float64) []plot.Tick {
	start, end := time.Unix(int64(min), 0).In(t.loc), time.Unix(int64(max), 0).In(t.loc)
	months := (end.Year()-start.Year())*12 + int(end.Month()) - int(start.Month()) + 1
	step := 1
	for _, s := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		step = s
		if months/s <= t.maxTicks {
			break
		}
	}
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, t.loc)
	if step >= 12 {
		first = time.Date(start.Year(), time.January, 1, 0, 0, 0, 0, t.loc)
	}
	var ticks []plot.Tick
	for m := first; !m.After(end); m = m.AddDate(0, step, 0) {
		if m.Before(start) {
			continue
		}
		label := m.Format("Jan 2006")
		if step >= 12 {
			label = m.Format("2006")
		} else if m.Month() != time.January && step < 12 && len(ticks) > 0 {
			label = m.Format("Jan")
		}
		ticks = append(ticks, plot.Tick{Value: float64(m.Unix()), Label: label})
	}
	return ticks
}

// monthTicks labels bars placed at 0..n-1, one per month.
type monthTicks struct {
	months   []Month
	maxTicks int
}

func (t monthTicks) Ticks(min, max float64) []plot.Tick {
	n := len(t.months)
	step := 1
	for _, s := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		step = s
		if n/s <= t.maxTicks {
			break
		}
	}
	var ticks []plot.Tick
	for i, m := range t.months {
		if (int(m.Month)-1)%step != 0 && step < 12 || step >= 12 && (m.Month != time.January || (m.Year%(step/12)) != 0) {
			continue
		}
		label := m.Start(time.UTC).Format("Jan 2006")
		switch {
		case step >= 12:
			label = strconv.Itoa(m.Year)
		case m.Month != time.January && len(ticks) > 0:
			label = m.Start(time.UTC).Format("Jan")
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
	}
	if len(ticks) == 0 && n > 0 {
		ticks = append(ticks, plot.Tick{Value: 0, Label: t.months[0].Start(time.UTC).Format("Jan 2006")})
	}
	return ticks
}

// countTicks labels whole counts from 0, at a round step.
func countTicks(max float64, n int) []float64 {
	if max <= 0 {
		return []float64{0}
	}
	step := 1.0
	for _, s := range []float64{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000} {
		step = s
		if max/s <= float64(n) {
			break
		}
	}
	var out []float64
	for v := 0.0; v <= max+step/2; v += step {
		out = append(out, v)
	}
	return out
}

// fixedTicks labels the given values.
type fixedTicks struct {
	values []float64
	label  func(v float64) string
}

func (t fixedTicks) Ticks(min, max float64) []plot.Tick {
	out := make([]plot.Tick, 0, len(t.values))
	for _, v := range t.values {
		label := fmt.Sprint(v)
		if t.label != nil {
			label = t.label(v)
		}
		out = append(out, plot.Tick{Value: v, Label: label})
	}
	return out
}

// maxTicksFor spaces time labels about 90 pixels (at scale 1) apart.
func maxTicksFor(widthPx int, scale float64) int {
	return max(2, int(float64(widthPx)/(90*scale)))
}
