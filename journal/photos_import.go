package journal

// ImportPhoto keeps a photo of an export inside a batch, as AddPhoto does,
// under the id it had in the export so that an export and its import name
// the same photos. An id the journal already uses is not taken over: the
// photo keeps a new one.
func (b *Batch) ImportPhoto(id, name string, data []byte) (*Photo, error) {
	p, err := b.AddPhoto(name, data)
	if err != nil || id == "" || id == p.ID {
		return p, err
	}
	var n int
	if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM photos WHERE id = ?", id).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return p, nil
	}
	// The blobs refer to the row: a copy under the new id first, then the
	// blobs move to it, then the old row goes.
	for _, q := range []string{
		`INSERT INTO photos (id, reflection_id, position, caption, format, name, width, height, size, sha256, keep_metadata, print, added_utc)
		 SELECT ?, reflection_id, position, caption, format, name, width, height, size, sha256, keep_metadata, print, added_utc FROM photos WHERE id = ?`,
		"UPDATE photo_blobs SET photo_id = ? WHERE photo_id = ?",
	} {
		if _, err := b.tx.ExecContext(b.ctx, q, id, p.ID); err != nil {
			return nil, err
		}
	}
	if _, err := b.tx.ExecContext(b.ctx, "DELETE FROM photos WHERE id = ?", p.ID); err != nil {
		return nil, err
	}
	p.ID = id
	return p, nil
}
