package insights

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func newTestFonts(t testing.TB) *fontSet {
	t.Helper()
	d, err := newReportDoc(PaperA4)
	if err != nil {
		t.Fatal(err)
	}
	return d.fonts
}

func hasFallbackFont() bool { return hasFont(cjkFontPaths) }

func hasFont(paths []string) bool {
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return false
}

func TestShape(t *testing.T) {
	fs := newTestFonts(t)
	cjk := "□□"
	if hasFallbackFont() {
		cjk = "你好"
	}
	for _, c := range []struct{ name, in, want string }{
		{"ascii", "Plain text, 42.", "Plain text, 42."},
		{"accents composed", "Zoë Ångström, crème brûlée", "Zoë Ångström, crème brûlée"},
		{"accents decomposed become one letter", "Zoe\u0308 A\u030angstro\u0308m", "Zoë Ångström"},
		{"greek", "Καλημέρα, Ουρανός", "Καλημέρα, Ουρανός"},
		{"cyrillic", "Дмитрий «Катюша» щётка", "Дмитрий «Катюша» щётка"},
		{"emoji", "so funny 😂!", "so funny □!"},
		{"emoji with skin tone", "👍🏽 ok", "□ ok"},
		{"family is one emoji", "👨\u200d👩\u200d👧 home", "□ home"},
		{"rainbow flag is one emoji", "🏳️\u200d🌈", "□"},
		{"two country flags", "🇫🇷🇩🇪", "□□"},
		{"heart with variation selector", "I ❤\ufe0f you", "I □ you"},
		{"keycap keeps its digit", "1\ufe0f\u20e3 first", "1 first"},
		{"math letters above the BMP", "𝔘𝔫𝔦", "□□□"},
		{"controls dropped, tabs and breaks are spaces", "a\x00b\x07c\td\ne\r\nf", "abc d e  f"},
		{"format characters dropped", "\ufeffzero\u200bwidth\u202eoverride\u202c", "zerowidthoverride"},
		{"invalid UTF-8", "bad \xff byte", "bad \ufffd byte"},
		{"private use", "\ue000x", "□x"},
		{"a lone accent no font has", "\u0301\u0301a", "a"},
		{"chinese, by the fallback font or substituted", "你好", cjk},
		{"highest code point", "\U0010FFFF", "□"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := fs.shape(c.in, false, false)
			if got.String() != c.want {
				t.Errorf("shape(%q) = %q, want %q", c.in, got.String(), c.want)
			}
			checkDrawable(t, got)
		})
	}
}

// checkDrawable fails unless every glyph is in the BMP and in its face.
func checkDrawable(t *testing.T, l shaped) {
	t.Helper()
	for _, g := range l {
		if g.r >= emojiRuneBase && g.face != nil && g.face.family == "emoji" {
			continue // drawn as a shape, never as text
		}
		if g.r > 0xFFFF || g.face == nil {
			t.Fatalf("undrawable glyph %U (face %v)", g.r, g.face)
		}
		if _, ok := g.face.width(g.r); !ok {
			t.Fatalf("glyph %U is not in face %s%s", g.r, g.face.family, g.face.style)
		}
	}
}

