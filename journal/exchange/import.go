package exchange

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"kindred/journal"
)

// ImportOptions are the user's choices for an import.
type ImportOptions struct {
	// SkipBad leaves out entries that cannot be read or saved; without it
	// any such entry cancels the whole import.
	SkipBad bool
	// Mapping says who the names of a Day One or jrnl export are.
	Mapping Mapping
	// Unattributed is who the entries that name no one are about: those
	// with no tag or @mention, or whose names are all left out or moment
	// kinds. The zero Target leaves them out.
	Unattributed Target
	// Progress, if set, gets the share of entries written (0-1).
	Progress func(done float64)
	// DryRun runs the whole import and then rolls it back: the Summary
	// says what it would do, and the journal is left as it was.
	DryRun bool
}

// Counts are what an import added or found already there.
type Counts struct {
	People, Kinds, Reflections, Drafts, Dismissed, Settings, Photos int
}

// Summary says what an import did.
type Summary struct {
	Format  string
	Added   Counts
	Present Counts
	// Skipped are the entries left out because they could not be read or saved.
	Skipped []Problem
	// NoOne are the numbers of entries no one was mapped to, left out.
	NoOne []int
	// Unattributed are the numbers of entries that named no one and were
	// given to UnattributedTo (ImportOptions.Unattributed).
	Unattributed   []int
	UnattributedTo string
	// MatchedByName are people of a Kindred file who matched a person of
	// the journal by name (their ids differ): their evenings join that person.
	MatchedByName []string
	// Joined are the people a re-import's mapping added to evenings that
	// were already in the journal, and how many evenings each joined.
	Joined []Joined
	// Media are the attachments of the export that were left out: videos,
	// audio, other files, and photos the export did not hold.
	Media Media
	// DryRun: nothing was written; the summary says what would be.
	DryRun bool
}

// Joined is a person added to evenings already in the journal.
type Joined struct {
	Name     string
	Evenings int
}

// errDryRun rolls back a dry run's transaction once it has done everything.
var errDryRun = errors.New("dry run: rolled back")

// ProblemsError cancels an import with entries that cannot be read or saved.
type ProblemsError struct{ Problems []Problem }

func (e *ProblemsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s cannot be imported, so nothing was imported:", plural(len(e.Problems), "entry", "entries"))
	for i, p := range e.Problems {
		if i == 20 {
			fmt.Fprintf(&b, "\n  and %d more", len(e.Problems)-20)
			break
		}
		fmt.Fprintf(&b, "\n  %s", p)
	}
	return b.String()
}

// UndecidedError cancels an import whose names the user has not mapped:
// Kindred never makes up people.
type UndecidedError struct{ Names []Name }

func (e *UndecidedError) Error() string {
	return fmt.Sprintf("these names are not mapped to anyone, so nothing was imported: %s", describe(e.Names, 30))
}

// Import writes src into the journal in one transaction: everything or, on
// any error, nothing. Kindred files are lossless and idempotent: what is
// already there (by id) is counted, not changed.
func Import(ctx context.Context, s *journal.Store, src *Source, o ImportOptions) (*Summary, error) {
	if len(src.Problems) > 0 && !o.SkipBad {
		return nil, &ProblemsError{Problems: src.Problems}
	}
	sum := &Summary{Format: src.Format, Skipped: append([]Problem(nil), src.Problems...), Media: src.Media, DryRun: o.DryRun}
	var zr *zip.Reader
	if src.archive != nil && src.Photos() > 0 {
		var closer io.Closer
		var err error
		if zr, closer, err = src.archive.open(); err != nil {
			return nil, err
		}
		defer closer.Close()
	}
	var err error
	switch src.Format {
	case FormatKindred:
		err = importKindred(ctx, s, src.Kindred, zr, o, sum)
	case FormatDayOne, FormatJrnl:
		err = importEntries(ctx, s, src, zr, o, sum)
	default:
		err = fmt.Errorf("unknown import format %q", src.Format)
	}
	if err != nil && !(o.DryRun && errors.Is(err, errDryRun)) {
		return nil, err
	}
	return sum, nil
}

