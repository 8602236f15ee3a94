package app

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
)

// chartView shows one insights chart, drawn by insights.RenderChartScaled at
// the widget's own pixel size, so it stays sharp as the window is resized,
// and in the theme's light or dark palette. A closeness chart is tappable:
// a tap near a point opens the evening behind it.
type chartView struct {
	widget.BaseWidget
	kind    insights.ChartKind
	data    insights.ChartData
	raster  *canvas.Raster
	onPoint func(p insights.ClosenessPoint)

	// The last drawing's pixel size and scale, to map taps onto it.
	lastW, lastH int
	lastScale    float64
}

var (
	_ fyne.Widget   = (*chartView)(nil)
	_ fyne.Tappable = (*chartView)(nil)
)

func newChartView(kind insights.ChartKind) *chartView {
	c := &chartView{kind: kind}
	c.raster = canvas.NewRaster(c.draw)
	c.raster.ScaleMode = canvas.ImageScaleFastest
	c.ExtendBaseWidget(c)
	return c
}

// SetData replaces what the chart shows and redraws it.
func (c *chartView) SetData(d insights.ChartData) {
	c.data = d
	c.Refresh()
}

func (c *chartView) draw(w, h int) image.Image {
	scale := 1.0
	if size := c.Size(); size.Width > 0 {
		scale = float64(w) / float64(size.Width)
	}
	img, err := insights.RenderChartScaled(c.kind, c.data, w, h, chartTheme(), scale)
	if err != nil {
		fyne.LogError("draw chart", err)
		return image.NewUniform(color.Transparent)
	}
	c.lastW, c.lastH, c.lastScale = w, h, scale
	return img
}

// chartTheme follows the app's theme by the darkness of its background, so
// any theme (not only Fyne's own two variants) gets the right palette.
func chartTheme() insights.Theme {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	if 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff {
		return insights.ThemeDark
	}
	return insights.ThemeLight
}

func (c *chartView) MinSize() fyne.Size { return fyne.NewSize(320, 240) }

// Tapped opens the evening behind the closeness point nearest the tap.
func (c *chartView) Tapped(ev *fyne.PointEvent) {
	if c.kind != insights.ChartCloseness || c.onPoint == nil {
		return
	}
	w, h, scale := c.lastW, c.lastH, c.lastScale
	if w == 0 || h == 0 {
		// Not drawn yet: work out the size it would be drawn at.
		scale = 1
		if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
			scale = float64(cv.Scale())
		}
		w, h = int(math.Ceil(float64(c.Size().Width)*scale)), int(math.Ceil(float64(c.Size().Height)*scale))
	}
	x, y := float64(ev.Position.X)*scale, float64(ev.Position.Y)*scale
	if p, ok := insights.ClosenessPointAtScaled(c.data, w, h, scale, x, y); ok {
		c.onPoint(p)
	}
}

func (c *chartView) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

type chartRenderer struct{ c *chartView }

func (r *chartRenderer) Layout(size fyne.Size) { r.c.raster.Resize(size) }
func (r *chartRenderer) MinSize() fyne.Size    { return r.c.MinSize() }
func (r *chartRenderer) Refresh()              { r.c.raster.Refresh() }
func (r *chartRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.raster}
}
func (r *chartRenderer) Destroy() {}
