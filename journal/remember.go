package journal

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// RememberYears are how far back "on this day" looks, and the anniversaries
// of firsts that are marked: the first few years one by one, while a bond is
// young, then the round ones.
var RememberYears = []int{1, 2, 3, 5, 10}

// Memory is something worth remembering on a date: an evening from some
// years ago on that day, or the anniversary of a first.
type Memory struct {
	// Kind is "on-this-day-<N>y", or "first-<moment kind>-<N>y".
	Kind  string
	Years int
	// Moment is the kind of moment whose first this is; "" on an evening.
	Moment       string
	ReflectionID string
	// At is when the evening was, in the offset it was written in; its date
	// is the evening's own date.
	At time.Time
	// PersonIDs and Names are the person whose first this is, or everyone
	// of the evening, in the evening's order.
	PersonIDs []string
	Names     []string
	// Text says it in a sentence; Written is what the evening's reflection
	// says.
	Text    string
	Written string
}

// Person is the names of the memory's people as one line.
func (m *Memory) Person() string { return strings.Join(m.Names, ", ") }

// RememberQuery asks for the memories of a date, for everyone or one person.
type RememberQuery struct {
	// Date is the day to remember on; only its year, month and day count.
	Date     time.Time
	PersonID string // "" for everyone
}

// Remember returns the memories of a date: the evenings RememberYears ago
// on that day, by each evening's own date (29 February is remembered on 28
// February in other years), and the anniversaries of firsts on it.
// Missteps are never marked. Nearest years come first; within a year the
// firsts, then the evenings, oldest first.
func (s *Store) Remember(ctx context.Context, q RememberQuery) ([]Memory, error) {
	var out []Memory
	err := s.read(ctx, func(tx *sql.Tx) error {
		if q.PersonID != "" {
			if _, err := s.person(ctx, tx, q.PersonID); err != nil {
				return err
			}
		}
		var err error
		out, err = s.remember(ctx, tx, q)
		return err
	})
	return out, err
}

