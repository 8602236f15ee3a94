package exchange

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"kindred/journal"
)

// WriteMarkdown writes one readable Markdown file per person into dir (made
// if needed, mode 0700), each evening with them oldest first. Each file is
// written atomically. It returns the files written.
func WriteMarkdown(ctx context.Context, s *journal.Store, dir string, progress func(float64)) ([]string, error) {
	var people []journal.Person
	kinds := map[string]journal.MomentKind{}
	for _, k := range journal.BuiltinKinds {
		kinds[k.ID] = k
	}
	byPerson := map[string][]*journal.Reflection{}
	err := s.Walk(ctx, journal.Walk{
		Person: func(p *journal.Person) error { people = append(people, *p); return nil },
		Kind:   func(k *journal.MomentKind, _ time.Time) error { kinds[k.ID] = *k; return nil },
		Reflection: func(r *journal.Reflection) error {
			rc := *r
			for _, e := range rc.Encounters {
				byPerson[e.PersonID] = append(byPerson[e.PersonID], &rc)
			}
			return nil
		},
		Progress: func(done float64) {
			if progress != nil {
				progress(done / 2)
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("export Markdown: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	names := map[string]string{}
	for _, p := range people {
		names[p.ID] = p.Name
	}
	now := s.Now()
	files := make([]string, 0, len(people))
	used := map[string]bool{}
	for i, p := range people {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		path := filepath.Join(dir, fileNameFor(p.Name, used)+".md")
		err := journal.WriteFileAtomic(path, func(w io.Writer) error {
			return writePersonMarkdown(w, &p, byPerson[p.ID], names, kinds, now)
		})
		if err != nil {
			return files, err
		}
		files = append(files, path)
		if progress != nil {
			progress(0.5 + 0.5*float64(i+1)/float64(len(people)))
		}
	}
	return files, nil
}

func writePersonMarkdown(w io.Writer, p *journal.Person, evenings []*journal.Reflection, names map[string]string, kinds map[string]journal.MomentKind, now time.Time) error {
	fmt.Fprintf(w, "# %s\n\n", mdLine(p.Name))
	switch n := len(evenings); n {
	case 0:
		fmt.Fprint(w, "No evenings written about yet.")
	default:
		fmt.Fprintf(w, "%s together", plural(n, "evening", "evenings"))
		first, last := evenings[0].At, evenings[n-1].At
		if n > 1 {
			fmt.Fprintf(w, ", %s to %s", first.Format("2 January 2006"), last.Format("2 January 2006"))
		} else {
			fmt.Fprintf(w, ", %s", first.Format("2 January 2006"))
		}
		fmt.Fprint(w, ".")
	}
	if p.Archived {
		fmt.Fprint(w, " Archived.")
	}
	fmt.Fprintf(w, "\nFrom the Kindred journal, exported %s.\n", now.Format("2 January 2006"))
	for _, r := range evenings {
		e := r.Encounter(p.ID)
		fmt.Fprintf(w, "\n## %s\n\n", r.At.Format("Monday 2 January 2006, 15:04 (-07:00)"))
		if e.Closeness.Rated() {
			fmt.Fprintf(w, "- Closeness: %d of 7, %s\n", int(e.Closeness), strings.ToLower(e.Closeness.Label()))
		}
		var moments, missteps []string
		for _, m := range e.Moments {
			k, ok := kinds[m.Kind]
			label := m.Kind
			if ok {
				label = k.Label
			}
			if m.Note != "" {
				label += ": " + m.Note
			}
			if ok && k.Misstep {
				missteps = append(missteps, mdLine(label))
			} else {
				moments = append(moments, mdLine(label))
			}
		}
		if len(moments) > 0 {
			fmt.Fprintf(w, "- Moments: %s\n", strings.Join(moments, "; "))
		}
		if len(missteps) > 0 {
			fmt.Fprintf(w, "- Missteps: %s\n", strings.Join(missteps, "; "))
		}
		if len(e.Questions) > 0 {
			fmt.Fprintf(w, "- Questions: %s\n", mdQuestions(e.Questions))
		}
		var others []string
		for _, o := range r.Encounters {
			if o.PersonID != p.ID {
				others = append(others, mdLine(names[o.PersonID]))
			}
		}
		if len(others) > 0 {
			sort.Strings(others)
			fmt.Fprintf(w, "- Also there: %s\n", strings.Join(others, ", "))
		}
		if text := strings.TrimSpace(r.Text); text != "" {
			fmt.Fprintf(w, "\n%s\n", text)
		}
	}
	return nil
}

// mdQuestions names the deck questions asked that evening, with their text
// (the id alone means nothing to a reader) and who answered.
func mdQuestions(qs []journal.AskedQuestion) string {
	deck := journal.Deck()
	parts := make([]string, 0, len(qs))
	for _, q := range qs {
		part := q.ID
		if dq, ok := deck.Question(q.ID); ok {
			part += " “" + mdLine(dq.Text) + "”"
		}
		switch q.Answers() {
		case "both":
			part += " (we both answered)"
		case "them":
			part += " (they answered)"
		case "me":
			part += " (I answered)"
		default:
			part += " (asked)"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "; ")
}

// mdLine keeps a name or note on one line.
func mdLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fileNameFor makes a file name from a person's name that every system
// accepts, distinct (ignoring case) from the ones already used.
func fileNameFor(name string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 32 || r == 127 || strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune('-')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	base := strings.Trim(strings.Join(strings.Fields(b.String()), " "), ". -")
	if base == "" {
		base = "person"
	}
	if r := []rune(base); len(r) > 100 {
		base = string(r[:100])
	}
	out := base
	for i := 2; used[strings.ToLower(out)]; i++ {
		out = fmt.Sprintf("%s (%d)", base, i)
	}
	used[strings.ToLower(out)] = true
	return out
}

// WriteJSONFile writes the JSON export to path atomically, mode 0600: as
// ExportJSON does, except that path is kept whatever the journal holds.
func WriteJSONFile(ctx context.Context, s *journal.Store, path string, progress func(float64)) error {
	_, err := exportJSON(ctx, s, path, JSONExport{Progress: progress}, false)
	return err
}
