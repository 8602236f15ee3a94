package app

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// searchHitView draws one search result: the date and who was there, the
// text around the match, and any matched moment notes, matched words marked.
type searchHitView struct {
	widget.BaseWidget
	Date    *widget.Label
	Names   *widget.RichText
	Snippet *widget.RichText
	Notes   *widget.RichText
	// Thumb is the evening's first photo, at the row's end, once in memory.
	Thumb *canvas.Image

	// The rich texts are drawn inside non-scrolling scrollers, which clip:
	// a long snippet is cut at the row's edge instead of spilling over the
	// next row. (RichText's own truncation miscounts the height of a line
	// made of several inline segments and drops all but the first few.)
	names, snippet, notes *container.Scroll
}

var _ fyne.Widget = (*searchHitView)(nil)

func newSearchHitView() *searchHitView {
	v := &searchHitView{
		Date:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Names:   widget.NewRichText(),
		Snippet: widget.NewRichText(),
		Notes:   widget.NewRichText(),
		Thumb:   newRowThumb(),
	}
	v.Snippet.Wrapping = fyne.TextWrapWord
	v.names, v.snippet, v.notes = searchClip(v.Names), searchClip(v.Snippet), searchClip(v.Notes)
	v.ExtendBaseWidget(v)
	return v
}

func (v *searchHitView) show(h *searchHit, thumb image.Image) {
	setRowThumb(v.Thumb, thumb)
	v.Date.SetText(h.Date)
	v.Names.Segments = searchSegments(h.Names, false)
	v.Names.Refresh()
	v.Snippet.Segments = searchSegments(h.Snippet, false)
	v.Snippet.Refresh()
	v.Notes.Segments = searchSegments(h.Notes, true)
	v.Notes.Refresh()
	v.Refresh()
}

func searchClip(rt *widget.RichText) *container.Scroll {
	c := container.NewScroll(rt)
	c.Direction = container.ScrollNone
	return c
}

// searchSegments turns runs into rich text, matches bold in the primary
// colour.
func searchSegments(runs []journal.TextRun, muted bool) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(runs))
	for _, r := range runs {
		style := widget.RichTextStyleInline
		if muted {
			style.TextStyle.Italic = true
		}
		if r.Match {
			style.TextStyle.Bold = true
			style.ColorName = theme.ColorNamePrimary
		}
		segs = append(segs, &widget.TextSegment{Text: r.Text, Style: style})
	}
	return segs
}

// MatchedText is the matched words of the row, in order, for tests.
func (v *searchHitView) MatchedText() []string {
	var out []string
	for _, rt := range []*widget.RichText{v.Names, v.Snippet, v.Notes} {
		for _, s := range rt.Segments {
			if t, ok := s.(*widget.TextSegment); ok && t.Style.ColorName == theme.ColorNamePrimary {
				out = append(out, t.Text)
			}
		}
	}
	return out
}

func (v *searchHitView) CreateRenderer() fyne.WidgetRenderer {
	return &searchHitRenderer{v: v, objects: []fyne.CanvasObject{v.Date, v.names, v.snippet, v.notes, v.Thumb}}
}

type searchHitRenderer struct {
	v       *searchHitView
	objects []fyne.CanvasObject
}

func (r *searchHitRenderer) lineHeights() (first, snippet, notes float32) {
	line := fyne.MeasureText("Ag", r.v.Theme().Size(theme.SizeNameText), fyne.TextStyle{}).Height
	first = r.v.Date.MinSize().Height
	inner := r.v.Theme().Size(theme.SizeNameInnerPadding)
	snippet = 2*line + inner // two lines, the third cut off whole
	notes = line + 2*inner
	return first, snippet, notes
}

func (r *searchHitRenderer) Layout(size fyne.Size) {
	pad := r.v.Theme().Size(theme.SizeNamePadding)
	first, snippet, notes := r.lineHeights()
	if r.v.Thumb.Image != nil {
		side := max(size.Height-pad*2, 0)
		r.v.Thumb.Move(fyne.NewPos(size.Width-side, pad))
		r.v.Thumb.Resize(fyne.NewSize(side, side))
		size.Width = max(size.Width-side-pad*2, 0)
	}
	dw := r.v.Date.MinSize().Width
	r.v.Date.Move(fyne.NewPos(0, 0))
	r.v.Date.Resize(fyne.NewSize(dw, first))
	r.v.names.Move(fyne.NewPos(dw, 0))
	r.v.names.Resize(fyne.NewSize(max(size.Width-dw, 0), first))
	y := first - pad*2
	r.v.snippet.Move(fyne.NewPos(0, y))
	r.v.snippet.Resize(fyne.NewSize(size.Width, snippet))
	y += snippet - pad*2
	r.v.notes.Move(fyne.NewPos(0, y))
	r.v.notes.Resize(fyne.NewSize(size.Width, notes))
}

func (r *searchHitRenderer) MinSize() fyne.Size {
	pad := r.v.Theme().Size(theme.SizeNamePadding)
	first, snippet, notes := r.lineHeights()
	return fyne.NewSize(240, first+snippet+notes-pad*4)
}

func (r *searchHitRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *searchHitRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *searchHitRenderer) Destroy() {}
