package app

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/go-text/typesetting/fontscan"
)

// The shipped emoji font lands where Fyne's font lookup (go-text's
// fontscan, as Fyne calls it) finds it, and it draws 🥶, which EmojiOne
// lacks.
func TestTheShippedEmojiFontIsFound(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the font folder is added on Linux and the BSDs")
	}
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("XDG_DATA_DIRS", "")
	if err := shipEmojiFont(); err != nil {
		t.Fatal(err)
	}
	share := filepath.Join(cache, "kindred", "share")
	if _, err := os.Stat(filepath.Join(share, "fonts", "NotoColorEmoji.ttf")); err != nil {
		t.Fatalf("the font is not in place: %v", err)
	}
	if got := os.Getenv("XDG_DATA_DIRS"); !strings.HasSuffix(got, ":"+share) || !strings.HasPrefix(got, "/usr/local/share:/usr/share") {
		t.Errorf("XDG_DATA_DIRS = %q, want the defaults and %s", got, share)
	}
	fm := fontscan.NewFontMap(nil)
	if err := fm.UseSystemFonts(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	face := fm.ResolveFace('🥶')
	if face == nil {
		t.Fatal("no font found for 🥶")
	}
	if _, ok := face.NominalGlyph('🥶'); !ok {
		t.Errorf("the font found for 🥶 (%s) has no glyph for it", fm.FontLocation(face.Font).File)
	}
	// A second start leaves the font as it is.
	if err := shipEmojiFont(); err != nil {
		t.Fatal(err)
	}
}
