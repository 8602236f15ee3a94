package journal

import (
	"math/rand/v2"
)

// demoQuestions records deck questions in a sample journal, so that its
// deck view, depth insights and report have something to show. It runs after
// the evenings are written because a deck is asked in order of depth, and the
// evenings are generated in no order of time.
//
// It draws from a random source of its own: the rest of the sample is the
// same as before there was a deck, and so are the figures measured on it.
func (g *demoGen) demoQuestions(b *Batch, people []demoPerson, deck *QuestionDeck) error {
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
		evenings, err := demoEncounterTalks(b, p.ID)
		if err != nil {
			return err
		}
		next := 0
		for _, ev := range evenings {
			if next >= reach {
				break
			}
			chance := 0.03
			if ev.deepTalk {
				chance = 0.45
			}
			if rng.Float64() >= chance {
				continue
			}
			q := qs[next]
			next++
			// Deeper questions are answered a little less often, and the
			// user answers back less often than the other person does.
			depth := float64(q.Level-LevelLight) * 0.1
			they := rng.Float64() < 0.85-depth
			me := rng.Float64() < 0.65-depth
			asked := AskedQuestion{ID: q.ID, TheyAnswered: they, IAnswered: me}
			if err := insertAskedQuestion(b.ctx, b.tx, ev.reflectionID, p.ID, asked, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

type demoEvening struct {
	reflectionID string
	deepTalk     bool
}

// demoEncounterTalks lists a person's evenings oldest first, and whether
// each had a deep talk.
func demoEncounterTalks(b *Batch, personID string) ([]demoEvening, error) {
	rows, err := b.tx.QueryContext(b.ctx, `SELECT e.reflection_id,
		EXISTS (SELECT 1 FROM moments m WHERE m.reflection_id = e.reflection_id AND m.person_id = e.person_id AND m.kind = ?)
		FROM encounters e WHERE e.person_id = ? ORDER BY e.at_utc, e.reflection_id`, KindDeepTalk, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []demoEvening
	for rows.Next() {
		var ev demoEvening
		if err := rows.Scan(&ev.reflectionID, &ev.deepTalk); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}
