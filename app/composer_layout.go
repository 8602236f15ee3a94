package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// whenBeside lays out the composer's first line: the date and time
// (objects[0]) on the right at their own width, the people field
// (objects[1]) filling the rest. The date comes first among the objects so
// that the focus order runs date, time, people, then each person's card:
// Shift+Tab from a card is back in the people field, for someone else.
type whenBeside struct{}

func (whenBeside) MinSize(objects []fyne.CanvasObject) fyne.Size {
	when, who := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(when.Width+who.Width+theme.Padding(), max(when.Height, who.Height))
}

func (whenBeside) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := objects[0].MinSize().Width
	objects[0].Resize(fyne.NewSize(w, size.Height))
	objects[0].Move(fyne.NewPos(size.Width-w, 0))
	objects[1].Resize(fyne.NewSize(max(0, size.Width-w-theme.Padding()), size.Height))
	objects[1].Move(fyne.NewPos(0, 0))
}
