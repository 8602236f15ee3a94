package journal

import (
	"fmt"
	"strings"
	"time"
)

// rememberWhen starts a memory's sentence: "A year ago today", or, for an
// evening whose own day is not the one remembered on (29 February in
// another year), "A year ago, on 29 February".
func rememberWhen(years int, at, date time.Time, today bool) string {
	ago := yearsAgo(years)
	switch {
	case at.Month() != date.Month() || at.Day() != date.Day():
		return ago + ", on " + at.Format("2 January")
	case today:
		return ago + " today"
	}
	return ago + " on this day"
}

func yearsAgo(n int) string {
	words := map[int]string{1: "A year", 2: "Two years", 3: "Three years", 4: "Four years", 5: "Five years", 10: "Ten years"}
	if w, ok := words[n]; ok {
		return w + " ago"
	}
	return fmt.Sprintf("%d years ago", n)
}

// firstText ends the sentence of a first's anniversary, after its "when".
func firstText(k MomentKind, name string) string {
	var what string
	switch k.ID {
	case KindDeepTalk:
		what = name + " first opened up to you"
	case KindSharedBack:
		what = "you first opened up to " + name + " in return"
	case KindListened:
		what = "you first listened to " + name + " without trying to fix a thing"
	case KindCameUpForAir:
		what = "you and " + name + " first came up for air after going deep"
	case KindLaughed:
		what = "you and " + name + " first laughed together"
	case KindInsideJoke:
		what = "you and " + name + " first shared an inside joke"
	case KindUsVsWorld:
		what = "you and " + name + " first stood together against the world"
	case KindLabeledBond:
		what = "you first named the bond with " + name
	case KindAdventure:
		what = "you had your first adventure with " + name
	case KindPerfectDay:
		what = "you spent your first whole day with " + name
	default:
		what = "you and " + name + " first had a “" + k.Label + "” moment"
	}
	return ", " + what + "."
}

// JoinNames lists names as a sentence does: "Ana", "Ana and Leo", "Ana,
// Leo and Mia"; "" for none.
func JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
