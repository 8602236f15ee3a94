package app

import (
	"fyne.io/fyne/v2"

	"kindred/journal"
)

// The composer's share of the deck of questions: what an evening records,
// per person, and what the card offers next.

// loadQuestions shows the questions of stored (or drafted) encounters: the
// card lists each once, and each person keeps their own until the user
// changes what is recorded.
func (c *Composer) loadQuestions(encounters []journal.Encounter, touched bool, recorded []journal.AskedQuestion) {
	c.personQuestions = map[string][]journal.AskedQuestion{}
	var union []journal.AskedQuestion
	seen := map[string]bool{}
	for _, e := range encounters {
		if len(e.Questions) > 0 {
			c.personQuestions[e.PersonID] = e.Questions
		}
		for _, q := range e.Questions {
			if !seen[q.ID] {
				seen[q.ID] = true
				union = append(union, q)
			}
		}
	}
	if recorded == nil && !touched {
		recorded = union
	}
	c.Deck.setRecorded(recorded, touched)
}

// questionsFor is what the evening records for one person: their own stored
// questions while the user has not changed the card, else the card's.
func (c *Composer) questionsFor(personID string) []journal.AskedQuestion {
	if !c.Deck.touched {
		if qs, ok := c.personQuestions[personID]; ok {
			return append([]journal.AskedQuestion(nil), qs...)
		}
	}
	return c.Deck.Recorded()
}

// peopleChosen asks the screen for the questions to offer the people now on
// the cards.
func (c *Composer) peopleChosen() {
	if c.onPeople == nil {
		return
	}
	ids := make([]string, len(c.Cards))
	for i, card := range c.Cards {
		ids[i] = card.Person.ID
	}
	c.onPeople(ids, c.ReflectionID)
}

// offerQuestions fetches, off the UI goroutine, the deck questions none of
// personIDs was asked on another evening, and hands them to the card.
func (s *ReflectScreen) offerQuestions(personIDs []string, except string) {
	s.questionGen++
	gen := s.questionGen
	if len(personIDs) == 0 {
		s.Composer.Deck.setOffered(nil, 0)
		return
	}
	s.m.run(func() {
		qs, err := s.store.NextQuestions(s.m.ctx, personIDs, except)
		fyne.Do(func() {
			if gen != s.questionGen {
				return // the people changed meanwhile
			}
			if err != nil {
				s.Composer.Deck.setOffered(nil, 0)
				return
			}
			s.Composer.Deck.setOffered(qs, len(personIDs))
		})
	})
}
