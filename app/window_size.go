package app

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// The window opens at the size it last had, kept in Fyne's preferences as
// it changes (saving while the app quits can leave Fyne waiting). Fyne 2.7
// can neither read nor set a window's position, so where it opens is left
// to the window manager.

// prefSize holds "width height" in one preference: one change, so Fyne
// saves once (two changes while the app quits left it waiting).
const prefSize = "window.size"

// defaultWindowSize is the first size, and the fallback for a size that is
// not believable.
var defaultWindowSize = fyne.NewSize(1100, 720)

// minWindowSize is the smallest size Kindred is laid out for.
var minWindowSize = fyne.NewSize(800, 600)

func rememberedSize(a fyne.App) fyne.Size {
	var w, h float32
	if _, err := fmt.Sscanf(a.Preferences().String(prefSize), "%g %g", &w, &h); err != nil {
		return defaultWindowSize
	}
	if w < minWindowSize.Width || h < minWindowSize.Height || w > 20000 || h > 20000 {
		return defaultWindowSize
	}
	return fyne.NewSize(w, h)
}

func rememberSize(a fyne.App, s fyne.Size) {
	if s.Width < minWindowSize.Width || s.Height < minWindowSize.Height {
		return
	}
	if v := fmt.Sprintf("%g %g", s.Width, s.Height); v != a.Preferences().String(prefSize) {
		a.Preferences().SetString(prefSize, v)
	}
}

// sizeWatch lays the window's content over the whole window, as Fyne does,
// and remembers each new size.
type sizeWatch struct {
	app  fyne.App
	last fyne.Size
}

func (l *sizeWatch) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if len(objects) == 0 {
		return
	}
	// The window's size is the canvas's, padding and all.
	c := fyne.CurrentApp().Driver().CanvasForObject(objects[0])
	if c == nil {
		return
	}
	if cs := c.Size(); cs != l.last {
		l.last = cs
		rememberSize(l.app, cs)
	}
}

func (l *sizeWatch) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}
