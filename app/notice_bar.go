package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeBar is a line above a screen saying what just happened, with an
// optional action ("Undo", "Open it") and a button to close it. Hidden until
// there is something to say.
type noticeBar struct {
	widget.BaseWidget
	Text   *widget.Label
	Action *escButton
	Close  *escButton
	bg     *canvas.Rectangle
	act    func()
	box    fyne.CanvasObject
}

var _ fyne.Widget = (*noticeBar)(nil)

func newNoticeBar() *noticeBar {
	n := &noticeBar{}
	n.Text = widget.NewLabel("")
	n.Text.Wrapping = fyne.TextWrapWord
	n.Action = newKeyButton("", nil, func() {
		if n.act != nil {
			n.act()
		}
	})
	n.Close = newKeyButton("", theme.CancelIcon(), n.hide)
	n.Close.Importance = widget.LowImportance
	n.bg = canvas.NewRectangle(themeColor(n, colorNameNotice))
	n.bg.CornerRadius = 6
	n.box = container.NewStack(n.bg, container.NewBorder(nil, nil, nil,
		container.NewHBox(n.Action, n.Close), n.Text))
	n.ExtendBaseWidget(n)
	n.Hide()
	return n
}

func (n *noticeBar) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(n.box)
}

// show says msg, with a button named action doing fn ("" for none).
func (n *noticeBar) show(msg, action string, fn func()) {
	n.Text.SetText(msg)
	n.act = fn
	if action == "" {
		n.Action.Hide()
	} else {
		n.Action.SetText(action)
		n.Action.Show()
	}
	n.bg.FillColor = themeColor(n, colorNameNotice)
	n.Show()
	n.Refresh()
}

func (n *noticeBar) hide() {
	n.act = nil
	n.Hide()
}
