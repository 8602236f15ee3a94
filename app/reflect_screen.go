package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// ReflectScreen is the reflect tab. (Skeleton: its issue fills it in.)
type ReflectScreen struct {
	widget.BaseWidget
	m *MainWindow
}

// NewReflectScreen builds the reflect tab.
func NewReflectScreen(m *MainWindow) *ReflectScreen {
	s := &ReflectScreen{m: m}
	s.ExtendBaseWidget(s)
	return s
}

func (s *ReflectScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(widget.NewLabel("Reflect"))
}

// Edit opens a stored reflection in the composer.
func (s *ReflectScreen) Edit(id string) {}
