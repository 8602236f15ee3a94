package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Inline reads the styles of one line: **bold**, *italic* (or with _),
// ***both***, links as their text, `code` as its text, ~~struck~~ as its
// text, and backslash escapes ("\." is "."). A mark that opens nothing, as
// in "2 * 3" or "snake_case", is text.
func Inline(s string) []Span {
	if !strings.ContainsAny(s, inlineMarks) {
		if s == "" {
			return nil
		}
		return []Span{{Text: s}}
	}
	var p inlineParser
	p.run(s, false, false)
	p.flush()
	return p.out
}

// inlineMarks are the characters that may begin markup in a line.
const inlineMarks = "*_[]!`\\~<"

type inlineParser struct {
	out          []Span
	buf          strings.Builder
	bold, italic bool
}

func (p *inlineParser) flush() {
	if p.buf.Len() == 0 {
		return
	}
	text := p.buf.String()
	p.buf.Reset()
	if n := len(p.out); n > 0 && p.out[n-1].Bold == p.bold && p.out[n-1].Italic == p.italic {
		p.out[n-1].Text += text
		return
	}
	p.out = append(p.out, Span{Text: text, Bold: p.bold, Italic: p.italic})
}

// style switches to a style for what follows.
func (p *inlineParser) style(bold, italic bool) {
	if bold != p.bold || italic != p.italic {
		p.flush()
		p.bold, p.italic = bold, italic
	}
}

// run reads s in the given style.
func (p *inlineParser) run(s string, bold, italic bool) {
	p.style(bold, italic)
	for i := 0; i < len(s); {
		// Text between marks is copied whole.
		if n := strings.IndexAny(s[i:], inlineMarks); n != 0 {
			if n < 0 {
				n = len(s) - i
			}
			p.buf.WriteString(s[i : i+n])
			i += n
			continue
		}
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			p.buf.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			if end := strings.IndexByte(s[i+1:], '`'); end > 0 {
				p.buf.WriteString(s[i+1 : i+1+end])
				i += end + 2
				continue
			}
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			// An image: its alt text, if it has one, stands for it.
			if text, n, ok := link(s[i+1:]); ok {
				p.run(text, bold, italic)
				p.style(bold, italic)
				i += 1 + n
				continue
			}
		case c == '[':
			if text, n, ok := link(s[i:]); ok {
				p.run(text, bold, italic)
				p.style(bold, italic)
				i += n
				continue
			}
		case c == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 && isAutolink(s[i+1:i+end]) {
				p.buf.WriteString(s[i+1 : i+end])
				i += end + 1
				continue
			}
		case c == '~' && strings.HasPrefix(s[i:], "~~"):
			if end := closer(s, i, "~~"); end > 0 {
				p.run(s[i+2:end], bold, italic)
				p.style(bold, italic)
				i = end + 2
				continue
			}
		case c == '*' || c == '_':
			n := 1
			for i+n < len(s) && s[i+n] == c && n < 3 {
				n++
			}
			mark := s[i : i+n]
			if canOpen(s, i, n) {
				if end := closer(s, i, mark); end > 0 {
					b, it := bold, italic
					if n >= 2 {
						b = true
					}
					if n != 2 {
						it = true
					}
					p.run(s[i+n:end], b, it)
					p.style(bold, italic)
					i = end + n
					continue
				}
			}
			// A run that opens nothing is text.
			p.buf.WriteString(mark)
			i += n
			continue
		}
		p.buf.WriteByte(c)
		i++
	}
}

// canOpen reports whether the run of n marks at s[i] may open a style: text
// follows it, and an underscore does not stand inside a word.
func canOpen(s string, i, n int) bool {
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if i+n >= len(s) || unicode.IsSpace(next) {
		return false
	}
	if s[i] == '_' && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if isWordRune(prev) {
			return false
		}
	}
	return true
}

// closer finds where the run mark opened at s[i] closes: a run of exactly
// the same marks, with text before it, not escaped, and for underscores
// not inside a word. "**" does not close "*"; the runs between are skipped.
func closer(s string, i int, mark string) int {
	for from := i + len(mark); from < len(s); {
		j := strings.IndexByte(s[from:], mark[0])
		if j < 0 {
			return -1
		}
		at := from + j
		end := at
		for end < len(s) && s[end] == mark[0] {
			end++
		}
		if end-at == len(mark) && at > i+len(mark) && !escaped(s, at) {
			prev, _ := utf8.DecodeLastRuneInString(s[:at])
			next, _ := utf8.DecodeRuneInString(s[end:])
			if !unicode.IsSpace(prev) && !(mark[0] == '_' && end < len(s) && isWordRune(next)) {
				return at
			}
		}
		from = end
	}
	return -1
}

// escaped reports whether s[at] stands after an odd number of backslashes.
func escaped(s string, at int) bool {
	n := 0
	for k := at - 1; k >= 0 && s[k] == '\\'; k-- {
		n++
	}
	return n%2 == 1
}

// link reads "[text](address)" at the start of s: its text, and how long it is.
func link(s string) (text string, n int, ok bool) {
	depth := 0
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if k+1 >= len(s) || s[k+1] != '(' {
					return "", 0, false
				}
				end := strings.IndexByte(s[k+2:], ')')
				if end < 0 {
					return "", 0, false
				}
				return s[1:k], k + 2 + end + 1, true
			}
		}
	}
	return "", 0, false
}

func isAutolink(s string) bool {
	return (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "mailto:")) &&
		!strings.ContainsAny(s, " <")
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
