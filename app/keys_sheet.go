package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ShowKeys shows every key Kindred answers, from the one table the README's
// list is made from (keys_table.go): Help > Keyboard shortcuts, F1, Ctrl+?.
func (m *MainWindow) ShowKeys() {
	for _, d := range m.dialogs {
		if d == m.keysSheet {
			return // already open
		}
	}
	bold := fyne.TextStyle{Bold: true}
	grid := container.New(&keysLayout{})
	for _, s := range Shortcuts {
		keys := widget.NewLabelWithStyle(s.Keys, fyne.TextAlignLeading, bold)
		what := widget.NewLabel(s.What)
		what.Wrapping = fyne.TextWrapWord
		where := widget.NewLabel(s.Where)
		where.Importance = widget.LowImportance
		grid.Add(keys)
		grid.Add(what)
		grid.Add(where)
	}
	scroll := container.NewVScroll(grid)
	md := m.newModal("Keyboard shortcuts", scroll)
	md.cancelButton("Close")
	md.onClose = func() { m.keysSheet = nil }
	m.keysSheet = md
	md.show()
	c := m.Window.Canvas().Size()
	md.resize(fyne.NewSize(min(760, c.Width-40), min(560, c.Height-40)))
	if len(md.buttons) > 0 {
		m.focus(md.buttons[0].(fyne.Focusable))
	}
}

// keysLayout lays the sheet out in three columns: the keys and where as
// wide as their longest, what they do in the rest, wrapping.
type keysLayout struct{}

func (l *keysLayout) widths(objects []fyne.CanvasObject, width float32) (k, w, where float32) {
	for i := 0; i+2 < len(objects); i += 3 {
		k = max(k, objects[i].MinSize().Width)
		where = max(where, objects[i+2].MinSize().Width)
	}
	return k, max(width-k-where, 200), where
}

func (l *keysLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	k, w, where := l.widths(objects, size.Width)
	y := float32(0)
	for i := 0; i+2 < len(objects); i += 3 {
		objects[i+1].Resize(fyne.NewSize(w, 0))
		h := max(objects[i].MinSize().Height, objects[i+1].MinSize().Height)
		objects[i].Move(fyne.NewPos(0, y))
		objects[i].Resize(fyne.NewSize(k, h))
		objects[i+1].Move(fyne.NewPos(k, y))
		objects[i+1].Resize(fyne.NewSize(w, h))
		objects[i+2].Move(fyne.NewPos(k+w, y))
		objects[i+2].Resize(fyne.NewSize(where, h))
		y += h
	}
}

func (l *keysLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	k, w, where := l.widths(objects, 0)
	h := float32(0)
	for i := 0; i+2 < len(objects); i += 3 {
		h += max(objects[i].MinSize().Height, objects[i+1].MinSize().Height)
	}
	return fyne.NewSize(k+w+where, h)
}
