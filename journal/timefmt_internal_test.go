package journal

import (
	"testing"
	"time"
)

// parseUTC must agree with time.Parse on every text, valid or not.
func TestParseUTCAgreesWithTimeParse(t *testing.T) {
	cases := []string{
		"2026-11-01T22:00:00.000Z", "2024-02-29T23:59:59.999Z", "1900-01-01T00:00:00.000Z",
		"2023-02-29T10:00:00.000Z", "2024-04-31T10:00:00.000Z", "2024-13-01T10:00:00.000Z",
		"2024-00-10T10:00:00.000Z", "2024-01-10T24:00:00.000Z", "2024-01-10T10:60:00.000Z",
		"2024-01-10T10:00:60.000Z", "2026-11-26T07F33:32.140Z", "2026-11-26T07:33:32.14xZ",
		"2026-11-26 07:33:32.140Z", "2026-11-26T07:33:32.140", "", "garbage",
	}
	for _, c := range cases {
		got, gotErr := parseUTC(c)
		want, wantErr := time.Parse(utcLayout, c)
		if (gotErr == nil) != (wantErr == nil) || !got.Equal(want) {
			t.Errorf("parseUTC(%q) = %v, %v; time.Parse gives %v, %v", c, got, gotErr, want, wantErr)
		}
	}
}

func FuzzParseUTC(f *testing.F) {
	f.Add("2026-11-01T22:00:00.000Z")
	f.Add("2024-02-30T23:59:59.999Z")
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := parseUTC(s)
		want, wantErr := time.Parse(utcLayout, s)
		if (gotErr == nil) != (wantErr == nil) || !got.Equal(want) {
			t.Errorf("parseUTC(%q) = %v, %v; time.Parse gives %v, %v", s, got, gotErr, want, wantErr)
		}
	})
}
