package app

import (
	"fmt"
	"time"
)

// sinceText says how long ago t was, in the words a person would use:
// "today", "yesterday", "5 days ago", "3 weeks ago", "March 2024".
func sinceText(t, now time.Time) string {
	if t.IsZero() {
		return "not yet"
	}
	ty, tm, td := t.In(now.Location()).Date()
	ny, nm, nd := now.Date()
	days := int(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days < 0:
		return "later on " + t.Format("2 Jan")
	case days == 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 14:
		return fmt.Sprintf("%d days ago", days)
	case days < 60:
		return fmt.Sprintf("%d weeks ago", days/7)
	case ty == ny:
		return t.Format("January")
	}
	return t.Format("January 2006")
}

// eveningText is a reflection's date and time as the composer confirms it.
func eveningText(t time.Time) string { return t.Format("Mon 2 Jan 2006, 15:04") }

// plural gives "1 evening", "3 evenings".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
