package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/sample"
)

// sampleOptions shape the sample journal the welcome offers.
var sampleOptions = sample.Options{People: 12, Years: 2, Seed: 7}

// sampleWords says what the sample journal holds, from the options it is
// written with, so the welcome's words and the sample agree: "A dozen
// invented people and their evenings of the last two years, from
// December 2024 to today."
func sampleWords(now time.Time) string {
	people := map[int]string{12: "A dozen"}[sampleOptions.People]
	if people == "" {
		people = fmt.Sprint(sampleOptions.People)
	}
	years := map[int]string{1: "year", 2: "two years", 3: "three years"}[sampleOptions.Years]
	if years == "" {
		years = fmt.Sprintf("%d years", sampleOptions.Years)
	}
	from := now.AddDate(-sampleOptions.Years, 0, 0)
	return fmt.Sprintf("%s invented people and their evenings of the last %s, from %s to today.", people, years, from.Format("January 2006"))
}

// samplePath is where the sample journal lives: beside the user's journal,
// in a file of its own.
func samplePath(journalPath string) string {
	p := filepath.Join(filepath.Dir(journalPath), "sample.db")
	if p == journalPath {
		p = filepath.Join(filepath.Dir(journalPath), "sample-journal.db")
	}
	return p
}

// OpenSample opens the sample journal in a window of its own, writing it
// first if it does not exist. The channel gets the new window (nil on
// failure, which is shown to the user).
func (m *MainWindow) OpenSample() <-chan *MainWindow {
	out := make(chan *MainWindow, 1)
	w := m.Welcome
	w.Sample.Disable()
	w.Progress.SetValue(0)
	w.Progress.Show()
	path := samplePath(m.store.Path())
	go func() {
		st, err := openSample(m.ctx, path, func(done float64) {
			fyne.Do(func() { w.Progress.SetValue(done) })
		})
		fyne.Do(func() {
			w.Sample.Enable()
			w.Progress.Hide()
			if err != nil {
				m.ShowError("Could not open the sample journal", err)
				out <- nil
				return
			}
			sw := NewMainWindow(m.ctx, m.app, st)
			sw.ownsStore = true
			sw.Window.Show()
			out <- sw
		})
	}()
	return out
}

// openSample opens the sample journal at path, writing it if needed. A file
// there that is not a sample is left alone.
func openSample(ctx context.Context, path string, progress func(float64)) (*journal.Store, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		o := sampleOptions
		o.End = time.Now()
		o.Progress = progress
		if err := sample.Write(ctx, path, o); err != nil {
			return nil, fmt.Errorf("write the sample journal %s: %w", path, err)
		}
	}
	st, err := journal.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	v, err := st.Setting(ctx, "sample")
	if err != nil || v != "true" {
		st.Close()
		if err == nil {
			err = journal.Errorf(journal.ECONFLICT, "%s is not a sample journal, so Kindred leaves it alone. Move it away to explore the sample.", path)
		}
		return nil, err
	}
	return st, nil
}

// SampleBanner says, above everything, that this journal is a sample.
type SampleBanner struct {
	widget.BaseWidget
	m     *MainWindow
	Close *escButton
}

// NewSampleBanner builds the banner of a sample journal's window.
func NewSampleBanner(m *MainWindow) *SampleBanner {
	b := &SampleBanner{m: m}
	b.Close = newKeyButton("Close the sample", theme.CancelIcon(), func() { m.Window.Close() })
	b.ExtendBaseWidget(b)
	return b
}

// Text is what the banner says.
func (b *SampleBanner) Text() string {
	return fmt.Sprintf("Sample journal: made-up people and evenings, kept in %s, apart from your own journal.",
		filepath.Base(b.m.store.Path()))
}

func (b *SampleBanner) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(themeColor(b, colorNameSampleBanner))
	label := widget.NewLabelWithStyle(b.Text(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	label.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.InfoIcon())
	row := container.NewBorder(nil, nil, icon, b.Close, label)
	return &bannerRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(row))), b: b, bg: bg}
}

type bannerRenderer struct {
	fyne.WidgetRenderer
	b  *SampleBanner
	bg *canvas.Rectangle
}

func (r *bannerRenderer) Refresh() {
	r.bg.FillColor = themeColor(r.b, colorNameSampleBanner)
	r.bg.Refresh()
	r.WidgetRenderer.Refresh()
}
