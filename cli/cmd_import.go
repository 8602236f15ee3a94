package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
)

func init() {
	register(command{name: "import", summary: "import a Kindred, Day One or jrnl export (import FILE ...)", run: runImport})
}

func runImport(e *env) error {
	fs := e.flags("import", "FILE [--format kindred|dayone|jrnl] [--skip-bad] [--person-map NAME=PERSON]... [--person NAME] [--new-people] [--leave-out-unmapped] [--zone ZONE] [--dry-run]")
	format := fs.String("format", "", "the file's `FORMAT`: kindred, dayone or jrnl (default: recognised from the file)")
	skipBad := fs.Bool("skip-bad", false, "leave out entries that cannot be read instead of cancelling")
	var maps stringList
	fs.Var(&maps, "person-map", "`NAME=PERSON`: the tag or @mention NAME is PERSON of the journal; NAME= leaves it out (repeatable)")
	unattributed := fs.String("person", "", "the person `NAME` of the entries that name no one (no tag or @mention, or only names left out); without it they are left out")
	newPeople := fs.Bool("new-people", false, "add the PERSONs of --person-map and the --person that are not in the journal yet")
	leaveOut := fs.Bool("leave-out-unmapped", false, "leave out every name not given with --person-map")
	zone := fs.String("zone", "", "the time `ZONE` jrnl's times were written in (default: this computer's)")
	dryRun := fs.Bool("dry-run", false, "say what the import would add, map, change and leave out, and write nothing")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("import needs one FILE")
	}
	switch *format {
	case "", exchange.FormatKindred, exchange.FormatDayOne, exchange.FormatJrnl:
	default:
		return usagef("--format must be kindred, dayone or jrnl (got %q)", *format)
	}
	o := exchange.ReadOptions{Format: *format}
	if *zone != "" {
		if o.Location, err = time.LoadLocation(*zone); err != nil {
			return usagef("--zone %q is not a time zone (for example Europe/Berlin)", *zone)
		}
	}
	src, err := exchange.ReadFile(args[0], o)
	if err != nil {
		var wf *exchange.WrongFormatError
		if errors.As(err, &wf) {
			return usagef("%v", err)
		}
		return err
	}
	describeSource(e.stdout, args[0], src)
	if len(src.Problems) > 0 {
		// The list belongs to the error when nothing is imported, and to the
		// report when the rest is.
		var list strings.Builder
		fmt.Fprintf(&list, "%s cannot be read:\n", plural(len(src.Problems), "entry", "entries"))
		for _, p := range src.Problems {
			fmt.Fprintf(&list, "  %s\n", p)
		}
		if !*skipBad {
			return fmt.Errorf("%snothing was imported. Add --skip-bad to import the rest without them", list.String())
		}
		fmt.Fprint(e.stdout, list.String())
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	opts := exchange.ImportOptions{SkipBad: *skipBad, DryRun: *dryRun}
	if src.Format != exchange.FormatKindred {
		if opts.Mapping, err = mapNames(e, s, src, maps, *newPeople, *leaveOut); err != nil {
			return err
		}
		if opts.Unattributed, err = unattributedPerson(e, s, *unattributed, *newPeople); err != nil {
			return err
		}
	} else if len(maps) > 0 || *unattributed != "" {
		return usagef("--person-map and --person are for Day One and jrnl exports; a Kindred file names its people itself")
	}
	sum, err := exchange.Import(e.ctx, s, src, opts)
	if err != nil {
		var ue *exchange.UndecidedError
		if errors.As(err, &ue) {
			return fmt.Errorf("%v\nSay who they are with --person-map NAME=PERSON (add --new-people for people not in the journal yet), leave one out with --person-map NAME=, or leave out all the others with --leave-out-unmapped", err)
		}
		return err
	}
	fmt.Fprintln(e.stdout, sum)
	return nil
}

// unattributedPerson is the --person the entries that name no one are
// given to: a person of the journal, or with --new-people a new one.
func unattributedPerson(e *env, s *journal.Store, name string, newPeople bool) (exchange.Target, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return exchange.Target{}, nil
	}
	t, label, err := targetFor(e, s, name, newPeople)
	if err != nil {
		return t, fmt.Errorf("--person: %w", err)
	}
	fmt.Fprintf(e.stdout, "  %s -> %s\n", padRight("entries that name no one", 37), label)
	return t, nil
}

