package app

import (
	"image"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// photoExtensions are the file names the picker offers and a drop accepts;
// the store then checks the bytes themselves.
var photoExtensions = []string{".jpg", ".jpeg", ".png", ".heic", ".heif", ".gif", ".webp"}

// isPhotoName reports whether a file name ends as a photo's does.
func isPhotoName(name string) bool {
	return slices.Contains(photoExtensions, strings.ToLower(filepath.Ext(name)))
}

// photoTileWidth is the width of a photo in the composer's strip.
const photoTileWidth float32 = 190

// photoTile is one photo of the evening in the composer: its thumbnail (or
// a placeholder for a photo that cannot be shown here), its name, a
// caption, whether the letter prints it, whether exports keep its place and
// camera, and a button that takes it out.
type photoTile struct {
	Photo   journal.Photo
	Image   *canvas.Image
	Note    *widget.Label // the placeholder's words, over the image's place
	Name    *widget.Label
	Caption *textEntry
	Print   *widget.Check
	// Keep exports the photo as added, with its EXIF (place, camera): off
	// unless the user asks, since a photo's place is often a home.
	Keep   *widget.Check
	Remove *escButton

	box fyne.CanvasObject
}

func (c *Composer) newPhotoTile(p journal.Photo) *photoTile {
	t := &photoTile{Photo: p}
	t.Image = canvas.NewImageFromImage(nil)
	t.Image.FillMode = canvas.ImageFillContain
	t.Image.ScaleMode = canvas.ImageScaleFastest
	t.Note = widget.NewLabel("")
	t.Note.Wrapping = fyne.TextWrapWord
	t.Note.Alignment = fyne.TextAlignCenter
	t.Note.SizeName = theme.SizeNameCaptionText
	if !p.Viewable() {
		t.Note.SetText(photoPlaceholderText(p))
	}
	t.Name = widget.NewLabel(p.Name)
	t.Name.Truncation = fyne.TextTruncateEllipsis
	t.Name.SizeName = theme.SizeNameCaptionText
	t.Name.Importance = widget.LowImportance
	t.Caption = newTextEntry("A caption")
	t.Caption.SetText(p.Caption)
	t.Caption.onShortcut = c.shortcut
	t.Caption.OnChanged = func(string) { c.changed() }
	t.Print = widget.NewCheck("Print in letter", func(bool) { c.changed() })
	t.Print.SetChecked(p.Print)
	t.Keep = widget.NewCheck("Keep place and camera", func(bool) { c.changed() })
	t.Keep.SetChecked(p.KeepMetadata)
	t.Remove = newKeyButton("Remove", theme.DeleteIcon(), func() { c.removePhoto(t) })
	t.Remove.Importance = widget.LowImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 4
	picture := container.NewStack(bg, t.Image, container.NewCenter(t.Note))
	t.box = container.New(fixedWidth(photoTileWidth),
		container.NewVBox(
			container.New(&fixedSizeLayout{size: fyne.NewSize(photoTileWidth, photoTileWidth*3/4)}, picture),
			t.Name, t.Caption, t.Print, t.Keep, t.Remove))
	return t
}

// photoPlaceholderText is what stands in for a photo Kindred keeps but
// cannot draw (HEIC without a decoder).
func photoPlaceholderText(p journal.Photo) string {
	kind := strings.ToUpper(p.Format)
	if kind == "" {
		kind = "This"
	}
	return kind + " photo — kept, can't be shown here"
}

// setImage shows the decoded thumbnail.
func (t *photoTile) setImage(img image.Image) {
	t.Image.Image = img
	t.Note.Hidden = img != nil
	t.Image.Refresh()
}

// photo is the tile's photo as the evening keeps it.
func (t *photoTile) photo(position int) journal.Photo {
	p := t.Photo
	p.Caption = strings.TrimSpace(t.Caption.Text)
	p.Print = t.Print.Checked
	p.KeepMetadata = t.Keep.Checked
	p.Position = position
	return p
}

// setPhotos shows a list of photos, replacing the strip.
func (c *Composer) setPhotos(ps []journal.Photo) {
	c.Photos = nil
	for _, p := range ps {
		c.Photos = append(c.Photos, c.newPhotoTile(p))
	}
	c.layoutPhotos()
	for _, t := range c.Photos {
		c.photoShown(t)
	}
}

// addPhotos puts newly added photos at the end of the strip.
func (c *Composer) addPhotos(ps []journal.Photo, imgs []image.Image) {
	for i, p := range ps {
		t := c.newPhotoTile(p)
		if i < len(imgs) && imgs[i] != nil {
			t.setImage(imgs[i])
		}
		c.Photos = append(c.Photos, t)
	}
	c.layoutPhotos()
	c.changed()
}

// insertPhoto puts a tile back at index i (undo of a removal).
func (c *Composer) insertPhoto(t *photoTile, i int) {
	i = max(0, min(i, len(c.Photos)))
	c.Photos = slices.Insert(c.Photos, i, t)
	c.layoutPhotos()
	c.changed()
}

func (c *Composer) removePhoto(t *photoTile) {
	i := slices.Index(c.Photos, t)
	if i < 0 {
		return
	}
	c.Photos = slices.Delete(c.Photos, i, i+1)
	c.layoutPhotos()
	c.changed()
	c.focus(c.AddPhotos)
	if c.onPhotoRemoved != nil {
		c.onPhotoRemoved(t, i)
	}
}

func (c *Composer) photoShown(t *photoTile) {
	if c.onPhotoShown != nil && t.Photo.Viewable() {
		c.onPhotoShown(t)
	}
}

func (c *Composer) layoutPhotos() {
	objs := make([]fyne.CanvasObject, len(c.Photos))
	for i, t := range c.Photos {
		objs[i] = t.box
	}
	c.photosBox.Objects = objs
	c.photosBox.Hidden = len(objs) == 0
	c.photosBox.Refresh()
	c.Refresh()
}

// setPhotoStatus says what adding photos is doing or what went wrong; ""
// hides it. progress, from 0 to 1, shows a bar; below 0 hides it.
func (c *Composer) setPhotoStatus(text string, progress float64) {
	c.PhotoStatus.SetText(text)
	c.PhotoStatus.Hidden = text == ""
	c.PhotoStatus.Refresh()
	c.PhotoProgress.Hidden = progress < 0
	if progress >= 0 {
		c.PhotoProgress.SetValue(progress)
	}
	c.PhotoProgress.Refresh()
	c.Refresh()
}

// fixedSizeLayout asks for one size and fills it.
type fixedSizeLayout struct{ size fyne.Size }

func (l *fixedSizeLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }

func (l *fixedSizeLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
