package sample

import (
	"math/rand/v2"
	"slices"

	"kindred/journal"
)

// askQuestions records deck questions in a sample journal, so that its
// deck view, depth insights and report have something to show. It runs after
// the evenings are written because a deck is asked in order of depth, and the
// evenings are generated in no order of time.
//
// It draws from a random source of its own: the rest of the sample is the
// same as before there was a deck, and so are the figures measured on it.
func (g *generator) askQuestions(b *journal.Batch, people []person, deck *journal.QuestionDeck) error {
	qs := deck.Questions()
	if len(qs) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(g.o.Seed^0x51ed270b27bd3d3f, g.o.Seed))
	for i := range people {
		p := &people[i]
		// How far down the deck the relationship goes: growing bonds reach
		// the vulnerable questions, fading ones stay light.
		reach := len(qs)
		switch p.arc {
		case 1:
			reach = len(qs) / 3
		case 2:
			reach = len(qs) * 2 / 3
		case 3:
			reach = len(qs) * 5 / 6
		}
		// The person's evenings, oldest first.
		evenings, err := b.EncounterLog(p.ID)
		if err != nil {
			return err
		}
		next := 0
		for _, ev := range evenings {
			if next >= reach {
				break
			}
			chance := 0.03
			if slices.Contains(ev.Kinds, journal.KindDeepTalk) {
				chance = 0.45
			}
			if rng.Float64() >= chance {
				continue
			}
			q := qs[next]
			next++
			// Deeper questions are answered a little less often, and the
			// user answers back less often than the other person does.
			depth := float64(q.Level-journal.LevelLight) * 0.1
			they := rng.Float64() < 0.85-depth
			me := rng.Float64() < 0.65-depth
			asked := journal.AskedQuestion{ID: q.ID, TheyAnswered: they, IAnswered: me}
			if err := b.AskQuestion(ev.ReflectionID, p.ID, asked); err != nil {
				return err
			}
		}
	}
	return nil
}
