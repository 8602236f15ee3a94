package app

import "fyne.io/fyne/v2"

// The window opens at the size it last closed at, kept in Fyne's
// preferences. Fyne 2.7 can neither read nor set a window's position, so
// where it opens is left to the window manager.

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// defaultWindowSize is the first size, and the fallback for a size that is
// not believable.
var defaultWindowSize = fyne.NewSize(1100, 720)

// minWindowSize is the smallest size Kindred is laid out for.
var minWindowSize = fyne.NewSize(800, 600)

func rememberedSize(a fyne.App) fyne.Size {
	p := a.Preferences()
	w, h := float32(p.Float(prefWidth)), float32(p.Float(prefHeight))
	if w < minWindowSize.Width || h < minWindowSize.Height || w > 20000 || h > 20000 {
		return defaultWindowSize
	}
	return fyne.NewSize(w, h)
}

func rememberSize(a fyne.App, s fyne.Size) {
	if s.Width < minWindowSize.Width || s.Height < minWindowSize.Height {
		return
	}
	p := a.Preferences()
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}
