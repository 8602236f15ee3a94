package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// ctrl is Ctrl+key (Cmd+key on macOS).
func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// installShortcuts binds the window's keyboard shortcuts. Fyne gives a
// focused entry every shortcut first and drops the ones it does not know,
// so the window's shortcuts live in three places: the menu (which Fyne
// checks before anything else), the canvas (when no entry has the keyboard),
// and handleShortcut, which our own entries call.
func (m *MainWindow) installShortcuts() {
	m.keys = map[string]func(){}
	bind := func(k fyne.KeyName, fn func()) {
		sc := ctrl(k)
		m.keys[sc.ShortcutName()] = fn
		m.Window.Canvas().AddShortcut(sc, func(fyne.Shortcut) { fn() })
	}
	bind(fyne.KeyN, m.NewReflection)
	bind(fyne.KeyS, m.saveReflection)
	bind(fyne.KeyReturn, m.saveReflection)
	bind(fyne.KeyEnter, m.saveReflection)
	bind(fyne.KeyF, m.ShowSearch)
	bind(fyne.KeyK, m.JumpToPerson)
	m.keys[addPhotosKey.ShortcutName()] = m.AddPhotos
	m.Window.Canvas().AddShortcut(addPhotosKey, func(fyne.Shortcut) { m.AddPhotos() })
	// Keys reach the canvas only when nothing has the keyboard, as right
	// after a dialog opens.
	if dc, ok := m.Window.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(m.shift.KeyDown)
		dc.SetOnKeyUp(m.shift.KeyUp)
	}
	windows[m.Window.Canvas()] = m
	m.Window.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case m.functionKey(ev):
		case ev.Name == fyne.KeyEscape:
			m.closeTopDialog()
		case len(m.dialogs) > 0 || m.showing != m.main:
		case m.shift.menuKey(ev):
			m.Sidebar.showMenu(-1) // the selected person's menu
		}
	})
}

// handleShortcut runs a window shortcut typed in one of our entries; it
// reports whether s is one.
func (m *MainWindow) handleShortcut(s fyne.Shortcut) bool {
	if fn, ok := m.keys[s.ShortcutName()]; ok {
		fn()
		return true
	}
	return false
}

// menu is the window's menu bar: the File menu that features fill (see
// menu.go) with the composer's entries first, and a Go menu.
func (m *MainWindow) menu() *fyne.MainMenu {
	mm := m.mainMenu()
	item := func(label string, k fyne.KeyName, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		if k != "" {
			it.Shortcut = ctrl(k)
		}
		return it
	}
	file := mm.Items[0]
	mine := []*fyne.MenuItem{
		item("New reflection", fyne.KeyN, m.NewReflection),
		item("Save reflection", fyne.KeyS, m.saveReflection),
		withShortcut(fyne.NewMenuItem("Add photos…", m.AddPhotos), addPhotosKey),
	}
	if len(file.Items) > 0 {
		mine = append(mine, fyne.NewMenuItemSeparator())
	}
	file.Items = append(mine, file.Items...)
	// The tab keys live in the menu, which Fyne asks before the focused
	// widget, so they work from inside a text field too.
	withMods := func(it *fyne.MenuItem, k fyne.KeyName, mod fyne.KeyModifier) *fyne.MenuItem {
		it.Shortcut = &desktop.CustomShortcut{KeyName: k, Modifier: mod}
		return it
	}
	goMenu := fyne.NewMenu("Go",
		item("Search", fyne.KeyF, m.ShowSearch),
		item("Jump to a person…", fyne.KeyK, m.JumpToPerson),
		fyne.NewMenuItemSeparator(),
		item("Reflect", fyne.Key1, func() { m.showTab(0) }),
		item("Timeline", fyne.Key2, func() { m.showTab(1) }),
		item("Insights", fyne.Key3, func() { m.showTab(2) }),
		item("Search results", fyne.Key4, func() { m.showTab(3) }),
		withMods(fyne.NewMenuItem("Next tab", func() { m.stepTab(1) }), fyne.KeyTab, fyne.KeyModifierControl),
		withMods(fyne.NewMenuItem("Previous tab", func() { m.stepTab(-1) }), fyne.KeyTab, fyne.KeyModifierControl|fyne.KeyModifierShift),
	)
	help := fyne.NewMenu("Help",
		withMods(fyne.NewMenuItem("Keyboard shortcuts (F1)", m.ShowKeys), fyne.KeySlash, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift))
	mm.Items = append(mm.Items, goMenu, m.personMenu(), help)
	return mm
}

