package insights

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"kindred/journal"
)

// The suggestions' thresholds; docs/insights.md explains each rule.
const (
	closeTrend       = 4.5 // a "close" person: their closeness trend at least this
	highTrend        = 5.0 // "closeness high": the trend at least this
	activeDays       = 60  // a rule about the present needs an evening this recent
	deepRunLength    = 3   // deep evenings in a row without lightness
	misstepWindow    = 10  // the last this many evenings...
	misstepRepeat    = 3   // ...with the same misstep this often
	misstepMaxDays   = 180 // and none of them older than this
	bondDays         = 90  // closeness high for this long, bond never named
	seasonDays       = 90  // a season: no adventure or whole day in this long
	seasonEvenings   = 4   // though they met at least this often
	rhythmGaps       = 20  // the usual rhythm is the median of the last gaps
	rhythmMinGaps    = 4   // and needs at least this many of them
	driftFactor      = 3   // drifting: quiet for this many usual gaps
	driftMinDays     = 21  // and at least this many days
	deepDriftMinDays = 45  // or no depth for at least this many days
	driftMaxDays     = 365 // after a year apart it is no longer drifting but over
	shownEvenings    = 5   // evenings listed behind a suggestion
)

var ruleRank = map[SuggestionRule]int{
	RuleDrifting: 0, RuleDeepWithoutAir: 1, RuleRecurringMisstep: 2, RuleBondUnnamed: 3, RuleNoAdventure: 4, RuleDeckStalled: 5,
}

// Suggest returns every suggestion that applies to a person at asOf, most
// pressing first; Pick chooses the few to show. Evenings are oldest first.
// Archived people get none.
func Suggest(p PersonHistory, kinds []journal.MomentKind, asOf time.Time) []Suggestion {
	past := upTo(p.Evenings, asOf)
	if p.Person.Archived || len(past) == 0 {
		return nil
	}
	s := suggester{p: p.Person, name: firstName(p.Person.Name), past: past, cat: newCatalog(kinds), asOf: asOf}
	s.drifting()
	s.deepWithoutAir()
	s.recurringMisstep()
	s.bondUnnamed()
	s.noAdventure()
	s.deckStalled(p.Asked)
	return s.out
}

// Pick leaves out dismissed suggestions and keeps at most max.
func Pick(sugs []Suggestion, dismissed map[string]time.Time, max int) []Suggestion {
	out := []Suggestion{}
	for _, s := range sugs {
		if len(out) == max {
			break
		}
		if _, gone := dismissed[s.Key]; !gone {
			out = append(out, s)
		}
	}
	return out
}

// putAside is the suggestions of sugs that were dismissed: put aside, and
// still true.
func putAside(sugs []Suggestion, dismissed map[string]time.Time) []Suggestion {
	var out []Suggestion
	for _, s := range sugs {
		if _, gone := dismissed[s.Key]; gone {
			out = append(out, s)
		}
	}
	return out
}

type suggester struct {
	p    journal.Person
	name string
	past []Evening
	cat  catalog
	asOf time.Time
	out  []Suggestion
}

func (s *suggester) add(rule SuggestionRule, key, technique, title, text string, evs []*Evening) {
	ids := make([]string, 0, min(len(evs), shownEvenings))
	for i := len(evs) - 1; i >= 0 && len(ids) < shownEvenings; i-- {
		ids = append(ids, evs[i].ReflectionID)
	}
	s.out = append(s.out, Suggestion{
		Key: string(rule) + "/" + s.p.ID + "/" + key, Rule: rule, Person: personRef(s.p),
		Technique: technique, Title: title, Text: text, ReflectionIDs: ids,
		at: evs[len(evs)-1].At,
	})
}

func (s *suggester) last() *Evening { return &s.past[len(s.past)-1] }

func (s *suggester) daysSince(e *Evening) int { return daysBetween(e.At, s.asOf) }

// recent is whether the last evening is recent enough for a rule about now.
func (s *suggester) recent() bool { return s.daysSince(s.last()) <= activeDays }

// drifting: a close person quiet for much longer than their usual rhythm, or
// still seen but without depth for much longer than usual.
func (s *suggester) drifting() {
	d, ok := driftOf(s.past, s.asOf)
	if !ok {
		return
	}
	if d.quiet {
		last := s.last()
		s.add(RuleDrifting, last.ReflectionID, journal.KindDeepTalk,
			fmt.Sprintf("It has been a while since you saw %s", s.name),
			fmt.Sprintf("Your last evening with %s was %d days ago; you usually see each other about every %s. "+
				"A short message, or an invitation with a real question in it, can pick the thread back up.",
				s.name, d.days, dayCount(d.gap)),
			[]*Evening{last})
		return
	}
	since := make([]*Evening, 0, len(s.past)-1-d.lastDeep)
	for i := d.lastDeep + 1; i < len(s.past); i++ {
		since = append(since, &s.past[i])
	}
	s.add(RuleDrifting, "deep/"+s.past[d.lastDeep].ReflectionID, journal.KindDeepTalk,
		fmt.Sprintf("You still meet %s, but less deeply", s.name),
		fmt.Sprintf("The last time one of you opened up was %d days ago, and it used to happen about every %s. "+
			"Next time, ask %s one personal question, as if it were the most ordinary thing to ask.",
			d.days, dayCount(d.gap), s.name),
		since)
}

