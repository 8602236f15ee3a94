package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"kindred/assets"
)

// Fyne draws a character its fonts lack (EmojiOne stops at Unicode 9) from
// the system's fonts, which it finds only in font folders, never in memory.
// So on Linux and the BSDs Kindred puts the emoji font it ships (Noto Color
// Emoji, Unicode 15) in a folder of its own in the user's cache and adds
// that folder to XDG_DATA_DIRS for its own process alone: nothing is
// installed for the rest of the desktop. Windows and macOS have colour
// emoji fonts of their own, which Fyne finds.

// shipEmojiFont makes the shipped emoji font findable; call it before the
// first window draws text. Without it (it failed, or another system) newer
// emoji draw as the system's fonts allow.
func shipEmojiFont() error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
	default:
		return nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return fmt.Errorf("find the cache folder for the emoji font: %w", err)
	}
	share := filepath.Join(cache, "kindred", "share")
	dir := filepath.Join(share, "fonts")
	path := filepath.Join(dir, "NotoColorEmoji.ttf")
	if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, assets.ColorEmoji) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("make the emoji font's folder: %w", err)
		}
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, assets.ColorEmoji, 0o644); err != nil {
			return fmt.Errorf("write the emoji font: %w", err)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("put the emoji font in place: %w", err)
		}
	}
	dirs := os.Getenv("XDG_DATA_DIRS")
	if dirs == "" {
		dirs = "/usr/local/share:/usr/share" // the default the XDG spec gives
	}
	return os.Setenv("XDG_DATA_DIRS", dirs+string(os.PathListSeparator)+share)
}
