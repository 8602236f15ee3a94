package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// SearchQuery is what the user typed. Words match case- and
// accent-insensitively, each as a prefix ("lau" finds "laughed"); text in
// double quotes matches as a phrase. Every word or phrase must be present.
type SearchQuery struct {
	Text  string
	Limit int // 50 when zero
}

// SearchTerms splits what the user typed into words and phrases, lower-cased
// and without accents, the way the index sees them. The GUI highlights with them.
func SearchTerms(text string) (words []string, phrases []string) {
	inQuote := false
	for i, part := range strings.Split(text, `"`) {
		if i > 0 {
			inQuote = !inQuote
		}
		tokens := tokenize(part)
		if len(tokens) == 0 {
			continue
		}
		if inQuote && len(tokens) > 1 {
			phrases = append(phrases, strings.Join(tokens, " "))
			continue
		}
		words = append(words, tokens...)
	}
	return words, phrases
}

// tokenize splits like SQLite's unicode61 tokenizer: letters and digits make
// words, everything else separates them.
func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(foldAccents(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// matchExpression builds an FTS4 MATCH expression; every token is quoted, so
// nothing the user types can be read as query syntax.
func matchExpression(text string) string {
	words, phrases := SearchTerms(text)
	var parts []string
	for _, p := range phrases {
		parts = append(parts, `"`+p+`"`)
	}
	for _, w := range words {
		parts = append(parts, `"`+w+`*"`)
	}
	return strings.Join(parts, " ")
}

// Search finds reflections by their text, moment notes and people's names,
// newest first.
func (s *Store) Search(ctx context.Context, q SearchQuery) ([]Reflection, error) {
	match := matchExpression(q.Text)
	if match == "" {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var out []Reflection
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT r.id FROM reflections r
			WHERE r.seq IN (SELECT docid FROM reflection_search WHERE reflection_search MATCH ?)
			ORDER BY r.at_utc DESC, r.id DESC LIMIT ?`, match, limit)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		out, err = loadReflections(ctx, tx, ids)
		return err
	})
	return out, err
}
