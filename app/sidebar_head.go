package app

import "fyne.io/fyne/v2"

// sidebarHead lays out the sidebar's first line: the count of people on the
// left, Add person on the right; when the sidebar is too narrow for both,
// Add person goes to a line of its own below, so neither is cut or covered.
type sidebarHead struct {
	gap   float32
	width float32 // the last width laid out at, for MinSize's height
}

func (l *sidebarHead) oneLine(count, add fyne.Size, width float32) bool {
	return count.Width+l.gap+add.Width <= width
}

func (l *sidebarHead) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	count, add := objects[0], objects[1]
	cm, am := count.MinSize(), add.MinSize()
	if l.oneLine(cm, am, size.Width) {
		h := max(cm.Height, am.Height)
		count.Move(fyne.NewPos(0, 0))
		count.Resize(fyne.NewSize(size.Width-am.Width-l.gap, h))
		add.Move(fyne.NewPos(size.Width-am.Width, 0))
		add.Resize(fyne.NewSize(am.Width, h))
		return
	}
	count.Move(fyne.NewPos(0, 0))
	count.Resize(fyne.NewSize(size.Width, cm.Height))
	add.Move(fyne.NewPos(size.Width-min(am.Width, size.Width), cm.Height+l.gap))
	add.Resize(fyne.NewSize(min(am.Width, size.Width), am.Height))
}

func (l *sidebarHead) MinSize(objects []fyne.CanvasObject) fyne.Size {
	cm, am := objects[0].MinSize(), objects[1].MinSize()
	w := max(cm.Width, am.Width)
	if l.width <= 0 || l.oneLine(cm, am, l.width) {
		return fyne.NewSize(w, max(cm.Height, am.Height))
	}
	return fyne.NewSize(w, cm.Height+l.gap+am.Height)
}
