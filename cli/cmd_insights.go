package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"kindred/insights"
	"kindred/journal"
)

func init() {
	register(command{name: "insights", summary: "closeness, moments, depth score and suggestions (one person or all)", run: runInsights})
}

func runInsights(e *env) error {
	fs := e.flags("insights", "[--person NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]")
	person := fs.String("person", "", "one person's insights (`NAME`); the whole journal's without it")
	from := fs.String("from", "", "only evenings on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only evenings on or before this date (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print JSON (described in docs/insights.md)")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("insights takes no arguments besides its flags (got %q)", args[0])
	}
	rng, err := exportRange(*from, *to)
	if err != nil {
		return err
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	now := s.Now()
	if *person == "" {
		ji, err := insights.JournalReport(e.ctx, s, rng, now)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, ji)
		}
		printJournalInsights(e.stdout, ji)
		return nil
	}
	p, err := s.FindPerson(e.ctx, *person)
	if err != nil {
		return err
	}
	pi, err := insights.PersonReport(e.ctx, s, p.ID, rng, now)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, pi)
	}
	printPersonInsights(e.stdout, pi)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func rangeLine(r insights.Range, asOf time.Time) string {
	switch {
	case r.From.IsZero() && r.To.IsZero():
		return "all time, as of " + asOf.Format("2 Jan 2006")
	case r.From.IsZero():
		return "up to " + r.To.Format("2 Jan 2006")
	case r.To.IsZero():
		return r.From.Format("2 Jan 2006") + " to today"
	}
	return r.From.Format("2 Jan 2006") + " to " + r.To.Format("2 Jan 2006")
}

func printPersonInsights(w io.Writer, pi *insights.PersonInsights) {
	fmt.Fprintf(w, "%s: %s\n", pi.Person.Name, rangeLine(pi.Range, pi.AsOf))
	if pi.Last == nil {
		fmt.Fprintln(w, "\nNo evenings with them yet.")
		return
	}
	fmt.Fprintf(w, "evenings: %d (first %s, last %s)\n", pi.Evenings, pi.First.At.Format("2006-01-02"), pi.Last.At.Format("2006-01-02"))

	fmt.Fprintf(w, "\ndepth score: %d/100\n", pi.Score.Score)
	for _, part := range pi.Score.Parts() {
		fmt.Fprintf(w, "  %-12s %4.2f x %2.0f%% = %4.1f  %s\n", part.Name, part.Value, part.Weight*100, part.Points, part.Detail)
	}

	fmt.Fprintf(w, "\ncloseness: %s in the range; %s\n", nounCount(len(pi.Closeness.Points), "rating", "ratings"), pi.Closeness.TrendWords())

	fmt.Fprintln(w, "\nmoments (evenings in the range, first and last time):")
	for _, k := range pi.Ledger.Kinds {
		if k.First == nil {
			fmt.Fprintf(w, "  %-24s %4d  never yet\n", k.Label, k.Count)
			continue
		}
		fmt.Fprintf(w, "  %-24s %4d  first %s  last %s (%s)\n", k.Label, k.Count,
			k.First.At.Format("2006-01-02"), k.Last.At.Format("2006-01-02"), daysAgo(k.DaysSinceLast))
	}
	if line := insights.AnniversaryLine(pi.Anniversaries); line != "" {
		fmt.Fprintln(w, "  "+line)
	}
	b := pi.Balance
	fmt.Fprintf(w, "\nbalance: %d deep and %d light moments", b.Deep, b.Light)
	if b.Deep+b.Light > 0 {
		fmt.Fprintf(w, " (%.0f%% deep)", 100*b.DeepShare)
	}
	r := pi.Reciprocity
	fmt.Fprintf(w, "\nreciprocity: they opened up on %s, you on %s, both on %s\n",
		nounCount(r.TheyOpened, "evening", "evenings"), nounCount(r.IOpened, "evening", "evenings"), nounCount(r.Both, "evening", "evenings"))
	fmt.Fprintf(w, "deck of questions: %s\n", pi.Deck.Summary())
	printSuggestions(w, pi.Suggestions, false)
}

func printJournalInsights(w io.Writer, ji *insights.JournalInsights) {
	fmt.Fprintf(w, "the whole journal: %s\n", rangeLine(ji.Range, ji.AsOf))
	fmt.Fprintf(w, "evenings: %d with %d people\n", ji.Evenings, ji.People)
	printTrends(w, "growing closer", ji.Growing)
	printTrends(w, "drifting", ji.Drifting)
	y := ji.Year
	fmt.Fprintf(w, "\nthe year in moments (%s to %s): %d evenings, %d people, %d moments\n",
		y.Range.From.Format("2006-01-02"), y.Range.To.Format("2006-01-02"), y.Evenings, y.People, y.Moments)
	if words := y.BusiestWords(); words != "" {
		fmt.Fprintf(w, "  %s\n", words)
	}
	for _, k := range y.Kinds {
		fmt.Fprintf(w, "  %-24s %5d\n", k.Label, k.Count)
	}
	if len(y.Firsts) > 0 {
		fmt.Fprintf(w, "  firsts this year: %d\n", len(y.Firsts))
	}
	printSuggestions(w, ji.Suggestions, true)
}

func printTrends(w io.Writer, title string, list []insights.PersonTrend) {
	fmt.Fprintf(w, "\n%s:\n", title)
	if len(list) == 0 {
		fmt.Fprintln(w, "  nobody")
	}
	for _, t := range list {
		fmt.Fprintf(w, "  %-24s %s\n", t.Person.Name, t.Reason)
	}
}

func printSuggestions(w io.Writer, list []insights.Suggestion, names bool) {
	fmt.Fprintln(w, "\nsuggestions:")
	if len(list) == 0 {
		fmt.Fprintln(w, "  none right now")
	}
	for _, s := range list {
		title := s.Title
		if names {
			title = s.Person.Name + ": " + title
		}
		fmt.Fprintf(w, "  * %s [%s]\n    %s\n    evenings: %s\n", title, s.Technique, s.Text, strings.Join(s.ReflectionIDs, ", "))
	}
}

func daysAgo(d int) string {
	switch d {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return fmt.Sprintf("%d days ago", d)
}

var _ insights.Source = (*journal.Store)(nil)

// nounCount is "1 evening", "3 evenings".
func nounCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
