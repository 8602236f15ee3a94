package insights

import (
	"fmt"
	"time"

	"kindred/journal"
)

// The deck rule's thresholds; docs/insights.md explains it.
const (
	deckStallDays     = 120 // on the same deepest level for this long...
	deckStallEvenings = 3   // ...while meeting at least this often since
)

// DeckLevel counts one level of the deck with one person.
type DeckLevel struct {
	Level journal.QuestionLevel `json:"level"`
	Asked int                   `json:"asked"` // different questions of the level asked
	Total int                   `json:"total"` // questions of the level in the deck
}

// DeckProgress is how far down the deck of questions a relationship has
// gone, up to as of. Counts are of different questions, however often each
// was asked.
type DeckProgress struct {
	// Level is the deepest level asked, 0 when no question was.
	Level journal.QuestionLevel `json:"level"`
	// LevelSince is the evening that level was first reached.
	LevelSince   *MomentRef  `json:"level_since,omitempty"`
	Asked        int         `json:"asked"`
	TheyAnswered int         `json:"they_answered"`
	IAnswered    int         `json:"i_answered"`
	Mutual       int         `json:"mutual"` // answered by both, on the same evening or not
	Levels       []DeckLevel `json:"levels"`
	// Next is the first question of the deck not yet asked, in order of
	// depth; empty when every one was.
	Next string `json:"next,omitempty"`
}

// DeckProgressOf works out a person's progress through deck from their asked
// questions (oldest first) up to asOf. Questions the deck does not know are
// left out.
func DeckProgressOf(asked []journal.AskedRecord, deck *journal.QuestionDeck, asOf time.Time) DeckProgress {
	type state struct{ they, me bool }
	seen := map[string]*state{}
	var p DeckProgress
	for _, a := range asked {
		if !sameDayOrBefore(a.At, asOf) {
			continue
		}
		level := deck.Level(a.ID)
		if level == 0 {
			continue
		}
		if level > p.Level {
			p.Level, p.LevelSince = level, &MomentRef{At: a.At, ReflectionID: a.ReflectionID}
		}
		st := seen[a.ID]
		if st == nil {
			st = &state{}
			seen[a.ID] = st
		}
		st.they = st.they || a.TheyAnswered
		st.me = st.me || a.IAnswered
	}
	p.Levels = []DeckLevel{{Level: journal.LevelLight}, {Level: journal.LevelPersonal}, {Level: journal.LevelVulnerable}}
	for _, q := range deck.Questions() {
		l := &p.Levels[q.Level-journal.LevelLight]
		l.Total++
		st := seen[q.ID]
		if st == nil {
			if p.Next == "" {
				p.Next = q.ID
			}
			continue
		}
		l.Asked++
		p.Asked++
		if st.they {
			p.TheyAnswered++
		}
		if st.me {
			p.IAnswered++
		}
		if st.they && st.me {
			p.Mutual++
		}
	}
	return p
}

// Summary is the progress in one line, for the PDF and the command line.
func (p DeckProgress) Summary() string {
	if p.Level == 0 {
		return "No questions from the deck asked yet."
	}
	since := ""
	if p.LevelSince != nil {
		since = ", since " + longDate(p.LevelSince.At)
	}
	return fmt.Sprintf("Deepest level reached: %s%s. %d of %d questions asked; they answered %d, you answered %d, both answered %d.",
		p.Level.Label(), since, p.Asked, p.total(), p.TheyAnswered, p.IAnswered, p.Mutual)
}

func (p DeckProgress) total() int {
	n := 0
	for _, l := range p.Levels {
		n += l.Total
	}
	return n
}

// deckStalled: the questions have stayed on one level (light or personal)
// for months while the two kept meeting.
func (s *suggester) deckStalled(asked []journal.AskedRecord) {
	deck := journal.Deck()
	p := DeckProgressOf(asked, deck, s.asOf)
	if p.Level == 0 || p.Level >= journal.LevelVulnerable || !s.recent() {
		return
	}
	since := p.LevelSince.At
	if daysBetween(since, s.asOf) < deckStallDays {
		return
	}
	var evs []*Evening
	for i := range s.past {
		if s.past[i].At.After(since) {
			evs = append(evs, &s.past[i])
		}
	}
	if len(evs) < deckStallEvenings {
		return
	}
	// Nothing of the next level was asked yet (it is deeper than the
	// deepest reached), so its first question is the one to offer.
	suggestion := ""
	for _, q := range deck.Questions() {
		if q.Level == p.Level+1 {
			suggestion = fmt.Sprintf(" One to try: \u201c%s\u201d", q.Text)
			break
		}
	}
	s.add(RuleDeckStalled, p.Level.String(), journal.KindDeepTalk,
		fmt.Sprintf("Your questions with %s have stayed %s", s.name, p.Level),
		fmt.Sprintf("Since %s the questions you asked %s were all %s ones, though you met %d times. "+
			"When the moment feels right, go one step deeper, and answer it yourself too.%s",
			since.Format("January 2006"), s.name, p.Level, len(evs), suggestion),
		evs)
}
