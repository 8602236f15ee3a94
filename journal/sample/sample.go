// Package sample writes sample journals, the reference journal among them.
// It writes through the store's public API only, so it shows what any importer may do.
package sample

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"kindred/journal"
)

// Options shapes a sample journal.
type Options struct {
	People int
	Years  int
	Seed   uint64
	// End is the last evening's date. The command line uses ReferenceEnd so the
	// same seed always gives the same journal; the GUI's sample uses today.
	End time.Time
	// CJK writes the evenings' text and moment notes in Chinese, Japanese
	// and Korean instead of mostly English.
	CJK bool
	// Progress, if set, is called with the share done (0-1).
	Progress func(done float64)
}

// ReferenceEnd is the fixed end of the reference journal.
var ReferenceEnd = time.Date(2026, 11, 1, 22, 0, 0, 0, time.UTC)

// Reference is the benchmark journal of every issue:
// kindred demo --people 200 --years 10 --seed 1.
var Reference = Options{People: 200, Years: 10, Seed: 1}

// ReferenceCJK is the reference journal written in Chinese, Japanese and
// Korean, for measuring search in those scripts.
var ReferenceCJK = Options{People: 200, Years: 10, Seed: 1, CJK: true}

// Write writes a sample journal to a new file at path. It refuses to
// overwrite anything: a sample must never land on someone's own journal.
func Write(ctx context.Context, path string, o Options) (err error) {
	if o.People <= 0 || o.Years <= 0 {
		return &journal.Error{Code: journal.EINVALID, Field: "people", Message: "A sample journal needs at least one person and one year."}
	}
	if o.End.IsZero() {
		o.End = ReferenceEnd
	}
	if _, statErr := os.Lstat(path); statErr == nil {
		return journal.Errorf(journal.ECONFLICT, "%s already exists; a sample journal is only written to a new file.", path)
	}
	s, err := journal.Open(ctx, path)
	if err != nil {
		return err
	}
	defer func() {
		err = errors.Join(err, s.Close())
		if err != nil {
			err = errors.Join(err, journal.RemoveFiles(path))
		}
	}()
	// The generator's clock is the end of the sample, so nothing it writes is
	// in its own future.
	s.Now = func() time.Time { return o.End.Add(time.Hour) }
	g := newGenerator(o)
	return s.Batch(ctx, func(b *journal.Batch) error {
		if err := b.SetSetting("sample", "true"); err != nil {
			return err
		}
		for _, k := range g.customKinds() {
			if err := b.AddKind(&k); err != nil {
				return err
			}
		}
		people := g.people()
		for i := range people {
			if err := b.AddPerson(&people[i].Person); err != nil {
				return fmt.Errorf("sample person %q: %w", people[i].Name, err)
			}
		}
		total := g.reflectionCount()
		for i := 0; i < total; i++ {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if o.Progress != nil {
					o.Progress(float64(i) / float64(total))
				}
			}
			r := g.reflection(people)
			if err := b.SaveReflection(&r); err != nil {
				return fmt.Errorf("sample reflection %d: %w", i, err)
			}
		}
		// Without a deck installed (the journal's own tests) the sample has
		// no questions; Kindred itself always has its deck.
		if deck := journal.Deck(); deck != nil {
			return g.askQuestions(b, people, deck)
		}
		return nil
	})
}

// person carries the shape of a sample relationship.
type person struct {
	journal.Person
	weight     float64
	start, end time.Time
	arc        int // 0 growing, 1 fading, 2 steady, 3 waves
	base       float64
}

type generator struct {
	o     Options
	rng   *rand.Rand
	ids   io.Reader
	start time.Time
}

type rngReader struct{ r *rand.Rand }

