package insights

import (
	"fmt"
	"strings"
	"time"
)

// longDate is "4 March 2025".
func longDate(t time.Time) string { return t.Format("2 January 2006") }

// shortDate is "4 Mar 2025".
func shortDate(t time.Time) string { return t.Format("2 Jan 2006") }

// eveningDate is "Tuesday 4 March 2025, 21:30", on the evening's own clock.
func eveningDate(t time.Time) string { return t.Format("Monday 2 January 2006, 15:04") }

// periodWords is " between A and B", " since A", " until B" or "".
func periodWords(r Range) string {
	switch {
	case !r.From.IsZero() && !r.To.IsZero():
		return " between " + longDate(r.From) + " and " + longDate(r.To)
	case !r.From.IsZero():
		return " since " + longDate(r.From)
	case !r.To.IsZero():
		return " until " + longDate(r.To)
	}
	return ""
}

// spanWords is "4 March 2025 – 9 May 2026" (one date when both are the same day).
func spanWords(r Range) string {
	if r.From.IsZero() {
		return "no evenings yet"
	}
	if DayOf(r.From) == DayOf(r.To) {
		return longDate(r.From)
	}
	return longDate(r.From) + " – " + longDate(r.To)
}

// agoWords is "today", "yesterday", "41 days ago".
func agoWords(n int) string {
	switch {
	case n < 0:
		return ""
	case n == 0:
		return "today"
	case n == 1:
		return "yesterday"
	}
	return fmt.Sprintf("%d days ago", n)
}

// nounCount is "1 evening", "3 evenings".
func nounCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// joinNames is "Ana, Ben and Chloé", or the first max names and "N others".
func joinNames(names []string, max int) string {
	if len(names) > max {
		rest := len(names) - max
		return strings.Join(names[:max], ", ") + " and " + nounCount(rest, "other", "others")
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
