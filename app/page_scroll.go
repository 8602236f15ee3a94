package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// newPageScroll scrolls a screen's page with room on its right for the
// scroll bar: Fyne draws the bar over the content, where it covered the
// buttons at the page's edge (Remove, Hide, Save reflection) in a small
// window.
func newPageScroll(page fyne.CanvasObject) *container.Scroll {
	return container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.ScrollBarSize()), page))
}
