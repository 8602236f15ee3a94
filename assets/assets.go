// Package assets holds Kindred's embedded resources: the icon, fonts and the
// prompt texts the composer rotates through. It imports nothing of Fyne, so
// the journal's tests and the command line can use it without a GUI toolkit.
package assets

import _ "embed"

// IconPNG is Kindred's application icon: two overlapping circles, as on the
// closeness scale. The GUI wraps it as a Fyne resource (app.Icon).
//
//go:embed icon.png
var IconPNG []byte
