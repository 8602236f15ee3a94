package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// personPalette gives new people a calm, distinct colour from their name.
var personPalette = []string{
	"#5b6ee1", "#3f8fc9", "#3fb6a8", "#4caf50", "#8bc34a", "#f2b134",
	"#e8863a", "#d9534f", "#c2417c", "#7b5fd6", "#607d8b", "#a1887f",
}

// ColorForName picks a palette colour stable for a name.
func ColorForName(name string) string {
	h := fnv.New32a()
	h.Write([]byte(FoldName(name)))
	return personPalette[h.Sum32()%uint32(len(personPalette))]
}

// AddPerson stores a new person. Names are unique, ignoring case and accents,
// so that a name always finds one person.
func (s *Store) AddPerson(ctx context.Context, name string) (*Person, error) {
	p := &Person{Name: name}
	err := s.write(ctx, func(tx *sql.Tx) error { return s.addPerson(ctx, tx, p) })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// addPerson inserts p, filling in an id, colour and creation time if unset.
func (s *Store) addPerson(ctx context.Context, tx *sql.Tx, p *Person) error {
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	if p.ID == "" {
		p.ID = uuid.NewString()
	}
	if p.Color == "" {
		p.Color = ColorForName(p.Name)
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.Now()
	}
	if err := p.Validate(); err != nil {
		return err
	}
	var existing string
	err := tx.QueryRowContext(ctx, "SELECT name FROM people WHERE name_fold = ?", FoldName(p.Name)).Scan(&existing)
	if err == nil {
		return &Error{Code: ECONFLICT, Field: "name", Message: fmt.Sprintf("%q is already in the journal.", existing)}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO people (id, name, name_fold, color, archived, created_utc, created_off) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Name, FoldName(p.Name), p.Color, p.Archived, FormatUTC(p.CreatedAt), offsetOf(p.CreatedAt))
	if err != nil {
		return fmt.Errorf("add person %q: %w", p.Name, err)
	}
	return nil
}

// RenamePerson changes a person's name; search finds them by the new name.
func (s *Store) RenamePerson(ctx context.Context, id, name string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		p, err := s.person(ctx, tx, id)
		if err != nil {
			return err
		}
		p.Name = strings.Join(strings.Fields(name), " ")
		if err := p.Validate(); err != nil {
			return err
		}
		var other string
		err = tx.QueryRowContext(ctx, "SELECT id FROM people WHERE name_fold = ? AND id <> ?", FoldName(p.Name), id).Scan(&other)
		if err == nil {
			return &Error{Code: ECONFLICT, Field: "name", Message: fmt.Sprintf("%q is already in the journal.", p.Name)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE people SET name = ?, name_fold = ? WHERE id = ?", p.Name, FoldName(p.Name), id); err != nil {
			return fmt.Errorf("rename person: %w", err)
		}
		return s.reindexPerson(ctx, tx, id)
	})
}

// SetArchived hides or shows a person in the everyday lists; nothing is deleted.
func (s *Store) SetArchived(ctx context.Context, id string, archived bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE people SET archived = ? WHERE id = ?", archived, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "person", id)
	})
}

// DeletePerson removes a person with everything of theirs: their encounters
// and moments, and the reflections that were only about them. Reflections
// shared with others stay, without this person's part.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.deletePerson(ctx, tx, id) })
}

