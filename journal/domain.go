// Package journal holds Kindred's domain (people, reflections, encounters,
// moments) and the SQLite store that keeps them.
package journal

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Closeness is a rating on the Inclusion of Other in the Self scale: 1 (two
// circles barely touching) to 7 (almost fully overlapping). Zero means the
// evening was not rated, which imports and quick notes often are.
type Closeness int

const (
	NotRated     Closeness = 0
	MinCloseness Closeness = 1
	MaxCloseness Closeness = 7
)

// Rated reports whether c holds a rating.
func (c Closeness) Rated() bool { return c >= MinCloseness && c <= MaxCloseness }

var closenessLabels = [...]string{
	"Not rated",
	"Apart",
	"Just touching",
	"A little overlap",
	"Some overlap",
	"Much overlap",
	"Very close",
	"Almost one",
}

// Label is a short name for the rating, shown beside the circles.
func (c Closeness) Label() string {
	if c < 0 || int(c) >= len(closenessLabels) {
		return fmt.Sprintf("closeness %d", int(c))
	}
	return closenessLabels[c]
}

// Validate checks that c is unrated or on the 1-7 scale.
func (c Closeness) Validate() error {
	if c != NotRated && !c.Rated() {
		return fieldErrorf("closeness", "Closeness must be between 1 and 7 (got %d).", int(c))
	}
	return nil
}

// Person is someone the user keeps a journal about.
type Person struct {
	ID        string
	Name      string
	Color     string // #rrggbb, chosen at creation; shown with their initials
	Archived  bool
	CreatedAt time.Time
}

// MaxNameLength bounds a person's name in characters.
const MaxNameLength = 120

// Validate checks a person before it is stored.
func (p *Person) Validate() error {
	name := strings.TrimSpace(p.Name)
	if name == "" {
		return fieldErrorf("name", "A person needs a name.")
	}
	if !utf8.ValidString(name) {
		return fieldErrorf("name", "The name is not valid UTF-8.")
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return fieldErrorf("name", "That name is longer than %d characters.", MaxNameLength)
	}
	if p.Color != "" && !colorPattern.MatchString(p.Color) {
		return fieldErrorf("color", "Colour %q is not of the form #rrggbb.", p.Color)
	}
	return nil
}

// Initials are up to two letters for a person's badge.
func (p *Person) Initials() string {
	var out []rune
	for _, w := range strings.Fields(p.Name) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, r)
		if len(out) == 2 {
			break
		}
	}
	return strings.ToUpper(string(out))
}

// Moment is something that happened with one person in an encounter.
type Moment struct {
	ID   string
	Kind string // a MomentKind id
	Note string
}

// MaxNoteLength bounds a moment's note: it is a short note, the text is elsewhere.
const MaxNoteLength = 500

// Encounter is the part of a reflection about one person.
type Encounter struct {
	PersonID  string
	Closeness Closeness
	Moments   []Moment
	// Questions are the deck questions asked of this person that evening.
	Questions []AskedQuestion
}

// HasKind reports whether the encounter has a moment of kind.
func (e *Encounter) HasKind(kind string) bool {
	for _, m := range e.Moments {
		if m.Kind == kind {
			return true
		}
	}
	return false
}

// Reflection is one journal entry: an evening, its text, and an encounter for
// each person who was there.
type Reflection struct {
	ID         string
	At         time.Time // carries the offset the user wrote it in
	Text       string
	Encounters []Encounter
	// Photos are the evening's photos in order. Saving links those listed
	// (added first with Store.AddPhoto) and lets go of any no longer listed.
	Photos    []Photo
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Encounter returns the encounter with personID, or nil.
func (r *Reflection) Encounter(personID string) *Encounter {
	for i := range r.Encounters {
		if r.Encounters[i].PersonID == personID {
			return &r.Encounters[i]
		}
	}
	return nil
}

// MaxFutureSkew is how far past now a reflection may be dated; evenings are
// written after they happen, so anything later is almost surely a typo.
const MaxFutureSkew = 48 * time.Hour

// MaxTextLength bounds a reflection's text in bytes (about a small book).
const MaxTextLength = 1 << 20

// Validate checks a reflection before it is stored. now is the current time,
// injectable so date rules can be tested.
func (r *Reflection) Validate(now time.Time) error {
	if r.At.IsZero() {
		return fieldErrorf("date", "A reflection needs a date.")
	}
	if r.At.After(now.Add(MaxFutureSkew)) {
		return fieldErrorf("date", "The date %s is in the future.", r.At.Format("2 Jan 2006"))
	}
	if r.At.Year() < 1900 {
		return fieldErrorf("date", "The date %s is too far in the past.", r.At.Format("2 Jan 2006"))
	}
	if len(r.Encounters) == 0 {
		return fieldErrorf("people", "Choose at least one person who was there.")
	}
	if len(r.Text) > MaxTextLength {
		return fieldErrorf("text", "The text is longer than %d MB.", MaxTextLength>>20)
	}
	if !utf8.ValidString(r.Text) {
		return fieldErrorf("text", "The text is not valid UTF-8.")
	}
	seen := map[string]bool{}
	for _, e := range r.Encounters {
		if e.PersonID == "" {
			return fieldErrorf("people", "An encounter has no person.")
		}
		if seen[e.PersonID] {
			return fieldErrorf("people", "The same person is listed twice.")
		}
		seen[e.PersonID] = true
		if err := e.Closeness.Validate(); err != nil {
			return err
		}
		kinds := map[string]bool{}
		for _, m := range e.Moments {
			if m.Kind == "" {
				return fieldErrorf("moments", "A moment has no kind.")
			}
			if kinds[m.Kind] {
				return fieldErrorf("moments", "The moment %q is tagged twice for the same person.", m.Kind)
			}
			kinds[m.Kind] = true
			if utf8.RuneCountInString(m.Note) > MaxNoteLength {
				return fieldErrorf("moments", "A moment note is longer than %d characters.", MaxNoteLength)
			}
		}
		if err := validateQuestions(e.Questions); err != nil {
			return err
		}
	}
	return nil
}

var (
	colorPattern  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	kindIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
)

// ValidateKind checks a custom moment kind.
func ValidateKind(k *MomentKind) error {
	if !kindIDPattern.MatchString(k.ID) {
		return fieldErrorf("id", "A kind id is lower-case letters, digits and dashes (got %q).", k.ID)
	}
	if strings.TrimSpace(k.Label) == "" {
		return fieldErrorf("label", "A moment kind needs a label.")
	}
	if !colorPattern.MatchString(k.Color) {
		return fieldErrorf("color", "Colour %q is not of the form #rrggbb.", k.Color)
	}
	return nil
}

// KindIDFromLabel turns a label into a kind id ("Board games!" -> "board-games").
func KindIDFromLabel(label string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldAccents(label)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
