package journal

import (
	"context"
	"database/sql"
)

// Stats counts what the journal holds.
type Stats struct {
	People      int
	Reflections int
	Encounters  int
	Moments     int
}

// Stats counts people, reflections, encounters and moments.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM people), (SELECT count(*) FROM reflections),
			(SELECT count(*) FROM encounters), (SELECT count(*) FROM moments)`).
			Scan(&st.People, &st.Reflections, &st.Encounters, &st.Moments)
	})
	return st, err
}
