package insights

import (
	"sort"
	"time"
)

// Every range end, as of, month and window of days is decided by dates, each
// read on its own clock: an evening's in the offset it was written in, a
// range's end or as of in the zone it was given in. Comparing instants
// instead would let the viewer's zone move an evening of 00:10 on 1 July in
// Kathmandu into June when seen from New York.

const secondsPerDay = 24 * 60 * 60

// ownDay is t's date on its own clock, as a count of days since 1 January
// 1970: Unix time shifted by t's offset, in whole days.
func ownDay(t time.Time) int64 {
	_, off := t.Zone()
	s := t.Unix() + int64(off)
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return d
}

// sameDayOrBefore reports whether a's own date is on or before b's.
func sameDayOrBefore(a, b time.Time) bool { return ownDay(a) <= ownDay(b) }

// eveningBefore orders evenings by their own date, then by instant: the
// order every range and cut-off keeps, so that those are always a prefix or
// a suffix. For evenings written in one zone it is the order of instants.
func eveningBefore(a, b *Evening) bool {
	da, db := ownDay(a.At), ownDay(b.At)
	if da != db {
		return da < db
	}
	return a.At.Before(b.At)
}

// DayStart is the first moment of a date in loc: midnight, or the moment
// summer time begins where it skips midnight (time.Date would give the
// evening before).
func DayStart(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	for t.Day() != d {
		t = t.Add(15 * time.Minute)
	}
	return t
}

// DayEnd is the last moment of t's date, in t's zone.
func DayEnd(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 23, 59, 59, int(time.Second-1), t.Location())
}

// ParseDay reads "2006-01-02" as the first moment of that date in loc.
func ParseDay(text string, loc *time.Location) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, text)
	if err != nil {
		return time.Time{}, err
	}
	return DayStart(d.Year(), d.Month(), d.Day(), loc), nil
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return DayStart(y, m, d, t.Location())
}

// inOwnDateOrder reports whether evs are in the order of eveningBefore.
func inOwnDateOrder(evs []Evening) bool {
	for i := 1; i < len(evs); i++ {
		if eveningBefore(&evs[i], &evs[i-1]) {
			return false
		}
	}
	return true
}

// sortByOwnDate puts evs in the order of eveningBefore, stably. Evenings
// come nearly in that order (in the order of instants, which differs only
// for evenings of nearby days written in different zones), so an insertion
// sort does it in about one pass; it gives way to a full sort should the
// input be far out of order.
func sortByOwnDate(evs []Evening) {
	moves := 0
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && eveningBefore(&evs[j], &evs[j-1]); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
			if moves++; moves > 8*len(evs) {
				sort.SliceStable(evs, func(a, b int) bool { return eveningBefore(&evs[a], &evs[b]) })
				return
			}
		}
	}
}
