package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"kindred/journal"
)

func init() {
	register(command{name: "timeline", summary: "list reflections with one person, newest first", run: runTimeline})
	register(command{name: "search", summary: "search reflections, moment notes and names", run: runSearch})
	register(command{name: "stats", summary: "count people, reflections and moments", run: runStats})
}

func runTimeline(e *env) error {
	fs := e.flags("timeline", "--person NAME [--limit N] [--kind KIND]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--missteps]")
	person := fs.String("person", "", "whose timeline (`NAME`)")
	limit := fs.Int("limit", 50, "at most `N` reflections")
	var kinds stringList
	fs.Var(&kinds, "kind", "only evenings with a moment of this `KIND` (repeatable: any of them)")
	from := fs.String("from", "", "only evenings on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only evenings on or before this date (YYYY-MM-DD)")
	missteps := fs.Bool("missteps", false, "only evenings with a misstep")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("timeline takes no arguments besides its flags (got %q)", args[0])
	}
	if *person == "" {
		return usagef("timeline needs --person NAME")
	}
	if *limit <= 0 {
		return usagef("--limit must be a positive number")
	}
	q := journal.TimelineQuery{Kinds: kinds, OnlyMissteps: *missteps}
	if *from != "" {
		if q.From, err = parseDate(*from); err != nil {
			return usagef("--from: %v", err)
		}
	}
	if *to != "" {
		if q.To, err = parseDate(*to); err != nil {
			return usagef("--to: %v", err)
		}
		q.To = q.To.AddDate(0, 0, 1).Add(-time.Millisecond)
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return usagef("--from %s is after --to %s", *from, *to)
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := checkKinds(e.ctx, s, kinds); err != nil {
		return err
	}
	p, err := s.FindPerson(e.ctx, *person)
	if err != nil {
		return err
	}
	q.PersonID = p.ID
	names, err := nameIndex(e.ctx, s)
	if err != nil {
		return err
	}
	return printPages(e, names, *limit, func(n int, after *journal.Cursor) ([]journal.Reflection, *journal.Cursor, error) {
		q.Limit, q.After = n, after
		page, err := s.Timeline(e.ctx, q)
		return page.Reflections, page.Next, err
	})
}

// checkKinds refuses unknown kind ids, naming the known ones.
func checkKinds(ctx context.Context, s *journal.Store, kinds []string) error {
	if len(kinds) == 0 {
		return nil
	}
	all, err := s.Kinds(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	var ids []string
	for _, k := range all {
		known[k.ID] = true
		ids = append(ids, k.ID)
	}
	for _, k := range kinds {
		if !known[k] {
			return usagef("unknown moment kind %q (known: %s)", k, strings.Join(ids, ", "))
		}
	}
	return nil
}

func runSearch(e *env) error {
	fs := e.flags("search", "TEXT [--limit N]")
	limit := fs.Int("limit", 50, "at most `N` results")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(args, " "))
	if text == "" {
		return usagef("search needs TEXT")
	}
	if *limit <= 0 {
		return usagef("--limit must be a positive number")
	}
	if len(journal.ParseSearch(text)) == 0 {
		return usagef("nothing to search for in %q: give at least one word", text)
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	names, err := nameIndex(e.ctx, s)
	if err != nil {
		return err
	}
	q := journal.SearchQuery{Text: text}
	return printPages(e, names, *limit, func(n int, after *journal.Cursor) ([]journal.Reflection, *journal.Cursor, error) {
		q.Limit, q.After = n, after
		page, err := s.Search(e.ctx, q)
		return page.Reflections, page.Next, err
	})
}

// printPages prints up to limit reflections, reading them a page at a time
// so that a large --limit never holds the whole history.
func printPages(e *env, names map[string]string, limit int,
	page func(n int, after *journal.Cursor) ([]journal.Reflection, *journal.Cursor, error)) error {
	var after *journal.Cursor
	for left := limit; left > 0; {
		rs, next, err := page(min(left, journal.DefaultPageSize), after)
		if err != nil {
			return err
		}
		for _, r := range rs {
			printReflectionLine(e.stdout, &r, names)
		}
		left -= len(rs)
		if next == nil {
			return nil
		}
		after = next
	}
	return nil
}

func runStats(e *env) error {
	fs := e.flags("stats", "")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("stats takes no arguments")
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "people: %d\nreflections: %d\nmoments: %d\n", st.People, st.Reflections, st.Moments)
	return nil
}

func nameIndex(ctx context.Context, s *journal.Store) (map[string]string, error) {
	people, err := s.People(ctx, true)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(people))
	for _, p := range people {
		names[p.ID] = p.Name
	}
	return names, nil
}

// printReflectionLine prints one reflection as: date, people, moment ids,
// first line of text, separated by tabs.
func printReflectionLine(w io.Writer, r *journal.Reflection, names map[string]string) {
	var people, kinds []string
	seen := map[string]bool{}
	for _, enc := range r.Encounters {
		people = append(people, names[enc.PersonID])
		for _, m := range enc.Moments {
			if !seen[m.Kind] {
				seen[m.Kind] = true
				kinds = append(kinds, m.Kind)
			}
		}
	}
	first, _, _ := strings.Cut(strings.TrimSpace(r.Text), "\n")
	moments := strings.Join(kinds, ",")
	if moments == "" {
		moments = "-"
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.At.Format("2006-01-02 15:04"), strings.Join(people, ", "), moments, first)
}
