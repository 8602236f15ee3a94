package insights

// wrapShaped breaks shaped text into lines no wider than maxW at size. It breaks
// after spaces and dashes, and between characters of scripts written without
// spaces (Chinese, Japanese); a word longer than a line is cut where it must.
// Spaces at the ends of lines are dropped.
func wrapShaped(l shaped, size, maxW float64) []shaped {
	limit := maxW * 1000 / size // in 1/1000 em, to compare with shapedGlyph widths
	var lines []shaped
	for len(l) > 0 {
		l = trimLeadingSpaces(l)
		if len(l) == 0 {
			break
		}
		var w float64
		cut := -1 // the last place this line may end (exclusive index)
		i := 0
		for ; i < len(l); i++ {
			g := l[i]
			if i > 0 && breaksBefore(l[i-1].r, g.r) {
				cut = i
			}
			if w+g.w > limit && i > 0 && g.r != ' ' {
				break
			}
			w += g.w
		}
		if i == len(l) {
			lines = append(lines, trimTrailingSpaces(l))
			break
		}
		if cut <= 0 {
			cut = i // no place to break: cut the word
		}
		lines = append(lines, trimTrailingSpaces(l[:cut]))
		l = l[cut:]
	}
	return lines
}

// breaksBefore reports whether a line may break between a and b.
func breaksBefore(a, b rune) bool {
	switch {
	case a == ' ' && b != ' ':
		return true
	case a == '-' || a == '–' || a == '—' || a == '/':
		return b != ' ' && !isClosingPunct(b)
	case isWideScript(b):
		return !isClosingPunct(b)
	case isWideScript(a):
		return !isClosingPunct(b) && b != ' '
	}
	return false
}

// isWideScript covers the scripts written without spaces between words.
func isWideScript(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || // CJK radicals, kana, ideographs
		r >= 0xAC00 && r <= 0xD7AF || // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF || // compatibility ideographs
		r >= 0xFF00 && r <= 0xFFEF // full-width forms
}

func isClosingPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '»', '”', '’',
		'、', '。', '，', '．', '！', '？', '）', '」', '』', '〕', '】':
		return true
	}
	return false
}

func trimLeadingSpaces(l shaped) shaped {
	for len(l) > 0 && l[0].r == ' ' {
		l = l[1:]
	}
	return l
}

func trimTrailingSpaces(l shaped) shaped {
	for len(l) > 0 && l[len(l)-1].r == ' ' {
		l = l[:len(l)-1]
	}
	return l
}
