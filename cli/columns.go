package cli

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// displayWidth is how many terminal columns s takes: East Asian wide and
// fullwidth characters (Chinese, Japanese, most emoji) take two, marks
// that combine with the letter before them none.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200d' || (r >= 0xfe00 && r <= 0xfe0f):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

// padRight pads s with spaces to cols display columns, so that names in
// any script line up in a table.
func padRight(s string, cols int) string {
	if w := displayWidth(s); w < cols {
		return s + strings.Repeat(" ", cols-w)
	}
	return s
}
