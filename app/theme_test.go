package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG's relative luminance of c.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	r, g, b := n.R, n.G, n.B
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over is c drawn over an opaque bg.
func over(c, bg color.Color) color.Color {
	f, b := color.NRGBAModel.Convert(c).(color.NRGBA), color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// TestSecondaryTextIsReadable: low-importance labels (a person's last
// evening and count in the sidebar, hints, times) are drawn in the theme's
// disabled colour. They must be readable on the window and on a selected
// row, in both variants, and still quieter than the main text.
func TestSecondaryTextIsReadable(t *testing.T) {
	for _, v := range variants {
		th := newThemeVariant(v.v)
		bg := th.Color(theme.ColorNameBackground, v.v)
		fg := th.Color(theme.ColorNameForeground, v.v)
		dim := th.Color(theme.ColorNameDisabled, v.v)
		selected := over(th.Color(theme.ColorNameSelection, v.v), bg)
		if c := contrast(dim, bg); c < 4.5 {
			t.Errorf("%s: secondary text on the window: contrast %.2f, want at least 4.5", v.name, c)
		}
		if c := contrast(dim, selected); c < 4 {
			t.Errorf("%s: secondary text on a selected row: contrast %.2f, want at least 4", v.name, c)
		}
		if contrast(fg, bg) < contrast(dim, bg)*1.3 {
			t.Errorf("%s: secondary text (%.2f) is hardly quieter than the main text (%.2f)", v.name, contrast(dim, bg), contrast(fg, bg))
		}
	}
}
