package exchange

import (
	"archive/zip"
	"fmt"

	"kindred/journal"
)

// maxImportPhoto bounds one photo read from an import zip.
const maxImportPhoto = 256 << 20

// importPhoto keeps a photo of a Kindred export with what the document says
// of it: caption, print and metadata choices; its place in the evening is
// its place in Reflection.Photos.
func importPhoto(b *journal.Batch, p *journal.Photo, data []byte) (*journal.Photo, error) {
	kept, err := b.ImportPhoto(p.ID, p.Name, data)
	if err != nil {
		return nil, err
	}
	kept.Caption, kept.Print, kept.KeepMetadata = p.Caption, p.Print, p.KeepMetadata
	return kept, nil
}

// entryPhotos keeps the photos of another app's entry that its zip holds,
// in order, as the reflection's photos. A file that is no image Kindred can
// read is left out and counted, as Day One's videos are: the entry's words
// matter more than one broken file.
func entryPhotos(b *journal.Batch, zr *zip.Reader, r *journal.Reflection, photos []EntryPhoto, sum *Summary) error {
	for _, ep := range photos {
		if ep.File == "" {
			continue // counted as left out
		}
		if zr == nil {
			return fmt.Errorf("its photos are in the export's zip, which is not open")
		}
		data, err := readZipPhoto(zr, zipPhoto{file: ep.File}, maxImportPhoto)
		if err != nil {
			return err
		}
		p, err := b.AddPhoto(ep.MD5+"."+ep.Type, data)
		switch journal.ErrorCode(err) {
		case "":
		case journal.EINVALID:
			sum.Media.Photos++
			continue
		default:
			return fmt.Errorf("photo %s: %w", ep.File, err)
		}
		r.Photos = append(r.Photos, *p)
	}
	return nil
}
