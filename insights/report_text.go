package insights

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// missingGlyph stands, visibly, for a character no embedded font can show:
// an emoji, a script without a font on this machine. The Go fonts have it.
const missingGlyph = '□'

// shapedGlyph is one character the report will draw, with the face that draws it
// and its advance in 1/1000 em. Every shapedGlyph is in the BMP and in its face's
// cmap: that is what keeps fpdf from panicking or printing blanks.
type shapedGlyph struct {
	r    rune
	face *fontFace
	w    float64
}

// shaped is text ready to draw; its width at a size is sum(w) * size / 1000.
type shaped []shapedGlyph

func (l shaped) width(size float64) float64 {
	var w float64
	for _, g := range l {
		w += g.w
	}
	return w * size / 1000
}

// String is the text l draws, an emoji drawn as a shape standing as
// missingGlyph: what a place that takes only text (a bookmark) can show.
func (l shaped) String() string {
	var b strings.Builder
	for _, g := range l {
		if g.r >= emojiRuneBase {
			b.WriteRune(missingGlyph)
			continue
		}
		b.WriteRune(g.r)
	}
	return b.String()
}

// shape is the one place text meets the fonts: every string the report
// draws, bookmarks and metadata included, passes through here. It never
// fails: emoji are drawn from the emoji font (one glyph per sequence, see
// report_emoji.go), characters the text fonts lack by the fallback font
// when there is one, and anything else is replaced by missingGlyph, one per
// emoji sequence.
// Line breaks and tabs become spaces; paragraphs are split by the caller.
func (fs *fontSet) shape(s string, bold, italic bool) shaped {
	return fs.shapeAppend(make(shaped, 0, len(s)), s, bold, italic)
}

// shapeAppend is shape appending to out, for callers that reuse a buffer.
func (fs *fontSet) shapeAppend(out shaped, s string, bold, italic bool) shaped {
	if !isASCII(s) {
		// ASCII is valid and normalised as it is.
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		s = norm.NFC.String(s)
	}
	primary := fs.face(bold, italic)
	substituted := false // the previous character became missingGlyph
	joined := false      // a zero-width joiner glues the next character to the previous
	halfFlag := false    // the previous mark stands for the first half of a flag
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7F {
			// Printable ASCII: every embedded face has it.
			out = append(out, shapedGlyph{rune(c), primary, primary.ascii[c-0x20]})
			substituted, joined, halfFlag = false, false, false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			r = ' '
		case r == '\u200D':
			joined = true
			continue
		case isEmojiModifier(r):
			// Skin tones, variation selectors and tags belong to the
			// character before them: dropping them leaves that one whole.
			continue
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
			continue
		}
		glue := joined
		joined = false
		if glue && substituted {
			continue // the rest of an emoji sequence: one mark for the whole
		}
		if halfFlag && isRegionalIndicator(r) {
			halfFlag = false
			continue // a flag is two indicators: one mark for both
		}
		halfFlag = false
		if w, ok := primary.width(r); ok {
			out = append(out, shapedGlyph{r, primary, w})
			substituted = false
			continue
		}
		// An emoji is drawn from the emoji font when it asks to be (U+FE0F
		// follows) or is past the BMP; a symbol of the BMP is text first,
		// from the fallback font if that has it.
		emojiFirst := isEmojiCandidate(r) && (r > 0xFFFF || strings.HasPrefix(s[i:], "\uFE0F"))
		if emojiFirst {
			if n, ok := fs.appendEmoji(&out, s, i, r, size); ok {
				i, substituted = n, false
				continue
			}
		}
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
			continue // an accent no font has: the letter it sits on still shows
		}
		if r <= 0xFFFF && r != utf8.RuneError {
			if f, w, ok := fs.fallback(r, bold); ok {
				out = append(out, shapedGlyph{r, f, w})
				substituted = false
				continue
			}
		}
		if !emojiFirst && isEmojiCandidate(r) {
			if n, ok := fs.appendEmoji(&out, s, i, r, size); ok {
				i, substituted = n, false
				continue
			}
		}
		w, _ := primary.width(missingGlyph)
		out = append(out, shapedGlyph{missingGlyph, primary, w})
		substituted = true
		halfFlag = isRegionalIndicator(r)
	}
	return out
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isEmojiModifier reports characters that only modify the one before them:
// variation selectors, skin tones, tag characters, the keycap mark.
func isEmojiModifier(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF ||
		r >= 0xE0000 && r <= 0xE007F || r >= 0xE0100 && r <= 0xE01EF || r == 0x20E3
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// plain is s made safe for places fpdf writes without our fonts (bookmarks,
// document metadata): the same characters the pages would show.
func (fs *fontSet) plain(s string) string { return fs.shape(s, false, false).String() }