func (s *Store) deletePerson(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := s.person(ctx, tx, id); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT r.seq, r.id, (SELECT count(*) FROM encounters e2 WHERE e2.reflection_id = r.id)
		FROM encounters e JOIN reflections r ON r.id = e.reflection_id
		WHERE e.person_id = ?`, id)
	if err != nil {
		return err
	}
	type ref struct {
		seq    int64
		id     string
		people int
	}
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.seq, &r.id, &r.people); err != nil {
			rows.Close()
			return err
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM people WHERE id = ?", id); err != nil {
		return fmt.Errorf("delete person: %w", err)
	}
	for _, r := range refs {
		if r.people <= 1 {
			if err := deleteReflection(ctx, tx, r.seq, r.id); err != nil {
				return err
			}
			continue
		}
		if err := s.reindex(ctx, tx, r.seq, r.id); err != nil {
			return err
		}
	}
	return nil
}

// Person returns one person by id.
func (s *Store) Person(ctx context.Context, id string) (*Person, error) {
	var p *Person
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = s.person(ctx, tx, id)
		return err
	})
	return p, err
}

const personColumns = "id, name, color, archived, created_utc, created_off"

func scanPerson(sc interface{ Scan(...any) error }) (*Person, error) {
	var p Person
	var created string
	var off int
	if err := sc.Scan(&p.ID, &p.Name, &p.Color, &p.Archived, &created, &off); err != nil {
		return nil, err
	}
	var err error
	p.CreatedAt, err = parseStored(created, off)
	return &p, err
}

func (s *Store) person(ctx context.Context, tx *sql.Tx, id string) (*Person, error) {
	p, err := scanPerson(tx.QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "No such person in the journal.")
	}
	return p, err
}

// People lists people by name; archived ones only when asked.
func (s *Store) People(ctx context.Context, includeArchived bool) ([]Person, error) {
	var out []Person
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = s.people(ctx, tx, includeArchived)
		return err
	})
	return out, err
}

func (s *Store) people(ctx context.Context, tx *sql.Tx, includeArchived bool) ([]Person, error) {
	q := "SELECT " + personColumns + " FROM people"
	if !includeArchived {
		q += " WHERE archived = 0"
	}
	rows, err := tx.QueryContext(ctx, q+" ORDER BY name_fold")
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// FindPerson finds a person by name, ignoring case and accents. An unknown
// name is an error that suggests the closest name: a typo must never
// silently become a new person.
func (s *Store) FindPerson(ctx context.Context, name string) (*Person, error) {
	var p *Person
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = scanPerson(tx.QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE name_fold = ?", FoldName(name)))
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		all, err := s.people(ctx, tx, true)
		if err != nil {
			return err
		}
		names := make([]string, len(all))
		for i, p := range all {
			names[i] = p.Name
		}
		if best := closestName(name, names); best != "" {
			return &Error{Code: ENOTFOUND, Field: "people", Message: fmt.Sprintf("No person named %q. Did you mean %q?", name, best)}
		}
		return &Error{Code: ENOTFOUND, Field: "people", Message: fmt.Sprintf("No person named %q. Add them first with: kindred person add %q", name, name)}
	})
	return p, err
}

// PersonSummary is a person with what the sidebar shows about them.
type PersonSummary struct {
	Person
	Evenings      int
	LastAt        time.Time // zero if never
	LastCloseness Closeness // the most recent rating, NotRated if none
}

// PeopleSummaries lists people by name with their evening counts, last
// evening together and latest closeness.
func (s *Store) PeopleSummaries(ctx context.Context, includeArchived bool) ([]PersonSummary, error) {
	q := `SELECT ` + personColumns + `,
		(SELECT count(*) FROM encounters e WHERE e.person_id = p.id),
		(SELECT r.at_utc || ' ' || r.at_off FROM encounters e JOIN reflections r ON r.id = e.reflection_id
			WHERE e.person_id = p.id ORDER BY e.at_utc DESC LIMIT 1),
		(SELECT e.closeness FROM encounters e WHERE e.person_id = p.id AND e.closeness IS NOT NULL
			ORDER BY e.at_utc DESC LIMIT 1)
		FROM people p`
	if !includeArchived {
		q += " WHERE p.archived = 0"
	}
	q += " ORDER BY p.name_fold"
	var out []PersonSummary
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("list people: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var ps PersonSummary
			var created string
			var off int
			var last sql.NullString
			var closeness sql.NullInt64
			if err := rows.Scan(&ps.ID, &ps.Name, &ps.Color, &ps.Archived, &created, &off, &ps.Evenings, &last, &closeness); err != nil {
				return err
			}
			if ps.CreatedAt, err = parseStored(created, off); err != nil {
				return err
			}
			if last.Valid {
				var utc string
				var lastOff int
				if _, err := fmt.Sscanf(last.String, "%s %d", &utc, &lastOff); err != nil {
					return err
				}
				if ps.LastAt, err = parseStored(utc, lastOff); err != nil {
					return err
				}
			}
			ps.LastCloseness = Closeness(closeness.Int64)
			out = append(out, ps)
		}
		return rows.Err()
	})
	return out, err
}

func mustAffect(res sql.Result, what, id string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return Errorf(ENOTFOUND, "No such %s in the journal.", what)
	}
	return nil
}
