package cli

import (
	"fmt"

	"kindred/assets"
	"kindred/journal"
)

func init() {
	register(command{name: "questions", summary: "the deck of deep questions and where it stands with a person", run: runQuestions})
}

// runQuestions prints every question of the deck, in order of depth, with
// its state for one person: ID, level, state and text, tab-separated. The
// state is blank (never asked), asked, they-answered, i-answered, or both
// (each answered, on the same evening or not). Without --person it prints
// the deck alone, in the same columns, so the ids add --asked takes can be
// looked up without opening the journal.
func runQuestions(e *env) error {
	fs := e.flags("questions", "[--person NAME]")
	person := fs.String("person", "", "the `NAME` of the person")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("questions takes no arguments besides its flags (got %q)", args[0])
	}
	if *person == "" {
		for _, q := range journal.QuestionStates(assets.Questions, nil) {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", q.ID, q.Level, q.State(), q.Text)
		}
		return nil
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.FindPerson(e.ctx, *person)
	if err != nil {
		return err
	}
	asked, err := s.AskedQuestions(e.ctx, p.ID)
	if err != nil {
		return err
	}
	for _, q := range journal.QuestionStates(assets.Questions, asked) {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", q.ID, q.Level, q.State(), q.Text)
	}
	return nil
}

// askedQuestions turns add's --asked and --answered-by into what each
// person's encounter records.
func askedQuestions(ids []string, answeredBy string) ([]journal.AskedQuestion, error) {
	they, me, err := journal.ParseAnswers(answeredBy)
	if err != nil {
		return nil, usagef("--answered-by is them, me or both (got %q)", answeredBy)
	}
	if answeredBy != "" && len(ids) == 0 {
		return nil, usagef("--answered-by needs at least one --asked QID")
	}
	out := make([]journal.AskedQuestion, len(ids))
	for i, id := range ids {
		out[i] = journal.AskedQuestion{ID: id, TheyAnswered: they, IAnswered: me}
	}
	return out, nil
}
