package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A Fyne entry scrolls its own text and swallows every wheel event over it,
// even with nothing to scroll, so the page stopped whenever a text box
// passed under the pointer. Our entries lay a transparent wheel catcher over
// themselves (the driver gives the wheel to the last scrollable object under
// the pointer): the entry scrolls while it has more to show in that
// direction, the page otherwise.

func (e *textEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	w := &wheelCatcher{entry: e}
	for _, o := range r.Objects() {
		if s, ok := o.(*container.Scroll); ok {
			w.inner = s
		}
	}
	w.ExtendBaseWidget(w)
	return &wheelRenderer{WidgetRenderer: r, wheel: w}
}

type wheelRenderer struct {
	fyne.WidgetRenderer
	wheel   *wheelCatcher
	objects []fyne.CanvasObject
}

func (r *wheelRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.wheel.Resize(size)
	r.wheel.Move(fyne.NewPos(0, 0))
}

// Objects is asked for on every walk of the window: the list is rebuilt
// only when the entry's own objects changed.
func (r *wheelRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	if len(r.objects) != len(inner)+1 || !sameObjects(r.objects[:len(inner)], inner) {
		r.objects = append(append(r.objects[:0:0], inner...), r.wheel)
	}
	return r.objects
}

func sameObjects(a, b []fyne.CanvasObject) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// wheelCatcher hands the wheel to the entry's own scroll or to the page.
type wheelCatcher struct {
	widget.BaseWidget
	entry *textEntry
	inner *container.Scroll
}

var _ fyne.Scrollable = (*wheelCatcher)(nil)

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	if w.inner != nil && w.inner.Content != nil && w.inner.Content.Size().Height < w.inner.Content.MinSize().Height {
		// The text grew since the entry's scroll last laid it out.
		w.inner.Refresh()
	}
	if w.inner != nil && w.inner.Content != nil && canScroll(w.inner, ev.Scrolled.DY) {
		w.inner.Scrolled(ev)
		return
	}
	if p := pageOf(w.entry); p != nil {
		p.Scrolled(ev)
	}
}

// canScroll reports whether s has more to show in the wheel's direction:
// up for a positive dy, down for a negative one.
func canScroll(s *container.Scroll, dy float32) bool {
	over := s.Content.Size().Height - s.Size().Height
	switch {
	case over <= 0.5 || dy == 0:
		return false
	case dy > 0:
		return s.Offset.Y > 0
	default:
		return s.Offset.Y < over-0.5
	}
}