// drift is how a close person is drifting: quiet for much longer than their
// usual gap between evenings, or still seen but without anyone opening up for
// much longer than their usual gap between deep evenings.
type drift struct {
	quiet    bool
	days     int     // since the last evening (quiet), or the last deep one
	gap      float64 // the usual gap, in days, between evenings or deep evenings
	lastDeep int     // the last deep evening's index, when not quiet
}

// driftOf is the one test of drifting that a person's suggestions and the
// journal's drifting list both use, so that they can never disagree. past
// is the evenings up to asOf, at least one.
func driftOf(past []Evening, asOf time.Time) (drift, bool) {
	last := &past[len(past)-1]
	days := daysBetween(last.At, asOf)
	if days > driftMaxDays {
		return drift{}, false
	}
	// The trend, the dearest test, comes last.
	d, ok := quietOrShallow(past, days, asOf)
	if !ok || trendAt(past, asOf) < closeTrend {
		return drift{}, false
	}
	return d, true
}

// quietOrShallow is driftOf without the test of closeness: quiet for three
// usual gaps and driftMinDays, or seen within activeDays with two evenings
// or more since anyone opened up, for three usual deep gaps and
// deepDriftMinDays.
func quietOrShallow(past []Evening, days int, asOf time.Time) (drift, bool) {
	if gap, ok := rhythm(past); ok && float64(days) >= max(driftFactor*gap, driftMinDays) {
		return drift{quiet: true, days: days, gap: gap}, true
	}
	if days > activeDays {
		return drift{}, false
	}
	// The rhythm reads only the last gaps: the latest deep evenings, newest
	// found first, are all it needs.
	var deep []Evening
	lastDeep := -1
	for i := len(past) - 1; i >= 0 && len(deep) <= rhythmGaps; i-- {
		if hasAny(&past[i], deepKind) {
			deep = append(deep, past[i])
			if lastDeep < 0 {
				lastDeep = i
			}
		}
	}
	if lastDeep < 0 || len(past)-1-lastDeep < 2 {
		return drift{}, false
	}
	slices.Reverse(deep)
	gap, ok := rhythm(deep)
	deepDays := daysBetween(past[lastDeep].At, asOf)
	if !ok || float64(deepDays) < max(driftFactor*gap, deepDriftMinDays) {
		return drift{}, false
	}
	return drift{days: deepDays, gap: gap, lastDeep: lastDeep}, true
}

// deepWithoutAir: the latest evenings all went deep and none had lightness.
func (s *suggester) deepWithoutAir() {
	var run []*Evening
	for i := len(s.past) - 1; i >= 0; i-- {
		e := &s.past[i]
		if !hasAny(e, deepKind) || hasAny(e, lightKind) {
			break
		}
		run = append([]*Evening{e}, run...)
	}
	if len(run) < deepRunLength || !s.recent() {
		return
	}
	s.add(RuleDeepWithoutAir, run[0].ReflectionID, journal.KindCameUpForAir,
		fmt.Sprintf("Make room for lightness with %s", s.name),
		fmt.Sprintf("Your last %d evenings with %s all went deep, with no lighter moment in between. "+
			"Serious talk sits better when it takes turns with play: next time, leave space for a joke, a walk or something silly.",
			len(run), s.name),
		run)
}

// misstepRemedy is the technique that answers each misstep.
var misstepRemedy = map[string]string{
	journal.KindTriedToFix:    journal.KindListened,
	journal.KindJudged:        journal.KindListened,
	journal.KindMindReading:   journal.KindListened,
	journal.KindOneUpped:      journal.KindSharedBack,
	journal.KindForcedMeToo:   journal.KindSharedBack,
	journal.KindStayedTooDeep: journal.KindCameUpForAir,
}

// misstepAdvice says, in our words, what to try instead; %[1]s is the name.
var misstepAdvice = map[string]string{
	journal.KindTriedToFix:    "When %[1]s brings something hard, try only listening: ask what it was like, and keep the solutions until they ask for them.",
	journal.KindJudged:        "When %[1]s shares something, let curiosity go first: ask what happened next before deciding what you think of it.",
	journal.KindMindReading:   "Ask %[1]s how it felt for them before saying you understand; understanding lands better once you have heard it.",
	journal.KindOneUpped:      "A story of your own helps most when it is short and ends by turning back to %[1]s.",
	journal.KindForcedMeToo:   "When nothing of yours truly matches, saying so and asking %[1]s more is enough.",
	journal.KindStayedTooDeep: "When a serious talk with %[1]s has run its course, a lighter turn is a kindness, not an escape.",
}

