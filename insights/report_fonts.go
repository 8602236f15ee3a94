package insights

import (
	"fmt"
	"os"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Fonts the report borrows, when the machine has them, for characters the
// Go fonts lack. Each is a plain TrueType file (glyf outlines) from a Debian
// package whose licence allows embedding, which fpdf can embed and subset;
// without one, the characters it would draw are substituted visibly.
var (
	// cjkFontPaths: Chinese and Japanese, from fonts-droid-fallback
	// (Apache 2.0). It has no Hangul syllables.
	cjkFontPaths = []string{
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
		"/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
	}
	// hangulFontPaths: Korean, from fonts-nanum (SIL OFL 1.1).
	hangulFontPaths = []string{
		"/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
	}
	hangulBoldFontPaths = []string{
		"/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
	}
	// extraFontPaths: the rest of Latin (Vietnamese's stacked accents in
	// Latin Extended Additional), polytonic Greek, Armenian, Hebrew and
	// symbols, from fonts-dejavu-core (Bitstream Vera licence).
	extraFontPaths = []string{
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	}
	extraBoldFontPaths = []string{
		"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
	}
)

// fallbackFont is one borrowed font and the characters it is asked for.
type fallbackFont struct {
	family string
	// paths and boldPaths are where the font may be, regular and bold (nil:
	// bold text uses the regular face); pointers, so that tests can take a
	// font away.
	paths, boldPaths *[]string
	serves           func(r rune) bool
}

// fallbackFonts are asked in this order, each only for the characters it
// serves: a font is read only when a document has a character for it.
var fallbackFonts = [...]fallbackFont{
	{reportFamily + "-hangul", &hangulFontPaths, &hangulBoldFontPaths, isHangul},
	{reportFamily + "-extra", &extraFontPaths, &extraBoldFontPaths, func(r rune) bool { return !isWideScript(r) && !isEmojiBlock(r) }},
	{reportFamily + "-cjk", &cjkFontPaths, nil, func(rune) bool { return true }},
}

// isEmojiBlock covers the blocks whose symbols people mostly mean as emoji
// (☕, ❤, ⭐): those stay with the emoji font, as DejaVu would draw them as
// plain text.
func isEmojiBlock(r rune) bool {
	return r >= 0x2300 && r <= 0x23FF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF
}

// isHangul covers Korean's jamo and syllables.
func isHangul(r rune) bool {
	return r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F ||
		r >= 0xA960 && r <= 0xA97F || r >= 0xAC00 && r <= 0xD7FF ||
		r >= 0xFFA0 && r <= 0xFFDC
}

// borrowed is a fallback font as one document holds it.
type borrowed struct {
	face  *fontFace // nil when the machine has none, or none fpdf can read
	tried bool      // looked for it already
}

// fontFace is one font file the report may embed, with what it can draw.
// The Go fonts cover WGL4: Latin with its accents, Greek and Cyrillic.
type fontFace struct {
	family, style string // as fpdf knows it
	ttf           []byte
	sf            *sfnt.Font
	buf           sfnt.Buffer
	upem          float64
	// widths caches each BMP character's advance in 1/1000 em, plus 2:
	// 0 means not looked up yet, 1 means the font has no shapedGlyph for it.
	widths     []uint16
	ascii      [0x7F - 0x20]float64 // printable ASCII's widths, looked up most
	registered bool
	// used is what fpdf has recorded as drawn in this face (see text).
	used usedRunes
}

func newFontFace(family, style string, ttf []byte) (*fontFace, error) {
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("read font %s %s: %w", family, style, err)
	}
	f := &fontFace{family: family, style: style, ttf: ttf, sf: sf,
		upem: float64(sf.UnitsPerEm()), widths: make([]uint16, 0x10000)}
	for c := range f.ascii {
		f.ascii[c], _ = f.width(rune(c + 0x20))
	}
	return f, nil
}

// width is r's advance in 1/1000 em, and whether the font has a shapedGlyph for it
// (read from its cmap). Runes above the BMP are never drawable: fpdf cannot
// encode them.
func (f *fontFace) width(r rune) (float64, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	if w := f.widths[r]; w != 0 {
		return float64(w) - 2, w != 1
	}
	gi, err := f.sf.GlyphIndex(&f.buf, r)
	if err != nil || gi == 0 {
		f.widths[r] = 1
		return 0, false
	}
	upem := fixed.Int26_6(f.sf.UnitsPerEm()) << 6
	adv, err := f.sf.GlyphAdvance(&f.buf, gi, upem, font.HintingNone)
	if err != nil {
		f.widths[r] = 1
		return 0, false
	}
	w := float64(adv) / 64 * 1000 / f.upem
	if w < 0 || w > 60000 {
		w = 0
	}
	f.widths[r] = uint16(w+0.5) + 2
	return float64(f.widths[r]) - 2, true
}

