package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// ClosenessScale is the Inclusion of Other in the Self scale drawn as seven
// pairs of circles, "you" and "them", from apart (1) to almost one (7). It is
// chosen by clicking a pair or typing 1-7; 0, Backspace or clicking the
// chosen pair again leaves the evening unrated.
type ClosenessScale struct {
	widget.BaseWidget
	Value journal.Closeness
	// Other is the colour of the "them" circle: the person's colour.
	Other     color.Color
	OnChanged func(journal.Closeness)

	focused bool
	hovered journal.Closeness // the pair under the pointer, NotRated if none
}

var (
	_ fyne.Widget        = (*ClosenessScale)(nil)
	_ fyne.Focusable     = (*ClosenessScale)(nil)
	_ fyne.Tappable      = (*ClosenessScale)(nil)
	_ desktop.Hoverable  = (*ClosenessScale)(nil)
	_ desktop.Cursorable = (*ClosenessScale)(nil)
)

// The scale's geometry, in Fyne units.
const (
	iosCellWidth   float32 = 58
	iosCellHeight  float32 = 54
	iosRadius      float32 = 11
	iosLabelHeight float32 = 24
)

// iosDistance is the distance between the two circles' centres, in radii,
// for each rating: a gap at 1, touching at 2, then more and more overlap.
var iosDistance = [...]float32{0, 2.5, 2.0, 1.6, 1.2, 0.85, 0.5, 0.2}

// NewClosenessScale builds an unrated scale.
func NewClosenessScale(onChanged func(journal.Closeness)) *ClosenessScale {
	s := &ClosenessScale{OnChanged: onChanged}
	s.ExtendBaseWidget(s)
	return s
}

// SetValue changes the rating without calling OnChanged.
func (s *ClosenessScale) SetValue(c journal.Closeness) {
	if !c.Rated() {
		c = journal.NotRated
	}
	s.Value = c
	s.Refresh()
}

func (s *ClosenessScale) choose(c journal.Closeness) {
	if !c.Rated() {
		c = journal.NotRated
	}
	if c == s.Value {
		return
	}
	s.Value = c
	s.Refresh()
	if s.OnChanged != nil {
		s.OnChanged(c)
	}
}

// Caption is what the scale says under the circles.
func (s *ClosenessScale) Caption() string {
	if !s.Value.Rated() {
		return "Not rated · click a pair or press 1-7"
	}
	return fmt.Sprintf("%d of 7 · %s", int(s.Value), s.Value.Label())
}

func (s *ClosenessScale) pairAt(p fyne.Position) journal.Closeness {
	if p.Y < 0 || p.Y > iosCellHeight || p.X < 0 {
		return journal.NotRated
	}
	i := int(p.X/iosCellWidth) + 1
	if i > int(journal.MaxCloseness) {
		return journal.NotRated
	}
	return journal.Closeness(i)
}

// Tapped chooses the pair under the pointer; the chosen pair again clears it.
func (s *ClosenessScale) Tapped(ev *fyne.PointEvent) {
	requestFocus(s)
	c := s.pairAt(ev.Position)
	if c == journal.NotRated {
		return
	}
	if c == s.Value {
		c = journal.NotRated
	}
	s.choose(c)
}

func (s *ClosenessScale) FocusGained() { s.focused = true; s.Refresh() }
func (s *ClosenessScale) FocusLost()   { s.focused = false; s.Refresh() }

// TypedRune takes the digits 0-7.
func (s *ClosenessScale) TypedRune(r rune) {
	if r >= '0' && r <= '7' {
		s.choose(journal.Closeness(r - '0'))
	}
}

// TypedKey moves along the scale with the arrows and clears with Backspace.
func (s *ClosenessScale) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyDown:
		if s.Value > journal.MinCloseness {
			s.choose(s.Value - 1)
		}
	case fyne.KeyRight, fyne.KeyUp:
		if s.Value < journal.MaxCloseness {
			s.choose(s.Value + 1)
		}
	case fyne.KeyHome:
		s.choose(journal.MinCloseness)
	case fyne.KeyEnd:
		s.choose(journal.MaxCloseness)
	case fyne.KeyBackspace, fyne.KeyDelete:
		s.choose(journal.NotRated)
	default:
		if windowKey(s, ev) {
			return
		}
		if len(ev.Name) == 1 {
			s.TypedRune(rune(ev.Name[0]))
		}
	}
}

func (s *ClosenessScale) MouseIn(ev *desktop.MouseEvent) { s.MouseMoved(ev) }
func (s *ClosenessScale) MouseMoved(ev *desktop.MouseEvent) {
	if h := s.pairAt(ev.Position); h != s.hovered {
		s.hovered = h
		s.Refresh()
	}
}
func (s *ClosenessScale) MouseOut() { s.hovered = journal.NotRated; s.Refresh() }

func (s *ClosenessScale) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (s *ClosenessScale) MinSize() fyne.Size {
	return fyne.NewSize(iosCellWidth*float32(journal.MaxCloseness), iosCellHeight+iosLabelHeight)
}

