package journal

import (
	"fmt"
	"time"
)

// utcLayout is fixed-width so that stored times sort as text.
const utcLayout = "2006-01-02T15:04:05.000Z"

// FormatUTC is the sortable UTC form times are stored in.
func FormatUTC(t time.Time) string { return t.UTC().Format(utcLayout) }

// zoneFor returns a fixed zone for a stored offset, named like "+05:45" so a
// round trip through the journal prints the offset the user wrote in.
func zoneFor(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	sign := '+'
	o := offset
	if o < 0 {
		sign, o = '-', -o
	}
	return time.FixedZone(fmt.Sprintf("%c%02d:%02d", sign, o/3600, (o%3600)/60), offset)
}

// parseStored rebuilds a time from its UTC form and offset.
func parseStored(utc string, offset int) (time.Time, error) {
	t, err := time.Parse(utcLayout, utc)
	if err != nil {
		return time.Time{}, Errorf(EDAMAGED, "The journal holds an unreadable time %q.", utc)
	}
	return t.In(zoneFor(offset)), nil
}

func offsetOf(t time.Time) int {
	_, off := t.Zone()
	return off
}