func TestWrap(t *testing.T) {
	fs := newTestFonts(t)
	lines := func(s string, width float64) []string {
		var out []string
		for _, l := range wrapShaped(fs.shape(s, false, false), 10, width) {
			out = append(out, l.String())
		}
		return out
	}
	t.Run("breaks at spaces, drops them at line ends", func(t *testing.T) {
		got := lines("one two three four five six seven", 60)
		if strings.Join(got, "|") != "one two|three four|five six|seven" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a word longer than the line is cut", func(t *testing.T) {
		got := lines(strings.Repeat("x", 80), 100)
		if len(got) < 2 || strings.Join(got, "") != strings.Repeat("x", 80) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("every line fits", func(t *testing.T) {
		text := "Mark09 The whole day at the Christmas market. Glühwein, Lebkuchen, and a very long talk on the bench. Дмитрий sang «Катюша» off key 😂."
		for _, l := range wrapShaped(fs.shape(text, false, false), 10, 150) {
			if w := l.width(10); w > 150 {
				t.Errorf("line %q is %.1f wide, more than 150", l.String(), w)
			}
		}
	})
	t.Run("chinese breaks between characters", func(t *testing.T) {
		if !hasFallbackFont() {
			t.Skip("no CJK fallback font")
		}
		got := lines(strings.Repeat("我们一起去爬山。", 6), 100)
		if len(got) < 3 || strings.Join(got, "") != strings.Repeat("我们一起去爬山。", 6) {
			t.Errorf("got %q", got)
		}
		for _, l := range got[1:] {
			if strings.HasPrefix(l, "。") {
				t.Errorf("a line starts with closing punctuation: %q", got)
			}
		}
	})
	t.Run("nothing in, nothing out", func(t *testing.T) {
		if got := lines("   ", 100); len(got) != 0 {
			t.Errorf("got %q", got)
		}
	})
}

// FuzzReportText draws arbitrary text the way the report does and writes the
// PDF: nothing may panic or fail, whatever the bytes.
func FuzzReportText(f *testing.F) {
	for _, s := range []string{"", "plain", "😀\u200d😀", "\xff\xfe", "\U0010FFFF\U000E0001", "Zoe\u0308", "你好世界", "\x00\t\n",
		"🇫🇷🇩🇪🇮", "\u0301", strings.Repeat("w", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := newReportDoc(PaperA4)
		if err != nil {
			t.Fatal(err)
		}
		d.newPage()
		for _, st := range []textStyle{pdfBody, pdfH1, pdfCaption, pdfLabel} {
			l := d.shape(s, st)
			checkDrawable(t, l)
			if !utf8.ValidString(l.String()) {
				t.Fatalf("shaped text is not valid UTF-8: %q", l.String())
			}
			d.textAt(d.left, d.y, s, st, 100)
			d.paragraph(s, st, 0)
			d.bookmark(s, 0)
		}
		d.finish(s, s, s)
		var buf bytes.Buffer
		if err := d.pdf.Output(&buf); err != nil {
			t.Fatalf("output: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF")
		}
	})
}

func TestEncodePrintPNGDecodes(t *testing.T) {
	img, err := RenderChartScaled(ChartMoments, ChartData{}, 300, 120, ThemeLight, 1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodePrintPNG(img)
	if err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("our PNG does not decode: %v", err)
	}
	if back.Bounds() != img.Bounds() {
		t.Fatalf("size: got %v, want %v", back.Bounds(), img.Bounds())
	}
	for y := 0; y < 120; y += 7 {
		for x := 0; x < 300; x += 5 {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := back.At(x, y).RGBA()
			if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 {
				t.Fatalf("pixel (%d,%d): got %v, want %v", x, y, back.At(x, y), img.At(x, y))
			}
		}
	}
}

func TestEncodePrintPNGFlattensOnWhite(t *testing.T) {
	half := color.NRGBA{R: 0, G: 0, B: 255, A: 128}
	for name, img := range map[string]image.Image{
		"nrgba": func() image.Image { m := image.NewNRGBA(image.Rect(0, 0, 3, 2)); m.Set(1, 1, half); return m }(),
		"rgba":  func() image.Image { m := image.NewRGBA(image.Rect(0, 0, 3, 2)); m.Set(1, 1, half); return m }(),
		"gray": func() image.Image {
			m := image.NewGray(image.Rect(0, 0, 3, 2))
			m.Set(1, 1, color.Gray{Y: 40})
			return m
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			data, err := encodePrintPNG(img)
			if err != nil {
				t.Fatal(err)
			}
			back, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// Transparent pixels become white; half-blue over white is light blue.
			want := map[image.Point]color.RGBA{{0, 0}: {255, 255, 255, 255}, {1, 1}: {127, 127, 255, 255}}
			if name == "gray" {
				want = map[image.Point]color.RGBA{{0, 0}: {0, 0, 0, 255}, {1, 1}: {40, 40, 40, 255}}
			}
			for p, w := range want {
				r, g, b, _ := back.At(p.X, p.Y).RGBA()
				got := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
				if absInt(int(got.R)-int(w.R)) > 1 || absInt(int(got.G)-int(w.G)) > 1 || got.B != w.B {
					t.Errorf("pixel %v: got %v, want %v", p, got, w)
				}
			}
		})
	}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestFallbackFontIsOptional: with no CJK font on the machine, or an
// unreadable one, Chinese is substituted and the PDF is still written.
func TestFallbackFontIsOptional(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "broken.ttf")
	if err := os.WriteFile(bad, append([]byte("\x00\x01\x00\x00"), bytes.Repeat([]byte{0xff}, 64)...), 0o600); err != nil {
		t.Fatal(err)
	}
	notTrueType := filepath.Join(t.TempDir(), "cff.otf")
	if err := os.WriteFile(notTrueType, []byte("OTTO and the rest"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, paths := range map[string][]string{
		"missing":      {filepath.Join(t.TempDir(), "none.ttf")},
		"broken":       {bad},
		"not truetype": {notTrueType},
		"none listed":  nil,
	} {
		t.Run(name, func(t *testing.T) {
			saved := cjkFontPaths
			cjkFontPaths = paths
			defer func() { cjkFontPaths = saved }()
			d, err := newReportDoc(PaperA4)
			if err != nil {
				t.Fatal(err)
			}
			d.newPage()
			if got := d.shape("王芳 says 你好", pdfBody).String(); got != "□□ says □□" {
				t.Errorf("got %q, want the Chinese substituted", got)
			}
			d.paragraph("王芳 says 你好", pdfBody, 0)
			var buf bytes.Buffer
			if err := d.pdf.Output(&buf); err != nil {
				t.Fatalf("output: %v", err)
			}
		})
	}
}

// TestFallbackFontsLoadOnNeed: a borrowed font is read only when a
// character asks for it, and only the one that serves that character.
func TestFallbackFontsLoadOnNeed(t *testing.T) {
	if !hasFont(hangulFontPaths) || !hasFont(extraFontPaths) || !hasFallbackFont() {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI must have every borrowed font (.ci/install-deps installs them)")
		}
		t.Skip("a borrowed font is not installed")
	}
	loaded := func(fs *fontSet) (names []string) {
		for i, styles := range fs.fallbacks {
			for bold, b := range styles {
				if b.tried {
					names = append(names, fallbackFonts[i].family+[]string{"", " bold"}[bold])
				}
			}
		}
		return names
	}
	for _, c := range []struct {
		name, in string
		want     []string
		out      string // "" for in itself
		bold     bool
	}{
		{"latin, greek, cyrillic need none", "Zoë Ångström, Καλημέρα, Дмитрий", nil, "", false},
		{"korean", "우리는 함께 웃었다", []string{"kindred-hangul"}, "", false},
		{"vietnamese", "Nguyễn", []string{"kindred-extra"}, "", false},
		{"chinese", "你好", []string{"kindred-cjk"}, "", false},
		// Not drawn as DejaVu's plain-text cup: the emoji font's, when the
		// program has set one (this test has not), or the mark.
		{"an emoji of the BMP", "☕", []string{"kindred-cjk"}, "□", false},
		// Bold text is set in the bold faces where there are some.
		{"bold korean and vietnamese", "우리 Nguyễn", []string{"kindred-hangul bold", "kindred-extra bold"}, "", true},
		{"bold chinese, from the one face", "你好", []string{"kindred-cjk"}, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := newTestFonts(t)
			got := fs.shape(c.in, c.bold, false)
			if c.out == "" {
				c.out = norm.NFC.String(c.in)
			}
			if got.String() != c.out {
				t.Errorf("shape(%q) = %q", c.in, got.String())
			}
			checkDrawable(t, got)
			if l := loaded(fs); !slices.Equal(l, c.want) {
				t.Errorf("loaded %q, want %q", l, c.want)
			}
			// Embedded exactly when it draws something.
			var all []borrowed
			for _, styles := range fs.fallbacks {
				all = append(all, styles[:]...)
			}
			for _, b := range all {
				if b.face == nil {
					continue
				}
				draws := slices.ContainsFunc(got, func(g shapedGlyph) bool { return g.face == b.face })
				if b.face.registered != draws {
					t.Errorf("%s: embedded %v, draws %v", b.face.family, b.face.registered, draws)
				}
			}
		})
	}
}
