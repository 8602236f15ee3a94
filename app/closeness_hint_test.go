package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// The sidebar's figure is the last rating; pointing at it must say so, and
// not leave the reader to square it with the trend on Insights.
func TestClosenessGlyphSaysItIsTheLastRating(t *testing.T) {
	test.NewTempApp(t)
	g := NewClosenessGlyph(journal.Closeness(5), "#336699")
	w := test.NewWindow(g)
	defer w.Close()
	w.Resize(fyne.NewSize(200, 100))
	g.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(150, 10), Position: fyne.NewPos(2, 2)}})
	if g.tip == nil || !g.tip.Visible() {
		t.Fatal("pointing at the glyph shows no hint")
	}
	text := g.tip.Content.(*widget.Label).Text
	for _, want := range []string{"Last rating", "5 of 7", "trend"} {
		if !strings.Contains(text, want) {
			t.Errorf("hint %q: want it to name %q", text, want)
		}
	}
	g.MouseOut()
	if g.tip.Visible() {
		t.Error("the hint stays after the pointer left")
	}
}