// saveEntry saves one reflection, so that with SkipBad a failure leaves it
// out and the rest goes on.
func saveEntry(b *journal.Batch, r *journal.Reflection, what string, number int, o ImportOptions, sum *Summary) error {
	var err error
	if o.SkipBad {
		err = b.Savepoint(func() error { return b.ImportReflection(r) })
	} else {
		// Any failure cancels the whole import: no savepoint needed.
		err = b.ImportReflection(r)
	}
	if err == nil {
		sum.Added.Reflections++
		return nil
	}
	code := journal.ErrorCode(err)
	if code == journal.EDISKFULL || code == journal.EREADONLY || code == journal.EIO || code == journal.EDAMAGED {
		return err
	}
	p := Problem{What: what, Number: number, Reason: err.Error()}
	if !o.SkipBad {
		return &ProblemsError{Problems: []Problem{p}}
	}
	sum.Skipped = append(sum.Skipped, p)
	return nil
}

// batch runs fn in one transaction, rolled back at the end of a dry run.
func batch(ctx context.Context, s *journal.Store, o ImportOptions, fn func(b *journal.Batch) error) error {
	return s.Batch(ctx, func(b *journal.Batch) error {
		if err := fn(b); err != nil {
			return err
		}
		if o.DryRun {
			return errDryRun
		}
		return nil
	})
}

func importKindred(ctx context.Context, s *journal.Store, doc *Document, zr *zip.Reader, o ImportOptions, sum *Summary) error {
	return batch(ctx, s, o, func(b *journal.Batch) error {
		for _, dk := range doc.Kinds {
			ok, err := b.KindExists(dk.Kind.ID)
			if err != nil {
				return err
			}
			if ok {
				sum.Present.Kinds++
				continue
			}
			k := dk.Kind
			if err := b.ImportKind(&k, dk.Created); err != nil {
				return fmt.Errorf("moment kind %q: %w", k.ID, err)
			}
			sum.Added.Kinds++
		}
		// A person of the file is the journal's person with the same id,
		// else with the same name, else new.
		personID := map[string]string{}
		for _, p := range doc.People {
			existing, err := b.PersonByID(p.ID)
			if err != nil {
				return err
			}
			if existing == nil {
				if existing, err = b.PersonByName(p.Name); err != nil {
					return err
				}
				if existing != nil {
					sum.MatchedByName = append(sum.MatchedByName, p.Name)
				}
			}
			if existing != nil {
				personID[p.ID] = existing.ID
				sum.Present.People++
				continue
			}
			np := p
			if err := b.AddPerson(&np); err != nil {
				return fmt.Errorf("person %q: %w", p.Name, err)
			}
			personID[p.ID] = np.ID
			sum.Added.People++
		}
		for i := range doc.Reflections {
			if i%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if o.Progress != nil {
					o.Progress(float64(i) / float64(len(doc.Reflections)))
				}
			}
			nr := &doc.Reflections[i]
			there, err := b.HasReflection(nr.ID)
			if err != nil {
				return err
			}
			if there {
				sum.Present.Reflections++
				continue
			}
			r := nr.Reflection
			r.Encounters = make([]journal.Encounter, len(nr.Encounters))
			for j, e := range nr.Encounters {
				e.PersonID = personID[e.PersonID]
				e.Moments = append([]journal.Moment(nil), e.Moments...)
				r.Encounters[j] = e
			}
			r.Photos = make([]journal.Photo, len(nr.Photos))
			for j, p := range nr.Photos {
				if zr == nil {
					return fmt.Errorf("reflection %d has photos, and they are read from the zip of the export", nr.Number)
				}
				data, err := readZipPhoto(zr, doc.PhotoFiles[p.ID], maxImportPhoto)
				if err != nil {
					return fmt.Errorf("reflection %d: %w; nothing was imported", nr.Number, err)
				}
				kept, err := importPhoto(b, &p, data)
				if err != nil {
					return fmt.Errorf("reflection %d: photo %s: %w", nr.Number, p.ID, err)
				}
				r.Photos[j] = *kept
			}
			before := sum.Added.Reflections
			if err := saveEntry(b, &r, "reflection", nr.Number, o, sum); err != nil {
				return err
			}
			if sum.Added.Reflections > before {
				sum.Added.Photos += len(r.Photos)
			}
		}
		for i := range doc.Drafts {
			added, err := b.ImportDraft(&doc.Drafts[i])
			if err != nil {
				return err
			}
			count(&sum.Added.Drafts, &sum.Present.Drafts, added)
		}
		for _, d := range doc.Dismissed {
			added, err := b.ImportDismissed(d.Key, d.At)
			if err != nil {
				return err
			}
			count(&sum.Added.Dismissed, &sum.Present.Dismissed, added)
		}
		for _, st := range doc.Settings {
			added, err := b.ImportSetting(st.Key, st.Value)
			if err != nil {
				return err
			}
			count(&sum.Added.Settings, &sum.Present.Settings, added)
		}
		return nil
	})
}

