package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tlChipValue is one moment as a row shows it.
type tlChipValue struct {
	Label string
	Color string // #rrggbb
}

// tlChipStrip shows moments as small rounded chips on one line. Chips that
// do not fit are counted in a "+N" at the end rather than wrapped, so every
// row keeps the same height. Missteps are drawn outlined, without fill, so
// they read apart from the connection moments.
type tlChipStrip struct {
	widget.BaseWidget
	chips    []tlChipValue
	outlined bool
}

var _ fyne.Widget = (*tlChipStrip)(nil)

func newTLChipStrip(outlined bool) *tlChipStrip {
	s := &tlChipStrip{outlined: outlined}
	s.ExtendBaseWidget(s)
	return s
}

// Set shows these chips.
func (s *tlChipStrip) Set(chips []tlChipValue) {
	s.chips = chips
	s.Refresh()
}

// Labels are the chips' labels, for tests and accessibility.
func (s *tlChipStrip) Labels() []string {
	out := make([]string, len(s.chips))
	for i, c := range s.chips {
		out[i] = c.Label
	}
	return out
}

func (s *tlChipStrip) CreateRenderer() fyne.WidgetRenderer {
	r := &tlChipStripRenderer{s: s, more: canvas.NewText("", color.Black)}
	r.Refresh()
	return r
}

type tlChipView struct {
	bg   *canvas.Rectangle
	text *canvas.Text
}

type tlChipStripRenderer struct {
	s     *tlChipStrip
	views []tlChipView
	more  *canvas.Text
	objs  []fyne.CanvasObject
}

func (r *tlChipStripRenderer) textSize() float32 {
	return r.s.Theme().Size(theme.SizeNameCaptionText)
}

func (r *tlChipStripRenderer) chipSize(v tlChipView) fyne.Size {
	t := fyne.MeasureText(v.text.Text, r.textSize(), v.text.TextStyle)
	pad := r.s.Theme().Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(t.Width+pad*1.5, t.Height+pad/2)
}

func (r *tlChipStripRenderer) Layout(size fyne.Size) {
	gap := r.s.Theme().Size(theme.SizeNamePadding)
	x := float32(0)
	hidden := 0
	moreW := fyne.MeasureText("+00", r.textSize(), fyne.TextStyle{}).Width
	for i, v := range r.views {
		cs := r.chipSize(v)
		room := size.Width
		if i < len(r.views)-1 {
			room -= moreW + gap // leave space to say how many are left
		}
		if hidden > 0 || x+cs.Width > room {
			hidden++
			v.bg.Hide()
			v.text.Hide()
			continue
		}
		y := (size.Height - cs.Height) / 2
		v.bg.Move(fyne.NewPos(x, y))
		v.bg.Resize(cs)
		v.bg.Show()
		ts := v.text.MinSize()
		v.text.Move(fyne.NewPos(x+(cs.Width-ts.Width)/2, y+(cs.Height-ts.Height)/2))
		v.text.Resize(ts)
		v.text.Show()
		x += cs.Width + gap
	}
	if hidden == 0 {
		r.more.Hide()
		return
	}
	r.more.Text = fmt.Sprintf("+%d", hidden)
	ms := r.more.MinSize()
	r.more.Move(fyne.NewPos(x, (size.Height-ms.Height)/2))
	r.more.Resize(ms)
	r.more.Show()
}

func (r *tlChipStripRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", r.textSize(), fyne.TextStyle{}).Height + r.s.Theme().Size(theme.SizeNameInnerPadding)/2
	return fyne.NewSize(0, h)
}

func (r *tlChipStripRenderer) Refresh() {
	th := r.s.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	for len(r.views) < len(r.s.chips) {
		r.views = append(r.views, tlChipView{bg: &canvas.Rectangle{}, text: canvas.NewText("", fg)})
	}
	r.views = r.views[:len(r.s.chips)]
	r.objs = r.objs[:0]
	for i, c := range r.s.chips {
		view := r.views[i]
		col := parseHex(c.Color)
		view.bg.CornerRadius = 8
		if r.s.outlined {
			view.bg.FillColor = color.Transparent
			view.bg.StrokeColor = col
			view.bg.StrokeWidth = 1
			view.text.TextStyle = fyne.TextStyle{Italic: true}
		} else {
			view.bg.FillColor = withAlpha(col, 0x55)
			view.bg.StrokeWidth = 0
			view.text.TextStyle = fyne.TextStyle{}
		}
		view.text.Text = c.Label
		view.text.TextSize = r.textSize()
		view.text.Color = fg
		r.objs = append(r.objs, view.bg, view.text)
	}
	r.more.TextSize = r.textSize()
	r.more.Color = th.Color(theme.ColorNamePlaceHolder, v)
	r.objs = append(r.objs, r.more)
	r.Layout(r.s.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

func (r *tlChipStripRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *tlChipStripRenderer) Destroy() {}
