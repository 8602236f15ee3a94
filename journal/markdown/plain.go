package markdown

import "strings"

// Plain is text without its markup, a line per block: what search indexes
// and what places that show no styles (a list of moments, a snippet) show.
// Text with no markup in it is returned as it is.
func Plain(text string) string {
	if !MayHaveMarkup(text) {
		return text
	}
	var b strings.Builder
	for i, bl := range Parse(text) {
		if i > 0 {
			b.WriteByte('\n')
			if bl.Gap {
				b.WriteByte('\n')
			}
		}
		b.WriteString(bl.Text())
	}
	return b.String()
}

// MayHaveMarkup reports whether text has a character markup is made of; a
// text without any is drawn as it is, quickly.
func MayHaveMarkup(text string) bool {
	return strings.ContainsAny(text, "#*_[]`\\~<>-+") || hasNumberedLine(text)
}

// hasNumberedLine reports whether a line starts with a digit ("1. ...").
func hasNumberedLine(text string) bool {
	for i := 0; i < len(text); i++ {
		if (i == 0 || text[i-1] == '\n') && text[i] >= '0' && text[i] <= '9' {
			return true
		}
	}
	return false
}
