package journal

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/google/uuid"

	"kindred/journal/photo"
	"kindred/journal/photostore"
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

// MaxPhotoBytes is the largest original Kindred keeps.
const MaxPhotoBytes = 64 << 20

// pendingPhotoDays is how long a photo added in the composer but never
// saved with an evening is kept.
const pendingPhotoDays = 30

// AddPhoto keeps an image the user chose, not yet linked to an evening:
// SaveReflection links the photos its Reflection.Photos lists. The bytes are
// written and synced before the rows that reference them commit, so a crash
// leaves at worst bytes nothing references.
func (s *Store) AddPhoto(ctx context.Context, name string, data []byte) (*Photo, error) {
	prep, err := preparePhoto(name, data)
	if err != nil {
		return nil, err
	}
	// The key, if the journal seals, must exist before bytes are sealed
	// under it: made in its own write the first time.
	if s.sealed != nil {
		if err := s.write(ctx, func(tx *sql.Tx) error {
			_, err := s.photoFilesIn(ctx, tx, true)
			return err
		}); err != nil {
			return nil, err
		}
	}
	var p *Photo
	err = s.write(ctx, func(tx *sql.Tx) error {
		p, err = s.addPhoto(ctx, tx, name, data, prep)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// AddPhotoFile reads path and keeps it as AddPhoto does.
func (s *Store) AddPhotoFile(ctx context.Context, path string) (*Photo, error) {
	data, err := readPhotoFile(path)
	if err != nil {
		return nil, err
	}
	return s.AddPhoto(ctx, filepath.Base(path), data)
}

// ReadPhotoFile reads a photo's file, refusing clearly one that is missing,
// unreadable, a folder or larger than MaxPhotoBytes.
func ReadPhotoFile(path string) ([]byte, error) { return readPhotoFile(path) }

func readPhotoFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("There is no file %s.", path)}
		}
		return nil, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("Kindred cannot read %s: %v.", path, errors.Unwrap(err))}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("Kindred cannot read %s: %v.", path, err)}
	}
	if info.IsDir() {
		return nil, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("%s is a folder, not a photo.", path)}
	}
	if info.Size() > MaxPhotoBytes {
		return nil, tooLarge(filepath.Base(path), info.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxPhotoBytes+1))
	if err != nil {
		return nil, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("Kindred cannot read %s: %v.", path, err)}
	}
	return data, nil
}

func tooLarge(name string, size int64) error {
	return &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf(
		"%s is %d MB: Kindred keeps photos up to %d MB. Nothing was added.", name, (size+(1<<20)-1)>>20, MaxPhotoBytes>>20)}
}

// preparePhoto refuses what Kindred cannot keep and makes the copies.
func preparePhoto(name string, data []byte) (photo.Prepared, error) {
	if len(data) > MaxPhotoBytes {
		return photo.Prepared{}, tooLarge(name, int64(len(data)))
	}
	prep, err := photo.Prepare(data)
	if errors.Is(err, photo.ErrNotImage) || len(data) == 0 {
		return prep, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf(
			"%s is not a photo Kindred can keep (JPEG, PNG, HEIC, GIF or WebP). Nothing was added.", displayName(name))}
	}
	if err != nil {
		return prep, &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf(
			"%s looks like a %s image but cannot be read (%v). Nothing was added.", displayName(name), prep.Format, err)}
	}
	return prep, nil
}

func displayName(name string) string {
	if name == "" {
		return "That file"
	}
	return name
}

// addPhoto writes the bytes (one sync) and then the rows, in tx.
func (s *Store) addPhoto(ctx context.Context, tx *sql.Tx, name string, data []byte, prep photo.Prepared) (*Photo, error) {
	return s.addPhotoAs(ctx, tx, uuid.NewString(), s.Now().UTC(), name, data, prep)
}

