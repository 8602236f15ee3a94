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
	s := "asked " + askedText(qs[0])
	if len(qs) > 1 {
		s += fmt.Sprintf(" and %d more", len(qs)-1)
	}
	return s
}

// deckText is a deck question's words, or its id when the deck does not
// have it (a journal written by a newer Kindred).
func deckText(id string) string {
	if q, ok := journal.Deck().Question(id); ok {
		return q.Text
	}
	return id
}

// askedText is one asked question as the window says it: “…” and who
// answered it, if anyone did.
func askedText(q journal.AskedQuestion) string {
	s := "\u201c" + deckText(q.ID) + "\u201d"
	switch q.Answers() {
	case "both":
		s += " (both answered)"
	case "them":
		s += " (they answered)"
	case "me":
		s += " (you answered)"
	}
	return s
}