// targetFor is the journal person name stands for, or with newPeople a
// new one; label is how the mapping shows it.
func targetFor(e *env, s *journal.Store, name string, newPeople bool) (t exchange.Target, label string, err error) {
	p, err := s.FindPerson(e.ctx, name)
	switch {
	case err == nil:
		return exchange.Target{PersonID: p.ID}, p.Name, nil
	case journal.ErrorCode(err) == journal.ENOTFOUND && newPeople:
		return exchange.Target{NewName: name}, name + " (new)", nil
	case journal.ErrorCode(err) == journal.ENOTFOUND:
		return exchange.Target{}, "", fmt.Errorf("%v\nAdd --new-people to add %q to the journal", err, name)
	}
	return exchange.Target{}, "", err
}

func describeSource(w io.Writer, file string, src *exchange.Source) {
	switch src.Format {
	case exchange.FormatKindred:
		d := src.Kindred
		fmt.Fprintf(w, "%s: Kindred JSON, %s, %s", file, plural(len(d.People), "person", "people"), plural(len(d.Reflections), "reflection", "reflections"))
		if n := src.Photos(); n > 0 {
			fmt.Fprintf(w, ", %s", plural(n, "photo", "photos"))
		}
		fmt.Fprintln(w)
	default:
		// Every entry of the file is counted, readable or not: the
		// problems are listed below.
		fmt.Fprintf(w, "%s: %s export, %s", file, exchange.FormatLabel(src.Format), plural(src.Total, "entry", "entries"))
		if bad := src.Total - len(src.Entries); bad > 0 {
			fmt.Fprintf(w, " (%d cannot be read)", bad)
		}
		if n := src.Photos(); n > 0 {
			fmt.Fprintf(w, ", %s", plural(n, "photo", "photos"))
		}
		if media := src.Media.String(); media != "" {
			fmt.Fprintf(w, ", %s", media)
		}
		fmt.Fprintln(w)
	}
}

// mapNames builds the mapping from --person-map, on top of names that are
// exactly a journal person's, and prints how every name will be used.
func mapNames(e *env, s *journal.Store, src *exchange.Source, maps []string, newPeople, leaveOut bool) (exchange.Mapping, error) {
	kinds, err := s.Kinds(e.ctx)
	if err != nil {
		return nil, err
	}
	people, err := s.People(e.ctx, true)
	if err != nil {
		return nil, err
	}
	names := src.Names(kinds, people)
	known := map[string]bool{}
	for _, n := range names {
		known[n.Key()] = true
	}
	m := exchange.DefaultMapping(names)
	for _, spec := range maps {
		name, person, ok := strings.Cut(spec, "=")
		key := journal.FoldName(strings.TrimLeft(strings.TrimSpace(name), "@#"))
		if !ok || key == "" {
			return nil, usagef("--person-map %q is not NAME=PERSON", spec)
		}
		if !known[key] {
			return nil, usagef("--person-map: %q is not a tag or @mention of this file", name)
		}
		person = strings.TrimSpace(person)
		if person == "" {
			m[key] = exchange.Target{}
			continue
		}
		if m[key], _, err = targetFor(e, s, person, newPeople); err != nil {
			return nil, err
		}
	}
	if leaveOut {
		for _, n := range exchange.Undecided(names, m) {
			m[n.Key()] = exchange.Target{}
		}
	}
	byID := map[string]string{}
	for _, p := range people {
		byID[p.ID] = p.Name
	}
	kindLabel := map[string]string{}
	for _, k := range kinds {
		kindLabel[k.ID] = k.Label
	}
	for _, n := range names {
		word := n.Name
		if n.Mention && !n.Tag {
			word = "@" + word
		}
		t, decided := m[n.Key()]
		var use string
		switch {
		case decided && t.PersonID != "":
			use = byID[t.PersonID]
		case decided && t.NewName != "":
			use = t.NewName + " (new)"
		case decided:
			use = "left out"
		case n.Kind != "":
			use = "moment: " + kindLabel[n.Kind]
		default:
			use = "not mapped"
		}
		fmt.Fprintf(e.stdout, "  %s %s -> %s\n", padRight(word, 24), padRight("("+plural(n.Entries, "entry", "entries")+")", 12), use)
	}
	return m, nil
}
