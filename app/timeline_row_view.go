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

// tlItemView draws one line of the timeline: a month heading or a
// reflection's row. The list reuses views as it scrolls, so one kind of view
// shows both.
type tlItemView struct {
	widget.BaseWidget

	heading *widget.Label

	day, clock *widget.Label
	closeness  *ClosenessGlyph
	moments    *tlChipStrip
	excerpt    *widget.Label
	// rich shows an excerpt with Markdown in its styles, in a clip that
	// cuts it at the row's edge (as in search rows); richShown says which
	// of the two the row shows.
	rich      *widget.RichText
	richClip  *container.Scroll
	richShown bool
	others    *widget.Label
	missteps  *tlChipStrip
	// thumb is the evening's first photo, at the row's end; hidden until
	// its thumbnail is in memory (row_thumbs.go).
	thumb *canvas.Image

	isHeading bool
}

var _ fyne.Widget = (*tlItemView)(nil)

func newTLItemView() *tlItemView {
	v := &tlItemView{
		heading:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		day:       widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		clock:     widget.NewLabel(""),
		closeness: NewClosenessGlyph(journal.NotRated, ""),
		moments:   newTLChipStrip(false),
		excerpt:   widget.NewLabel(""),
		rich:      widget.NewRichText(),
		others:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		missteps:  newTLChipStrip(true),
		thumb:     newRowThumb(),
	}
	v.heading.SizeName = theme.SizeNameSubHeadingText
	v.clock.SizeName = theme.SizeNameCaptionText
	v.clock.Importance = widget.LowImportance
	v.excerpt.Wrapping = fyne.TextWrapWord
	v.excerpt.Truncation = fyne.TextTruncateEllipsis
	v.rich.Wrapping = fyne.TextWrapWord
	v.richClip = searchClip(v.rich)
	v.others.SizeName = theme.SizeNameCaptionText
	v.others.Truncation = fyne.TextTruncateEllipsis
	v.ExtendBaseWidget(v)
	return v
}

// showHeading makes the view a month heading.
func (v *tlItemView) showHeading(month string) {
	v.isHeading = true
	v.heading.SetText(month)
	v.Refresh()
}

// showRow makes the view a reflection's row.
func (v *tlItemView) showRow(r *tlRow, personColor string, thumb image.Image) {
	setRowThumb(v.thumb, thumb)
	v.isHeading = false
	v.day.SetText(r.Day)
	v.clock.SetText(r.Time)
	v.closeness.Set(r.Closeness, personColor)
	v.moments.Set(r.Moments)
	excerpt := r.Excerpt
	if excerpt == "" {
		excerpt = "No words written."
	}
	v.richShown = r.ExcerptSpans != nil
	if v.richShown {
		v.rich.Segments = mdInlineSegments(r.ExcerptSpans)
		v.rich.Refresh()
		excerpt = ""
	}
	v.excerpt.SetText(excerpt)
	v.others.SetText(r.Others)
	v.missteps.Set(r.Missteps)
	v.Refresh()
}

// tlLeftColumn is the width of the date column.
const tlLeftColumn float32 = 112

func (v *tlItemView) CreateRenderer() fyne.WidgetRenderer {
	r := &tlItemRenderer{v: v, rowObjects: []fyne.CanvasObject{
		v.day, v.clock, v.closeness, v.moments, v.excerpt, v.richClip, v.others, v.missteps, v.thumb,
	}}
	r.objects = append([]fyne.CanvasObject{v.heading}, r.rowObjects...)
	return r
}

type tlItemRenderer struct {
	v          *tlItemView
	rowObjects []fyne.CanvasObject
	objects    []fyne.CanvasObject
}

