package insights

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDaysBetween(t *testing.T) {
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{name: "same evening", a: utc(2024, 5, 1), b: utc(2024, 5, 1).Add(3 * time.Hour), want: 0},
		{name: "the next morning", a: utc(2024, 5, 1), b: time.Date(2024, 5, 2, 7, 0, 0, 0, time.UTC), want: 1},
		// 59 hours passed, but it is three calendar days later.
		{name: "across the start of summer time", a: time.Date(2024, 3, 30, 21, 0, 0, 0, paris),
			b: time.Date(2024, 4, 2, 9, 0, 0, 0, paris), want: 3},
		{name: "across the end of summer time", a: time.Date(2024, 10, 26, 23, 0, 0, 0, paris),
			b: time.Date(2024, 10, 27, 23, 30, 0, 0, paris), want: 1},
		{name: "each on its own clock", a: time.Date(2024, 1, 1, 1, 0, 0, 0, kathmandu), b: utc(2024, 1, 1), want: 0},
		{name: "a leap year", a: utc(2024, 2, 28), b: utc(2024, 3, 1), want: 2},
		{name: "years", a: utc(2015, 1, 1), b: utc(2020, 1, 1), want: 1826},
		{name: "backwards", a: utc(2024, 5, 3), b: utc(2024, 5, 1), want: -2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := daysBetween(tc.a, tc.b); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func TestMonthAndDay(t *testing.T) {
	if got := MonthOf(time.Date(2024, 4, 1, 0, 30, 0, 0, paris)).String(); got != "2024-04" {
		t.Errorf("month %s, want 2024-04 (the evening's own clock)", got)
	}
	if got := (Month{2024, time.December}).Next(); got != (Month{2025, time.January}) {
		t.Errorf("after December 2024 comes %v", got)
	}
	b, _ := json.Marshal(struct {
		M Month
		D Day
	}{Month{2024, 3}, Day{2024, 3, 31}})
	if string(b) != `{"M":"2024-03","D":"2024-03-31"}` {
		t.Errorf("JSON %s", b)
	}
	var back struct {
		M Month
		D Day
	}
	if err := json.Unmarshal(b, &back); err != nil || back.M != (Month{2024, 3}) || back.D != (Day{2024, 3, 31}) {
		t.Errorf("read back %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"M":"March"}`), &back); err == nil {
		t.Error("a month that is not YYYY-MM was read")
	}
}

func TestRange(t *testing.T) {
	now := time.Date(2024, 5, 31, 18, 0, 0, 0, paris)
	tests := []struct {
		preset   Preset
		from, to string
	}{
		{PresetLast3Months, "2024-03-02", "2024-05-31"}, // 31 February normalises to 2 March
		{PresetLastYear, "2023-05-31", "2024-05-31"},
		{PresetAll, "", ""},
	}
	for _, tc := range tests {
		r := tc.preset.Range(now)
		day := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		}
		if day(r.From) != tc.from || day(r.To) != tc.to {
			t.Errorf("%s: %s to %s, want %s to %s", tc.preset, day(r.From), day(r.To), tc.from, tc.to)
		}
	}
	past := Range{To: utc(2020, 1, 1)}
	if !past.AsOf(now).Equal(past.To) || !(Range{}).AsOf(now).Equal(now) || !(Range{To: now.AddDate(0, 0, 1)}).AsOf(now).Equal(now) {
		t.Error("AsOf is the range's end when past, else now")
	}
	b, _ := json.Marshal(Range{From: utc(2024, 1, 1)})
	if string(b) != `{"from":"2024-01-01T20:00:00Z","to":null}` {
		t.Errorf("JSON %s", b)
	}
	var back Range
	if err := json.Unmarshal(b, &back); err != nil || !back.From.Equal(utc(2024, 1, 1)) || !back.To.IsZero() {
		t.Errorf("read back %+v, %v", back, err)
	}
}
