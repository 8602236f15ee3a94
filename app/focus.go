package app

import "fyne.io/fyne/v2"

// requestFocus gives o the keyboard, as clicking a standard widget does.
func requestFocus(o fyne.Focusable) {
	obj, ok := o.(fyne.CanvasObject)
	if !ok {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(obj); c != nil {
		c.Focus(o)
	}
}
