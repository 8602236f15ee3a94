package journal

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
)

// QuestionLevel is how deep a question of the deck goes. The deck is asked in
// order of depth: light questions first, vulnerable ones last.
type QuestionLevel int

const (
	LevelLight      QuestionLevel = 1
	LevelPersonal   QuestionLevel = 2
	LevelVulnerable QuestionLevel = 3
)

var levelNames = [...]string{"", "light", "personal", "vulnerable"}

// String is the level's stable name, as the deck file and the CLI write it.
func (l QuestionLevel) String() string {
	if l < LevelLight || l > LevelVulnerable {
		return fmt.Sprintf("level %d", int(l))
	}
	return levelNames[l]
}

// Label is the level's name for a sentence ("Light", "Personal", ...).
func (l QuestionLevel) Label() string {
	s := l.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// ParseQuestionLevel reads a level's stable name.
func ParseQuestionLevel(s string) (QuestionLevel, bool) {
	for i, n := range levelNames {
		if i > 0 && n == s {
			return QuestionLevel(i), true
		}
	}
	return 0, false
}

// Question is one card of the deck. Its id never changes meaning once
// released; its text may be reworded, its level may not change.
type Question struct {
	ID    string
	Level QuestionLevel
	Text  string
}

// QuestionDeck is the deck of deep questions, in order of depth. The deck's
// content lives with Kindred's other texts (assets); the journal only checks
// ids against it, so it is handed in (UseQuestionDeck) rather than imported.
type QuestionDeck struct {
	questions []Question
	index     map[string]int
}

var questionIDPattern = regexp.MustCompile(`^q[0-9]{2,3}$`)

// NewQuestionDeck checks a deck: ids of the form q01, each once, levels known
// and never going back up (light before personal before vulnerable).
func NewQuestionDeck(qs []Question) (*QuestionDeck, error) {
	d := &QuestionDeck{questions: append([]Question(nil), qs...), index: make(map[string]int, len(qs))}
	prev := LevelLight
	for i, q := range d.questions {
		if !questionIDPattern.MatchString(q.ID) {
			return nil, fmt.Errorf("question %d: id %q is not of the form q01", i+1, q.ID)
		}
		if _, dup := d.index[q.ID]; dup {
			return nil, fmt.Errorf("question %s is in the deck twice", q.ID)
		}
		if q.Level < LevelLight || q.Level > LevelVulnerable {
			return nil, fmt.Errorf("question %s: unknown level %d", q.ID, int(q.Level))
		}
		if q.Level < prev {
			return nil, fmt.Errorf("question %s: the deck must go deeper in order (%s after %s)", q.ID, q.Level, prev)
		}
		if strings.TrimSpace(q.Text) == "" {
			return nil, fmt.Errorf("question %s has no text", q.ID)
		}
		prev = q.Level
		d.index[q.ID] = i
	}
	return d, nil
}

// Questions are the deck's questions in order of depth. The slice is shared:
// do not change it.
func (d *QuestionDeck) Questions() []Question {
	if d == nil {
		return nil
	}
	return d.questions
}

// Question returns the question with id.
func (d *QuestionDeck) Question(id string) (Question, bool) {
	if d == nil {
		return Question{}, false
	}
	i, ok := d.index[id]
	if !ok {
		return Question{}, false
	}
	return d.questions[i], true
}

// Level is the level of question id, 0 when the deck does not have it.
func (d *QuestionDeck) Level(id string) QuestionLevel {
	q, _ := d.Question(id)
	return q.Level
}

var currentDeck atomic.Pointer[QuestionDeck]

// UseQuestionDeck installs the deck that saves and imports check question
// ids against. Kindred's assets package installs its deck when it is loaded.
func UseQuestionDeck(d *QuestionDeck) { currentDeck.Store(d) }

// Deck is the installed deck; nil (no questions known) if none is.
func Deck() *QuestionDeck { return currentDeck.Load() }

// AskedQuestion is a deck question asked of one person on one evening, and
// who answered it: reciprocity is both answering, not one interviewing.
type AskedQuestion struct {
	ID           string // a deck question id
	TheyAnswered bool
	IAnswered    bool
}

// Answers names who answered: "", "them", "me" or "both".
func (a AskedQuestion) Answers() string {
	switch {
	case a.TheyAnswered && a.IAnswered:
		return "both"
	case a.TheyAnswered:
		return "them"
	case a.IAnswered:
		return "me"
	}
	return ""
}

// ParseAnswers reads "them", "me", "both" or "" (asked, not answered).
func ParseAnswers(s string) (they, me bool, err error) {
	switch s {
	case "":
		return false, false, nil
	case "them":
		return true, false, nil
	case "me":
		return false, true, nil
	case "both":
		return true, true, nil
	}
	return false, false, fieldErrorf("questions", "Who answered is them, me or both (got %q).", s)
}

// validateQuestions checks an encounter's questions against the installed
// deck: known ids, each at most once.
func validateQuestions(qs []AskedQuestion) error {
	deck := Deck()
	seen := make(map[string]bool, len(qs))
	for _, q := range qs {
		if _, ok := deck.Question(q.ID); !ok {
			return fieldErrorf("questions", "Unknown question id %q: the deck has no such question.", q.ID)
		}
		if seen[q.ID] {
			return fieldErrorf("questions", "The question %s is recorded twice for the same person.", q.ID)
		}
		seen[q.ID] = true
	}
	return nil
}
