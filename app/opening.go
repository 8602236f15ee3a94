package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// openStepText says what a journal's slow, one-time step on opening is doing.
func openStepText(step journal.OpenStep) string {
	switch step {
	case journal.StepSearchIndex:
		return "Updating the search index for Chinese, Japanese and Korean, emoji and Markdown… (once)"
	}
	return "Opening the journal…"
}

// OpeningView fills the small window shown while a journal takes long to
// open, before any other window is there: what is happening, and that it is.
type OpeningView struct {
	widget.BaseWidget
	Message  *widget.Label
	Progress *widget.ProgressBarInfinite
}

func newOpeningView() *OpeningView {
	v := &OpeningView{Message: centeredLabel(""), Progress: widget.NewProgressBarInfinite()}
	v.ExtendBaseWidget(v)
	return v
}

func (v *OpeningView) CreateRenderer() fyne.WidgetRenderer {
	name := widget.NewLabelWithStyle("Kindred", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return widget.NewSimpleRenderer(container.NewCenter(container.New(fixedWidth(380),
		container.NewVBox(name, v.Message, v.Progress))))
}

// open runs open off the UI goroutine and hands its result to done on the
// UI goroutine. A slow step of the opening is shown as it starts: on the
// lock screen when that is showing, else in a small window of its own,
// which the window that follows replaces.
func (s *session) open(open func(ctx context.Context) (*journal.Store, error), done func(*journal.Store, error)) {
	ctx := journal.WithOpenProgress(s.ctx, func(step journal.OpenStep) {
		fyne.Do(func() { s.showOpening(step) })
	})
	s.work(func() {
		st, err := open(ctx)
		fyne.Do(func() { done(st, err) })
	})
}

func (s *session) showOpening(step journal.OpenStep) {
	if s.lock != nil {
		s.lock.ShowStatus(openStepText(step))
		return
	}
	if s.openingWindow == nil {
		s.opening = newOpeningView()
		s.openingWindow = s.a.NewWindow("Kindred")
		s.openingWindow.SetContent(s.opening)
		s.openingWindow.Resize(fyne.NewSize(460, 180))
		// Closing it would leave the journal half-open: it closes itself.
		s.openingWindow.SetCloseIntercept(func() {})
		s.openingWindow.Show()
	}
	s.opening.Message.SetText(openStepText(step))
}

// closeOpening closes the opening window, once another window shows:
// closing the app's last window would quit it.
func (s *session) closeOpening() {
	if s.openingWindow != nil {
		s.openingWindow.Close()
		s.openingWindow, s.opening = nil, nil
	}
}
