package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// readingPhotoHeight is the height of the photo in the reading view: large,
// with the start of the text still in view below it at 1100x720.
const readingPhotoHeight float32 = 380

// readingPhotos shows an evening's photos one at a time in the reading
// view: the display copy as large as the column allows, its caption, where
// it is among them, and buttons (and Left/Right, [ and ]) to step through.
type readingPhotos struct {
	v *ReadingView

	Image    *canvas.Image
	Note     *widget.Label // a placeholder's words, or why a photo cannot show
	Caption  *widget.Label
	Place    *widget.Label // "2 of 5"
	Previous *escButton
	Next     *escButton

	box *fyne.Container

	photos []journal.Photo
	at     int
	gen    int
}

func newReadingPhotos(v *ReadingView) *readingPhotos {
	p := &readingPhotos{v: v}
	p.Image = canvas.NewImageFromImage(nil)
	p.Image.FillMode = canvas.ImageFillContain
	p.Image.ScaleMode = canvas.ImageScaleSmooth
	p.Image.SetMinSize(fyne.NewSize(1, readingPhotoHeight))
	p.Note = widget.NewLabel("")
	p.Note.Wrapping = fyne.TextWrapWord
	p.Note.Alignment = fyne.TextAlignCenter
	p.Caption = widget.NewLabel("")
	p.Caption.Wrapping = fyne.TextWrapWord
	p.Caption.Alignment = fyne.TextAlignCenter
	p.Caption.TextStyle = fyne.TextStyle{Italic: true}
	p.Place = widget.NewLabel("")
	p.Place.Importance = widget.LowImportance
	p.Place.SizeName = theme.SizeNameCaptionText
	p.Previous = newKeyButton("Previous photo", theme.NavigateBackIcon(), func() { p.step(-1) })
	p.Previous.Importance = widget.LowImportance
	p.Next = newKeyButton("Next photo", theme.NavigateNextIcon(), func() { p.step(1) })
	p.Next.Importance = widget.LowImportance
	p.Next.IconPlacement = widget.ButtonIconTrailingText
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 4
	picture := container.NewStack(bg, p.Image, container.NewCenter(p.Note))
	bar := container.NewHBox(p.Previous, layout.NewSpacer(), p.Place, layout.NewSpacer(), p.Next)
	p.box = container.NewVBox(picture, p.Caption, bar)
	p.box.Hide()
	return p
}

// set shows a new evening's photos from the first; problem, if not nil,
// says why they could not be read.
func (p *readingPhotos) set(photos []journal.Photo, problem error) {
	p.photos, p.at = photos, 0
	switch {
	case problem != nil:
		p.box.Show()
		p.Image.Image = nil
		p.Image.Refresh()
		p.Note.SetText("The photos of this evening could not be read: " + problem.Error())
		p.Note.Show()
		p.Caption.Hide()
		p.Place.SetText("")
		p.Previous.Hide()
		p.Next.Hide()
	case len(photos) == 0:
		p.box.Hide()
	default:
		p.box.Show()
		p.show()
	}
}

// step shows the photo by (-1: previous, 1: next), if there is one; it
// reports whether it moved.
func (p *readingPhotos) step(by int) bool {
	i := p.at + by
	if i < 0 || i >= len(p.photos) {
		return false
	}
	p.at = i
	p.show()
	return true
}

// show draws photo p.at: its thumbnail at once when in memory, the display
// copy when read.
func (p *readingPhotos) show() {
	p.gen++
	ph := p.photos[p.at]
	p.Caption.SetText(strings.TrimSpace(ph.Caption))
	p.Caption.Hidden = p.Caption.Text == ""
	place := fmt.Sprintf("Photo %d of %d", p.at+1, len(p.photos))
	if ph.KeepMetadata {
		// Exports carry this one's place and camera: worth a word before sharing.
		place += " · place and camera kept"
	}
	p.Place.SetText(place)
	many := len(p.photos) > 1
	p.Previous.Hidden, p.Next.Hidden = !many, !many
	setEnabled(p.Previous, p.at > 0)
	setEnabled(p.Next, p.at < len(p.photos)-1)
	if !ph.Viewable() {
		p.Image.Image = nil
		p.Note.SetText(photoPlaceholderText(ph) + "\n" + ph.Name)
		p.Note.Show()
		p.Image.Refresh()
		p.box.Refresh()
		return
	}
	m := p.v.m
	img := m.displays.get(ph.ID)
	if img == nil {
		img = m.thumbs.get(ph.ID)
	}
	p.Image.Image = img
	p.Note.SetText("")
	p.Note.Hide()
	p.Image.Refresh()
	p.box.Refresh()
	if m.displays.get(ph.ID) != nil {
		return
	}
	gen, st, ctx, displays, id := p.gen, p.v.store, m.ctx, m.displays, ph.ID
	m.run(func() {
		img, err := displays.load(ctx, st, id, journal.PhotoDisplay)
		fyne.Do(func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.Note.SetText("This photo could not be read: " + err.Error())
				p.Note.Show()
				return
			}
			p.Image.Image = img
			p.Image.Refresh()
		})
	})
}

// typedKey takes Left and Right while the evening has photos to step
// through.
func (p *readingPhotos) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyLeft:
		return p.step(-1)
	case fyne.KeyRight:
		return p.step(1)
	}
	return false
}

// typedRune takes [ and ].
func (p *readingPhotos) typedRune(r rune) bool {
	switch r {
	case '[':
		return p.step(-1)
	case ']':
		return p.step(1)
	}
	return false
}
