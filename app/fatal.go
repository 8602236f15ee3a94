package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// showFatal shows why the journal could not be opened, in a window of its
// own, for the user to close.
func showFatal(a fyne.App, err error) {
	w := a.NewWindow("Kindred")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := newKeyButton("Quit", nil, func() { a.Quit() })
	w.SetContent(container.NewBorder(nil, container.NewCenter(quit), nil, nil, msg))
	w.Resize(fyne.NewSize(520, 200))
	w.Show()
}
