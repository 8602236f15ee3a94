package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Colours of our own, looked up through the theme so light and dark both work.
const (
	colorNameSampleBanner fyne.ThemeColorName = "kindred.sampleBanner"
	colorNameNotice       fyne.ThemeColorName = "kindred.notice"
	colorNameRemember     fyne.ThemeColorName = "kindred.remember"
)

// kindredTheme is Fyne's default theme with Kindred's calm indigo as the
// primary colour. It follows the system's light or dark setting unless a
// variant is forced (golden renders need both on any machine).
type kindredTheme struct {
	forced *fyne.ThemeVariant
}

var _ fyne.Theme = (*kindredTheme)(nil)

// newTheme returns the theme that follows the system's variant.
func newTheme() fyne.Theme { return &kindredTheme{} }

// newThemeVariant returns the theme fixed to one variant.
func newThemeVariant(v fyne.ThemeVariant) fyne.Theme { return &kindredTheme{forced: &v} }

func (t *kindredTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	if t.forced != nil {
		return *t.forced
	}
	if v != theme.VariantDark && v != theme.VariantLight {
		return theme.VariantLight
	}
	return v
}

func (t *kindredTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	dark := v == theme.VariantDark
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if dark {
			return color.NRGBA{R: 0x8e, G: 0x9c, B: 0xf2, A: 0xff}
		}
		return color.NRGBA{R: 0x4a, G: 0x5c, B: 0xd0, A: 0xff}
	case theme.ColorNameFocus:
		if dark {
			return color.NRGBA{R: 0x8e, G: 0x9c, B: 0xf2, A: 0x7f}
		}
		return color.NRGBA{R: 0x4a, G: 0x5c, B: 0xd0, A: 0x7f}
	case theme.ColorNameSelection:
		if dark {
			return color.NRGBA{R: 0x8e, G: 0x9c, B: 0xf2, A: 0x40}
		}
		return color.NRGBA{R: 0x4a, G: 0x5c, B: 0xd0, A: 0x30}
	case theme.ColorNameDisabled:
		// Fyne's own (0x39 on a near-black window, 0xe3 on white) is
		// barely there, and low-importance labels use it: dates, counts,
		// hints. These keep a 4:1 contrast even on a selected row, and
		// stay well short of the foreground.
		if dark {
			return color.NRGBA{R: 0x9c, G: 0x9e, B: 0xa7, A: 0xff}
		}
		return color.NRGBA{R: 0x6a, G: 0x6b, B: 0x73, A: 0xff}
	case colorNameSampleBanner:
		if dark {
			return color.NRGBA{R: 0x5c, G: 0x45, B: 0x12, A: 0xff}
		}
		return color.NRGBA{R: 0xfc, G: 0xe8, B: 0xb2, A: 0xff}
	case colorNameNotice:
		if dark {
			return color.NRGBA{R: 0x24, G: 0x3a, B: 0x2c, A: 0xff}
		}
		return color.NRGBA{R: 0xdd, G: 0xf1, B: 0xe2, A: 0xff}
	case colorNameRemember:
		if dark {
			return color.NRGBA{R: 0x27, G: 0x27, B: 0x38, A: 0xff}
		}
		return color.NRGBA{R: 0xee, G: 0xed, B: 0xfb, A: 0xff}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *kindredTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *kindredTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *kindredTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// themeColor looks a colour up in the theme o is drawn with.
func themeColor(o fyne.Widget, n fyne.ThemeColorName) color.Color {
	th := theme.Current()
	if w, ok := o.(interface{ Theme() fyne.Theme }); ok {
		th = w.Theme()
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if _, ours := th.(*kindredTheme); !ours && strings.HasPrefix(string(n), "kindred.") {
		// Our own colours under another theme (a test's, a user's override).
		return (&kindredTheme{}).Color(n, v)
	}
	return th.Color(n, v)
}

// themeSize looks a size up in the theme o is drawn with.
func themeSize(o fyne.Widget, n fyne.ThemeSizeName) float32 {
	th := theme.Current()
	if w, ok := o.(interface{ Theme() fyne.Theme }); ok {
		th = w.Theme()
	}
	return th.Size(n)
}

// parseHex turns "#rrggbb" into a colour; anything else is a neutral grey.
func parseHex(s string) color.NRGBA {
	c := color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	if len(s) != 7 || s[0] != '#' {
		return c
	}
	v := [3]uint8{}
	for i := 0; i < 3; i++ {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return c
		}
		v[i] = hi<<4 | lo
	}
	return color.NRGBA{R: v[0], G: v[1], B: v[2], A: 0xff}
}

func hexDigit(b byte) (uint8, bool) {
	switch {
	case b >= '0' && b <= '9':
		return b - '0', true
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10, true
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}

// withAlpha returns c with its opacity replaced.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
