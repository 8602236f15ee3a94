package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// searchIndexVersion names how the index spells words; a journal records
// the one its index was written with in its settings (searchIndexSetting),
// and one written with another is re-indexed once, when it is opened:
//
//	(none) SQLite's own folding, before words were folded by SearchFold
//	2      words folded by SearchFold; a CJK run was one word
//	3      CJK runs as overlapping character pairs (see IsCJK)
//	4      each emoji a word of its own (see emojiWord); the text without
//	       its Markdown (see searchIndexBody)
const searchIndexVersion = "4"

const searchIndexSetting = "search_index_version"

// upgradeSearchIndex rebuilds the full-text index when it was written with
// another spelling of words than this build searches with. A journal with
// reflections in it is backed up first (a "before-upgrade" backup), as
// anything that rewrites much of the file is. If the backup cannot be made
// the index is left as it was and the journal opens with a notice (words in
// Chinese, Japanese and Korean are then found only where they begin a run
// of characters); the next opening tries again.
func (s *Store) upgradeSearchIndex(ctx context.Context) error {
	var version string
	err := s.w.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", searchIndexSetting).Scan(&version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s.translate(fmt.Errorf("read search index version: %w", err))
	}
	if version == searchIndexVersion {
		return nil
	}
	backup, err := s.backupBeforeUpgrade(ctx, func() { tellOpenStep(ctx, StepSearchIndex) })
	if err != nil {
		s.searchNotice = fmt.Sprintf("The search index was not brought up to date, because a backup of the journal could not be made first (%v). Until it is, a word in Chinese, Japanese or Korean may be found only where a run of those characters begins, and emoji are not found. Kindred tries again the next time the journal opens.", err)
		return nil
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := rebuildSearchIndex(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			searchIndexSetting, searchIndexVersion)
		return err
	})
	if ErrorCode(err) == EREADONLY {
		// A journal that cannot be written can still be read; its search
		// keeps the old spelling until it is opened writable, and the backup
		// of a journal that did not change is not kept.
		if backup != "" {
			os.Remove(backup)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("rebuild the search index of %s: %w", s.path, err)
	}
	return nil
}

// backupBeforeUpgrade backs the journal up before its index is rewritten,
// and returns the backup's path ("" for a journal with no reflections, which
// has nothing an index could lose). slow is called first when there is
// something to back up and re-index: a new or empty journal is quick.
func (s *Store) backupBeforeUpgrade(ctx context.Context, slow func()) (string, error) {
	if s.sealed != nil && (s.sealed.fromV1 || s.sealed.keptV1) {
		// A journal sealed in format 1 has its file kept, byte for byte,
		// by its first write: one backup from before the upgrade is enough.
		slow()
		return "", nil
	}
	var n int
	if err := s.w.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM reflections LIMIT 1)").Scan(&n); err != nil || n == 0 {
		return "", err
	}
	slow()
	now := s.Now()
	dest := newBackupName(s.path, s.sealed != nil, BackupBeforeUpgrade, now)
	if err := s.backupInto(ctx, dest); err != nil {
		return "", err
	}
	if s.sealed != nil {
		dateBackup(dest, now)
	}
	return dest, nil
}

// rebuildSearchIndex writes the index of every reflection anew.
func rebuildSearchIndex(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, searchDocQuery)
	if err != nil {
		return err
	}
	type doc struct {
		seq                int64
		text, notes, names sql.NullString
	}
	var docs []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.seq, &d.text, &d.notes, &d.names); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM reflection_search"); err != nil {
		return err
	}
	insert, err := tx.PrepareContext(ctx, "INSERT INTO reflection_search (docid, text, notes, names) VALUES (?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer insert.Close()
	for _, d := range docs {
		if _, err := insert.ExecContext(ctx, d.seq, searchIndexBody(d.text.String), searchIndexText(d.notes.String), searchIndexText(d.names.String)); err != nil {
			return err
		}
	}
	return nil
}

// SearchNotice says why the search index could not be brought up to date
// when the journal opened; it is empty when it is up to date.
func (s *Store) SearchNotice() string { return s.searchNotice }
