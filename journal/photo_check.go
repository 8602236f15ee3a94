package journal

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"kindred/journal/photostore"
)

// checkPhotos reads every blob the journal's rows reference (only its own
// frames, one blob at a time), authenticates it and compares its SHA-256,
// and names the evening of each photo found damaged or missing. Frames no
// row references (a photo let go, a save cut short) are not looked at.
func checkPhotos(ctx context.Context, db *sql.DB, journalPath string, sealedJournal bool) ([]string, error) {
	var key []byte
	err := db.QueryRowContext(ctx, "SELECT key FROM photo_key WHERE id = 1").Scan(&key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if sealedJournal {
			key = mustKeyless()
		}
	case err != nil:
		if isNoPhotoTables(err) {
			return nil, nil // a journal from before photos
		}
		return nil, err
	}
	files, err := photostore.Open(PhotosDir(journalPath), key)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT b.photo_id, b.kind, b.pack, b.offset, b.length, b.sha256, p.name, p.reflection_id,
		       ifnull(r.at_utc, ''), ifnull(r.at_off, 0)
		FROM photo_blobs b JOIN photos p ON p.id = b.photo_id
		LEFT JOIN reflections r ON r.id = p.reflection_id
		ORDER BY b.pack, b.offset`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	bad := map[string]bool{}
	for rows.Next() {
		var id, kind, sum, name, rid, at string
		var off int
		var l photostore.Loc
		if err := rows.Scan(&id, &kind, &l.Pack, &l.Offset, &l.Length, &sum, &name, &rid, &at, &off); err != nil {
			return nil, err
		}
		if bad[id] {
			continue
		}
		data, err := files.Get(l)
		what := ""
		switch {
		case err != nil:
			what = err.Error()
		case hexSum(data) != sum:
			what = "its bytes do not match their SHA-256"
		}
		if what == "" {
			continue
		}
		bad[id] = true
		problems = append(problems, fmt.Sprintf("%s is damaged or missing (%s copy: %s).", photoOwner(name, id, rid, at, off), kind, what))
	}
	return problems, rows.Err()
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func photoOwner(name, id, rid, at string, off int) string {
	label := "A photo"
	if name != "" {
		label = fmt.Sprintf("The photo %q", name)
	}
	if rid == "" {
		return label + " added but not yet saved with an evening"
	}
	if t, err := parseStored(at, off); err == nil {
		return fmt.Sprintf("%s of the evening of %s (%s)", label, t.Format("Monday 2 January 2006"), rid)
	}
	return fmt.Sprintf("%s of the evening %s", label, rid)
}

func isNoPhotoTables(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table: photo")
}
