package insights

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"kindred/journal"
)

// AnniversaryDays is how far ahead a person's insights look for
// anniversaries of firsts: the next four weeks, from tomorrow (today's are
// on the Reflect screen's card).
const AnniversaryDays = 28

// Anniversary is a first that comes round again soon: Years after the
// evening it happened, on Date.
type Anniversary struct {
	Kind  string    `json:"kind"`
	Label string    `json:"label"`
	Years int       `json:"years"`
	Date  string    `json:"date"` // YYYY-MM-DD
	First MomentRef `json:"first"`
	on    time.Time
}

// UpcomingAnniversaries lists the anniversaries of the firsts in a ledger
// (journal.RememberYears after each, by the evening's own date) that fall
// in the AnniversaryDays after asOf, soonest first. Missteps have none.
func UpcomingAnniversaries(l Ledger, kinds []journal.MomentKind, asOf time.Time) []Anniversary {
	cat := newCatalog(kinds)
	y, m, d := asOf.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []Anniversary
	for _, k := range l.Kinds {
		if k.First == nil || !cat.connection(k.Kind) {
			continue
		}
		for _, n := range journal.RememberYears {
			on := journal.Anniversary(k.First.At, n)
			if days := int(on.Sub(today).Hours() / 24); days >= 1 && days <= AnniversaryDays {
				out = append(out, Anniversary{Kind: k.Kind, Label: k.Label, Years: n, Date: on.Format(time.DateOnly), First: *k.First, on: on})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].Years < out[j].Years
	})
	return out
}

// AnniversaryLine says the upcoming anniversaries in one gentle sentence,
// "" when there are none: "Coming up: 2 years since the first “Adventure”
// (Thu 12 Mar), 1 year since the first “Went deep” and “Laughed together”
// (Fri 20 Mar)." Firsts of one evening share their date.
func AnniversaryLine(as []Anniversary) string {
	if len(as) == 0 {
		return ""
	}
	var parts []string
	for i := 0; i < len(as); {
		a := as[i]
		var labels []string
		for ; i < len(as) && as[i].Date == a.Date && as[i].Years == a.Years; i++ {
			labels = append(labels, "“"+as[i].Label+"”")
		}
		parts = append(parts, fmt.Sprintf("%s since the first %s (%s)", nounCount(a.Years, "year", "years"), journal.JoinNames(labels), a.on.Format("Mon 2 Jan")))
	}
	return "Coming up: " + strings.Join(parts, ", ") + "."
}