// addPhotoAs is addPhoto with the id and date given (sync keeps another
// computer's).
func (s *Store) addPhotoAs(ctx context.Context, tx *sql.Tx, id string, added time.Time, name string, data []byte, prep photo.Prepared) (*Photo, error) {
	files, err := s.photoFilesIn(ctx, tx, true)
	if err != nil {
		return nil, err
	}
	blobs := [][]byte{data}
	kinds := []string{"original"}
	if prep.Display != nil && prep.Thumb != nil {
		blobs = append(blobs, prep.Display, prep.Thumb)
		kinds = append(kinds, "display", "thumb")
	}
	locs, err := files.Put(blobs...)
	if err != nil {
		return nil, s.photoWriteError(err)
	}
	sum := sha256.Sum256(data)
	p := &Photo{
		ID:      id,
		Format:  prep.Format,
		Name:    filepath.Base(name),
		Width:   prep.Width,
		Height:  prep.Height,
		Size:    int64(len(data)),
		SHA256:  hex.EncodeToString(sum[:]),
		Print:   true,
		AddedAt: added.UTC(),
	}
	if p.Name == "." || p.Name == string(filepath.Separator) {
		p.Name = ""
	}
	if !p.Viewable() {
		p.Width, p.Height = 0, 0
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO photos (id, reflection_id, position, caption, format, name, width, height, size, sha256, keep_metadata, print, added_utc)
		 VALUES (?, '', 0, '', ?, ?, ?, ?, ?, ?, 0, 1, ?)`,
		p.ID, p.Format, p.Name, p.Width, p.Height, p.Size, p.SHA256, FormatUTC(p.AddedAt)); err != nil {
		return nil, fmt.Errorf("save photo: %w", err)
	}
	for i, l := range locs {
		bs := sha256.Sum256(blobs[i])
		if _, err := tx.ExecContext(ctx,
			"INSERT INTO photo_blobs (photo_id, kind, pack, offset, length, sha256) VALUES (?, ?, ?, ?, ?, ?)",
			p.ID, kinds[i], l.Pack, l.Offset, l.Length, hex.EncodeToString(bs[:])); err != nil {
			return nil, fmt.Errorf("save photo: %w", err)
		}
	}
	return p, nil
}

func (s *Store) photoWriteError(err error) error {
	if isDiskFull(err) {
		return Errorf(EDISKFULL, "The disk is full: the photo was not added. Free some space and try again.")
	}
	return &Error{Code: EIO, Field: "photos", Message: fmt.Sprintf("The photo could not be written: %v. Nothing was added.", err)}
}

// Photo returns one photo's description.
func (s *Store) Photo(ctx context.Context, id string) (*Photo, error) {
	var p *Photo
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+photoColumns+" FROM photos WHERE id = ?", id)
		if err != nil {
			return err
		}
		list, err := scanPhotos(rows)
		if err != nil {
			return err
		}
		if len(list) == 1 {
			p = &list[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, Errorf(ENOTFOUND, "No such photo in the journal.")
	}
	return p, nil
}

// PhotoData reads one photo's bytes at the size asked for.
func (s *Store) PhotoData(ctx context.Context, id string, size PhotoSize) ([]byte, error) {
	kind := "original"
	switch size {
	case PhotoThumb:
		kind = "thumb"
	case PhotoDisplay:
		kind = "display"
	case PhotoOriginal, PhotoExport:
	default:
		return nil, Errorf(EINVALID, "Unknown photo size %d.", size)
	}
	var loc photostore.Loc
	var sum string
	var keep bool
	var files *photostore.Store
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT keep_metadata FROM photos WHERE id = ?", id).Scan(&keep)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "No such photo in the journal.")
		}
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, "SELECT pack, offset, length, sha256 FROM photo_blobs WHERE photo_id = ? AND kind = ?", id, kind).
			Scan(&loc.Pack, &loc.Offset, &loc.Length, &sum)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "This photo has no %s copy: Kindred cannot show its format here.", kind)
		}
		if err != nil {
			return err
		}
		files, err = s.photoFilesIn(ctx, tx, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	data, err := files.Get(loc)
	if err != nil {
		if errors.Is(err, photostore.ErrDamaged) {
			return nil, &Error{Code: EDAMAGED, Field: "photos", Message: fmt.Sprintf("This photo's bytes are damaged or missing (%v). A backup may still hold them.", err)}
		}
		return nil, fmt.Errorf("read photo: %w", err)
	}
	if size == PhotoExport && !keep {
		data = photo.Strip(data)
	}
	return data, nil
}

// ReflectionPhotos lists an evening's photos in order.
func (s *Store) ReflectionPhotos(ctx context.Context, reflectionID string) ([]Photo, error) {
	m, err := s.PhotosOf(ctx, []string{reflectionID})
	if err != nil {
		return nil, err
	}
	return m[reflectionID], nil
}

// HasPhotos reports whether any evening keeps a photo: an export decides
// by it whether it writes a zip, and must say so before it asks to replace.
func (s *Store) HasPhotos(ctx context.Context) (bool, error) {
	var has bool
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM photos WHERE reflection_id != '')").Scan(&has)
	})
	return has, err
}

// PhotosOf lists the photos of many evenings at once (timeline and search
// rows), by reflection id; evenings without photos are absent.
func (s *Store) PhotosOf(ctx context.Context, reflectionIDs []string) (map[string][]Photo, error) {
	out := map[string][]Photo{}
	if len(reflectionIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, func(tx *sql.Tx) error {
		for ids := reflectionIDs; len(ids) > 0; {
			n := min(len(ids), 500)
			if err := photosOf(ctx, tx, ids[:n], out); err != nil {
				return err
			}
			ids = ids[n:]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

const photoColumns = "id, reflection_id, position, caption, format, name, width, height, size, sha256, keep_metadata, print, added_utc"

func photosOf(ctx context.Context, tx *sql.Tx, ids []string, out map[string][]Photo) error {
	args := make([]any, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			args = append(args, id)
		}
	}
	if len(args) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+photoColumns+" FROM photos WHERE reflection_id IN ("+placeholders(len(args))+") ORDER BY reflection_id, position", args...)
	if err != nil {
		return fmt.Errorf("load photos: %w", err)
	}
	list, err := scanPhotos(rows)
	if err != nil {
		return err
	}
	for _, p := range list {
		out[p.ReflectionID] = append(out[p.ReflectionID], p)
	}
	return nil
}

func scanPhotos(rows *sql.Rows) ([]Photo, error) {
	defer rows.Close()
	var list []Photo
	for rows.Next() {
		var p Photo
		var added string
		if err := rows.Scan(&p.ID, &p.ReflectionID, &p.Position, &p.Caption, &p.Format, &p.Name, &p.Width, &p.Height,
			&p.Size, &p.SHA256, &p.KeepMetadata, &p.Print, &added); err != nil {
			return nil, err
		}
		t, err := parseStored(added, 0)
		if err != nil {
			return nil, err
		}
		p.AddedAt = t
		list = append(list, p)
	}
	return list, rows.Err()
}

// AddPhoto keeps a photo inside a batch (imports), as Store.AddPhoto does;
// a SaveReflection later in the same batch may link it.
func (b *Batch) AddPhoto(name string, data []byte) (*Photo, error) {
	prep, err := preparePhoto(name, data)
	if err != nil {
		return nil, err
	}
	return b.s.addPhoto(b.ctx, b.tx, name, data, prep)
}

// linkPhotos makes r.Photos the evening's photos, in order: each must be
// pending or already this evening's; those no longer listed are let go.
// Only rows change: the bytes are never rewritten by an edit.
func linkPhotos(ctx context.Context, tx *sql.Tx, r *Reflection) error {
	keep := make(map[string]bool, len(r.Photos))
	for i := range r.Photos {
		p := &r.Photos[i]
		if p.ID == "" {
			return &Error{Code: EINVALID, Field: "photos", Message: "A photo of this evening was never added to the journal."}
		}
		if keep[p.ID] {
			return &Error{Code: EINVALID, Field: "photos", Message: "The same photo is listed twice for this evening."}
		}
		keep[p.ID] = true
		var owner string
		err := tx.QueryRowContext(ctx, "SELECT reflection_id FROM photos WHERE id = ?", p.ID).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("The photo %s is not in the journal: add it again.", photoLabel(p))}
		}
		if err != nil {
			return err
		}
		if owner != "" && owner != r.ID {
			return &Error{Code: EINVALID, Field: "photos", Message: fmt.Sprintf("The photo %s belongs to another evening.", photoLabel(p))}
		}
		if _, err := tx.ExecContext(ctx,
			"UPDATE photos SET reflection_id = ?, position = ?, caption = ?, keep_metadata = ?, print = ? WHERE id = ?",
			r.ID, i, p.Caption, p.KeepMetadata, p.Print, p.ID); err != nil {
			return fmt.Errorf("link photo: %w", err)
		}
		p.ReflectionID, p.Position = r.ID, i
	}
	rows, err := tx.QueryContext(ctx, "SELECT id FROM photos WHERE reflection_id = ?", r.ID)
	if err != nil {
		return err
	}
	var gone []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !keep[id] {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range gone {
		if _, err := tx.ExecContext(ctx, "DELETE FROM photos WHERE id = ?", id); err != nil {
			return fmt.Errorf("remove photo: %w", err)
		}
	}
	return nil
}

func photoLabel(p *Photo) string {
	if p.Name != "" {
		return fmt.Sprintf("%q", p.Name)
	}
	return p.ID
}

// loadPhotos fills the photos of the reflections in byID.
func loadPhotos(ctx context.Context, tx *sql.Tx, ids []string, byID map[string]*Reflection) error {
	m := map[string][]Photo{}
	if err := photosOf(ctx, tx, ids, m); err != nil {
		return err
	}
	for id, ps := range m {
		if r := byID[id]; r != nil {
			r.Photos = ps
		}
	}
	return nil
}

// releasePhotos makes a deleted evening's photos pending again, with a fresh
// date: saving the returned reflection again (undo) links them back, and
// otherwise they are dropped with other pending photos 30 days on.
func releasePhotos(ctx context.Context, tx *sql.Tx, reflectionID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE photos SET reflection_id = '', added_utc = ? WHERE reflection_id = ?", FormatUTC(now), reflectionID)
	if err != nil {
		return fmt.Errorf("release photos: %w", err)
	}
	return nil
}

// dropStalePhotos forgets photos added but never saved with an evening,
// except those a draft still names: a draft restored months later must
// still save with its photos.
func (s *Store) dropStalePhotos(ctx context.Context) error {
	cut := FormatUTC(s.Now().AddDate(0, 0, -pendingPhotoDays))
	var stale []string
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id FROM photos WHERE reflection_id = '' AND added_utc < ?", cut)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			stale = append(stale, id)
		}
		return rows.Err()
	})
	if err != nil || len(stale) == 0 {
		return err
	}
	drafted, err := s.draftedPhotos(ctx)
	if err != nil {
		return err
	}
	stale = slices.DeleteFunc(stale, func(id string) bool { return drafted[id] })
	if len(stale) == 0 {
		// Nothing to forget: no write, so a sealed journal's file does
		// not grow at every open.
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, id := range stale {
			if _, err := tx.ExecContext(ctx, "DELETE FROM photos WHERE id = ? AND reflection_id = ''", id); err != nil {
				return err
			}
		}
		return nil
	})
}

// draftedPhotos are the ids of the photos the drafts name (see Draft.Body).
// A body that is not such JSON names none.
func (s *Store) draftedPhotos(ctx context.Context) (map[string]bool, error) {
	drafts, err := s.Drafts(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, d := range drafts {
		var body struct {
			Photos []struct {
				ID string `json:"id"`
			} `json:"photos"`
		}
		if json.Unmarshal([]byte(d.Body), &body) != nil {
			continue
		}
		for _, p := range body.Photos {
			out[p.ID] = true
		}
	}
	return out, nil
}
