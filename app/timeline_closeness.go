package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// tlCloseness draws a closeness rating small, as one pair of the IOS
// scale's circles: "self" outlined, the other person filled with their
// colour, further apart for 1 and almost one circle for 7. Unrated evenings
// show the two circles faint and apart.
type tlCloseness struct {
	widget.BaseWidget
	value journal.Closeness
	other color.Color
}

var _ fyne.Widget = (*tlCloseness)(nil)

func newTLCloseness() *tlCloseness {
	c := &tlCloseness{}
	c.ExtendBaseWidget(c)
	return c
}

// Set shows a rating, with the other person's colour (#rrggbb).
func (c *tlCloseness) Set(v journal.Closeness, other string) {
	col := tlColor(other)
	if c.value == v && c.other == col {
		return
	}
	c.value, c.other = v, col
	c.Refresh()
}

const tlClosenessRadius float32 = 7

func (c *tlCloseness) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(tlClosenessRadius*4+2, tlClosenessRadius*2+2)
}

func (c *tlCloseness) CreateRenderer() fyne.WidgetRenderer {
	r := &tlClosenessRenderer{c: c, self: &canvas.Circle{StrokeWidth: 1.5}, other: &canvas.Circle{StrokeWidth: 1.5}}
	r.Refresh()
	return r
}

type tlClosenessRenderer struct {
	c           *tlCloseness
	self, other *canvas.Circle
}

// tlOverlap is how far apart the centres are, in radii, for ratings 1-7:
// touching at 1, nearly one circle at 7.
var tlOverlap = [...]float32{2.2, 2, 1.65, 1.3, 0.95, 0.6, 0.3, 0.1}

func (r *tlClosenessRenderer) Layout(size fyne.Size) {
	rad := min(tlClosenessRadius, size.Height/2-1)
	d := tlOverlap[0] * rad
	if r.c.value.Rated() {
		d = tlOverlap[r.c.value] * rad
	}
	cx, cy := size.Width/2, size.Height/2
	place := func(o *canvas.Circle, x float32) {
		o.Move(fyne.NewPos(x-rad, cy-rad))
		o.Resize(fyne.NewSquareSize(rad * 2))
	}
	place(r.self, cx-d/2)
	place(r.other, cx+d/2)
}

func (r *tlClosenessRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *tlClosenessRenderer) Refresh() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	other := r.c.other
	if other == nil {
		other = th.Color(theme.ColorNamePrimary, v)
	}
	r.self.FillColor = color.Transparent
	r.self.StrokeColor = fg
	r.other.FillColor = withAlphaTL(other, 0xb0)
	r.other.StrokeColor = other
	if !r.c.value.Rated() {
		faint := th.Color(theme.ColorNameDisabled, v)
		r.self.StrokeColor = faint
		r.other.FillColor = color.Transparent
		r.other.StrokeColor = faint
	}
	r.Layout(r.c.Size())
	r.self.Refresh()
	r.other.Refresh()
}

func (r *tlClosenessRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.other, r.self}
}

func (r *tlClosenessRenderer) Destroy() {}

// tlColor reads #rrggbb; anything else is nil (the theme's colour).
func tlColor(hex string) color.Color {
	if len(hex) != 7 || hex[0] != '#' {
		return nil
	}
	var v [3]uint8
	for i := range v {
		hi, ok1 := tlHexNibble(hex[1+2*i])
		lo, ok2 := tlHexNibble(hex[2+2*i])
		if !ok1 || !ok2 {
			return nil
		}
		v[i] = hi<<4 | lo
	}
	return color.NRGBA{R: v[0], G: v[1], B: v[2], A: 0xff}
}

func tlHexNibble(b byte) (uint8, bool) {
	switch {
	case b >= '0' && b <= '9':
		return b - '0', true
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10, true
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}

// withAlphaTL is c with its opacity set to a.
func withAlphaTL(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
