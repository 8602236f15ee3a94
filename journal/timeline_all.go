package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// TimelineAll returns every reflection a timeline query selects, oldest
// first (by instant, then id), with their encounters and moments, read in
// one snapshot. After and Limit are ignored.
//
// It is for readers that want a person's whole history at once, such as the
// PDF report (8,000 evenings for the reference journal's busiest person).
// Paging through Timeline for that costs a query per page, and the driver
// allocates for every row and column of tens of thousands; here SQLite packs
// each part's rows into one text, which Go splits, in one statement. Every
// field is length-prefixed, so any text splits cleanly.
func (s *Store) TimelineAll(ctx context.Context, q TimelineQuery) ([]Reflection, error) {
	var out []Reflection
	err := s.read(ctx, func(tx *sql.Tx) error {
		where, args, err := timelineWhere(ctx, tx, &q)
		if err != nil {
			return err
		}
		out, err = packedTimeline(ctx, tx, where, args)
		var serr sqlite3.Error
		if errors.Is(err, errNotPacked) || errors.As(err, &serr) && serr.Code == sqlite3.ErrTooBig {
			// More text than SQLite lets one value hold, or a journal
			// the packed read does not fit: row by row.
			out, err = rowsTimeline(ctx, tx, where, args)
		}
		if err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		return nil
	})
	return out, err
}

// errNotPacked is a packed read that did not fit the journal: an id that
// printf cuts short (it stops at a NUL), or an encounter whose time is not
// its reflection's. Neither is ever written; the plain read copes with both.
var errNotPacked = errors.New("the packed rows do not split")

// packed is the SQL that packs one row's fields into one text, mostly with
// a single printf (cheaper than chaining ||): a text as its length in bytes,
// ':' and the text ("t"); a number as its digits and ';' ("i"). printf's %s
// stops at a NUL, which the user's own words may hold, so the last field,
// when free text ("v"), is appended whole with ||.
func packed(kinds string, exprs ...string) string {
	var format strings.Builder
	var args []string
	last := ""
	for i, e := range exprs {
		switch kinds[i] {
		case 't':
			format.WriteString("%d:%s")
			args = append(args, "octet_length("+e+")", e)
		case 'i':
			format.WriteString("%d;")
			args = append(args, e)
		case 'v':
			format.WriteString("%d:")
			args = append(args, "octet_length("+e+")")
			last = " || " + e
		}
	}
	return "printf('" + format.String() + "', " + strings.Join(args, ", ") + ")" + last
}

// timelineOrder is the order of the reflections a where clause on
// encounters e selects.
const timelineOrder = " ORDER BY e.at_utc, e.reflection_id"

var (
	packedReflections = packed("ttittv", "r.id", "r.at_utc", "r.at_off", "r.created_utc", "r.updated_utc", "r.text")
	packedEncounters  = packed("ttii", "e2.reflection_id", "e2.person_id", "ifnull(e2.closeness, 0)", "e2.position")
	packedMoments     = packed("ttttiv", "m.reflection_id", "m.person_id", "m.id", "m.kind", "m.position", "m.note")
)

