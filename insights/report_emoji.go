package insights

import (
	"bytes"
	"math"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Emoji are drawn from an emoji font's outlines, as vector shapes filled in
// the text's colour, where the glyph would stand: fpdf can neither encode
// characters above U+FFFF nor embed a CFF font. A sequence (a skin tone, a
// flag, a ZWJ family) is shaped with the font's own ligatures; when the font
// has no glyph for the whole of it, its first character is drawn. Each
// glyph is a form XObject written once per document and placed as often as
// it is used.

// emojiFont is the font emoji come from, shared by every report the process
// writes. The program sets it with SetEmojiFont; without one, emoji print
// as missingGlyph.
var emojiFont emojiSource

type emojiSource struct {
	mu     sync.Mutex
	otf    []byte
	face   *font.Face // parsed on first need
	tried  bool
	shaper shaping.HarfbuzzShaper
	// glyphs are the emoji sequences looked up so far; nil means the font
	// cannot draw that sequence.
	glyphs map[string]*emojiGlyph
}

// colorEmojiFont draws, in colour, the emoji emojiFont lacks: those newer
// than EmojiOne's 2016 set. The program sets it with SetColorEmojiFont
// (Kindred passes Noto Color Emoji, whose glyphs are PNG pictures).
var colorEmojiFont emojiSource

// SetColorEmojiFont gives the PDF report a colour emoji font (CBDT, PNG
// glyphs) for the emoji SetEmojiFont's font cannot draw.
func SetColorEmojiFont(ttf []byte) {
	colorEmojiFont.mu.Lock()
	defer colorEmojiFont.mu.Unlock()
	colorEmojiFont.otf, colorEmojiFont.face, colorEmojiFont.tried, colorEmojiFont.glyphs = ttf, nil, false, nil
}

// SetEmojiFont gives the PDF report an OpenType emoji font with outlines
// (Kindred passes EmojiOne, which Fyne bundles). It is read on first need.
func SetEmojiFont(otf []byte) {
	emojiFont.mu.Lock()
	defer emojiFont.mu.Unlock()
	emojiFont.otf, emojiFont.face, emojiFont.tried, emojiFont.glyphs = otf, nil, false, nil
}

// emojiGlyph is one emoji's outline, ready to place.
type emojiGlyph struct {
	adv float64 // advance in 1/1000 em
	// box is the outline's extent in 1/1000 em, y up from the baseline.
	minX, minY, maxX, maxY float64
	path                   []byte // PDF path operators, moved to the box's corner
	// png is a colour glyph's picture, drawn over the box instead of path.
	png []byte
}

// emojiRuneBase marks a shapedGlyph as an emoji: its r is emojiRuneBase
// plus the emoji's index in its fontSet. It is past Unicode, so no text
// path takes it for a character.
const emojiRuneBase = 0x200000

// isEmojiCandidate is a character that may be an emoji's first: a symbol,
// not a letter (the emoji font also has digits and '#', for keycaps, but
// those are text first).
func isEmojiCandidate(r rune) bool {
	return r >= 0x00A9 && r != utf8.RuneError && !isWideScript(r) && !unicode.IsLetter(r)
}

// emojiSequenceEnd is where the emoji sequence starting at s[start:] ends,
// with first, its first character, ending at i: modifiers, ZWJ-joined
// characters and a flag's second half belong to it.
func emojiSequenceEnd(s string, i int, first rune) int {
	if isRegionalIndicator(first) {
		if r, n := utf8.DecodeRuneInString(s[i:]); isRegionalIndicator(r) {
			return i + n
		}
		return i
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isEmojiModifier(r):
			i += n
		case r == '\u200D':
			next, m := utf8.DecodeRuneInString(s[i+n:])
			if m == 0 || next == utf8.RuneError {
				return i + n
			}
			i += n + m
		default:
			return i
		}
	}
	return i
}

// lookupEmoji returns the glyph that draws seq, or nil when no emoji font
// can: the outline font's glyph for the whole sequence, else the colour
// font's, else the first character's from either.
func lookupEmoji(seq string) *emojiGlyph {
	if g := emojiFont.lookup(seq, false); g != nil {
		return g
	}
	if g := colorEmojiFont.lookup(seq, false); g != nil {
		return g
	}
	if g := emojiFont.lookup(seq, true); g != nil {
		return g
	}
	return colorEmojiFont.lookup(seq, true)
}

