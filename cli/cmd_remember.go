package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"kindred/journal"
)

func init() {
	register(command{name: "remember", summary: "evenings from past years on a date, and anniversaries of firsts", run: runRemember})
}

// rememberedJSON is one line of `remember --json`.
type rememberedJSON struct {
	Date         string `json:"date"`
	Kind         string `json:"kind"`
	Person       string `json:"person"`
	ReflectionID string `json:"reflection_id"`
	Text         string `json:"text"`
}

func runRemember(e *env) error {
	fs := e.flags("remember", "[--date YYYY-MM-DD] [--person NAME] [--json]")
	date := fs.String("date", "", "the day to remember on (YYYY-MM-DD); today without it")
	person := fs.String("person", "", "only what concerns this person (`NAME`)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("remember takes no arguments besides its flags (got %q)", args[0])
	}
	var q journal.RememberQuery
	if *date != "" {
		if q.Date, err = parseDate(*date); err != nil {
			return usagef("--date: %v", err)
		}
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	if q.Date.IsZero() {
		q.Date = s.Now().In(time.Local)
	}
	if *person != "" {
		p, err := s.FindPerson(e.ctx, *person)
		if err != nil {
			return err
		}
		q.PersonID = p.ID
	}
	ms, err := s.Remember(e.ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		// An empty array rather than nothing: it is what a JSON reader expects.
		out := make([]rememberedJSON, len(ms))
		for i, m := range ms {
			out[i] = rememberedJSON{Date: m.At.Format(time.DateOnly), Kind: m.Kind, Person: m.Person(), ReflectionID: m.ReflectionID, Text: m.Text}
		}
		return writeJSON(e.stdout, out)
	}
	printMemories(e.stdout, ms)
	return nil
}

// printMemories prints one memory a line: the evening's date, the kind, the
// people and the sentence, separated by tabs.
func printMemories(w io.Writer, ms []journal.Memory) {
	clean := strings.NewReplacer("\t", " ", "\n", " ")
	for _, m := range ms {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.At.Format(time.DateOnly), m.Kind, clean.Replace(m.Person()), clean.Replace(m.Text))
	}
}
