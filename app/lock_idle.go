package app

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"reflect"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// LockAfterSetting is the journal setting (not a Fyne preference: those are
// plaintext on disk) holding how many minutes of no use lock a sealed
// journal; "0" never locks.
const LockAfterSetting = "lock_after_minutes"

// DefaultLockAfter applies until the user chooses.
const DefaultLockAfter = 10 * time.Minute

// idleTick is how often the window is looked at for signs of use.
const idleTick = 5 * time.Second

// idleWatch decides when a sealed journal has gone unused. Fyne has no
// window-wide input hook, so use is seen four ways: the pointer moving
// anywhere over the window and taps on its background (an activity sensor
// behind the screens), scrolling (a list or screen scrolled since the last
// look), typing (the focused widget's text or cursor changed since the last
// look), and saves.
type idleWatch struct {
	limit     time.Duration // 0: never lock
	last      time.Time     // the last sign of use
	focus     string        // fingerprint of the focused widget at the last look
	scrolled  string        // where the window's lists were scrolled to at the last look
	lastSave  time.Time
	stopTimer func()

	sensor  *activitySensor
	wrapper fyne.CanvasObject // the window content with the sensor behind it
}

func (w *idleWatch) stop() {
	if w.stopTimer != nil {
		w.stopTimer()
		w.stopTimer = nil
	}
}

// addActivitySensor puts the sensor behind the main window's content. The
// window replaces its content now and then (the welcome, the sample
// banner), so every look puts it back if it went.
func (s *session) addActivitySensor() {
	w := s.main.Window
	if s.idle.wrapper != nil && w.Content() == s.idle.wrapper {
		return
	}
	if s.idle.sensor == nil {
		s.idle.sensor = newActivitySensor(s.noteActivity)
	}
	s.idle.wrapper = container.NewStack(s.idle.sensor, w.Content())
	w.SetContent(s.idle.wrapper)
}

// watchIdle starts watching the main window of a sealed journal.
func (s *session) watchIdle() {
	s.idle.stop()
	s.idle.limit = lockAfter(s)
	s.idle.last = s.now()
	s.idle.focus = ""
	s.idle.scrolled = ""
	s.idle.lastSave = s.store.LastSave()
	if s.tick == 0 {
		return
	}
	stop := make(chan struct{})
	s.idle.stopTimer = func() { close(stop) }
	go func() {
		t := time.NewTicker(s.tick)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fyne.Do(s.checkIdle)
			case <-stop:
				return
			}
		}
	}()
}

func lockAfter(s *session) time.Duration {
	v, err := s.store.Setting(s.ctx, LockAfterSetting)
	if err != nil || v == "" {
		return DefaultLockAfter
	}
	minutes, err := strconv.Atoi(v)
	if err != nil || minutes < 0 {
		return DefaultLockAfter
	}
	return time.Duration(minutes) * time.Minute
}

func (s *session) noteActivity() { s.idle.last = s.now() }

// checkIdle runs on the UI goroutine every idleTick: it notes any use since
// the last look and locks once the journal has gone unused long enough.
func (s *session) checkIdle() {
	if s.main == nil || s.store == nil || !s.store.Sealed() {
		return
	}
	s.addActivitySensor()
	if fp := focusFingerprint(s.main.Window.Canvas()); fp != s.idle.focus {
		s.idle.focus = fp
		s.noteActivity()
	}
	if at := s.main.scrollPositions(); at != s.idle.scrolled {
		s.idle.scrolled = at
		s.noteActivity()
	}
	if saved := s.store.LastSave(); !saved.Equal(s.idle.lastSave) {
		s.idle.lastSave = saved
		s.noteActivity()
	}
	if s.idle.limit > 0 && s.now().Sub(s.idle.last) >= s.idle.limit {
		s.Lock()
	}
}

// setLockAfter stores the user's choice in the journal and applies it.
func (s *session) setLockAfter(d time.Duration) error {
	if err := s.store.SetSetting(s.ctx, LockAfterSetting, strconv.Itoa(int(d/time.Minute))); err != nil {
		return err
	}
	s.idle.limit = d
	s.noteActivity()
	return nil
}

// focusFingerprint sums up the focused widget: which one it is and, for an
// entry (or anything built on one), its text and cursor. Only a hash of the
// text is kept, never the text.
func focusFingerprint(c fyne.Canvas) string {
	f := c.Focused()
	if f == nil {
		return ""
	}
	fp := fmt.Sprintf("%p", f)
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fp
	}
	e := v.Elem()
	if text := e.FieldByName("Text"); text.IsValid() && text.Kind() == reflect.String {
		h := fnv.New64a()
		h.Write([]byte(text.String()))
		fp += fmt.Sprintf(" %x", h.Sum64())
	}
	for _, name := range []string{"CursorRow", "CursorColumn"} {
		if n := e.FieldByName(name); n.IsValid() && n.CanInt() {
			fp += fmt.Sprintf(" %d", n.Int())
		}
	}
	return fp
}

// scrollPositions sums up where the window's lists and scrolling screens
// are scrolled to: scrolling them (which the activity sensor never sees: the
// list takes it) changes it.
func (m *MainWindow) scrollPositions() string {
	return fmt.Sprint(m.Sidebar.List.GetScrollOffset(), m.Timeline.List.GetScrollOffset(),
		m.Search.List.GetScrollOffset(), m.Reflect.scroll.Offset, m.Insights.scroll.Offset)
}

// activitySensor lies behind the main window's screens: pointer movement,
// taps and scrolling that no widget above takes reach it, and count as use.
// The pointer moving over a widget that takes it (a list's rows) counts too:
// Fyne's desktop driver asks every object under the pointer for its cursor
// as the pointer moves, the sensor included, whichever widget gets the
// movement.
type activitySensor struct {
	widget.BaseWidget
	onUse func()
}

var (
	_ desktop.Hoverable  = (*activitySensor)(nil)
	_ desktop.Cursorable = (*activitySensor)(nil)
	_ fyne.Tappable      = (*activitySensor)(nil)
	_ fyne.Scrollable    = (*activitySensor)(nil)
)

// Cursor notes use: the pointer moved somewhere over the window.
func (a *activitySensor) Cursor() desktop.Cursor {
	a.onUse()
	return desktop.DefaultCursor
}

func newActivitySensor(onUse func()) *activitySensor {
	a := &activitySensor{onUse: onUse}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activitySensor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (a *activitySensor) MouseIn(*desktop.MouseEvent)    { a.onUse() }
func (a *activitySensor) MouseMoved(*desktop.MouseEvent) { a.onUse() }
func (a *activitySensor) MouseOut()                      {}
func (a *activitySensor) Tapped(*fyne.PointEvent)        { a.onUse() }
func (a *activitySensor) Scrolled(*fyne.ScrollEvent)     { a.onUse() }

// lockAfterChoices are the idle times offered, as labels and durations.
var lockAfterChoices = []struct {
	label string
	after time.Duration
}{
	{"1 minute", time.Minute},
	{"5 minutes", 5 * time.Minute},
	{"10 minutes", 10 * time.Minute},
	{"15 minutes", 15 * time.Minute},
	{"30 minutes", 30 * time.Minute},
	{"1 hour", time.Hour},
	{"Never", 0},
}

func lockAfterLabel(d time.Duration) string {
	for _, c := range lockAfterChoices {
		if c.after == d {
			return c.label
		}
	}
	return fmt.Sprintf("%d minutes", int(d/time.Minute))
}