func (s *ClosenessScale) CreateRenderer() fyne.WidgetRenderer {
	r := &closenessRenderer{s: s, focus: canvas.NewRectangle(color.Transparent)}
	r.focus.CornerRadius = 8
	for i := range r.cells {
		r.cells[i] = canvas.NewRectangle(color.Transparent)
		r.cells[i].CornerRadius = 8
		r.self[i] = &canvas.Circle{}
		r.other[i] = &canvas.Circle{}
		r.digits[i] = canvas.NewText(fmt.Sprint(i+1), color.Black)
		r.digits[i].Alignment = fyne.TextAlignCenter
	}
	r.caption = canvas.NewText("", color.Black)
	r.objects = append(r.objects, r.focus)
	for i := range r.cells {
		r.objects = append(r.objects, r.cells[i], r.self[i], r.other[i], r.digits[i])
	}
	r.objects = append(r.objects, r.caption)
	r.Refresh()
	return r
}

type closenessRenderer struct {
	s       *ClosenessScale
	focus   *canvas.Rectangle
	cells   [7]*canvas.Rectangle
	self    [7]*canvas.Circle
	other   [7]*canvas.Circle
	digits  [7]*canvas.Text
	caption *canvas.Text
	objects []fyne.CanvasObject
}

func (r *closenessRenderer) Layout(size fyne.Size) {
	r.focus.Move(fyne.NewPos(0, 0))
	r.focus.Resize(fyne.NewSize(iosCellWidth*7, iosCellHeight))
	cy := float32(20)
	for i := range r.cells {
		x := float32(i) * iosCellWidth
		r.cells[i].Move(fyne.NewPos(x+2, 2))
		r.cells[i].Resize(fyne.NewSize(iosCellWidth-4, iosCellHeight-4))
		d := iosDistance[i+1] * iosRadius
		cx := x + iosCellWidth/2
		placeCircle(r.self[i], cx-d/2, cy, iosRadius)
		placeCircle(r.other[i], cx+d/2, cy, iosRadius)
		r.digits[i].Move(fyne.NewPos(x, cy+iosRadius+2))
		r.digits[i].Resize(fyne.NewSize(iosCellWidth, 14))
	}
	r.caption.Move(fyne.NewPos(4, iosCellHeight+2))
	r.caption.Resize(fyne.NewSize(size.Width-4, iosLabelHeight-4))
}

func placeCircle(c *canvas.Circle, cx, cy, radius float32) {
	c.Move(fyne.NewPos(cx-radius, cy-radius))
	c.Resize(fyne.NewSize(2*radius, 2*radius))
}

func (r *closenessRenderer) MinSize() fyne.Size { return r.s.MinSize() }

func (r *closenessRenderer) Refresh() {
	s := r.s
	fg := themeColor(s, theme.ColorNameForeground)
	muted := themeColor(s, theme.ColorNamePlaceHolder)
	primary := themeColor(s, theme.ColorNamePrimary)
	other := s.Other
	if other == nil {
		other = themeColor(s, theme.ColorNameSuccess)
	}
	if s.focused {
		r.focus.StrokeColor = themeColor(s, theme.ColorNameFocus)
		r.focus.StrokeWidth = 2
	} else {
		r.focus.StrokeColor = color.Transparent
		r.focus.StrokeWidth = 0
	}
	for i := range r.cells {
		c := journal.Closeness(i + 1)
		chosen := c == s.Value
		switch {
		case chosen:
			r.cells[i].FillColor = themeColor(s, theme.ColorNameSelection)
		case c == s.hovered:
			r.cells[i].FillColor = themeColor(s, theme.ColorNameHover)
		default:
			r.cells[i].FillColor = color.Transparent
		}
		if chosen {
			r.self[i].StrokeColor, r.self[i].FillColor, r.self[i].StrokeWidth = primary, withAlpha(primary, 0x50), 2
			r.other[i].StrokeColor, r.other[i].FillColor, r.other[i].StrokeWidth = other, withAlpha(other, 0x50), 2
			r.digits[i].Color = fg
			r.digits[i].TextStyle = fyne.TextStyle{Bold: true}
		} else {
			r.self[i].StrokeColor, r.self[i].FillColor, r.self[i].StrokeWidth = withAlpha(primary, 0x90), color.Transparent, 1.25
			r.other[i].StrokeColor, r.other[i].FillColor, r.other[i].StrokeWidth = withAlpha(other, 0x90), color.Transparent, 1.25
			r.digits[i].Color = muted
			r.digits[i].TextStyle = fyne.TextStyle{}
		}
		r.digits[i].TextSize = themeSize(s, theme.SizeNameCaptionText)
		r.digits[i].Refresh()
		r.cells[i].Refresh()
		r.self[i].Refresh()
		r.other[i].Refresh()
	}
	r.caption.Text = s.Caption()
	r.caption.TextSize = themeSize(s, theme.SizeNameText)
	if s.Value.Rated() {
		r.caption.Color = fg
	} else {
		r.caption.Color = muted
	}
	r.caption.Refresh()
	r.focus.Refresh()
}

func (r *closenessRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *closenessRenderer) Destroy()                     {}
