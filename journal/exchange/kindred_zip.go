package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"kindred/journal"
	"kindred/journal/photo"
)

// A journal with photos is exported as a zip (docs/json-format.md):
// journal.json, the document, and photos/<id>.<ext>, one file a photo,
// named in its evening's "photos" with the file's SHA-256.
const (
	zipDocument  = "journal.json"
	zipPhotosDir = "photos/"
)

// jsonPhoto is a photo as the document lists it under its evening.
type jsonPhoto struct {
	ID           string `json:"id"`
	Caption      string `json:"caption,omitempty"`
	Position     int    `json:"position"`
	Format       string `json:"format"`
	Name         string `json:"name,omitempty"`
	File         string `json:"file"`
	SHA256       string `json:"sha256"`
	KeepMetadata bool   `json:"keep_metadata"`
	Print        bool   `json:"print"`
}

// zipPhoto is a photo written into the zip.
type zipPhoto struct{ file, sha256 string }

// errPhotosChanged: the journal's photos changed while it was exported
// (the window saved an evening); the export starts again.
var errPhotosChanged = errors.New("the journal's photos changed during the export")

// JSONExport chooses how ExportJSON writes.
type JSONExport struct {
	// KeepMetadata writes every photo as added, with its metadata (place,
	// camera). Without it each photo is written as its export copy:
	// stripped, unless the photo itself is marked to keep it.
	KeepMetadata bool
	// Progress, if set, gets the share done (0-1).
	Progress func(float64)
}

// Exported says what ExportJSON wrote.
type Exported struct {
	Path   string // the file written: a .json path of a journal with photos becomes .zip
	Zip    bool
	Photos int
}

// ExportJSON writes the journal to path, atomically and mode 0600: plain
// JSON, as always, for a journal without photos; a zip holding the
// document and the photos when the journal has photos or path ends in .zip.
func ExportJSON(ctx context.Context, s *journal.Store, path string, o JSONExport) (Exported, error) {
	return exportJSON(ctx, s, path, o, true)
}

func exportJSON(ctx context.Context, s *journal.Store, path string, o JSONExport, rename bool) (Exported, error) {
	for attempt := 0; ; attempt++ {
		photos, err := journalPhotos(ctx, s)
		if err != nil {
			return Exported{}, err
		}
		out := Exported{Path: path, Zip: len(photos) > 0 || strings.EqualFold(filepath.Ext(path), ".zip"), Photos: len(photos)}
		if out.Zip && rename {
			out.Path = zipPath(path)
		}
		err = journal.WriteFileAtomic(out.Path, func(w io.Writer) error {
			if !out.Zip {
				return writeDoc(ctx, s, w, o.Progress, nil)
			}
			return writeZip(ctx, s, w, photos, o)
		})
		if errors.Is(err, errPhotosChanged) && attempt < 3 {
			continue
		}
		if errors.Is(err, errPhotosChanged) {
			return Exported{}, journal.Errorf(journal.EBUSY, "The journal's photos kept changing during the export; nothing was written. Try again.")
		}
		return out, err
	}
}

// JSONExportPath is the file ExportJSON will write for path: a .json name
// becomes .zip when the journal has photos. A caller that asks before
// replacing a file asks about this one.
func JSONExportPath(ctx context.Context, s *journal.Store, path string) (string, error) {
	has, err := s.HasPhotos(ctx)
	if err != nil || !has {
		return path, err
	}
	return zipPath(path), nil
}

// zipPath is the name a zip export takes for path: FILE.json becomes
// FILE.zip, any other name stays.
func zipPath(path string) string {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return path
	}
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".zip"
}

// journalPhotos lists the photos of every evening, by one walk.
func journalPhotos(ctx context.Context, s *journal.Store) ([]journal.Photo, error) {
	var out []journal.Photo
	err := s.Walk(ctx, journal.Walk{Reflection: func(r *journal.Reflection) error {
		out = append(out, r.Photos...)
		return nil
	}})
	if err != nil {
		return nil, fmt.Errorf("export journal: %w", err)
	}
	return out, nil
}

