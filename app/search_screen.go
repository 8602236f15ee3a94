package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// SearchScreen is the search tab. (Skeleton: its issue fills it in.)
type SearchScreen struct {
	widget.BaseWidget
	m *MainWindow
}

// NewSearchScreen builds the search tab.
func NewSearchScreen(m *MainWindow) *SearchScreen {
	s := &SearchScreen{m: m}
	s.ExtendBaseWidget(s)
	return s
}

func (s *SearchScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(widget.NewLabel("Search"))
}
