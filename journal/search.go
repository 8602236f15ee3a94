package journal

import (
	"context"
	"database/sql"
	"fmt"
)

// SearchQuery is what the user typed, and where the previous page ended.
// See ParseSearch for how the text is read.
type SearchQuery struct {
	Text  string
	After *Cursor // nil for the first page
	Limit int     // DefaultPageSize when zero
}

// SearchPage is one page of search results, newest first.
type SearchPage struct {
	Terms       SearchTerms // what the text was read as; highlight with it
	Reflections []Reflection
	Next        *Cursor // nil on the last page
}

// Search finds reflections whose text, moment notes or people's names
// contain every term, newest first, one page at a time. Text with nothing
// searchable in it (only spaces or punctuation) finds nothing.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchPage, error) {
	page := SearchPage{Terms: ParseSearch(q.Text)}
	if len(page.Terms) == 0 {
		return page, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	// Walking the date index backwards and stopping at the limit keeps a
	// common word (tens of thousands of hits) from being sorted in full; a
	// rare word costs one pass over the index, which stays a few milliseconds.
	query := `SELECT r.at_utc, r.id FROM reflections r INDEXED BY reflections_at
		WHERE r.seq IN (SELECT docid FROM reflection_search WHERE reflection_search MATCH ?)`
	args := []any{page.Terms.matchExpression()}
	if q.After != nil {
		query += " AND (r.at_utc, r.id) < (?, ?)"
		args = append(args, q.After.AtUTC, q.After.ID)
	}
	query += " ORDER BY r.at_utc DESC, r.id DESC LIMIT ?"
	args = append(args, limit+1)
	err := s.read(ctx, func(tx *sql.Tx) error {
		keys, err := scanCursors(ctx, tx, query, args...)
		if err != nil {
			return fmt.Errorf("search %q: %w", q.Text, err)
		}
		page.Reflections, page.Next, err = loadPage(ctx, tx, keys, limit)
		return err
	})
	return page, err
}

// scanCursors runs a query whose rows are (at_utc, id) keys.
func scanCursors(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]Cursor, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []Cursor
	for rows.Next() {
		var c Cursor
		if err := rows.Scan(&c.AtUTC, &c.ID); err != nil {
			return nil, err
		}
		keys = append(keys, c)
	}
	return keys, rows.Err()
}

// loadPage loads the reflections of up to limit keys; one key more than the
// limit means there is a next page, which starts after the last one shown.
func loadPage(ctx context.Context, tx *sql.Tx, keys []Cursor, limit int) ([]Reflection, *Cursor, error) {
	var next *Cursor
	if len(keys) > limit {
		keys = keys[:limit]
		last := keys[limit-1]
		next = &last
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	rs, err := loadReflections(ctx, tx, ids)
	return rs, next, err
}
