// Package assets holds Kindred's embedded resources: the icon, fonts and the
// prompt texts the composer rotates through.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is Kindred's application icon: two overlapping circles, as on the
// closeness scale.
var Icon = fyne.NewStaticResource("kindred-icon.png", iconPNG)
