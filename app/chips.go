package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// Chip is a moment kind that can be toggled on or off in an encounter.
// Connection moments are drawn in their kind's colour; missteps are quiet:
// smaller, grey, never alarming.
type Chip struct {
	widget.BaseWidget
	Kind      journal.MomentKind
	On        bool
	OnToggled func(on bool)

	focused, hovered bool
}

var (
	_ fyne.Widget        = (*Chip)(nil)
	_ fyne.Focusable     = (*Chip)(nil)
	_ fyne.Tappable      = (*Chip)(nil)
	_ desktop.Hoverable  = (*Chip)(nil)
	_ desktop.Cursorable = (*Chip)(nil)
)

// NewChip builds an unselected chip for a kind.
func NewChip(k journal.MomentKind, onToggled func(bool)) *Chip {
	c := &Chip{Kind: k, OnToggled: onToggled}
	c.ExtendBaseWidget(c)
	return c
}

// SetOn changes the chip without calling OnToggled.
func (c *Chip) SetOn(on bool) {
	c.On = on
	c.Refresh()
}

func (c *Chip) toggle() {
	c.On = !c.On
	c.Refresh()
	if c.OnToggled != nil {
		c.OnToggled(c.On)
	}
}

func (c *Chip) Tapped(*fyne.PointEvent) {
	requestFocus(c)
	c.toggle()
}

func (c *Chip) FocusGained() { c.focused = true; c.Refresh() }
func (c *Chip) FocusLost()   { c.focused = false; c.Refresh() }
func (c *Chip) TypedRune(r rune) {
	if r == ' ' {
		c.toggle()
	}
}
func (c *Chip) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		c.toggle()
		return
	}
	windowKey(c, ev)
}

func (c *Chip) MouseIn(*desktop.MouseEvent)    { c.hovered = true; c.Refresh() }
func (c *Chip) MouseMoved(*desktop.MouseEvent) {}
func (c *Chip) MouseOut()                      { c.hovered = false; c.Refresh() }
func (c *Chip) Cursor() desktop.Cursor         { return desktop.PointerCursor }

func (c *Chip) textSize() float32 {
	if c.Kind.Misstep {
		return themeSize(c, theme.SizeNameCaptionText)
	}
	return themeSize(c, theme.SizeNameText)
}

func (c *Chip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{
		c:     c,
		bg:    canvas.NewRectangle(color.Transparent),
		dot:   &canvas.Circle{},
		label: canvas.NewText(c.Kind.Label, color.Black),
	}
	r.Refresh()
	return r
}

type chipRenderer struct {
	c     *Chip
	bg    *canvas.Rectangle
	dot   *canvas.Circle
	label *canvas.Text
}

func (r *chipRenderer) pad() (h, v float32) {
	if r.c.Kind.Misstep {
		return 8, 3
	}
	return 10, 5
}

func (r *chipRenderer) dotSize() float32 { return r.c.textSize() * 0.6 }

func (r *chipRenderer) MinSize() fyne.Size {
	ph, pv := r.pad()
	t := fyne.MeasureText(r.c.Kind.Label, r.c.textSize(), r.label.TextStyle)
	return fyne.NewSize(ph*2+r.dotSize()+6+t.Width, pv*2+t.Height)
}

func (r *chipRenderer) Layout(size fyne.Size) {
	ph, _ := r.pad()
	r.bg.Resize(size)
	r.bg.CornerRadius = size.Height / 2
	d := r.dotSize()
	r.dot.Move(fyne.NewPos(ph, (size.Height-d)/2))
	r.dot.Resize(fyne.NewSize(d, d))
	t := r.label.MinSize()
	r.label.Move(fyne.NewPos(ph+d+6, (size.Height-t.Height)/2))
	r.label.Resize(t)
}

func (r *chipRenderer) Refresh() {
	c := r.c
	kind := parseHex(c.Kind.Color)
	fg := themeColor(c, theme.ColorNameForeground)
	r.label.Text = c.Kind.Label
	r.label.TextSize = c.textSize()
	r.bg.StrokeWidth = 1
	if c.Kind.Misstep {
		muted := themeColor(c, theme.ColorNamePlaceHolder)
		r.dot.FillColor = muted
		if c.On {
			r.bg.FillColor = withAlpha(muted, 0x40)
			r.bg.StrokeColor = muted
			r.label.Color = fg
		} else {
			r.bg.FillColor = color.Transparent
			r.bg.StrokeColor = withAlpha(muted, 0x60)
			r.label.Color = muted
		}
	} else {
		r.dot.FillColor = kind
		if c.On {
			r.bg.FillColor = withAlpha(kind, 0x48)
			r.bg.StrokeColor = kind
			r.bg.StrokeWidth = 2
		} else {
			r.bg.FillColor = color.Transparent
			r.bg.StrokeColor = themeColor(c, theme.ColorNameInputBorder)
		}
		r.label.Color = fg
	}
	r.label.TextStyle = fyne.TextStyle{Bold: c.On && !c.Kind.Misstep}
	if c.hovered && !c.On {
		r.bg.FillColor = themeColor(c, theme.ColorNameHover)
	}
	if c.focused {
		r.bg.StrokeColor = themeColor(c, theme.ColorNameFocus)
		r.bg.StrokeWidth = 2
	}
	r.bg.Refresh()
	r.dot.Refresh()
	r.label.Refresh()
	r.Layout(c.Size())
}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.dot, r.label}
}
func (r *chipRenderer) Destroy() {}
