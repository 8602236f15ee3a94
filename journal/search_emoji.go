package journal

import (
	"fmt"
	"unicode"
)

// isEmoji reports whether r is a pictograph people search for (😭, 🎉, ❤):
// a symbol of the emoji blocks. Skin tones, the zero-width joiner and
// variation selectors are not: they only change the emoji before them.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF:
		return unicode.Is(unicode.So, r)
	case r >= 0x2190 && r <= 0x2BFF:
		return unicode.Is(unicode.So, r)
	}
	return false
}

// emojiWord is how the index spells an emoji. SQLite's unicode61 tokenizer
// takes symbols for spaces, so each emoji is written as letters and digits
// it keeps as one word; the code point has a fixed width so that one
// emoji's word is never the prefix of another's.
func emojiWord(r rune) string {
	return fmt.Sprintf("emoji%06x", r)
}
