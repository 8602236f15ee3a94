package insights

import (
	"fmt"
	"time"
)

// Month is a calendar month, as written ("2024-03").
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month of t on its own wall clock.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Next is the month after m.
func (m Month) Next() Month {
	if m.Month == time.December {
		return Month{m.Year + 1, time.January}
	}
	return Month{m.Year, m.Month + 1}
}

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || m.Year == o.Year && m.Month < o.Month
}

// Start is the first instant of m in loc.
func (m Month) Start(loc *time.Location) time.Time {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc)
}

// MarshalText writes "2006-01".
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads "2006-01".
func (m *Month) UnmarshalText(b []byte) error {
	t, err := time.Parse("2006-01", string(b))
	if err != nil {
		return fmt.Errorf("month %q: %w", b, err)
	}
	*m = MonthOf(t)
	return nil
}

// Day is a calendar day, as written ("2024-03-31").
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf is the day of t on its own wall clock.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Time is noon of d in UTC: a stable instant for day arithmetic.
func (d Day) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// DaysUntil counts calendar days from d to o (negative if o is earlier).
func (d Day) DaysUntil(o Day) int {
	// Noon to noon in UTC is always a whole number of 24-hour days.
	return int(o.Time().Sub(d.Time()) / (24 * time.Hour))
}

// MarshalText writes "2006-01-02".
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2006-01-02".
func (d *Day) UnmarshalText(b []byte) error {
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("day %q: %w", b, err)
	}
	*d = DayOf(t)
	return nil
}

// daysBetween counts calendar days from a's wall date to b's.
func daysBetween(a, b time.Time) int { return int(ownDay(b) - ownDay(a)) }
