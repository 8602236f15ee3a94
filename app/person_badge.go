package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// PersonBadge is a person's initials on a disc of their colour.
type PersonBadge struct {
	widget.BaseWidget
	Initials string
	Color    string // #rrggbb
	Diameter float32
}

// NewPersonBadge builds a badge for p.
func NewPersonBadge(p *journal.Person, size float32) *PersonBadge {
	b := &PersonBadge{Diameter: size}
	if p != nil {
		b.Initials, b.Color = p.Initials(), p.Color
	}
	b.ExtendBaseWidget(b)
	return b
}

// SetPerson shows another person.
func (b *PersonBadge) SetPerson(p *journal.Person) {
	b.Initials, b.Color = p.Initials(), p.Color
	b.Refresh()
}

func (b *PersonBadge) MinSize() fyne.Size { return fyne.NewSize(b.Diameter, b.Diameter) }

func (b *PersonBadge) CreateRenderer() fyne.WidgetRenderer {
	disc := &canvas.Circle{}
	text := canvas.NewText("", color.White)
	text.Alignment = fyne.TextAlignCenter
	text.TextStyle = fyne.TextStyle{Bold: true}
	r := &badgeRenderer{b: b, disc: disc, text: text}
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b    *PersonBadge
	disc *canvas.Circle
	text *canvas.Text
}

func (r *badgeRenderer) Layout(size fyne.Size) {
	d := min(size.Width, size.Height)
	pos := fyne.NewPos((size.Width-d)/2, (size.Height-d)/2)
	r.disc.Move(pos)
	r.disc.Resize(fyne.NewSize(d, d))
	t := r.text.MinSize()
	r.text.Move(fyne.NewPos(0, (size.Height-t.Height)/2))
	r.text.Resize(fyne.NewSize(size.Width, t.Height))
}

func (r *badgeRenderer) MinSize() fyne.Size { return r.b.MinSize() }

func (r *badgeRenderer) Refresh() {
	r.disc.FillColor = parseHex(r.b.Color)
	r.text.Text = r.b.Initials
	r.text.TextSize = r.b.Diameter * 0.4
	r.disc.Refresh()
	r.text.Refresh()
	r.Layout(r.b.Size())
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.disc, r.text} }
func (r *badgeRenderer) Destroy()                     {}

// ClosenessGlyph is one pair of the closeness scale, small, for lists: how
// close the latest evening felt (the last rating, not the trend; pointing at
// it says so). Unrated shows a dash.
type ClosenessGlyph struct {
	widget.BaseWidget
	Value journal.Closeness
	Other string // #rrggbb of the person

	tip *widget.PopUp // the hint shown while the pointer is on it
}

// NewClosenessGlyph builds a glyph for c.
func NewClosenessGlyph(c journal.Closeness, other string) *ClosenessGlyph {
	g := &ClosenessGlyph{Value: c, Other: other}
	g.ExtendBaseWidget(g)
	return g
}

// Set shows another rating.
func (g *ClosenessGlyph) Set(c journal.Closeness, other string) {
	g.Value, g.Other = c, other
	g.Refresh()
}

const glyphRadius float32 = 6

// glyphCircles is the width the two circles take; the digit follows.
const glyphCircles = glyphRadius*4.5 + 2

func (g *ClosenessGlyph) MinSize() fyne.Size { return fyne.NewSize(glyphCircles+12, glyphRadius*2+2) }

func (g *ClosenessGlyph) CreateRenderer() fyne.WidgetRenderer {
	r := &glyphRenderer{g: g, self: &canvas.Circle{}, other: &canvas.Circle{},
		dash: canvas.NewText("–", color.Black), digit: canvas.NewText("", color.Black)}
	r.dash.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

type glyphRenderer struct {
	g           *ClosenessGlyph
	self, other *canvas.Circle
	dash, digit *canvas.Text
}

func (r *glyphRenderer) Layout(size fyne.Size) {
	cy := size.Height / 2
	cx := glyphCircles / 2
	d := float32(0)
	if r.g.Value.Rated() {
		d = iosDistance[r.g.Value] * glyphRadius
	}
	placeCircle(r.self, cx-d/2, cy, glyphRadius)
	placeCircle(r.other, cx+d/2, cy, glyphRadius)
	t := r.dash.MinSize()
	r.dash.Move(fyne.NewPos(0, (size.Height-t.Height)/2))
	r.dash.Resize(fyne.NewSize(glyphCircles, t.Height))
	t = r.digit.MinSize()
	r.digit.Move(fyne.NewPos(glyphCircles, (size.Height-t.Height)/2))
	r.digit.Resize(t)
}

func (r *glyphRenderer) MinSize() fyne.Size { return r.g.MinSize() }

func (r *glyphRenderer) Refresh() {
	rated := r.g.Value.Rated()
	primary := themeColor(r.g, theme.ColorNamePrimary)
	other := parseHex(r.g.Other)
	r.self.StrokeColor, r.self.FillColor, r.self.StrokeWidth = primary, withAlpha(primary, 0x50), 1.5
	r.other.StrokeColor, r.other.FillColor, r.other.StrokeWidth = other, withAlpha(other, 0x50), 1.5
	r.self.Hidden, r.other.Hidden, r.dash.Hidden = !rated, !rated, rated
	r.dash.Color = themeColor(r.g, theme.ColorNamePlaceHolder)
	r.digit.Text = ""
	if rated {
		r.digit.Text = fmt.Sprint(int(r.g.Value))
	}
	r.digit.Color = themeColor(r.g, theme.ColorNamePlaceHolder)
	r.digit.TextSize = themeSize(r.g, theme.SizeNameCaptionText)
	r.digit.Refresh()
	r.self.Refresh()
	r.other.Refresh()
	r.dash.Refresh()
	r.Layout(r.g.Size())
}

func (r *glyphRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.self, r.other, r.dash, r.digit}
}
func (r *glyphRenderer) Destroy() {}
