package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// InsightsScreen is the insights tab. (Skeleton: its issue fills it in.)
type InsightsScreen struct {
	widget.BaseWidget
	m *MainWindow
}

// NewInsightsScreen builds the insights tab.
func NewInsightsScreen(m *MainWindow) *InsightsScreen {
	s := &InsightsScreen{m: m}
	s.ExtendBaseWidget(s)
	return s
}

func (s *InsightsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(widget.NewLabel("Insights"))
}

// SetPerson shows one person's insights; "" shows the whole journal's.
func (s *InsightsScreen) SetPerson(id string) {}