// lookup is the font's glyph for seq, or with first for seq's first
// character when the font has no glyph for the whole of it; nil when it has
// neither.
func (e *emojiSource) lookup(seq string, first bool) *emojiGlyph {
	if first {
		r, _ := utf8.DecodeRuneInString(seq)
		if len(seq) == utf8.RuneLen(r) {
			return nil // the whole was asked for already
		}
		seq = string(r)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if g, ok := e.glyphs[seq]; ok {
		return g
	}
	if !e.tried {
		e.tried = true
		if len(e.otf) > 0 {
			e.face, _ = font.ParseTTF(bytes.NewReader(e.otf))
		}
	}
	if e.face == nil {
		return nil
	}
	if e.glyphs == nil {
		e.glyphs = map[string]*emojiGlyph{}
	}
	g := e.shapeLocked([]rune(seq))
	e.glyphs[seq] = g
	return g
}

// shapeLocked shapes runes into one glyph with an outline, or returns nil:
// a sequence the font draws as several glyphs has no glyph of its own.
func (e *emojiSource) shapeLocked(runes []rune) *emojiGlyph {
	out := e.shaper.Shape(shaping.Input{
		Text: runes, RunStart: 0, RunEnd: len(runes),
		Direction: di.DirectionLTR, Face: e.face, Size: fixed.I(1000),
		Script: language.Common,
	})
	var found *emojiGlyph
	for _, sg := range out.Glyphs {
		if sg.GlyphID == 0 {
			return nil // .notdef: the font lacks a character
		}
		data := e.face.GlyphData(sg.GlyphID)
		segs := emojiOutline(data)
		var g *emojiGlyph
		switch bm, ok := data.(font.GlyphBitmap); {
		case len(segs) > 0:
			g = newEmojiGlyph(segs, float64(sg.XAdvance)/64) // at 1000 px to the em
		case ok && bm.Format == font.PNG && len(bm.Data) > 0:
			g = e.pictureGlyph(sg.GlyphID, bm.Data, float64(sg.XAdvance)/64)
		default:
			continue // a joiner or selector the font maps to an empty glyph
		}
		if found != nil || g == nil {
			return nil
		}
		found = g
	}
	return found
}

// pictureGlyph is a colour glyph: its PNG picture over the glyph's box, in
// thousandths of an em as outlines are.
func (e *emojiSource) pictureGlyph(gid font.GID, png []byte, adv float64) *emojiGlyph {
	ext, ok := e.face.GlyphExtents(gid)
	if !ok || ext.Width == 0 || ext.Height == 0 {
		return nil
	}
	k := 1000 / float64(e.face.Upem())
	g := &emojiGlyph{adv: adv, png: png,
		minX: float64(ext.XBearing) * k, maxY: float64(ext.YBearing) * k}
	g.maxX = g.minX + float64(ext.Width)*k
	g.minY = g.maxY + float64(ext.Height)*k // Height runs downwards
	return g
}

// emojiOutline is the vector outline of a glyph, whatever else it has.
func emojiOutline(d font.GlyphData) []ot.Segment {
	switch g := d.(type) {
	case font.GlyphOutline:
		return g.Segments
	case font.GlyphSVG:
		return g.Outline.Segments
	case font.GlyphBitmap:
		if g.Outline != nil {
			return g.Outline.Segments
		}
	}
	return nil
}

// newEmojiGlyph writes segs (font units of a 1000-unit em, y up) as PDF
// path operators, moved so that the outline's lower left corner is 0,0.
func newEmojiGlyph(segs []ot.Segment, adv float64) *emojiGlyph {
	g := &emojiGlyph{adv: adv, minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
	for _, s := range segs {
		for _, p := range s.ArgsSlice() {
			g.minX, g.maxX = min(g.minX, float64(p.X)), max(g.maxX, float64(p.X))
			g.minY, g.maxY = min(g.minY, float64(p.Y)), max(g.maxY, float64(p.Y))
		}
	}
	num := func(b []byte, v float64) []byte {
		b = strconv.AppendFloat(b, math.Round(v*10)/10, 'f', -1, 64)
		return append(b, ' ')
	}
	pt := func(b []byte, p ot.SegmentPoint) []byte {
		b = num(b, float64(p.X)-g.minX)
		return num(b, float64(p.Y)-g.minY)
	}
	var b []byte
	var cur ot.SegmentPoint
	open := false
	for _, s := range segs {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if open {
				b = append(b, "h "...)
			}
			b = append(pt(b, s.Args[0]), "m "...)
			open = true
			cur = s.Args[0]
		case ot.SegmentOpLineTo:
			b = append(pt(b, s.Args[0]), "l "...)
			cur = s.Args[0]
		case ot.SegmentOpQuadTo:
			// A quadratic curve is the cubic with control points 2/3 of
			// the way to its own.
			c, end := s.Args[0], s.Args[1]
			c1 := ot.SegmentPoint{X: cur.X + 2.0/3*(c.X-cur.X), Y: cur.Y + 2.0/3*(c.Y-cur.Y)}
			c2 := ot.SegmentPoint{X: end.X + 2.0/3*(c.X-end.X), Y: end.Y + 2.0/3*(c.Y-end.Y)}
			b = append(pt(pt(pt(b, c1), c2), end), "c "...)
			cur = end
		case ot.SegmentOpCubeTo:
			b = append(pt(pt(pt(b, s.Args[0]), s.Args[1]), s.Args[2]), "c "...)
			cur = s.Args[2]
		}
	}
	if open {
		b = append(b, "h "...)
	}
	g.path = append(b, 'f')
	if math.IsInf(g.minX, 0) {
		return nil
	}
	return g
}

// emojiTemplates are the form XObjects of one document's emoji, one per
// glyph, written once however often the glyph is placed.
type emojiTemplates map[*emojiGlyph]fpdf.Template

// template is g's form XObject, made on its first use in the document. It
// is made apart from the document (fpdf.CreateTpl), so it sets no colour of
// its own and is filled with the colour in force where it is placed.
func (t emojiTemplates) template(g *emojiGlyph) fpdf.Template {
	if tpl, ok := t[g]; ok {
		return tpl
	}
	size := fpdf.SizeType{Wd: max(g.maxX-g.minX, 1), Ht: max(g.maxY-g.minY, 1)}
	tpl := fpdf.CreateTpl(fpdf.PointType{}, size, "P", "pt", "", func(tp *fpdf.Tpl) {
		tp.RawWriteBuf(bytes.NewReader(g.path))
	})
	cached := idTemplate{Template: tpl, id: "E" + strconv.Itoa(len(t)+1)}
	t[g] = cached
	return cached
}

// idTemplate gives an emoji's template a short ID of its own, "E1", "E2"...
// in the order the document meets them. fpdf would compute a SHA-1 of the
// content three times at each placement, and write all 40 hex digits of it
// into the page as the XObject's name. fpdf's own templates are named by
// their hex SHA-1, so the names cannot meet.
type idTemplate struct {
	fpdf.Template
	id string
}

func (t idTemplate) ID() string { return t.id }

// emoji draws the emoji glyph g with its baseline at (x, baseline), size
// points to the em, in colour c.
func (d *reportDoc) emoji(x, baseline float64, g *emojiGlyph, size float64, c pdfRGB) {
	if g.png != nil {
		d.emojiPicture(x, baseline, g, size)
		return
	}
	if d.emojiTpl == nil {
		d.emojiTpl = emojiTemplates{}
	}
	tpl := d.emojiTpl.template(g)
	k := size / 1000
	tw := &d.tw
	b := append(tw.buf[:0], "q "...)
	b = append(b, tw.color(c)...)
	b = append(b, '\n')
	tw.buf = b
	tw.reader.Reset(b)
	d.pdf.RawWriteBuf(&tw.reader)
	d.pdf.UseTemplateScaled(tpl,
		fpdf.PointType{X: x + g.minX*k, Y: baseline - g.maxY*k},
		fpdf.SizeType{Wd: (g.maxX - g.minX) * k, Ht: (g.maxY - g.minY) * k})
	d.pdf.RawWriteStr("Q")
}

// emojiGlyphFor shapes the emoji sequence seq for this document: a glyph of
// the emoji face, or false when no font draws it.
func (fs *fontSet) emojiGlyphFor(seq string) (shapedGlyph, bool) {
	g := lookupEmoji(seq)
	if g == nil {
		return shapedGlyph{}, false
	}
	i, ok := fs.emojiIndex[g]
	if !ok {
		if fs.emojiIndex == nil {
			fs.emojiIndex = map[*emojiGlyph]int{}
		}
		i = len(fs.emojis)
		fs.emojis = append(fs.emojis, g)
		fs.emojiIndex[g] = i
	}
	return shapedGlyph{r: emojiRuneBase + rune(i), face: fs.emojiFace, w: g.adv}, true
}

// appendEmoji appends the emoji sequence that starts with r (size bytes,
// ending at i) to out, and returns where the sequence ends in s; false when
// no emoji font draws it.
func (fs *fontSet) appendEmoji(out *shaped, s string, i int, r rune, size int) (int, bool) {
	end := emojiSequenceEnd(s, i, r)
	g, ok := fs.emojiGlyphFor(s[i-size : end])
	if !ok {
		return i, false
	}
	*out = append(*out, g)
	return end, true
}

// emojiPicture places a colour glyph's picture, registered with the
// document on its first use and placed by name after.
func (d *reportDoc) emojiPicture(x, baseline float64, g *emojiGlyph, size float64) {
	if d.emojiPics == nil {
		d.emojiPics = map[*emojiGlyph]string{}
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	name, ok := d.emojiPics[g]
	if !ok {
		name = "emoji" + strconv.Itoa(len(d.emojiPics)+1)
		d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(g.png))
		d.emojiPics[g] = name
	}
	k := size / 1000
	d.pdf.ImageOptions(name, x+g.minX*k, baseline-g.maxY*k, (g.maxX-g.minX)*k, (g.maxY-g.minY)*k, false, opt, 0, "")
}