// packedTimeline reads the reflections of the encounters e that where
// selects, with their encounters and moments, in one statement: the
// selection is made once (its filters can cost more than the reading), then
// each part is packed into one text.
//
// Most of the time goes to fetching pages, so each part is read in the
// order of the index it walks: reflections by time (reflections_at), whose
// rows are mostly stored in that order too; encounters and moments by
// reflection id, the order of their keys. CROSS JOIN keeps the selection
// the outer loop: for a short one, SQLite would otherwise scan the whole
// other table.
func packedTimeline(ctx context.Context, tx *sql.Tx, where string, args []any) ([]Reflection, error) {
	// Each part is one row: how many records, and the records packed.
	part := func(name, from, fields string) string {
		return "(SELECT count(*) AS n, group_concat(x, '') AS x FROM (SELECT " + fields + " AS x FROM " + from + ")) " + name
	}
	var n, nEncounters, nMoments int
	var refls, encounters, moments sql.NullString
	err := tx.QueryRowContext(ctx, "WITH sel AS MATERIALIZED (SELECT e.reflection_id AS id, e.at_utc AS at FROM encounters e WHERE "+
		where+timelineOrder+"), ids AS MATERIALIZED (SELECT id FROM sel ORDER BY id)"+
		" SELECT (SELECT count(*) FROM sel), r.x, e.n, e.x, m.n, m.x FROM "+
		part("r", "sel CROSS JOIN reflections r INDEXED BY reflections_at ON r.at_utc = sel.at AND r.id = sel.id", packedReflections)+", "+
		part("e", "ids CROSS JOIN encounters e2 ON e2.reflection_id = ids.id", packedEncounters)+", "+
		part("m", "ids CROSS JOIN moments m ON m.reflection_id = ids.id", packedMoments), args...).Scan(&n, &refls, &nEncounters, &encounters, &nMoments, &moments)
	if err != nil {
		return nil, fmt.Errorf("load reflections: %w", err)
	}
	u := unpacker{s: refls.String}
	out := make([]Reflection, 0, n)
	byID := make(map[string]int, n)
	zones := map[int]*time.Location{} // one per offset, not one per evening
	for u.more() {
		var r Reflection
		r.ID = u.text()
		at, off := u.text(), u.int()
		created, updated := u.text(), u.text()
		r.Text = u.text()
		if u.bad {
			break
		}
		z := zones[off]
		if z == nil {
			z = zoneFor(off)
			zones[off] = z
		}
		if r.At, err = parseStored(at, 0); err != nil {
			return nil, err
		}
		r.At = r.At.In(z)
		if r.CreatedAt, err = parseStored(created, 0); err != nil {
			return nil, err
		}
		if r.UpdatedAt, err = parseStored(updated, 0); err != nil {
			return nil, err
		}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	if err := u.done("reflections"); err != nil {
		return nil, err
	}
	// group_concat keeps the subquery's order in practice, but SQLite does
	// not promise it.
	if !slices.IsSortedFunc(out, compareTimeline) {
		slices.SortFunc(out, compareTimeline)
		for i := range out {
			byID[out[i].ID] = i
		}
	}

	if len(out) != n {
		// An encounter whose time is not its reflection's (it never
		// should be) is missed by the join on time.
		return nil, errNotPacked
	}
	u = unpacker{s: encounters.String}
	people := map[string]string{} // a few ids on thousands of encounters
	encs := make([]placed[Encounter], 0, nEncounters)
	for u.more() {
		rid, pid := u.text(), u.text()
		closeness, pos := u.int(), u.int()
		if u.bad {
			break
		}
		if shared, ok := people[pid]; ok {
			pid = shared
		} else {
			people[pid] = pid
		}
		if i, ok := byID[rid]; ok {
			encs = append(encs, placed[Encounter]{i, 0, pos, Encounter{PersonID: pid, Closeness: Closeness(closeness)}})
		}
	}
	if err := u.done("encounters"); err != nil {
		return nil, err
	}
	for at, group := range runs(encs) {
		out[at.reflection].Encounters = group
	}

	u = unpacker{s: moments.String}
	kinds := map[string]string{}
	placedMoments := make([]placed[Moment], 0, nMoments)
	for u.more() {
		rid, pid := u.text(), u.text()
		var m Moment
		m.ID, m.Kind = u.text(), u.text()
		pos := u.int()
		m.Note = u.text()
		if u.bad {
			break
		}
		if shared, ok := kinds[m.Kind]; ok {
			m.Kind = shared
		} else {
			kinds[m.Kind] = m.Kind
		}
		i, ok := byID[rid]
		if !ok {
			continue
		}
		for k := range out[i].Encounters {
			if out[i].Encounters[k].PersonID == pid {
				placedMoments = append(placedMoments, placed[Moment]{i, k, pos, m})
				break
			}
		}
	}
	if err := u.done("moments"); err != nil {
		return nil, err
	}
	for at, group := range runs(placedMoments) {
		out[at.reflection].Encounters[at.encounter].Moments = group
	}
	return out, nil
}

// placed is an encounter or moment with where it goes: its reflection's
// index, its encounter's (for a moment) and its position there.
type placed[T any] struct {
	reflection, encounter, position int
	item                            T
}

func comparePlaced[T any](a, b placed[T]) int {
	if a.reflection != b.reflection {
		return a.reflection - b.reflection
	}
	if a.encounter != b.encounter {
		return a.encounter - b.encounter
	}
	return a.position - b.position
}

// runs yields the items of each encounter (or of each reflection, for
// encounters) in position order. It sorts indexes, not the items: that is
// several times faster for tens of thousands of them.
func runs[T any](items []placed[T]) iter.Seq2[placed[T], []T] {
	order := make([]int32, len(items))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := comparePlaced(items[a], items[b]); c != 0 {
			return c
		}
		return int(a - b) // the order they came in
	})
	return func(yield func(placed[T], []T) bool) {
		for start := 0; start < len(order); {
			at := items[order[start]]
			end := start + 1
			for end < len(order) && items[order[end]].reflection == at.reflection && items[order[end]].encounter == at.encounter {
				end++
			}
			run := make([]T, end-start)
			for k := range run {
				run[k] = items[order[start+k]].item
			}
			if !yield(at, run) {
				return
			}
			start = end
		}
	}
}

