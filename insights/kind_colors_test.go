package insights

import (
	"image/color"
	"math"
	"testing"

	"kindred/journal"
)

// labOf is a colour in CIE L*a*b* (D65), where distances are roughly as
// the eye judges them.
func labOf(c color.NRGBA) [3]float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, b := lin(c.R), lin(c.G), lin(c.B)
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func deltaE(a, b color.NRGBA) float64 {
	la, lb := labOf(a), labOf(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

// TestMisstepColoursTellApart: in the moments legend (the app's and the
// PDF's, drawn by the same renderer) each misstep must be told from every
// other kind, and stand out from the background of both themes.
func TestMisstepColoursTellApart(t *testing.T) {
	const apart, fromBackground = 20, 30
	for _, m := range journal.BuiltinKinds {
		if !m.Misstep {
			continue
		}
		for _, k := range journal.BuiltinKinds {
			if k.ID == m.ID {
				continue
			}
			if d := deltaE(hexColor(m.Color), hexColor(k.Color)); d < apart {
				t.Errorf("%s %s and %s %s are %.1f apart, want %d or more", m.ID, m.Color, k.ID, k.Color, d, apart)
			}
		}
		for _, th := range []Theme{ThemeLight, ThemeDark} {
			if d := deltaE(hexColor(m.Color), th.palette().bg); d < fromBackground {
				t.Errorf("%s %s is %.1f from the %s background, want %d or more", m.ID, m.Color, d, themeName(th), fromBackground)
			}
		}
	}
}