// recurringMisstep: the same misstep on several of the latest evenings.
func (s *suggester) recurringMisstep() {
	start := max(0, len(s.past)-misstepWindow)
	byKind := map[string][]*Evening{}
	for i := start; i < len(s.past); i++ {
		e := &s.past[i]
		if s.daysSince(e) > misstepMaxDays {
			continue
		}
		for _, k := range e.Kinds {
			if s.cat.misstep(k) {
				byKind[k] = append(byKind[k], e)
			}
		}
	}
	var kinds []string
	for k, evs := range byKind {
		if len(evs) >= misstepRepeat {
			kinds = append(kinds, k)
		}
	}
	sort.Slice(kinds, func(i, j int) bool {
		if a, b := len(byKind[kinds[i]]), len(byKind[kinds[j]]); a != b {
			return a > b
		}
		return s.cat.position(kinds[i]) < s.cat.position(kinds[j])
	})
	window := len(s.past) - start
	for _, k := range kinds {
		evs := byKind[k]
		remedy, ok := misstepRemedy[k]
		advice := misstepAdvice[k]
		if !ok {
			remedy = journal.KindListened
			advice = "Noticing it is the first step; next time with %[1]s, see if you can catch the moment just before it happens."
		}
		s.add(RuleRecurringMisstep, k+"/"+evs[0].ReflectionID, remedy,
			fmt.Sprintf("A habit that keeps coming back with %s", s.name),
			fmt.Sprintf("%s came up on %d of your last %d evenings with %s. ", quoted(s.cat.label(k)), len(evs), window, s.name)+fmt.Sprintf(advice, s.name),
			evs)
	}
}

// bondUnnamed: closeness high for months, and the bond never said out loud.
func (s *suggester) bondUnnamed() {
	for i := range s.past {
		if s.past[i].Has(journal.KindLabeledBond) {
			return
		}
	}
	if !s.recent() {
		return
	}
	var tr trend
	var streak []*Evening
	for i := range s.past {
		e := &s.past[i]
		if !e.Closeness.Rated() {
			continue
		}
		if tr.add(e.At, float64(e.Closeness)) >= highTrend {
			streak = append(streak, e)
		} else {
			streak = streak[:0]
		}
	}
	if len(streak) < 3 {
		return
	}
	days := s.daysSince(streak[0])
	if days < bondDays {
		return
	}
	s.add(RuleBondUnnamed, streak[0].ReflectionID, journal.KindLabeledBond,
		fmt.Sprintf("Tell %s what this friendship means", s.name),
		fmt.Sprintf("For about %d months you have felt close to %s, and neither of you has said so out loud. "+
			"Telling them plainly that the connection matters to you, and hearing it back, can make it sturdier.",
			max(3, days/30), s.name),
		streak)
}

// noAdventure: they met often this season, but never for anything new or
// for a whole day.
func (s *suggester) noAdventure() {
	if s.daysSince(&s.past[0]) <= seasonDays {
		return // too new to speak of seasons
	}
	var season []*Evening
	for i := range s.past {
		e := &s.past[i]
		if s.daysSince(e) > seasonDays {
			continue
		}
		if e.Has(journal.KindAdventure) || e.Has(journal.KindPerfectDay) {
			return
		}
		season = append(season, e)
	}
	if len(season) < seasonEvenings {
		return
	}
	q := fmt.Sprintf("%d-Q%d", s.asOf.Year(), (int(s.asOf.Month())-1)/3+1)
	s.add(RuleNoAdventure, q, journal.KindAdventure,
		fmt.Sprintf("Plan something new with %s", s.name),
		fmt.Sprintf("You have met %s %d times in the last three months, always in the everyday. "+
			"Doing something new together draws people closer: a trip, a class, or a whole day that wanders from place to place.",
			s.name, len(season)),
		season)
}

// rhythm is the usual gap, in days, between evenings: the median of the
// last gaps. ok is false while there are too few evenings to tell.
func rhythm(evs []Evening) (gap float64, ok bool) {
	n := min(len(evs)-1, rhythmGaps)
	if n < rhythmMinGaps {
		return 0, false
	}
	gaps := make([]int, n)
	for i := range n {
		j := len(evs) - n + i
		gaps[i] = daysBetween(evs[j-1].At, evs[j].At)
	}
	sort.Ints(gaps)
	if n%2 == 1 {
		return float64(gaps[n/2]), true
	}
	return float64(gaps[n/2-1]+gaps[n/2]) / 2, true
}

func hasAny(e *Evening, set map[string]bool) bool {
	for _, k := range e.Kinds {
		if set[k] {
			return true
		}
	}
	return false
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

func dayCount(days float64) string {
	switch {
	case days <= 1:
		return "day"
	case days == float64(int(days)):
		return fmt.Sprintf("%d days", int(days))
	}
	return fmt.Sprintf("%.1f days", days)
}

// quoted puts a label in quotes unless it already has them.
func quoted(label string) string {
	if strings.HasPrefix(label, "\"") {
		return label
	}
	return "\"" + label + "\""
}
