package app

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"

	"kindred/journal"
)

// photoStore is what the composer needs from the journal for photos.
type photoStore interface {
	photoReader
	AddPhotoFile(ctx context.Context, path string) (*journal.Photo, error)
	Photo(ctx context.Context, id string) (*journal.Photo, error)
	ReflectionPhotos(ctx context.Context, reflectionID string) ([]journal.Photo, error)
}

var _ photoStore = (*journal.Store)(nil)

// addPhotosKey opens the photo picker (Ctrl+Shift+P): P for photos, with
// Shift so that Ctrl+P stays free for printing.
var addPhotosKey = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// AddPhotos shows the composer and opens the photo picker (Ctrl+Shift+P).
func (m *MainWindow) AddPhotos() {
	if len(m.dialogs) > 0 || m.showing != m.main {
		return
	}
	m.showTab(0)
	m.Reflect.pickPhotos()
}

// dropped takes files dropped on the window: photos join the evening being
// written; anywhere else the window says where they can go.
func (m *MainWindow) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	if m.showing != m.main || m.ReadingShown() || m.Tabs.SelectedIndex() != 0 || len(m.dialogs) > 0 {
		m.inform("Photos go with an evening",
			"To add photos, open Reflect (Ctrl+1) and drop them on the evening you are writing, or use its Add photos… button (Ctrl+Shift+P).")
		return
	}
	m.Reflect.AddPhotoURIs(uris)
}

// pickPhotos opens a file picker for one photo; Fyne's picker takes one
// file at a time, and dropping takes many.
func (s *ReflectScreen) pickPhotos() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.m.ShowError("Could not open the photo", err)
			return
		}
		if r == nil {
			return
		}
		u := r.URI()
		r.Close()
		s.AddPhotoURIs([]fyne.URI{u})
	}, s.m.Window)
	d.SetTitleText("Add a photo to the evening")
	d.SetConfirmText("Add")
	d.SetFilter(storage.NewExtensionFileFilter(photoExtensions))
	d.Show()
}

// AddPhotoURIs adds the photos among uris to the evening being written, as
// a drop or the picker gives them; other files are named and left alone.
func (s *ReflectScreen) AddPhotoURIs(uris []fyne.URI) {
	var paths, skipped []string
	for _, u := range uris {
		switch {
		case u == nil:
		case u.Scheme() != "file":
			skipped = append(skipped, u.String())
		case !isPhotoName(u.Path()):
			skipped = append(skipped, filepath.Base(u.Path()))
		default:
			paths = append(paths, u.Path())
		}
	}
	var problem string
	if len(skipped) > 0 {
		problem = fmt.Sprintf("Not added: %s. Kindred keeps photos: JPEG, PNG, HEIC, GIF or WebP.", strings.Join(skipped, ", "))
	}
	s.addPhotoFiles(paths, problem)
}

// AddPhotoFiles adds photo files to the evening being written. The journal
// keeps each one (making its thumbnail and display copy, a fraction of a
// second for a large photo) off the UI goroutine while the composer shows
// how far it got; the tiles appear when all are in.
func (s *ReflectScreen) AddPhotoFiles(paths []string) { s.addPhotoFiles(paths, "") }

func (s *ReflectScreen) addPhotoFiles(paths []string, problem string) {
	c := s.Composer
	if len(paths) == 0 {
		if problem != "" {
			c.setPhotoStatus(problem, -1)
		}
		return
	}
	s.addingPhotos++
	c.setPhotoStatus(addingText(0, len(paths)), 0)
	st, ctx, thumbs := s.store, s.m.ctx, s.m.thumbs
	s.m.run(func() {
		var added []journal.Photo
		var imgs []image.Image
		problems := []string{}
		if problem != "" {
			problems = append(problems, problem)
		}
		for i, path := range paths {
			if i > 0 {
				fyne.Do(func() { c.setPhotoStatus(addingText(i, len(paths)), float64(i)/float64(len(paths))) })
			}
			p, err := st.AddPhotoFile(ctx, path)
			if err != nil {
				problems = append(problems, filepath.Base(path)+": "+err.Error())
				continue
			}
			var img image.Image
			if p.Viewable() {
				// A thumbnail that cannot be read leaves an empty tile:
				// the photo itself is kept.
				img, _ = thumbs.load(ctx, st, p.ID, journal.PhotoThumb)
			}
			p.Print = true
			added = append(added, *p)
			imgs = append(imgs, img)
		}
		fyne.Do(func() {
			s.addingPhotos--
			c.addPhotos(added, imgs)
			c.setPhotoStatus(strings.Join(problems, "\n"), -1)
		})
	})
}

func addingText(done, of int) string {
	if of == 1 {
		return "Adding the photo…"
	}
	return fmt.Sprintf("Adding photo %d of %d…", done+1, of)
}

// loadTileThumb shows a tile's thumbnail, from memory or the journal.
func (s *ReflectScreen) loadTileThumb(t *photoTile) {
	if img := s.m.thumbs.get(t.Photo.ID); img != nil {
		t.setImage(img)
		return
	}
	st, ctx, thumbs, id := s.store, s.m.ctx, s.m.thumbs, t.Photo.ID
	s.m.run(func() {
		img, err := thumbs.load(ctx, st, id, journal.PhotoThumb)
		fyne.Do(func() {
			if err != nil {
				t.Note.SetText("This photo could not be read: " + err.Error())
				t.Note.Show()
				return
			}
			t.setImage(img)
		})
	})
}

// photoRemoved offers to put back a photo just taken out of the evening.
func (s *ReflectScreen) photoRemoved(t *photoTile, at int) {
	name := t.Photo.Name
	if name == "" {
		name = "the photo"
	}
	s.showNotice("Removed "+name+" from this evening.", "Undo", func() {
		s.Composer.insertPhoto(t, at)
		s.hideNotice()
	})
}

// dropMissingPhotos takes out of the composer the photos the journal no
// longer holds (a draft restored after they were let go) and returns a
// sentence naming them, "" when all are there. Saving would otherwise be
// refused for a photo the user cannot get back from here; the words and
// the other photos are kept.
func (s *ReflectScreen) dropMissingPhotos() string {
	c := s.Composer
	var names []string
	kept := c.Photos[:0:0]
	for _, t := range c.Photos {
		if _, err := s.store.Photo(s.m.ctx, t.Photo.ID); journal.ErrorCode(err) == journal.ENOTFOUND {
			names = append(names, photoName(t.Photo))
			continue
		}
		kept = append(kept, t)
	}
	if len(names) == 0 {
		return ""
	}
	c.Photos = kept
	c.layoutPhotos()
	c.changed()
	if len(names) == 1 {
		return fmt.Sprintf("The photo %s is no longer in the journal and was left out of this evening; add it again if you still have it.", names[0])
	}
	return fmt.Sprintf("The photos %s are no longer in the journal and were left out of this evening; add them again if you still have them.", joinNames(names))
}

// photoName is a photo's file name for a message, quoted.
func photoName(p journal.Photo) string {
	if p.Name == "" {
		return "without a name"
	}
	return fmt.Sprintf("%q", p.Name)
}

// joinNames lists names as a sentence does: "a, b and c".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
