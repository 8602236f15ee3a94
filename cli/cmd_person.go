package cli

import (
	"fmt"
	"strings"
)

func init() {
	register(command{name: "person", summary: "add or list people (person add NAME, person list)", run: runPerson})
}

func runPerson(e *env) error {
	fs := e.flags("person", "add NAME | list [--archived]")
	archived := fs.Bool("archived", false, "include archived people in the list")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("person needs add or list")
	}
	switch args[0] {
	case "add":
		name := strings.TrimSpace(strings.Join(args[1:], " "))
		if name == "" {
			return usagef("person add needs a NAME")
		}
		s, err := e.open()
		if err != nil {
			return err
		}
		defer s.Close()
		p, err := s.AddPerson(e.ctx, name)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, p.ID)
		return nil
	case "list":
		if len(args) > 1 {
			return usagef("person list takes no arguments")
		}
		s, err := e.openExisting()
		if err != nil {
			return err
		}
		defer s.Close()
		people, err := s.PeopleSummaries(e.ctx, *archived)
		if err != nil {
			return err
		}
		for _, p := range people {
			last := "never"
			if !p.LastAt.IsZero() {
				last = p.LastAt.Format("2006-01-02")
			}
			closeness := "-"
			if p.LastCloseness.Rated() {
				closeness = fmt.Sprint(int(p.LastCloseness))
			}
			flag := ""
			if p.Archived {
				flag = "\tarchived"
			}
			fmt.Fprintf(e.stdout, "%s\t%d evenings\tlast %s\tcloseness %s%s\n", p.Name, p.Evenings, last, closeness, flag)
		}
		return nil
	}
	return usagef("unknown person command %q (add or list)", args[0])
}