func (r rngReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

func newGenerator(o Options) *generator {
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	return &generator{o: o, rng: rng, ids: rngReader{rng}, start: o.End.AddDate(-o.Years, 0, 0)}
}

func (g *generator) id() string { return uuid.Must(uuid.NewRandomFromReader(g.ids)).String() }

// reflectionCount gives about 20 evenings per person-year: 40,000 for the
// reference journal.
func (g *generator) reflectionCount() int { return 20 * g.o.People * g.o.Years }

func (g *generator) customKinds() []journal.MomentKind {
	return []journal.MomentKind{
		{ID: "cooked-together", Label: "Cooked together", Color: "#a1887f"},
		{ID: "board-games", Label: "Board games", Color: "#607d8b"},
		{ID: "checked-phone", Label: "Checked my phone", Color: "#b0b0b0", Misstep: true},
	}
}

func (g *generator) people() []person {
	used := map[string]bool{}
	out := make([]person, 0, g.o.People)
	span := g.o.End.Sub(g.start)
	for i := 0; i < g.o.People; i++ {
		name := ""
		for attempt := 0; name == "" || used[journal.FoldName(name)]; attempt++ {
			name = firstNames[g.rng.IntN(len(firstNames))] + " " + lastNames[g.rng.IntN(len(lastNames))]
			if attempt > 20 {
				name = fmt.Sprintf("%s %d", name, i)
			}
		}
		used[journal.FoldName(name)] = true
		p := person{arc: g.rng.IntN(4), base: 2 + g.rng.Float64()*3}
		// A few people fill most evenings, as in a real life.
		p.weight = 1 / math.Pow(float64(i+1), 0.9)
		p.start = g.start
		if i > 2 && g.rng.Float64() < 0.6 {
			p.start = g.start.Add(time.Duration(g.rng.Float64() * 0.8 * float64(span)))
		}
		p.end = g.o.End
		if p.arc == 1 && g.rng.Float64() < 0.5 {
			p.end = p.start.Add(time.Duration((0.3 + 0.7*g.rng.Float64()) * float64(g.o.End.Sub(p.start))))
		}
		p.Person = journal.Person{ID: g.id(), Name: name, Color: journal.ColorForName(name), CreatedAt: p.start, Archived: i > 5 && g.rng.Float64() < 0.03}
		out = append(out, p)
	}
	return out
}

// pick chooses a person active at t, by weight.
func (g *generator) pick(people []person, t time.Time, not map[int]bool) int {
	var total float64
	for i := range people {
		if !not[i] && !t.Before(people[i].start) && !t.After(people[i].end) {
			total += people[i].weight
		}
	}
	x := g.rng.Float64() * total
	for i := range people {
		if not[i] || t.Before(people[i].start) || t.After(people[i].end) {
			continue
		}
		x -= people[i].weight
		if x <= 0 {
			return i
		}
	}
	return -1
}

// zone is mostly home (central Europe, with summer time), sometimes travel.
func (g *generator) zone(t time.Time) *time.Location {
	switch x := g.rng.Float64(); {
	case x < 0.02:
		return time.FixedZone("", 5*3600+45*60)
	case x < 0.05:
		return time.FixedZone("", -5*3600)
	}
	if m := t.Month(); m > time.March && m < time.November {
		return time.FixedZone("", 2*3600)
	}
	return time.FixedZone("", 3600)
}

func (g *generator) reflection(people []person) journal.Reflection {
	span := g.o.End.Sub(g.start)
	var at time.Time
	var first int
	for first = -1; first < 0; {
		day := g.start.Add(time.Duration(g.rng.Float64() * float64(span)))
		at = time.Date(day.Year(), day.Month(), day.Day(), 17+g.rng.IntN(6), g.rng.IntN(60), 0, 0, time.UTC)
		if at.After(g.o.End) {
			continue
		}
		first = g.pick(people, at, nil)
	}
	at = at.In(g.zone(at))
	present := []int{first}
	if g.rng.Float64() < 0.15 {
		not := map[int]bool{first: true}
		for n := 1 + g.rng.IntN(3); n > 0; n-- {
			if i := g.pick(people, at, not); i >= 0 {
				present = append(present, i)
				not[i] = true
			}
		}
	}
	r := journal.Reflection{ID: g.id(), At: at, CreatedAt: at.Add(time.Duration(1+g.rng.IntN(5)) * time.Hour)}
	r.UpdatedAt = r.CreatedAt
	var names []string
	for _, i := range present {
		p := &people[i]
		names = append(names, strings.Fields(p.Name)[0])
		r.Encounters = append(r.Encounters, g.encounter(p, at))
	}
	r.Text = g.text(names, r.Encounters[0])
	return r
}

// closenessAt follows the person's arc with some evening-to-evening noise.
func (g *generator) closenessAt(p *person, at time.Time) journal.Closeness {
	life := p.end.Sub(p.start)
	f := 0.0
	if life > 0 {
		f = float64(at.Sub(p.start)) / float64(life)
	}
	v := p.base
	switch p.arc {
	case 0:
		v += 3 * f
	case 1:
		v += 2.5 * (1 - f)
	case 3:
		v += 1.5 * math.Sin(f*4*math.Pi)
	}
	v += g.rng.NormFloat64() * 0.8
	return journal.Closeness(min(7, max(1, int(math.Round(v)))))
}

var connectionKinds = []string{journal.KindDeepTalk, journal.KindSharedBack, journal.KindListened, journal.KindCameUpForAir, journal.KindLaughed, journal.KindInsideJoke, journal.KindUsVsWorld, journal.KindLabeledBond, journal.KindAdventure, journal.KindPerfectDay, "cooked-together", "board-games"}
var misstepKinds = []string{journal.KindTriedToFix, journal.KindOneUpped, journal.KindMindReading, journal.KindForcedMeToo, journal.KindStayedTooDeep, journal.KindJudged, "checked-phone"}
var connectionWeights = []float64{0.45, 0.35, 0.3, 0.25, 0.55, 0.2, 0.15, 0.04, 0.08, 0.05, 0.06, 0.05}

func (g *generator) encounter(p *person, at time.Time) journal.Encounter {
	e := journal.Encounter{PersonID: p.ID}
	if g.rng.Float64() > 0.08 {
		e.Closeness = g.closenessAt(p, at)
	}
	boost := 0.6 + float64(max(e.Closeness, 3))/7
	for i, k := range connectionKinds {
		if g.rng.Float64() < connectionWeights[i]*boost*0.75 {
			e.Moments = append(e.Moments, g.moment(k))
		}
	}
	if g.rng.Float64() < 0.1 {
		e.Moments = append(e.Moments, g.moment(misstepKinds[g.rng.IntN(len(misstepKinds))]))
	}
	return e
}

func (g *generator) moment(kind string) journal.Moment {
	m := journal.Moment{ID: g.id(), Kind: kind}
	if notes := momentNotes[kind]; len(notes) > 0 && g.rng.Float64() < 0.2 {
		m.Note = notes[g.rng.IntN(len(notes))]
		if g.o.CJK {
			l := cjkLanguages[g.rng.IntN(len(cjkLanguages))]
			m.Note = l.notes[g.rng.IntN(len(l.notes))]
		}
	}
	return m
}

func (g *generator) text(names []string, e journal.Encounter) string {
	if g.o.CJK {
		return g.textCJK(names, e)
	}
	var b strings.Builder
	who := names[0]
	if len(names) > 1 {
		who = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	fmt.Fprintf(&b, openers[g.rng.IntN(len(openers))], who)
	kinds := make([]string, 0, len(e.Moments))
	for _, m := range e.Moments {
		kinds = append(kinds, m.Kind)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if lines := momentLines[k]; len(lines) > 0 && g.rng.Float64() < 0.7 {
			b.WriteString(" ")
			b.WriteString(lines[g.rng.IntN(len(lines))])
		}
	}
	// Text length varies from one line to a few paragraphs.
	for n := g.rng.IntN(6); n > 0 && g.rng.Float64() < 0.6; n-- {
		b.WriteString("\n\n")
		b.WriteString(musings[g.rng.IntN(len(musings))])
	}
	if g.rng.Float64() < 0.15 {
		b.WriteString(" " + emoji[g.rng.IntN(len(emoji))])
	}
	return b.String()
}

// textCJK is text in one of the sample's CJK languages.
func (g *generator) textCJK(names []string, e journal.Encounter) string {
	l := cjkLanguages[g.rng.IntN(len(cjkLanguages))]
	var b strings.Builder
	fmt.Fprintf(&b, l.openers[g.rng.IntN(len(l.openers))], strings.Join(names, "、"))
	for _, m := range e.Moments {
		lines := l.lines[m.Kind]
		if len(lines) == 0 {
			lines = l.generic
		}
		if g.rng.Float64() < 0.7 {
			b.WriteString(lines[g.rng.IntN(len(lines))])
		}
	}
	for n := g.rng.IntN(6); n > 0 && g.rng.Float64() < 0.6; n-- {
		b.WriteString("\n\n")
		b.WriteString(l.musings[g.rng.IntN(len(l.musings))])
	}
	if g.rng.Float64() < 0.15 {
		b.WriteString(" " + emoji[g.rng.IntN(len(emoji))])
	}
	return b.String()
}