func (s *Store) remember(ctx context.Context, tx *sql.Tx, q RememberQuery) ([]Memory, error) {
	years := map[string]int{} // reflection id -> how many years ago
	var ids []string
	for _, n := range RememberYears {
		for _, day := range DaysRemembered(q.Date, n) {
			found, err := eveningsOn(ctx, tx, day, q.PersonID)
			if err != nil {
				return nil, err
			}
			for _, id := range found {
				if _, ok := years[id]; !ok {
					years[id] = n
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	evs, err := loadRemembered(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	names, err := peopleNames(ctx, tx, evs)
	if err != nil {
		return nil, err
	}
	all, err := listKinds(ctx, tx)
	if err != nil {
		return nil, err
	}
	kinds := make(map[string]MomentKind, len(all))
	order := make(map[string]int, len(all))
	for i, k := range all {
		kinds[k.ID], order[k.ID] = k, i
	}
	check, err := newFirstCheck(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer check.close()
	today := sameDay(q.Date, s.Now())
	var out []Memory
	for i := range evs {
		r := &evs[i]
		n := years[r.id]
		when := rememberWhen(n, r.at, q.Date, today)
		evening := Memory{Kind: fmt.Sprintf("on-this-day-%dy", n), Years: n, ReflectionID: r.id, At: r.at, Written: r.text}
		var firsts []Memory
		for _, e := range r.encounters {
			name := names[e.personID]
			evening.PersonIDs = append(evening.PersonIDs, e.personID)
			evening.Names = append(evening.Names, name)
			if q.PersonID != "" && e.personID != q.PersonID {
				continue
			}
			for _, kind := range e.kinds {
				k, ok := kinds[kind]
				if !ok || k.Misstep {
					continue
				}
				first, err := check.isFirst(ctx, e.personID, kind, Cursor{AtUTC: r.atUTC, ID: r.id})
				if err != nil {
					return nil, err
				}
				if first {
					firsts = append(firsts, Memory{
						Kind: fmt.Sprintf("first-%s-%dy", kind, n), Years: n, Moment: kind,
						ReflectionID: r.id, At: r.at, PersonIDs: []string{e.personID}, Names: []string{name},
						Text: when + firstText(k, name), Written: r.text,
					})
				}
			}
		}
		evening.Text = when + ": an evening with " + JoinNames(evening.Names) + "."
		out = append(out, firsts...)
		out = append(out, evening)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.Years != b.Years {
			return a.Years < b.Years
		}
		if (a.Moment != "") != (b.Moment != "") {
			return a.Moment != ""
		}
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return order[a.Moment] < order[b.Moment]
	})
	return out, nil
}

// remembered is what Remember reads of an evening: less than a Reflection
// (no notes, no ratings), from the kinds each encounter keeps beside it.
type remembered struct {
	id, atUTC, text string
	at              time.Time
	encounters      []rememberedEncounter
}

type rememberedEncounter struct {
	personID string
	kinds    []string // each once, in the order tagged
}

// loadRemembered reads the evenings of ids, oldest first.
func loadRemembered(ctx context.Context, tx *sql.Tx, ids []string) ([]remembered, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	in := placeholders(len(ids))
	rows, err := tx.QueryContext(ctx, "SELECT id, at_utc, at_off, text FROM reflections WHERE id IN ("+in+") ORDER BY at_utc, id", args...)
	if err != nil {
		return nil, fmt.Errorf("read evenings to remember: %w", err)
	}
	var out []remembered
	for rows.Next() {
		var r remembered
		var off int
		if err := rows.Scan(&r.id, &r.atUTC, &off, &r.text); err != nil {
			rows.Close()
			return nil, err
		}
		if r.at, err = parseStored(r.atUTC, off); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byID := make(map[string]*remembered, len(out))
	for i := range out {
		byID[out[i].id] = &out[i]
	}
	rows, err = tx.QueryContext(ctx, "SELECT reflection_id, person_id, kinds FROM encounters WHERE reflection_id IN ("+in+") ORDER BY reflection_id, position", args...)
	if err != nil {
		return nil, fmt.Errorf("read evenings to remember: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rid, kinds string
		var e rememberedEncounter
		if err := rows.Scan(&rid, &e.personID, &kinds); err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, k := range strings.Split(kinds, ",") {
			if k != "" && !seen[k] {
				seen[k] = true
				e.kinds = append(e.kinds, k)
			}
		}
		if r := byID[rid]; r != nil {
			r.encounters = append(r.encounters, e)
		}
	}
	return out, rows.Err()
}

// DaysRemembered are the dates, years before date, whose evenings are
// remembered on it. 29 February has no day of its own in other years: its
// evenings are remembered on 28 February, and on a 29 February the years
// without one have nothing (their 28th was remembered the day before).
func DaysRemembered(date time.Time, years int) []time.Time {
	y, m, d := date.Date()
	back := y - years
	switch {
	case m == time.February && d == 29:
		if !isLeap(back) {
			return nil
		}
	case m == time.February && d == 28 && !isLeap(y) && isLeap(back):
		return []time.Time{civil(back, m, 28), civil(back, m, 29)}
	}
	return []time.Time{civil(back, m, d)}
}

// Anniversary is the day a date comes back years later: 29 February comes
// back on 28 February in years without one.
func Anniversary(date time.Time, years int) time.Time {
	y, m, d := date.Date()
	if m == time.February && d == 29 && !isLeap(y+years) {
		d = 28
	}
	return civil(y+years, m, d)
}

func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// eveningsOn lists the evenings whose own date is day, for everyone or one
// person. Offsets put an evening's date up to a day from its UTC date, so
// the index is read over that margin and each time judged in its offset.
func eveningsOn(ctx context.Context, tx *sql.Tx, day time.Time, personID string) ([]string, error) {
	from, to := FormatUTC(day.Add(-offsetMargin)), FormatUTC(day.Add(24*time.Hour+offsetMargin))
	var rows *sql.Rows
	var err error
	if personID == "" {
		rows, err = tx.QueryContext(ctx, "SELECT id, at_utc, at_off FROM reflections WHERE at_utc >= ? AND at_utc < ?", from, to)
	} else {
		rows, err = tx.QueryContext(ctx, "SELECT reflection_id, at_utc, at_off FROM encounters WHERE person_id = ? AND at_utc >= ? AND at_utc < ?", personID, from, to)
	}
	if err != nil {
		return nil, fmt.Errorf("read evenings on %s: %w", day.Format(time.DateOnly), err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id, utc string
		var off int
		if err := rows.Scan(&id, &utc, &off); err != nil {
			return nil, err
		}
		at, err := parseStored(utc, off)
		if err != nil {
			return nil, err
		}
		if sameDay(at, day) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// peopleNames reads the names of everyone in evs.
func peopleNames(ctx context.Context, tx *sql.Tx, evs []remembered) (map[string]string, error) {
	names := map[string]string{}
	var args []any
	for _, r := range evs {
		for _, e := range r.encounters {
			if _, ok := names[e.personID]; !ok {
				names[e.personID] = ""
				args = append(args, e.personID)
			}
		}
	}
	if len(args) == 0 {
		return names, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM people WHERE id IN ("+placeholders(len(args))+")", args...)
	if err != nil {
		return nil, fmt.Errorf("read names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}