// rowsTimeline is packedTimeline row by row, for a history too large to
// pack into one text.
func rowsTimeline(ctx context.Context, tx *sql.Tx, where string, args []any) ([]Reflection, error) {
	var out []Reflection
	byID := map[string]int{}
	err := walkRows(ctx, tx, "SELECT r.id, r.at_utc, r.at_off, r.text, r.created_utc, r.updated_utc"+
		" FROM encounters e JOIN reflections r ON r.id = e.reflection_id WHERE "+where+timelineOrder, func(rows *sql.Rows) error {
		var r Reflection
		var at, created, updated string
		var off int
		if err := rows.Scan(&r.ID, &at, &off, &r.Text, &created, &updated); err != nil {
			return err
		}
		var err error
		if r.At, err = parseStored(at, off); err != nil {
			return err
		}
		if r.CreatedAt, err = parseStored(created, 0); err != nil {
			return err
		}
		if r.UpdatedAt, err = parseStored(updated, 0); err != nil {
			return err
		}
		byID[r.ID] = len(out)
		out = append(out, r)
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("load reflections: %w", err)
	}
	err = walkRows(ctx, tx, "SELECT e2.reflection_id, e2.person_id, e2.closeness"+
		" FROM encounters e JOIN encounters e2 ON e2.reflection_id = e.reflection_id WHERE "+where+timelineOrder+", e2.position", func(rows *sql.Rows) error {
		var rid string
		var enc Encounter
		var c sql.NullInt64
		if err := rows.Scan(&rid, &enc.PersonID, &c); err != nil {
			return err
		}
		enc.Closeness = Closeness(c.Int64)
		if i, ok := byID[rid]; ok {
			out[i].Encounters = append(out[i].Encounters, enc)
		}
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("load encounters: %w", err)
	}
	err = walkRows(ctx, tx, "SELECT m.reflection_id, m.person_id, m.id, m.kind, m.note"+
		" FROM encounters e JOIN moments m ON m.reflection_id = e.reflection_id WHERE "+where+timelineOrder+", m.person_id, m.position", func(rows *sql.Rows) error {
		var rid, pid string
		var m Moment
		if err := rows.Scan(&rid, &pid, &m.ID, &m.Kind, &m.Note); err != nil {
			return err
		}
		if i, ok := byID[rid]; ok {
			if e := out[i].Encounter(pid); e != nil {
				e.Moments = append(e.Moments, m)
			}
		}
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("load moments: %w", err)
	}
	return out, nil
}

// compareTimeline orders reflections by instant, then id.
func compareTimeline(a, b Reflection) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// unpacker splits packed fields; bad is set, and stays, at the first that
// does not parse.
type unpacker struct {
	s   string
	bad bool
}

func (u *unpacker) text() string {
	i := strings.IndexByte(u.s, ':')
	if u.bad || i <= 0 {
		u.bad = true
		return ""
	}
	n, err := strconv.Atoi(u.s[:i])
	if err != nil || n < 0 || n > len(u.s)-i-1 {
		u.bad = true
		return ""
	}
	v := u.s[i+1 : i+1+n]
	u.s = u.s[i+1+n:]
	return v
}

func (u *unpacker) int() int {
	i := strings.IndexByte(u.s, ';')
	if u.bad || i <= 0 {
		u.bad = true
		return 0
	}
	n, err := strconv.Atoi(u.s[:i])
	if err != nil {
		u.bad = true
		return 0
	}
	u.s = u.s[i+1:]
	return n
}

// more reports whether there are fields left to read.
func (u *unpacker) more() bool { return !u.bad && u.s != "" }

// done checks that the packed text split cleanly.
func (u *unpacker) done(what string) error {
	if u.bad || u.s != "" {
		return fmt.Errorf("load %s: %w", what, errNotPacked)
	}
	return nil
}
