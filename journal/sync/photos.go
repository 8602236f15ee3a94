package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"kindred/journal"
	"kindred/journal/syncfolder"
)

// PhotoRef is one photo of an evening as a file names it: what the
// receiver needs to link it (caption, flags) and where its bytes are (a
// photo file in one computer's folder, syncfolder.WriteBlob), checked
// against the sha256 of the original.
type PhotoRef struct {
	ID      string `json:"i"`
	SHA256  string `json:"h"`
	Name    string `json:"f,omitempty"`
	Caption string `json:"c,omitempty"`
	Keep    bool   `json:"m,omitempty"`
	NoPrint bool   `json:"np,omitempty"`
	Added   string `json:"a"`
	Device  string `json:"d"`
	Blob    string `json:"b"`
}

// errPhotoLate stops taking a file whose photo bytes have not arrived
// whole: the file waits for the next round, as one whose dependencies are
// missing does.
var errPhotoLate = errors.New("a photo's file has not arrived whole yet")

// photoRefs names the photos of an evening, giving each photo this
// computer sends first a photo file of its own (written after the
// transaction, before the file that refers to it).
func photoRefs(ctx context.Context, tx interface {
	queryer
	execer
}, device string, photos []journal.Photo) ([]PhotoRef, error) {
	var out []PhotoRef
	for _, p := range photos {
		ref := PhotoRef{ID: p.ID, SHA256: p.SHA256, Name: p.Name, Caption: p.Caption, Keep: p.KeepMetadata, NoPrint: !p.Print, Added: journal.FormatUTC(p.AddedAt)}
		err := tx.QueryRowContext(ctx, "SELECT device, name FROM sync_blobs WHERE photo_id = ?", p.ID).Scan(&ref.Device, &ref.Blob)
		if errors.Is(err, errNoRows) {
			ref.Device, ref.Blob = device, syncfolder.NewBlobName()
			_, err = tx.ExecContext(ctx, "INSERT INTO sync_blobs (photo_id, device, name, sha256) VALUES (?, ?, ?, ?)", p.ID, ref.Device, ref.Blob, p.SHA256)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ref)
	}
	return out, nil
}

// writeOwnBlobs writes every photo file this computer owes the folder and
// that is not there: new photos before the file naming them, and any a
// folder restored from a backup lost. Photos gone from the journal since
// are skipped; nothing already there is written again.
func (e *Engine) writeOwnBlobs(ctx context.Context, f *syncfolder.Folder, st *state) error {
	have, err := f.Blobs(st.Device)
	if err != nil {
		return err
	}
	rows, err := e.s.ReadDB().QueryContext(ctx, "SELECT photo_id, name FROM sync_blobs WHERE device = ?", st.Device)
	if err != nil {
		return err
	}
	var owed [][2]string
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		if !have[name] {
			owed = append(owed, [2]string{id, name})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, o := range owed {
		data, err := e.s.PhotoData(ctx, o[0], journal.PhotoOriginal)
		if journal.ErrorCode(err) == journal.ENOTFOUND {
			continue // removed here since
		}
		if err != nil {
			return fmt.Errorf("send a photo: %w", err)
		}
		if err := f.WriteBlob(st.Device, o[1], o[0], data); err != nil {
			return fmt.Errorf("sync with %s: %w", st.Folder, err)
		}
	}
	return nil
}

// photosReady reports whether every photo a file's evenings list is here
// already or has its file in the folder.
func (e *Engine) photosReady(ctx context.Context, f *syncfolder.Folder, pl *payload) (ready, any bool, err error) {
	for i := range pl.Ops {
		o := &pl.Ops[i]
		for _, ref := range o.Photos {
			any = true
			var one int
			err := e.s.ReadDB().QueryRowContext(ctx, "SELECT 1 FROM photos WHERE id = ?", ref.ID).Scan(&one)
			if err == nil {
				continue
			}
			if !errors.Is(err, errNoRows) {
				return false, any, err
			}
			if !f.HasBlob(ref.Device, ref.Blob) {
				return false, any, nil
			}
		}
	}
	return true, any, nil
}

// importPhotos brings in the photos refs name that the journal lacks, and
// notes where their files are, so this computer's snapshots refer to the
// same files rather than sending the bytes again.
func (a *applier) importPhotos(refs []PhotoRef) error {
	for _, ref := range refs {
		if _, err := a.b.Tx().ExecContext(a.ctx, "INSERT OR IGNORE INTO sync_blobs (photo_id, device, name, sha256) VALUES (?, ?, ?, ?)", ref.ID, ref.Device, ref.Blob, ref.SHA256); err != nil {
			return err
		}
		if ok, err := a.b.HasPhoto(ref.ID); err != nil || ok {
			if err != nil {
				return err
			}
			continue
		}
		data, err := a.f.ReadBlob(ref.Device, ref.Blob, ref.ID)
		if err != nil {
			if errors.Is(err, syncfolder.ErrUnreadable) {
				return errPhotoLate
			}
			return err
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != ref.SHA256 {
			return errPhotoLate
		}
		added, _ := time.Parse(time.RFC3339Nano, ref.Added)
		if err := a.b.SyncPhoto(ref.ID, ref.Name, added, data); err != nil {
			return err
		}
	}
	return nil
}

// linked is the evening's photo list as refs say, for PutReflection.
func linked(refs []PhotoRef) []journal.Photo {
	out := make([]journal.Photo, 0, len(refs))
	for _, ref := range refs {
		out = append(out, journal.Photo{ID: ref.ID, Caption: ref.Caption, KeepMetadata: ref.Keep, Print: !ref.NoPrint, SHA256: ref.SHA256})
	}
	return out
}

// withExtra is winner's photos followed by those only loser has: an
// evening edited on two computers apart keeps every photo either side had,
// in the same order on every computer.
func withExtra(winner, loser []journal.Photo) []journal.Photo {
	in := map[string]bool{}
	for _, p := range winner {
		in[p.ID] = true
	}
	out := append([]journal.Photo{}, winner...)
	for _, p := range loser {
		if !in[p.ID] {
			out = append(out, p)
		}
	}
	return out
}
