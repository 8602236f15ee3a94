package app

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

type quietLog struct{}

func (quietLog) Printf(string, ...any) {}

// The shipped emoji font lands in a folder Fyne's font lookup (go-text's
// fontscan) searches, and it draws 🥶, which EmojiOne lacks.
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
	// Fyne looks in the folders fontscan lists (its font index is made
	// once a process, so this test reads the folders and the font itself).
	dirs, err := fontscan.DefaultFontDirectories(quietLog{})
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(share, "fonts")
	if !slices.Contains(dirs, want) {
		t.Errorf("Fyne's font folders %v lack %s", dirs, want)
	}
	f, err := os.Open(filepath.Join(want, "NotoColorEmoji.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	face, err := font.ParseTTF(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := face.NominalGlyph('🥶'); !ok {
		t.Error("the shipped emoji font has no glyph for 🥶")
	}
	// A second start leaves the font as it is.
	if err := shipEmojiFont(); err != nil {
		t.Fatal(err)
	}
}
