package assets

import _ "embed"

// ColorEmoji is Noto Color Emoji 2.042 (Unicode 15.0), copyright 2013-2017
// Google Inc., under the SIL Open Font License 1.1 (the README credits it).
// Its glyphs are PNG pictures; PDFs draw from it the emoji that Fyne's
// EmojiOne (Unicode 9) lacks.
//
//go:embed fonts/NotoColorEmoji.ttf
var ColorEmoji []byte