// writeZip writes the photos, then the document naming them.
func writeZip(ctx context.Context, s *journal.Store, w io.Writer, photos []journal.Photo, o JSONExport) error {
	zw := zip.NewWriter(w)
	files := make(map[string]zipPhoto, len(photos))
	size := journal.PhotoExport
	if o.KeepMetadata {
		size = journal.PhotoOriginal
	}
	for i := range photos {
		p := &photos[i]
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := s.PhotoData(ctx, p.ID, size)
		if err != nil {
			return fmt.Errorf("export photo %s: %w", photoWords(p), err)
		}
		name := zipPhotosDir + p.ID + "." + photoExt(p.Format)
		// Photos are compressed already: stored as they are.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: p.AddedAt})
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[p.ID] = zipPhoto{file: name, sha256: hex.EncodeToString(sum[:])}
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: zipDocument, Method: zip.Deflate, Modified: s.Now()})
	if err != nil {
		return err
	}
	if err := writeDoc(ctx, s, fw, o.Progress, files); err != nil {
		return err
	}
	return zw.Close()
}

// photoExt is the file extension of a photo format.
func photoExt(format string) string {
	switch format {
	case photo.JPEG:
		return "jpg"
	case photo.PNG, photo.HEIC, photo.GIF, photo.WEBP:
		return format
	}
	return "bin"
}

func photoWords(p *journal.Photo) string {
	if p.Name != "" {
		return fmt.Sprintf("%q", p.Name)
	}
	return p.ID
}

// zipArchive opens an import zip again when the import reads its photos:
// a zip of photos is read in place, never whole into memory.
type zipArchive struct {
	open func() (*zip.Reader, io.Closer, error)
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// readKindredZip reads a Kindred zip export: its journal.json, and a check
// that every photo it names is in the zip. ok is false for a zip that has
// no journal.json at its root (Day One's, say).
func readKindredZip(zr *zip.Reader, now time.Time) (doc *Document, problems []Problem, ok bool, err error) {
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	f := files[zipDocument]
	if f == nil {
		return nil, nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, true, fmt.Errorf("%s in the zip cannot be read: %w", zipDocument, err)
	}
	data, err := io.ReadAll(io.LimitReader(rc, maxZipJSON+1))
	rc.Close()
	if err != nil {
		return nil, nil, true, fmt.Errorf("%s in the zip cannot be read: %w", zipDocument, err)
	}
	if len(data) > maxZipJSON {
		return nil, nil, true, fmt.Errorf("%s in the zip is larger than %d MB", zipDocument, maxZipJSON>>20)
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if d, _ := Detect(data); d != FormatKindred {
		return nil, nil, false, nil
	}
	doc, problems, err = readKindred(data, now)
	if err != nil {
		return nil, nil, true, err
	}
	for id, zp := range doc.PhotoFiles {
		if files[zp.file] == nil {
			return nil, nil, true, fmt.Errorf("the zip's %s names %s for photo %s, but the zip holds no such file: nothing was imported", zipDocument, zp.file, id)
		}
	}
	return doc, problems, true, nil
}

// readZipPhoto reads one photo of the zip and checks it is the file the
// document describes.
func readZipPhoto(zr *zip.Reader, zp zipPhoto, maxSize int64) ([]byte, error) {
	f, err := zr.Open(zp.file)
	if err != nil {
		return nil, fmt.Errorf("%s is not in the zip", zp.file)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s in the zip cannot be read: %w", zp.file, err)
	}
	if int64(len(data)) > maxSize {
		return nil, fmt.Errorf("%s in the zip is larger than %d MB", zp.file, maxSize>>20)
	}
	if zp.sha256 != "" {
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != zp.sha256 {
			return nil, fmt.Errorf("%s in the zip is not the photo the export describes (its SHA-256 differs)", zp.file)
		}
	}
	return data, nil
}
