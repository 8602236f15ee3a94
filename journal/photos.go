package journal

import (
	"context"
	"time"
)

// Photo is a picture kept with an evening. Its bytes live apart from the
// rows (see docs/photos.md): the original byte-exact, and the display copy and
// thumbnail that journal/photo makes, upright and without metadata.
type Photo struct {
	ID           string
	ReflectionID string // "" while it is only in the composer
	Position     int    // order within the evening
	Caption      string
	Format       string // journal/photo's names: "jpeg", "png", "heic", ...
	Name         string // the file name it came from
	Width        int    // upright; 0 when no display copy could be made (HEIC)
	Height       int
	Size         int64  // bytes of the original
	SHA256       string // hex, of the original
	// KeepMetadata exports the original with its EXIF (place, camera); by
	// default exports strip it.
	KeepMetadata bool
	// Print puts the photo in the letter (on by default); the report prints
	// photos only when asked.
	Print   bool
	AddedAt time.Time
}

// Viewable reports whether a display copy and thumbnail exist.
func (p *Photo) Viewable() bool { return p.Width > 0 && p.Height > 0 }

// PhotoSize chooses which bytes PhotoData returns.
type PhotoSize int

const (
	PhotoThumb    PhotoSize = iota // JPEG, long side <= photo.ThumbSide
	PhotoDisplay                   // JPEG, long side <= photo.DisplaySide
	PhotoOriginal                  // byte-exact, as added
	PhotoExport                    // the original, stripped unless KeepMetadata
)

var errPhotosNotBuilt = Errorf(EINTERNAL, "Photos are not built yet.")

// AddPhoto keeps an image the user chose, not yet linked to an evening:
// SaveReflection links the photos its Reflection.Photos lists.
func (s *Store) AddPhoto(ctx context.Context, name string, data []byte) (*Photo, error) {
	return nil, errPhotosNotBuilt
}

// AddPhotoFile reads path and keeps it as AddPhoto does.
func (s *Store) AddPhotoFile(ctx context.Context, path string) (*Photo, error) {
	return nil, errPhotosNotBuilt
}

// Photo returns one photo's description.
func (s *Store) Photo(ctx context.Context, id string) (*Photo, error) {
	return nil, errPhotosNotBuilt
}

// PhotoData reads one photo's bytes at the size asked for.
func (s *Store) PhotoData(ctx context.Context, id string, size PhotoSize) ([]byte, error) {
	return nil, errPhotosNotBuilt
}

// ReflectionPhotos lists an evening's photos in order.
func (s *Store) ReflectionPhotos(ctx context.Context, reflectionID string) ([]Photo, error) {
	return nil, errPhotosNotBuilt
}

// PhotosOf lists the photos of many evenings at once (timeline and search
// rows), by reflection id; evenings without photos are absent.
func (s *Store) PhotosOf(ctx context.Context, reflectionIDs []string) (map[string][]Photo, error) {
	return nil, errPhotosNotBuilt
}

// AddPhoto keeps a photo inside a batch (imports), as Store.AddPhoto does.
func (b *Batch) AddPhoto(name string, data []byte) (*Photo, error) {
	return nil, errPhotosNotBuilt
}
