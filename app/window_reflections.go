package app

// ReflectionChanged tells the screens that list reflections that one was
// saved, put back or deleted, so they redraw it where it is instead of
// reloading and losing the user's place.
func (m *MainWindow) ReflectionChanged(id string) {
	m.Timeline.ReflectionChanged(id)
	m.Search.ReflectionChanged(id)
	m.Reflect.Remember.Reload()
	m.sync.localChange()
}
