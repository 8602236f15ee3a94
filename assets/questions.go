package assets

import (
	_ "embed"
	"fmt"
	"strings"

	"kindred/journal"
)

//go:embed questions.txt
var questionsTxt string

// Questions is the deck of deep questions, light to vulnerable: the composer
// offers them one at a time, and the journal records which were asked of
// whom and who answered. Loading this package installs the deck as the one
// the journal checks question ids against.
var Questions = mustParseQuestions(questionsTxt)

func init() { journal.UseQuestionDeck(Questions) }

func mustParseQuestions(s string) *journal.QuestionDeck {
	d, err := parseQuestions(s)
	if err != nil {
		panic(fmt.Sprintf("assets/questions.txt: %v", err)) // the file is embedded: a test catches this
	}
	return d
}

func parseQuestions(s string) (*journal.QuestionDeck, error) {
	var qs []journal.Question
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("line %d: want ID, level and text separated by tabs", n+1)
		}
		level, ok := journal.ParseQuestionLevel(parts[1])
		if !ok {
			return nil, fmt.Errorf("line %d: unknown level %q", n+1, parts[1])
		}
		qs = append(qs, journal.Question{ID: parts[0], Level: level, Text: strings.TrimSpace(parts[2])})
	}
	return journal.NewQuestionDeck(qs)
}
