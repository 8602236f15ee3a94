package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TimelineScreen is the timeline tab. (Skeleton: its issue fills it in.)
type TimelineScreen struct {
	widget.BaseWidget
	m *MainWindow
}

// NewTimelineScreen builds the timeline tab.
func NewTimelineScreen(m *MainWindow) *TimelineScreen {
	s := &TimelineScreen{m: m}
	s.ExtendBaseWidget(s)
	return s
}

func (s *TimelineScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(widget.NewLabel("Timeline"))
}

// SetPerson shows one person's timeline.
func (s *TimelineScreen) SetPerson(id string) {}
