package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

var _ desktop.Hoverable = (*ClosenessGlyph)(nil)

// The sidebar's small circles are the last rating, while Insights speaks of
// the trend: pointing at the circles says which number this is, so the two
// never read as one figure that disagrees with itself.

// hint is what pointing at the glyph says.
func (g *ClosenessGlyph) hint() string {
	if !g.Value.Rated() {
		return "Last rating: none yet.\nThe trend on Insights is a weighted mean of every rating."
	}
	return fmt.Sprintf("Last rating: %s (%d of 7), how close the latest evening felt.\nThe trend on Insights is a weighted mean of every rating.", g.Value.Label(), int(g.Value))
}

// MouseIn shows the hint beside the glyph.
func (g *ClosenessGlyph) MouseIn(ev *desktop.MouseEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(g)
	if c == nil {
		return
	}
	if g.tip == nil {
		g.tip = widget.NewPopUp(widget.NewLabel(""), c)
	}
	g.tip.Content.(*widget.Label).SetText(g.hint())
	pos := ev.AbsolutePosition.Subtract(ev.Position)
	size := g.tip.MinSize()
	// Left of the glyph: it sits at the sidebar's right edge.
	g.tip.ShowAtPosition(fyne.NewPos(max(0, pos.X-size.Width-4), pos.Y+g.Size().Height+2))
}

// MouseMoved keeps the hint where it is.
func (g *ClosenessGlyph) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the hint.
func (g *ClosenessGlyph) MouseOut() {
	if g.tip != nil {
		g.tip.Hide()
	}
}
