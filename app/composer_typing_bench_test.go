package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal/journaltest"
)

// longEvening is a 20,000-character reflection in paragraphs.
func longEvening() string {
	para := strings.Repeat("We talked about the move and the years ahead, and laughed at old stories. ", 8) + "\n\n"
	var b strings.Builder
	for b.Len() < 20000 {
		b.WriteString(para)
	}
	return b.String()[:20000]
}

// bareEntryWidth makes the bare entry's window as wide as the composer's
// text box in a 1100x720 window.
const bareEntryWidth = 794 + 8 // the window pads its content by 4

// typeKeys types one rune a keystroke into the focused entry.
func typeKeys(b *testing.B, c fyne.Canvas) {
	f := c.Focused()
	if f == nil {
		b.Fatal("nothing has the keyboard")
	}
	// Both windows drawn once, so that each keystroke redraws what is there.
	c.Capture()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		f.TypedRune(rune('a' + i%26))
	}
}

// Typing into a long evening in the composer, per keystroke, against a bare
// Fyne multi-line entry holding the same text in a window of the same size:
// the composer's own work (drafts, the page around the text) should cost at
// most half as much again.
func BenchmarkTypingLongEvening(b *testing.B) {
	text := longEvening()
	b.Run("composer", func(b *testing.B) {
		st := openJournal(b)
		journaltest.MustAddPerson(b, st, "Ana Lima") // else the welcome shows
		a := test.NewTempApp(b)
		m := openWindow(b, a, st)
		m.Window.Resize(fyne.NewSize(1100, 720))
		m.Window.Show()
		c := m.Reflect.Composer
		c.setText(text)
		m.Window.Canvas().Focus(c.Text)
		if f := m.Window.Canvas().Focused(); f != c.Text {
			b.Fatalf("the keyboard is in %T %p, not the text %p", f, f, c.Text)
		}
		typeKeys(b, m.Window.Canvas())
		b.StopTimer()
		m.Reflect.drafts.cancel()
		b.ReportMetric(float64(c.Text.Size().Width), "text-width")
		if n := len(c.Text.Text); n != len(text)+b.N {
			b.Fatalf("the composer's text holds %d characters, want %d", n, len(text)+b.N)
		}
	})
	b.Run("bare-entry", func(b *testing.B) {
		a := test.NewTempApp(b)
		w := a.NewWindow("bare")
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetText(text)
		lines := strings.Split(text, "\n")
		e.CursorRow, e.CursorColumn = len(lines)-1, len([]rune(lines[len(lines)-1]))
		w.SetContent(e)
		// As wide as the composer's text box at 1100x720 (794, reported as
		// text-width), so both wrap the text into the same lines.
		w.Resize(fyne.NewSize(bareEntryWidth, 720))
		w.Show()
		w.Canvas().Focus(e)
		typeKeys(b, w.Canvas())
		w.Close()
	})
}
