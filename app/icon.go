package app

import (
	"fyne.io/fyne/v2"

	"kindred/assets"
)

// Icon is Kindred's application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("kindred-icon.png", assets.IconPNG)