func withShortcut(it *fyne.MenuItem, sc fyne.Shortcut) *fyne.MenuItem {
	it.Shortcut = sc
	return it
}

// stepTab shows the next tab (by > 0) or the previous, round the end.
func (m *MainWindow) stepTab(by int) {
	n := len(m.Tabs.Items)
	m.showTab(((m.Tabs.SelectedIndex()+by)%n + n) % n)
}

// functionKey runs the window's keys that need no Ctrl: F1 for the keys,
// F10 for the menus (Shift+F10, the person's menu, is the sidebar's). It
// reports whether ev was one.
func (m *MainWindow) functionKey(ev *fyne.KeyEvent) bool {
	switch {
	case ev.Name == fyne.KeyF1:
		m.ShowKeys()
	case ev.Name == fyne.KeyF10 && !m.shift.held:
		m.OpenMenus()
	default:
		return false
	}
	return true
}

// OpenMenus gives the keyboard to the menu bar, its first menu open, as
// Alt does. Where the driver cannot (no menu bar of its own, as in tests),
// the same menus open as a pop-up at the window's corner.
func (m *MainWindow) OpenMenus() {
	if bar, ok := m.Window.Canvas().(interface{ ToggleMenu() }); ok && m.Window.MainMenu() != nil {
		bar.ToggleMenu()
		return
	}
	mm := m.Window.MainMenu()
	if mm == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, menu := range mm.Items {
		sub := fyne.NewMenuItem(menu.Label, nil)
		sub.ChildMenu = menu
		items = append(items, sub)
	}
	m.menuPopUp = widget.NewPopUpMenu(fyne.NewMenu("", items...), m.Window.Canvas())
	m.menuPopUp.ShowAtPosition(fyne.NewPos(0, 0))
	m.Window.Canvas().Focus(m.menuPopUp)
}

func (m *MainWindow) showTab(i int) {
	m.showMain()
	m.Tabs.SelectIndex(i)
}

// NewReflection shows the composer ready for a new evening (Ctrl+N).
func (m *MainWindow) NewReflection() {
	m.showTab(0)
	m.Reflect.New()
}

// saveReflection saves the composer (Ctrl+S, Ctrl+Enter) when it is on screen.
func (m *MainWindow) saveReflection() {
	if m.showing != m.main || m.Tabs.SelectedIndex() != 0 || len(m.dialogs) > 0 {
		return
	}
	m.Reflect.Save()
}

// ShowSearch opens the search tab with the keyboard in its search field (Ctrl+F).
func (m *MainWindow) ShowSearch() {
	m.showTab(3)
	if f, ok := any(m.Search).(interface{ FocusQuery() }); ok {
		f.FocusQuery()
		return
	}
	// Otherwise the first text field inside the search screen, found by
	// walking the window's focus order as Tab would.
	c := m.Window.Canvas()
	d := fyne.CurrentApp().Driver()
	origin := d.AbsolutePositionForObject(m.Search)
	size := m.Search.Size()
	inside := func(o fyne.Focusable) bool {
		obj, ok := o.(fyne.CanvasObject)
		if !ok {
			return false
		}
		p := d.AbsolutePositionForObject(obj)
		return p.X >= origin.X && p.Y >= origin.Y && p.X < origin.X+size.Width && p.Y < origin.Y+size.Height
	}
	c.Unfocus()
	var first fyne.Focusable
	for range 500 {
		c.FocusNext()
		f := c.Focused()
		if f == nil || f == first {
			break
		}
		if first == nil {
			first = f
		}
		if _, ok := f.(interface{ SetText(string) }); ok && inside(f) {
			return
		}
	}
	c.Unfocus()
}