func count(added, present *int, wasAdded bool) {
	if wasAdded {
		*added++
	} else {
		*present++
	}
}

func importEntries(ctx context.Context, s *journal.Store, src *Source, zr *zip.Reader, o ImportOptions, sum *Summary) error {
	photos := map[int][]EntryPhoto{}
	for _, e := range src.Entries {
		if len(e.Photos) > 0 {
			photos[e.Number] = e.Photos
		}
	}
	kinds, err := s.Kinds(ctx)
	if err != nil {
		return err
	}
	people, err := s.People(ctx, true)
	if err != nil {
		return err
	}
	names := src.Names(kinds, people)
	if undecided := Undecided(names, o.Mapping); len(undecided) > 0 {
		return &UndecidedError{Names: undecided}
	}
	return batch(ctx, s, o, func(b *journal.Batch) error {
		// New people first, each once, whatever names lead to them.
		personID := map[string]string{}
		for key, t := range o.Mapping {
			if _, err := resolveTarget(b, t, fmt.Sprintf("The person %q is mapped to is not in the journal.", key), personID, sum); err != nil {
				return err
			}
		}
		unattributed, err := resolveTarget(b, o.Unattributed, "The person chosen for the entries that name no one is not in the journal.", personID, sum)
		if err != nil {
			return err
		}
		list, noOne := src.Reflections(o.Mapping, kinds, personID, unattributed.ID)
		joined := map[string]int{}
		var joinedOrder []string
		if unattributed.ID != "" {
			sum.Unattributed, sum.UnattributedTo = noOne, unattributed.Name
		} else {
			sum.NoOne = noOne
		}
		for i := range list {
			if i%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if o.Progress != nil {
					o.Progress(float64(i) / float64(len(list)))
				}
			}
			nr := &list[i]
			there, err := b.HasReflection(nr.ID)
			if err != nil {
				return err
			}
			if there {
				sum.Present.Reflections++
				// The mapping may name people the evening was imported
				// without; they join it now, and once only.
				for _, enc := range nr.Encounters {
					added, err := b.AddEncounter(nr.ID, enc)
					if err != nil {
						return fmt.Errorf("entry %d: %w", nr.Number, err)
					}
					if added {
						if joined[enc.PersonID] == 0 {
							joinedOrder = append(joinedOrder, enc.PersonID)
						}
						joined[enc.PersonID]++
					}
				}
				continue
			}
			if err := entryPhotos(b, zr, &nr.Reflection, photos[nr.Number], sum); err != nil {
				return fmt.Errorf("entry %d: %w; nothing was imported", nr.Number, err)
			}
			before := sum.Added.Reflections
			if err := saveEntry(b, &nr.Reflection, "entry", nr.Number, o, sum); err != nil {
				return err
			}
			if sum.Added.Reflections > before {
				sum.Added.Photos += len(nr.Photos)
			}
		}
		for _, id := range joinedOrder {
			p, err := b.PersonByID(id)
			if err != nil {
				return err
			}
			name := id
			if p != nil {
				name = p.Name
			}
			sum.Joined = append(sum.Joined, Joined{Name: name, Evenings: joined[id]})
		}
		return nil
	})
}

