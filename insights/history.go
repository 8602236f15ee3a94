package insights

import (
	"encoding/json"
	"time"

	"kindred/journal"
)

// Evening is one person's part of one evening, as analysis sees it.
type Evening struct {
	ReflectionID string
	At           time.Time // in the offset the evening was written in
	Closeness    journal.Closeness
	Kinds        []string // the moment kinds tagged for this person
	// TheyAnswered and IAnswered: a deck question was answered that evening
	// by them, by me (both for a mutual answer).
	TheyAnswered, IAnswered bool
}

// TheyOpenedUp is an evening they opened up: they went deep (deep-talk) or
// answered a question of the deck.
func (e *Evening) TheyOpenedUp() bool { return e.TheyAnswered || e.Has(journal.KindDeepTalk) }

// IOpenedUp is an evening I opened up too: I shared back (shared-back) or
// answered a question of the deck myself.
func (e *Evening) IOpenedUp() bool { return e.IAnswered || e.Has(journal.KindSharedBack) }

// Has reports whether a moment of kind was tagged.
func (e *Evening) Has(kind string) bool {
	for _, k := range e.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// PersonHistory is a person and their evenings, oldest first.
type PersonHistory struct {
	Person   journal.Person
	Evenings []Evening
	// Asked are the deck questions asked of them, oldest first.
	Asked []journal.AskedRecord
}

// History is what the journal-wide analysis reads: everyone's evenings, the
// moment kinds (built-in and the journal's own) and the suggestions the user
// has put aside.
type History struct {
	People    []PersonHistory
	Kinds     []journal.MomentKind
	Dismissed map[string]time.Time
}

// Range bounds the evenings an analysis shows, both ends inclusive; a zero
// end is open. Only the ends' dates count, each read on its own clock, and
// they are compared with each evening's date on its own clock: 1 July is 1
// July in the evening's zone, whatever zone the range was given in. History
// before From still informs trends, rhythms and scores.
type Range struct {
	From time.Time
	To   time.Time
}

// Contains reports whether t's own date falls in the range.
func (r Range) Contains(t time.Time) bool {
	day := ownDay(t)
	return (r.From.IsZero() || day >= ownDay(r.From)) && (r.To.IsZero() || day <= ownDay(r.To))
}

// Preset is one of the time ranges the app and the command line offer.
type Preset int

const (
	PresetLast3Months Preset = iota
	PresetLastYear
	PresetAll
)

// Presets lists the presets in the order they are offered.
var Presets = []Preset{PresetLast3Months, PresetLastYear, PresetAll}

// String is the preset's label.
func (p Preset) String() string {
	switch p {
	case PresetLast3Months:
		return "Last 3 months"
	case PresetLastYear:
		return "Last year"
	default:
		return "All time"
	}
}

// Range is the preset's range ending at now.
func (p Preset) Range(now time.Time) Range {
	switch p {
	case PresetLast3Months:
		return Range{From: now.AddDate(0, -3, 0), To: now}
	case PresetLastYear:
		return Range{From: now.AddDate(-1, 0, 0), To: now}
	default:
		return Range{}
	}
}

// AsOf is the moment an analysis of the range looks from: the range's end
// when its date is before now's, else now. Evenings count up to as of by
// date: every evening dated on or before as of's date, on its own clock.
func (r Range) AsOf(now time.Time) time.Time {
	if !r.To.IsZero() && ownDay(r.To) < ownDay(now) {
		return r.To
	}
	return now
}

// rangeJSON writes open ends as null rather than year 1.
type rangeJSON struct {
	From *time.Time `json:"from"`
	To   *time.Time `json:"to"`
}

// MarshalJSON writes {"from": time or null, "to": time or null}.
func (r Range) MarshalJSON() ([]byte, error) {
	var j rangeJSON
	if !r.From.IsZero() {
		j.From = &r.From
	}
	if !r.To.IsZero() {
		j.To = &r.To
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Range) UnmarshalJSON(b []byte) error {
	var j rangeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Range{}
	if j.From != nil {
		r.From = *j.From
	}
	if j.To != nil {
		r.To = *j.To
	}
	return nil
}
