package app

import "fyne.io/fyne/v2"

// requestFocus gives o the keyboard, as clicking a standard widget does. It
// needs o on screen already: the desktop driver knows an object's canvas only
// once it has drawn it. For something just built, use MainWindow.focus.
func requestFocus(o fyne.Focusable) {
	obj, ok := o.(fyne.CanvasObject)
	if !ok {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(obj); c != nil {
		c.Focus(o)
	}
}

// focus gives o the keyboard in this window, even if o was only just added
// and has not been drawn yet.
func (m *MainWindow) focus(o fyne.Focusable) { m.Window.Canvas().Focus(o) }
