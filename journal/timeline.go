package journal

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Cursor marks where a page ended; the next page starts after it. Pages are
// keyed on (time, id) rather than counted with OFFSET, so a reflection added
// or removed while someone scrolls neither repeats nor hides another one.
type Cursor struct {
	AtUTC string
	ID    string
}

// TimelineQuery selects one person's reflections, newest first. The filters
// combine: a reflection must pass every one that is set.
type TimelineQuery struct {
	PersonID string
	After    *Cursor // nil for the first page
	Limit    int     // DefaultPageSize when zero
	// Kinds keeps reflections where this person had a moment of any of
	// these kinds.
	Kinds []string
	// From and To bound the evening, inclusive; zero means open. They are
	// read as wall-clock times and compared with the evening's time as it was
	// written, in its own offset: "from 1 March" means the evenings the
	// timeline shows as 1 March or later, wherever they were written.
	From, To time.Time
	// OnlyMissteps keeps reflections where this person's encounter has a
	// misstep, built-in or one of the journal's own kinds.
	OnlyMissteps bool
}

// Filtered reports whether any filter is set.
func (q *TimelineQuery) Filtered() bool {
	return len(q.Kinds) > 0 || !q.From.IsZero() || !q.To.IsZero() || q.OnlyMissteps
}

// TimelinePage is one page of a timeline.
type TimelinePage struct {
	Reflections []Reflection
	Next        *Cursor // nil on the last page
}

// DefaultPageSize is the timeline and search page size.
const DefaultPageSize = 50

// wallLayout is how SQLite prints an evening's wall-clock time, for the
// date filters.
const wallLayout = "2006-01-02T15:04:05.000"

// offsetMargin covers every UTC offset an evening can be written in; it
// widens the date range on the index before the exact wall-clock test.
const offsetMargin = 26 * time.Hour

// Timeline returns one page of a person's reflections, newest first.
func (s *Store) Timeline(ctx context.Context, q TimelineQuery) (TimelinePage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var page TimelinePage
	err := s.read(ctx, func(tx *sql.Tx) error {
		where, args, err := timelineWhere(ctx, tx, &q)
		if err != nil {
			return err
		}
		if q.After != nil {
			where += " AND (e.at_utc, e.reflection_id) < (?, ?)"
			args = append(args, q.After.AtUTC, q.After.ID)
		}
		args = append(args, limit+1)
		keys, err := scanCursors(ctx, tx, "SELECT e.at_utc, e.reflection_id FROM encounters e WHERE "+where+
			" ORDER BY e.at_utc DESC, e.reflection_id DESC LIMIT ?", args...)
		if err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		page.Reflections, page.Next, err = loadPage(ctx, tx, keys, limit)
		return err
	})
	return page, err
}

// TimelineCount counts the reflections a timeline query selects, over all
// its pages.
func (s *Store) TimelineCount(ctx context.Context, q TimelineQuery) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		where, args, err := timelineWhere(ctx, tx, &q)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM encounters e WHERE "+where, args...).Scan(&n); err != nil {
			return fmt.Errorf("count timeline: %w", err)
		}
		return nil
	})
	return n, err
}

// InTimeline reports whether a reflection belongs to a timeline query (its
// person and filters; After and Limit are ignored). The timeline uses it to
// keep or drop a row after the reflection was edited.
func (s *Store) InTimeline(ctx context.Context, q TimelineQuery, reflectionID string) (bool, error) {
	var in bool
	err := s.read(ctx, func(tx *sql.Tx) error {
		where, args, err := timelineWhere(ctx, tx, &q)
		if err != nil {
			return err
		}
		args = append(args, reflectionID)
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM encounters e WHERE "+where+" AND e.reflection_id = ?)", args...).Scan(&in); err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		return nil
	})
	return in, err
}

// timelineWhere is the condition on encounters e that a query's person and
// filters make; Timeline, TimelineCount and InTimeline share it so they can
// never disagree.
func timelineWhere(ctx context.Context, tx *sql.Tx, q *TimelineQuery) (string, []any, error) {
	where := []string{"e.person_id = ?"}
	args := []any{q.PersonID}
	if !q.From.IsZero() || !q.To.IsZero() {
		// The evening's wall clock is worked out only near a bound: further
		// than any offset from it, the UTC time alone decides.
		wall := "strftime('%Y-%m-%dT%H:%M:%f', e.at_utc, (SELECT r.at_off FROM reflections r WHERE r.id = e.reflection_id) || ' seconds')"
		if !q.From.IsZero() {
			from := wallClock(q.From)
			where = append(where, "e.at_utc >= ?", "(e.at_utc >= ? OR "+wall+" >= ?)")
			args = append(args, FormatUTC(from.Add(-offsetMargin)), FormatUTC(from.Add(offsetMargin)), from.Format(wallLayout))
		}
		if !q.To.IsZero() {
			to := wallClock(q.To)
			where = append(where, "e.at_utc <= ?", "(e.at_utc <= ? OR "+wall+" <= ?)")
			args = append(args, FormatUTC(to.Add(offsetMargin)), FormatUTC(to.Add(-offsetMargin)), to.Format(wallLayout))
		}
	}
	if len(q.Kinds) > 0 {
		where = append(where, "EXISTS (SELECT 1 FROM moments m WHERE m.reflection_id = e.reflection_id AND m.person_id = e.person_id AND m.kind IN ("+placeholders(len(q.Kinds))+"))")
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	}
	if q.OnlyMissteps {
		missteps, err := misstepKinds(ctx, tx)
		if err != nil {
			return "", nil, err
		}
		where = append(where, "EXISTS (SELECT 1 FROM moments m WHERE m.reflection_id = e.reflection_id AND m.person_id = e.person_id AND m.kind IN ("+placeholders(len(missteps))+"))")
		for _, k := range missteps {
			args = append(args, k)
		}
	}
	return strings.Join(where, " AND "), args, nil
}

// wallClock is t's date and time of day as written, as if in UTC.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// misstepKinds lists the ids of every misstep kind: the built-in ones and
// the journal's own.
func misstepKinds(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var out []string
	for _, k := range BuiltinKinds {
		if k.Misstep {
			out = append(out, k.ID)
		}
	}
	rows, err := tx.QueryContext(ctx, "SELECT id FROM moment_kinds WHERE misstep = 1")
	if err != nil {
		return nil, fmt.Errorf("list misstep kinds: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
