package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kindred/journal"
)

func TestClosenessScaleKeys(t *testing.T) {
	test.NewTempApp(t)
	var changes []journal.Closeness
	s := NewClosenessScale(func(c journal.Closeness) { changes = append(changes, c) })
	w := test.NewTempWindow(t, s)
	w.Canvas().Focus(s)
	steps := []struct {
		key  func()
		want journal.Closeness
	}{
		{func() { s.TypedRune('4') }, 4},
		{func() { s.TypedRune('9') }, 4}, // not on the scale: ignored
		{func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }, 5},
		{func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }, 7},
		{func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }, 7},
		{func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, 6},
		{func() { s.TypedRune('0') }, journal.NotRated},
		{func() { s.TypedRune('1') }, 1},
		{func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, 1},
		{func() { s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace}) }, journal.NotRated},
	}
	for i, st := range steps {
		st.key()
		if s.Value != st.want {
			t.Errorf("step %d: got %d, want %d", i, s.Value, st.want)
		}
	}
	want := []journal.Closeness{4, 5, 7, 6, 0, 1, 0}
	if fmt.Sprint(changes) != fmt.Sprint(want) {
		t.Errorf("OnChanged calls: got %v, want %v", changes, want)
	}
}

func TestClosenessScaleClicks(t *testing.T) {
	test.NewTempApp(t)
	s := NewClosenessScale(nil)
	w := test.NewTempWindow(t, s)
	w.Resize(s.MinSize().AddWidthHeight(20, 20))
	centre := func(c int) fyne.Position {
		return fyne.NewPos((float32(c)-0.5)*iosCellWidth, iosCellHeight/2)
	}
	test.TapAt(s, centre(3))
	if s.Value != 3 || s.Caption() != "3 of 7 · A little overlap" {
		t.Errorf("after clicking the third pair: got %d %q", s.Value, s.Caption())
	}
	if w.Canvas().Focused() != s {
		t.Error("clicking does not give the scale the keyboard")
	}
	test.TapAt(s, centre(7))
	if s.Value != 7 {
		t.Errorf("after clicking the seventh pair: got %d", s.Value)
	}
	test.TapAt(s, centre(7))
	if s.Value != journal.NotRated || s.Caption() != "Not rated · click a pair or press 1-7" {
		t.Errorf("clicking the chosen pair again: got %d %q, want not rated", s.Value, s.Caption())
	}
	test.TapAt(s, fyne.NewPos(3*iosCellWidth, iosCellHeight+10)) // the caption, not a pair
	if s.Value != journal.NotRated {
		t.Errorf("clicking the caption: got %d", s.Value)
	}
}

// The pairs must get closer from 1 to 7: apart, touching, then overlapping.
func TestClosenessScaleCirclesMoveTogether(t *testing.T) {
	for c := journal.MinCloseness; c < journal.MaxCloseness; c++ {
		if iosDistance[c] <= iosDistance[c+1] {
			t.Errorf("pair %d is no further apart than pair %d", c, c+1)
		}
	}
	if iosDistance[1] <= 2 || iosDistance[2] != 2 || iosDistance[7] >= 1 {
		t.Error("1 must be apart, 2 just touching, 7 mostly overlapping")
	}
}

var variants = []struct {
	name string
	v    fyne.ThemeVariant
}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}}

func TestClosenessScaleGolden(t *testing.T) {
	for _, v := range variants {
		for _, c := range []journal.Closeness{1, 4, 7} {
			t.Run(fmt.Sprintf("%s/%d", v.name, c), func(t *testing.T) {
				a := test.NewTempApp(t)
				a.Settings().SetTheme(newThemeVariant(v.v))
				s := NewClosenessScale(nil)
				s.Other = parseHex("#e8863a")
				s.SetValue(c)
				w := test.NewTempWindow(t, s)
				w.Resize(s.MinSize().AddWidthHeight(16, 16))
				test.AssertImageMatches(t, fmt.Sprintf("closeness_%s_%d.png", v.name, c), w.Canvas().Capture())
			})
		}
	}
}