// heights of the row's lines: chips, two lines of text, the footer.
func (r *tlItemRenderer) heights() (chips, text, footer float32) {
	th := r.v.Theme()
	line := fyne.MeasureText("Ag", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	chips = r.v.moments.MinSize().Height
	text = r.v.excerpt.MinSize().Height + line
	footer = max(r.v.others.MinSize().Height, r.v.missteps.MinSize().Height)
	return chips, text, footer
}

func (r *tlItemRenderer) Layout(size fyne.Size) {
	pad := r.v.Theme().Size(theme.SizeNamePadding)
	r.v.heading.Move(fyne.NewPos(0, 0))
	r.v.heading.Resize(size)

	// The date column: day, time, then the closeness circles.
	ds := r.v.day.MinSize()
	r.v.day.Move(fyne.NewPos(0, 0))
	r.v.day.Resize(fyne.NewSize(tlLeftColumn, ds.Height))
	cs := r.v.clock.MinSize()
	r.v.clock.Move(fyne.NewPos(0, ds.Height-pad*2))
	r.v.clock.Resize(fyne.NewSize(tlLeftColumn, cs.Height))
	ms := r.v.closeness.MinSize()
	r.v.closeness.Move(fyne.NewPos(pad*2, ds.Height+cs.Height-pad*3))
	r.v.closeness.Resize(ms)

	// The rest: moments, the first lines, who else was there and missteps.
	x := tlLeftColumn + pad
	w := max(size.Width-x-pad, 0)
	if r.v.thumb.Image != nil {
		side := max(size.Height-pad*2, 0)
		r.v.thumb.Move(fyne.NewPos(size.Width-side-pad, pad))
		r.v.thumb.Resize(fyne.NewSize(side, side))
		w = max(w-side-pad, 0)
	}
	chipsH, textH, footerH := r.heights()
	y := pad
	r.v.moments.Move(fyne.NewPos(x+pad*2, y))
	r.v.moments.Resize(fyne.NewSize(max(w-pad*2, 0), chipsH))
	y += chipsH
	r.v.excerpt.Move(fyne.NewPos(x, y))
	r.v.excerpt.Resize(fyne.NewSize(w, textH))
	r.v.richClip.Move(fyne.NewPos(x, y))
	// Two lines of rich text and no sliver of a third.
	r.v.richClip.Resize(fyne.NewSize(w, textH-pad*2))
	y += textH - pad
	stepsW := min(w/2, tlChipsWidth(r.v.missteps))
	r.v.others.Move(fyne.NewPos(x, y))
	r.v.others.Resize(fyne.NewSize(max(w-stepsW-pad, 0), footerH))
	r.v.missteps.Move(fyne.NewPos(x+w-stepsW, y))
	r.v.missteps.Resize(fyne.NewSize(stepsW, footerH))
}

// tlChipsWidth is how wide a strip's chips are side by side.
func tlChipsWidth(s *tlChipStrip) float32 {
	if len(s.chips) == 0 {
		return 0
	}
	th := s.Theme()
	size := th.Size(theme.SizeNameCaptionText)
	pad := th.Size(theme.SizeNameInnerPadding)
	gap := th.Size(theme.SizeNamePadding)
	var w float32
	for _, c := range s.chips {
		w += fyne.MeasureText(c.Label, size, fyne.TextStyle{Italic: true}).Width + pad*1.5 + gap
	}
	return w
}

func (r *tlItemRenderer) MinSize() fyne.Size {
	pad := r.v.Theme().Size(theme.SizeNamePadding)
	chipsH, textH, footerH := r.heights()
	return fyne.NewSize(tlLeftColumn+200, pad+chipsH+textH-pad+footerH+pad)
}

func (r *tlItemRenderer) Refresh() {
	r.v.heading.Hidden = !r.v.isHeading
	for _, o := range r.rowObjects {
		if r.v.isHeading {
			o.Hide()
		} else {
			o.Show()
		}
	}
	if !r.v.isHeading {
		r.v.thumb.Hidden = r.v.thumb.Image == nil
		r.v.excerpt.Hidden = r.v.richShown
		if r.v.richShown {
			r.v.richClip.Show()
		} else {
			r.v.richClip.Hide()
		}
	}
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *tlItemRenderer) Objects() []fyne.CanvasObject {
	return r.objects
}

func (r *tlItemRenderer) Destroy() {}

// tlHeadingHeight is the height of a month heading line.
func tlHeadingHeight() float32 {
	l := widget.NewLabelWithStyle("October", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l.MinSize().Height
}

// newRowThumb is the small photo of a timeline or search row.
func newRowThumb() *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleFastest
	img.Hide()
	return img
}

// setRowThumb shows img, or hides the thumbnail when it is nil. A row
// reused for the same photo keeps its drawn texture.
func setRowThumb(t *canvas.Image, img image.Image) {
	if t.Image == img {
		return
	}
	t.Image = img
	t.Hidden = img == nil
	t.Refresh()
}
