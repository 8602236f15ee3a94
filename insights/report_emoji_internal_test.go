package insights

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
)

func TestShapeEmoji(t *testing.T) {
	SetEmojiFont(theme.DefaultEmojiFont().Content())
	t.Cleanup(func() { SetEmojiFont(nil) })
	fs := newTestFonts(t)
	for _, c := range []struct {
		name, in string
		emoji    int    // glyphs drawn from the emoji font
		text     string // the rest, emoji as □
	}{
		{"emoji", "so funny 😂!", 1, "so funny □!"},
		{"two of the same", "😂😂", 2, "□□"},
		{"heart with variation selector: no stray mark", "I ❤\ufe0f you", 1, "I □ you"},
		{"skin tone is one emoji", "👍🏽 ok", 1, "□ ok"},
		{"family is one emoji", "👨\u200d👩\u200d👧 home", 1, "□ home"},
		{"rainbow flag is one emoji", "🏳️\u200d🌈", 1, "□"},
		{"two country flags", "🇫🇷🇩🇪", 2, "□□"},
		{"keycap keeps its digit", "1\ufe0f\u20e3 first", 0, "1 first"},
		{"an emoji newer than the font stays a box", "🪂 jump", 0, "□ jump"},
		{"text symbols stay text", "© ½ → ♥", 0, "© ½ → ♥"},
		{"letters are never emoji", "Αθηνά Дмитрий", 0, "Αθηνά Дмитрий"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := fs.shape(c.in, false, false)
			n := 0
			for _, g := range got {
				if g.face == fs.emojiFace {
					n++
					if g.w <= 0 {
						t.Errorf("an emoji with width %v", g.w)
					}
				}
			}
			if n != c.emoji || got.String() != c.text {
				t.Errorf("shape(%q): %d emoji, text %q; want %d, %q", c.in, n, got.String(), c.emoji, c.text)
			}
			checkDrawable(t, got)
		})
	}

	// One glyph per distinct emoji in a document: the same sequence is the
	// same glyph, a ligature (skin tone) is its own.
	a, b := fs.shape("😂 😂", false, false), fs.shape("👍 👍🏽", false, false)
	if a[0].r != a[2].r {
		t.Errorf("the same emoji twice became glyphs %x and %x", a[0].r, a[2].r)
	}
	if b[0].r == b[2].r {
		t.Errorf("👍 and 👍🏽 are the same glyph; the font has a ligature for the skin tone")
	}
	if got := fs.plain("Ana 🌻"); got != "Ana □" || strings.ContainsAny(got, "🌻") {
		t.Errorf("plain text (bookmarks): %q, want the emoji as □", got)
	}
}
