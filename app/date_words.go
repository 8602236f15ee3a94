package app

import (
	"kindred/insights"

	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Dates are shown with the month's name, so no reader has to guess whether
// 06/12 is June or December, and read back from what a person types.

// dayText is a day as fields and lists show it: "6 Dec 2026".
func dayText(t time.Time) string { return t.Format("2 Jan 2006") }

// longDayText is a day written out: "Sunday 6 December 2026".
func longDayText(t time.Time) string { return t.Format("Monday 2 January 2006") }

// dateHint says how a date may be written; it follows every complaint.
const dateHint = "write it like 6 Dec 2026, Dec 6 2026 or 2026-12-06, or “today” or “yesterday”"

// parseDayText reads a day as a person types it: 2026-12-06, 6 Dec 2026,
// Sunday 6 December 2026, Dec 6, 2026, 6 Dec (this year), today, yesterday.
// Day and month in numbers only (6/12/2026) are read only when they cannot
// be the other way round (25/12/2026). The day is at midnight in loc.
func parseDayText(text string, now time.Time, loc *time.Location) (time.Time, error) {
	s := strings.ToLower(strings.TrimSpace(text))
	now = now.In(loc)
	day := func(y int, m time.Month, d int) (time.Time, error) {
		// The calendar is checked on a zoneless clock; the day then starts
		// at its first moment in loc, which is not midnight where summer
		// time skips it (Havana).
		if c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); c.Day() != d || c.Month() != m || d < 1 || y < 1 || y > 9999 {
			return time.Time{}, fmt.Errorf("%q is not a day of the calendar: %s.", strings.TrimSpace(text), dateHint)
		}
		return insights.DayStart(y, m, d, loc), nil
	}
	switch s {
	case "":
		return time.Time{}, fmt.Errorf("no date given: %s.", dateHint)
	case "today":
		return day(now.Year(), now.Month(), now.Day())
	case "yesterday":
		y := now.AddDate(0, 0, -1)
		return day(y.Year(), y.Month(), y.Day())
	}
	fail := func() (time.Time, error) {
		return time.Time{}, fmt.Errorf("%q is not a date Kindred can read: %s.", strings.TrimSpace(text), dateHint)
	}
	// Numbers only: 2026-12-06, or day and month with / or . between.
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if strings.ContainsAny(s, "/.") && !strings.ContainsFunc(s, unicode.IsLetter) {
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
		nums := make([]int, 0, 3)
		for _, p := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil {
				return fail()
			}
			nums = append(nums, n)
		}
		if len(nums) < 2 || len(nums) > 3 {
			return fail()
		}
		y := now.Year()
		if len(nums) == 3 {
			y = nums[2]
			if y < 100 {
				y += 2000
			}
		}
		a, b := nums[0], nums[1]
		switch {
		case a == b && a <= 12:
			return day(y, time.Month(a), a)
		case a > 12 && b <= 12:
			return day(y, time.Month(b), a)
		case b > 12 && a <= 12:
			return day(y, time.Month(a), b)
		case a <= 12 && b <= 12:
			return time.Time{}, fmt.Errorf("%q could be %s or %s: write the month as a word, like %s.",
				strings.TrimSpace(text), dayText(time.Date(y, time.Month(b), a, 0, 0, 0, 0, loc)),
				dayText(time.Date(y, time.Month(a), b, 0, 0, 0, 0, loc)),
				dayText(time.Date(y, time.Month(b), a, 0, 0, 0, 0, loc)))
		}
		return fail()
	}
	// Words: a weekday (ignored), a day, a month's name and a year, in
	// either order of day and month.
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '.' || r == '-' || r == '/' })
	var d, y int
	var m time.Month
	for _, f := range fields {
		if n, err := strconv.Atoi(strings.TrimRight(f, "stndrh")); err == nil && n > 0 {
			switch {
			case d == 0 && n <= 31 && len(f) <= 4:
				d = n
			case y == 0 && n >= 1000:
				y = n
			default:
				return fail()
			}
			continue
		}
		if mm := monthNamed(f); mm != 0 && m == 0 {
			m = mm
			continue
		}
		if weekdayNamed(f) {
			continue
		}
		return fail()
	}
	if d == 0 || m == 0 {
		return fail()
	}
	if y == 0 {
		y = now.Year()
	}
	return day(y, m, d)
}

// monthNamed is the month a word names ("dec", "December", "sept"), or 0.
func monthNamed(w string) time.Month {
	if len(w) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if strings.HasPrefix(name, w) || (w == "sept" && m == time.September) {
			return m
		}
	}
	return 0
}

// weekdayNamed reports whether a word names a day of the week ("sun", "Sunday").
func weekdayNamed(w string) bool {
	if len(w) < 3 {
		return false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.HasPrefix(strings.ToLower(d.String()), w) {
			return true
		}
	}
	return false
}