// resolveTarget finds the person t names, adding a new one (once, however
// many targets name them) to the journal; the zero Target is no one.
func resolveTarget(b *journal.Batch, t Target, notFound string, personID map[string]string, sum *Summary) (journal.Person, error) {
	if t.PersonID != "" {
		p, err := b.PersonByID(t.PersonID)
		if err != nil {
			return journal.Person{}, err
		}
		if p == nil {
			return journal.Person{}, journal.Errorf(journal.ENOTFOUND, "%s", notFound)
		}
		return *p, nil
	}
	if t.NewName == "" {
		return journal.Person{}, nil
	}
	newKey := journal.FoldName(t.NewName)
	if id, done := personID[newKey]; done {
		return journal.Person{ID: id, Name: t.NewName}, nil
	}
	existing, err := b.PersonByName(t.NewName)
	if err != nil {
		return journal.Person{}, err
	}
	if existing != nil {
		personID[newKey] = existing.ID
		return *existing, nil
	}
	p := &journal.Person{Name: t.NewName}
	if err := b.AddPerson(p); err != nil {
		return journal.Person{}, fmt.Errorf("add %q: %w", t.NewName, err)
	}
	personID[newKey] = p.ID
	sum.Added.People++
	return *p, nil
}

// String is the summary in words, a line per point.
func (sum *Summary) String() string {
	var lines []string
	added := "Added"
	if sum.DryRun {
		lines = append(lines, "Dry run: nothing was written. This is what the import would do.")
		added = "Would add"
	}
	if words := countWords(sum.Added); words != "" {
		lines = append(lines, added+": "+words+".")
	} else if len(sum.Joined) == 0 {
		lines = append(lines, "Nothing new to add.")
	}
	if present := countWords(sum.Present); present != "" {
		lines = append(lines, "Already in the journal: "+present+".")
	}
	for _, j := range sum.Joined {
		lines = append(lines, fmt.Sprintf("%s %s to %s already in the journal.", added, j.Name, plural(j.Evenings, "evening", "evenings")))
	}
	if media := sum.Media.String(); media != "" {
		lines = append(lines, "Left out: "+media+" of the export; Kindred keeps photos, not videos, audio or other attachments, and a photo comes in only from the export's zip.")
	}
	if len(sum.MatchedByName) > 0 {
		lines = append(lines, "Matched by name to people already in the journal: "+strings.Join(sum.MatchedByName, ", ")+".")
	}
	if len(sum.Unattributed) > 0 {
		lines = append(lines, fmt.Sprintf("With %s: %s that named no one (%s).", sum.UnattributedTo, plural(len(sum.Unattributed), "entry", "entries"), numberList(sum.Unattributed, 15)))
	}
	if len(sum.NoOne) > 0 {
		lines = append(lines, fmt.Sprintf("Left out: %s with no one mapped (%s).", plural(len(sum.NoOne), "entry", "entries"), numberList(sum.NoOne, 15)))
	}
	if len(sum.Skipped) > 0 {
		lines = append(lines, fmt.Sprintf("Skipped: %s that could not be read:", plural(len(sum.Skipped), "entry", "entries")))
		for i, p := range sum.Skipped {
			if i == 20 {
				lines = append(lines, fmt.Sprintf("  and %d more", len(sum.Skipped)-20))
				break
			}
			lines = append(lines, "  "+p.String())
		}
	}
	return strings.Join(lines, "\n")
}

func countWords(c Counts) string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plural(n, one, many))
		}
	}
	add(c.People, "person", "people")
	add(c.Kinds, "moment kind", "moment kinds")
	add(c.Reflections, "reflection", "reflections")
	add(c.Drafts, "draft", "drafts")
	add(c.Dismissed, "dismissed suggestion", "dismissed suggestions")
	add(c.Settings, "setting", "settings")
	add(c.Photos, "photo", "photos")
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func numberList(ns []int, limit int) string {
	var parts []string
	for i, n := range ns {
		if i == limit {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprint(n))
	}
	return "entries " + strings.Join(parts, ", ")
}

// IsCancelled reports whether an import stopped on the user's account
// (problems or names to decide) rather than on a failure.
func IsCancelled(err error) bool {
	var pe *ProblemsError
	var ue *UndecidedError
	return errors.As(err, &pe) || errors.As(err, &ue)
}