// fontSet is the faces one report uses: the embedded Go fonts in four styles
// and, each loaded on first need, the fallbacks for what they lack.
type fontSet struct {
	pdf       *fpdf.Fpdf
	text      [4]*fontFace                    // regular, bold, italic, bold italic
	fallbacks [len(fallbackFonts)][2]borrowed // as fallbackFonts, regular and bold

	// current is the font and size last selected on the page being drawn;
	// selecting it again would only repeat it in the page's content.
	current     *fontFace
	currentSize float64

	// emojiFace marks the glyphs drawn from the emoji font (see
	// report_emoji.go); emojis are those glyphs, by their r - emojiRuneBase.
	emojiFace  *fontFace
	emojis     []*emojiGlyph
	emojiIndex map[*emojiGlyph]int
}

const reportFamily = "kindred"

func newFontSet(pdf *fpdf.Fpdf) (*fontSet, error) {
	fs := &fontSet{pdf: pdf, emojiFace: &fontFace{family: "emoji"}}
	for i, src := range []struct {
		style string
		ttf   []byte
	}{{"", goregular.TTF}, {"B", gobold.TTF}, {"I", goitalic.TTF}, {"BI", gobolditalic.TTF}} {
		f, err := newFontFace(reportFamily, src.style, src.ttf)
		if err != nil {
			return nil, err
		}
		fs.text[i] = f
	}
	return fs, nil
}

// face is the Go font for a style.
func (fs *fontSet) face(bold, italic bool) *fontFace {
	i := 0
	if bold {
		i |= 1
	}
	if italic {
		i |= 2
	}
	return fs.text[i]
}

// fallback returns the borrowed font that draws r and its advance, or
// false when this machine has none; a missing or unreadable file is not an
// error. A font is read when a character first asks for it, and embedded
// when it first has one to draw. Bold text takes the font's bold face where
// it has one and the machine has it, else its regular one.
func (fs *fontSet) fallback(r rune, bold bool) (*fontFace, float64, bool) {
	for i, ff := range fallbackFonts {
		if !ff.serves(r) {
			continue
		}
		if bold && ff.boldPaths != nil {
			if f, w, ok := fs.borrow(&fs.fallbacks[i][1], ff.family, "B", *ff.boldPaths, r); ok {
				return f, w, true
			}
		}
		if f, w, ok := fs.borrow(&fs.fallbacks[i][0], ff.family, "", *ff.paths, r); ok {
			return f, w, true
		}
	}
	return nil, 0, false
}

// borrow is b's face, loaded from the first of paths there on first need,
// if it draws r.
func (fs *fontSet) borrow(b *borrowed, family, style string, paths []string, r rune) (*fontFace, float64, bool) {
	if !b.tried {
		b.tried = true
		b.face = loadFallback(family, style, paths)
	}
	if b.face == nil {
		return nil, 0, false
	}
	w, ok := b.face.width(r)
	if !ok {
		return nil, 0, false
	}
	if !fs.register(b.face) {
		b.face = nil
		return nil, 0, false
	}
	return b.face, w, true
}

// loadFallback reads the first of paths that is there and parses.
func loadFallback(family, style string, paths []string) *fontFace {
	for _, p := range paths {
		ttf, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if f, err := newFontFace(family, style, ttf); err == nil {
			return f
		}
	}
	return nil
}

// register embeds f in the PDF and reports whether fpdf could read it. fpdf
// reads only plain TrueType (not CFF or collections) and may panic on a file
// it misreads; a font we merely borrow must never fail the report.
func (fs *fontSet) register(f *fontFace) (ok bool) {
	if f.registered {
		return true
	}
	if len(f.ttf) < 4 || (string(f.ttf[:4]) != "\x00\x01\x00\x00" && string(f.ttf[:4]) != "true") {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	fs.pdf.AddUTF8FontFromBytes(f.family, f.style, f.ttf)
	f.registered = fs.pdf.GetFontDesc(f.family, f.style).Ascent != 0
	return f.registered
}

// use selects f in the PDF, embedding it on first use.
func (fs *fontSet) use(f *fontFace, size float64) {
	if f == fs.current && size == fs.currentSize {
		return
	}
	fs.register(f)
	fs.pdf.SetFont(f.family, f.style, size)
	fs.current, fs.currentSize = f, size
}
