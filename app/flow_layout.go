package app

import "fyne.io/fyne/v2"

// flowLayout places objects left to right at their minimum size and wraps
// to a new line when the width runs out, as words in a paragraph.
type flowLayout struct {
	gap float32
	// width is the last width the layout was given; MinSize uses it so the
	// container asks for the height its wrapped lines need.
	width float32
}

func newFlowLayout(gap float32) *flowLayout { return &flowLayout{gap: gap} }

func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objects, size.Width, true)
}

func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if l.width <= 0 {
		// Before the first layout: one line, as wide as its objects.
		var w, h float32
		for _, o := range objects {
			if !o.Visible() {
				continue
			}
			m := o.MinSize()
			if w > 0 {
				w += l.gap
			}
			w += m.Width
			h = max(h, m.Height)
		}
		return fyne.NewSize(min(w, 320), h)
	}
	var widest float32
	for _, o := range objects {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	return fyne.NewSize(min(widest, l.width), l.place(objects, l.width, false))
}

// place lays objects out in lines (when move is set) and returns the height used.
func (l *flowLayout) place(objects []fyne.CanvasObject, width float32, move bool) float32 {
	var x, y, lineH float32
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x = 0
			y += lineH + l.gap
			lineH = 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + l.gap
		lineH = max(lineH, m.Height)
	}
	return y + lineH
}
