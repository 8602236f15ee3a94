package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// dayCheckEvery is how often an open window looks whether the day has
// changed, so that what it remembers is today's. Zero turns the watch off
// (tests call checkDay themselves).
var dayCheckEvery = time.Minute

// startRemembering fills the Reflect screen's card and keeps it, and the
// timeline's, to the current day.
func (m *MainWindow) startRemembering() {
	m.Reflect.Remember.Load("")
	if dayCheckEvery <= 0 {
		return
	}
	stop := make(chan struct{}, 1)
	go func() {
		t := time.NewTicker(dayCheckEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() {
					if m.closed {
						select {
						case stop <- struct{}{}:
						default:
						}
						return
					}
					m.checkDay()
				})
			}
		}
	}()
}

// checkDay reads the cards again once the day they show is over.
func (m *MainWindow) checkDay() {
	if m.Reflect.Remember.Stale() {
		m.Reflect.Remember.Reload()
	}
	if m.Timeline.Remember.Stale() {
		m.Timeline.Remember.Reload()
	}
}
