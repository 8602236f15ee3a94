package app

import (
	"fmt"

	"kindred/journal"
)

// tlAsked is the deck question asked that evening, for a timeline row's
// footer: "asked “…” (both answered)", "and 1 more" when there were several.
func tlAsked(qs []journal.AskedQuestion) string {
	if len(qs) == 0 {
		return ""
	}
	q := qs[0]
	text := q.ID
	if dq, ok := journal.Deck().Question(q.ID); ok {
		text = dq.Text
	}
	s := "asked \u201c" + text + "\u201d"
	switch q.Answers() {
	case "both":
		s += " (both answered)"
	case "them":
		s += " (they answered)"
	case "me":
		s += " (you answered)"
	}
	if len(qs) > 1 {
		s += fmt.Sprintf(" and %d more", len(qs)-1)
	}
	return s
}
