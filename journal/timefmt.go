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

// parseUTC reads the stored UTC form. It is on the insights' hot path
// (thousands of times per read), where time.Parse's generality shows; any
// text not exactly of the stored form goes to time.Parse to be judged.
func parseUTC(s string) (time.Time, error) {
	if len(s) != len(utcLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
		s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Parse(utcLayout, s)
	}
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec, milli := num(11, 13), num(14, 16), num(17, 19), num(20, 23)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
		minute < 0 || minute > 59 || sec < 0 || sec > 59 || milli < 0 {
		return time.Parse(utcLayout, s)
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, milli*1e6, time.UTC)
	if t.Day() != day {
		return time.Parse(utcLayout, s) // 31 April and the like
	}
	return t, nil
}

// parseStored rebuilds a time from its UTC form and offset.
func parseStored(utc string, offset int) (time.Time, error) {
	t, err := parseUTC(utc)
	if err != nil {
		return time.Time{}, Errorf(EDAMAGED, "The journal holds an unreadable time %q.", utc)
	}
	return t.In(zoneFor(offset)), nil
}

func offsetOf(t time.Time) int {
	_, off := t.Zone()
	return off
}
