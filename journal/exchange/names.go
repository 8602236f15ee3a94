package exchange

import (
	"sort"
	"strings"

	"github.com/google/uuid"

	"kindred/journal"
)

// Name is a tag or @mention of a Day One or jrnl export. It may name a
// moment kind (then it becomes a moment) or a person, if the user says who.
type Name struct {
	Name     string // as first written
	Tag      bool   // used as a tag
	Mention  bool   // used as @Name in the text
	Entries  int    // how many entries carry it
	Kind     string // the moment kind it names, if it names one
	PersonID string // a person in the journal with this very name, if any
}

// Key is how names are compared and mapped: case and accents do not count.
func (n Name) Key() string { return journal.FoldName(n.Name) }

// Target says who a name is. The zero Target leaves the name out.
type Target struct {
	PersonID string // a person in the journal
	NewName  string // a person to add under this name (the user asked for it)
}

// Mapping gives each name (by Key) its person. A name that is not in the
// mapping is undecided, and an import refuses to guess.
type Mapping map[string]Target

// Names lists the tags and @mentions of a Day One or jrnl source, the most
// used first, each with the moment kind or journal person it matches.
func (src *Source) Names(kinds []journal.MomentKind, people []journal.Person) []Name {
	byKey := map[string]*Name{}
	var order []string
	add := func(word string, tag bool) {
		key := journal.FoldName(word)
		if key == "" {
			return
		}
		n := byKey[key]
		if n == nil {
			n = &Name{Name: word}
			byKey[key] = n
			order = append(order, key)
		}
		if tag {
			n.Tag = true
		} else {
			n.Mention = true
		}
	}
	for _, e := range src.Entries {
		seen := map[string]bool{}
		for _, t := range e.Tags {
			add(t, true)
			seen[journal.FoldName(t)] = true
		}
		for _, m := range e.Mentions {
			add(m, false)
			seen[journal.FoldName(m)] = true
		}
		for key := range seen {
			if n := byKey[key]; n != nil {
				n.Entries++
			}
		}
	}
	personByKey := map[string]string{}
	for _, p := range people {
		personByKey[journal.FoldName(p.Name)] = p.ID
	}
	out := make([]Name, 0, len(order))
	for _, key := range order {
		n := byKey[key]
		n.Kind = kindFor(n.Name, kinds)
		n.PersonID = personByKey[key]
		out = append(out, *n)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Entries > out[j].Entries })
	return out
}

// kindFor finds the moment kind a word names: its id or its label, or the
// id its label would have ("Laughed together", "laughed", "Deep talk").
func kindFor(word string, kinds []journal.MomentKind) string {
	key := journal.FoldName(word)
	slug := journal.KindIDFromLabel(word)
	for _, k := range kinds {
		if key == k.ID || slug == k.ID || key == journal.FoldName(k.Label) {
			return k.ID
		}
	}
	return ""
}

// DefaultMapping maps each name that is exactly the name of a person in the
// journal to that person. Everything else is left for the user to decide.
func DefaultMapping(names []Name) Mapping {
	m := Mapping{}
	for _, n := range names {
		if n.PersonID != "" && n.Kind == "" {
			m[n.Key()] = Target{PersonID: n.PersonID}
		}
	}
	return m
}

// Undecided lists the names that are neither moment kinds nor in m.
func Undecided(names []Name, m Mapping) []Name {
	var out []Name
	for _, n := range names {
		if _, ok := m[n.Key()]; !ok && n.Kind == "" {
			out = append(out, n)
		}
	}
	return out
}

// kindredNamespace makes the ids of imported entries from their source ids,
// so importing the same export twice finds them already there.
var kindredNamespace = uuid.MustParse("6f1c7a52-3b0e-4f43-9d55-2c8e0b1a7d10")

// Reflections turns the entries of a Day One or jrnl source into
// reflections under mapping m; newPeople gives the ids of the people m adds
// (by FoldName of their name). It also returns the numbers of the entries
// no one is mapped to: they are left out, or, if unattributed is a person's
// id, given to that person. Nothing is written.
func (src *Source) Reflections(m Mapping, kinds []journal.MomentKind, newPeople map[string]string, unattributed string) ([]NumberedReflection, []int) {
	var out []NumberedReflection
	var noOne []int
	for i := range src.Entries {
		e := &src.Entries[i]
		r, named := entryReflection(e, src.Format, m, kinds, newPeople, unattributed)
		if !named {
			noOne = append(noOne, e.Number)
		}
		if len(r.Encounters) > 0 {
			out = append(out, NumberedReflection{Number: e.Number, Reflection: r})
		}
	}
	return out, noOne
}

// entryReflection turns an entry into a reflection: one encounter for each
// person its names are mapped to, with a moment for each kind its tags name.
// It returns false when no one is mapped; the reflection is then with the
// unattributed person, or with no one if that is "".
func entryReflection(e *Entry, format string, m Mapping, kinds []journal.MomentKind, personID map[string]string, unattributed string) (journal.Reflection, bool) {
	r := journal.Reflection{
		ID:        uuid.NewSHA1(kindredNamespace, []byte(format+":"+e.SourceID)).String(),
		At:        e.At,
		Text:      e.Text,
		CreatedAt: e.Created,
		UpdatedAt: e.Modified,
	}
	var momentKinds []string
	seenKind := map[string]bool{}
	seenPerson := map[string]bool{}
	var people []string
	consider := func(word string, tag bool) {
		key := journal.FoldName(word)
		if t, ok := m[key]; ok {
			id := t.PersonID
			if id == "" && t.NewName != "" {
				id = personID[journal.FoldName(t.NewName)]
			}
			if id != "" && !seenPerson[id] {
				seenPerson[id] = true
				people = append(people, id)
			}
			return
		}
		if !tag {
			return
		}
		if k := kindFor(word, kinds); k != "" && !seenKind[k] {
			seenKind[k] = true
			momentKinds = append(momentKinds, k)
		}
	}
	for _, t := range e.Tags {
		consider(t, true)
	}
	for _, mention := range e.Mentions {
		consider(mention, false)
	}
	named := len(people) > 0
	if !named {
		if unattributed == "" {
			return r, false
		}
		people = []string{unattributed}
	}
	for _, pid := range people {
		enc := journal.Encounter{PersonID: pid}
		for _, k := range momentKinds {
			enc.Moments = append(enc.Moments, journal.Moment{
				ID:   uuid.NewSHA1(kindredNamespace, []byte(r.ID+"/"+pid+"/"+k)).String(),
				Kind: k,
			})
		}
		r.Encounters = append(r.Encounters, enc)
	}
	return r, named
}

// describe lists names for a message: "Anna (12 entries), work (3)".
func describe(names []Name, limit int) string {
	var parts []string
	for i, n := range names {
		if i == limit {
			parts = append(parts, "…")
			break
		}
		word := n.Name
		if n.Mention && !n.Tag {
			word = "@" + word
		}
		parts = append(parts, word+" ("+plural(n.Entries, "entry", "entries")+")")
	}
	return strings.Join(parts, ", ")
}
