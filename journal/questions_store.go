package journal

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// loadAskedQuestions adds the asked questions of the reflections byID (whose
// ids fill the placeholders in) to their encounters.
func loadAskedQuestions(ctx context.Context, tx *sql.Tx, in string, args []any, byID map[string]*Reflection) error {
	rows, err := tx.QueryContext(ctx,
		"SELECT reflection_id, person_id, question_id, they_answered, i_answered FROM asked_questions WHERE reflection_id IN ("+in+") ORDER BY reflection_id, person_id, position", args...)
	if err != nil {
		return fmt.Errorf("load asked questions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rid, pid string
		var q AskedQuestion
		if err := rows.Scan(&rid, &pid, &q.ID, &q.TheyAnswered, &q.IAnswered); err != nil {
			return err
		}
		if r := byID[rid]; r != nil {
			if e := r.Encounter(pid); e != nil {
				e.Questions = append(e.Questions, q)
			}
		}
	}
	return rows.Err()
}

// AskedRecord is one deck question asked of one person on one evening.
type AskedRecord struct {
	ReflectionID string
	PersonID     string
	At           time.Time // the evening, in the offset it was written in
	AskedQuestion
}

// AskedQuestions returns the questions asked of one person, or of everyone
// when personID is "", grouped by person, each person's oldest first.
func (s *Store) AskedQuestions(ctx context.Context, personID string) ([]AskedRecord, error) {
	where, args := "", []any(nil)
	if personID != "" {
		where, args = " WHERE q.person_id = ?", []any{personID}
	}
	var out []AskedRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT q.reflection_id, q.person_id, e.at_utc, e.at_off, q.question_id, q.they_answered, q.i_answered
			FROM asked_questions q JOIN encounters e ON e.reflection_id = q.reflection_id AND e.person_id = q.person_id`+where+`
			ORDER BY q.person_id, e.at_utc, q.reflection_id, q.position`, args...)
		if err != nil {
			return fmt.Errorf("read asked questions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r AskedRecord
			var at string
			var off int
			if err := rows.Scan(&r.ReflectionID, &r.PersonID, &at, &off, &r.ID, &r.TheyAnswered, &r.IAnswered); err != nil {
				return err
			}
			if r.At, err = parseStored(at, off); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// QuestionState is where one deck question stands with one person, over
// every evening it was asked.
type QuestionState struct {
	Question
	Asked        int       // evenings it was asked
	TheyAnswered bool      // they answered it at least once
	IAnswered    bool      // I answered it at least once
	LastAsked    time.Time // zero when never asked
}

// State names the state as the CLI prints it: "" (never asked), "asked",
// "they-answered", "i-answered" or "both".
func (q QuestionState) State() string {
	switch {
	case q.Asked == 0:
		return ""
	case q.TheyAnswered && q.IAnswered:
		return "both"
	case q.TheyAnswered:
		return "they-answered"
	case q.IAnswered:
		return "i-answered"
	}
	return "asked"
}

// QuestionStates lays the installed deck out against one person's asked
// questions: every question, in order of depth, with its state.
func QuestionStates(deck *QuestionDeck, asked []AskedRecord) []QuestionState {
	qs := deck.Questions()
	out := make([]QuestionState, len(qs))
	index := make(map[string]int, len(qs))
	for i, q := range qs {
		out[i].Question = q
		index[q.ID] = i
	}
	for _, a := range asked {
		i, ok := index[a.ID]
		if !ok {
			continue // asked from a deck this build does not know
		}
		st := &out[i]
		st.Asked++
		st.TheyAnswered = st.TheyAnswered || a.TheyAnswered
		st.IAnswered = st.IAnswered || a.IAnswered
		if a.At.After(st.LastAsked) {
			st.LastAsked = a.At
		}
	}
	return out
}

// NextQuestions are the deck's questions none of personIDs has been asked
// yet, in order of depth: what the composer offers next. except is an
// evening whose own questions do not count (the one being edited).
func (s *Store) NextQuestions(ctx context.Context, personIDs []string, except string) ([]Question, error) {
	if len(personIDs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(personIDs)+1)
	for _, id := range personIDs {
		args = append(args, id)
	}
	args = append(args, except)
	asked := map[string]bool{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT DISTINCT question_id FROM asked_questions WHERE person_id IN ("+placeholders(len(personIDs))+") AND reflection_id <> ?", args...)
		if err != nil {
			return fmt.Errorf("read asked questions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			asked[id] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	var out []Question
	for _, q := range Deck().Questions() {
		if !asked[q.ID] {
			out = append(out, q)
		}
	}
	return out, nil
}
