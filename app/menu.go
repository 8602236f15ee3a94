package app

import "fyne.io/fyne/v2"

// fileMenuItems build the File menu; each feature's file appends its own
// entries from an init function, so features stay in their own files.
var fileMenuItems []func(m *MainWindow) *fyne.MenuItem

// mainMenu is the window's menu bar.
func (m *MainWindow) mainMenu() *fyne.MainMenu {
	var items []*fyne.MenuItem
	for _, build := range fileMenuItems {
		if it := build(m); it != nil {
			items = append(items, it)
		}
	}
	return fyne.NewMainMenu(fyne.NewMenu("File", items...))
}
