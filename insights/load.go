package insights

import (
	"context"
	"fmt"
	"time"

	"kindred/journal"
)

// Source is what the insights read from a journal; *journal.Store has it.
type Source interface {
	Person(ctx context.Context, id string) (*journal.Person, error)
	People(ctx context.Context, includeArchived bool) ([]journal.Person, error)
	Kinds(ctx context.Context) ([]journal.MomentKind, error)
	EncounterLog(ctx context.Context, personID string) ([]journal.EncounterRecord, error)
	AskedQuestions(ctx context.Context, personID string) ([]journal.AskedRecord, error)
	DismissedSuggestions(ctx context.Context) (map[string]time.Time, error)
}

// Load reads what the analysis needs: one person's evenings, or everyone's
// when personID is "" (archived people included: their evenings are part of
// the journal's story).
func Load(ctx context.Context, src Source, personID string) (History, error) {
	var h History
	var err error
	if h.Kinds, err = src.Kinds(ctx); err != nil {
		return h, fmt.Errorf("load moment kinds: %w", err)
	}
	if h.Dismissed, err = src.DismissedSuggestions(ctx); err != nil {
		return h, fmt.Errorf("load dismissed suggestions: %w", err)
	}
	var people []journal.Person
	if personID != "" {
		p, err := src.Person(ctx, personID)
		if err != nil {
			return h, fmt.Errorf("load person: %w", err)
		}
		people = []journal.Person{*p}
	} else if people, err = src.People(ctx, true); err != nil {
		return h, fmt.Errorf("load people: %w", err)
	}
	log, err := src.EncounterLog(ctx, personID)
	if err != nil {
		return h, fmt.Errorf("load evenings: %w", err)
	}
	h.People = Histories(people, log)
	asked, err := src.AskedQuestions(ctx, personID)
	if err != nil {
		return h, fmt.Errorf("load asked questions: %w", err)
	}
	AttachAsked(h.People, asked)
	return h, nil
}

// Histories groups encounter records by person, in the order people are
// given; records of people not listed are left out.
func Histories(people []journal.Person, log []journal.EncounterRecord) []PersonHistory {
	out := make([]PersonHistory, len(people))
	index := make(map[string]int, len(people))
	for i, p := range people {
		out[i].Person = p
		index[p.ID] = i
	}
	counts := make([]int, len(people))
	for _, r := range log {
		if i, ok := index[r.PersonID]; ok {
			counts[i]++
		}
	}
	for i := range out {
		out[i].Evenings = make([]Evening, 0, counts[i])
	}
	for _, r := range log {
		if i, ok := index[r.PersonID]; ok {
			out[i].Evenings = append(out[i].Evenings, Evening{
				ReflectionID: r.ReflectionID, At: r.At, Closeness: r.Closeness, Kinds: r.Kinds,
			})
		}
	}
	// The log comes in the order of instants; the analysis wants own dates.
	for i := range out {
		if !inOwnDateOrder(out[i].Evenings) {
			sortByOwnDate(out[i].Evenings)
		}
	}
	return out
}

// AttachAsked gives each person their asked deck questions, and marks the
// evenings on which they, or I, answered one.
func AttachAsked(people []PersonHistory, asked []journal.AskedRecord) {
	if len(asked) == 0 {
		return
	}
	index := make(map[string]int, len(people))
	for i, p := range people {
		index[p.Person.ID] = i
	}
	evening := map[string]*Evening{}
	cur := -1
	for _, a := range asked {
		i, ok := index[a.PersonID]
		if !ok {
			continue
		}
		p := &people[i]
		if i != cur {
			cur = i
			clear(evening)
			for j := range p.Evenings {
				evening[p.Evenings[j].ReflectionID] = &p.Evenings[j]
			}
		}
		p.Asked = append(p.Asked, a)
		if e := evening[a.ReflectionID]; e != nil {
			e.TheyAnswered = e.TheyAnswered || a.TheyAnswered
			e.IAnswered = e.IAnswered || a.IAnswered
		}
	}
}

// PersonReport loads one person's evenings and analyses them.
func PersonReport(ctx context.Context, src Source, personID string, rng Range, now time.Time) (*PersonInsights, error) {
	h, err := Load(ctx, src, personID)
	if err != nil {
		return nil, err
	}
	pi := AnalyzePerson(h.People[0], h.Kinds, h.Dismissed, rng, now)
	return &pi, nil
}

// JournalReport loads the whole journal and analyses it.
func JournalReport(ctx context.Context, src Source, rng Range, now time.Time) (*JournalInsights, error) {
	h, err := Load(ctx, src, "")
	if err != nil {
		return nil, err
	}
	ji := AnalyzeJournal(h, rng, now)
	return &ji, nil
}
