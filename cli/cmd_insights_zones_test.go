package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has

	"kindred/insights"
	"kindred/journal"
)

// viewerZones are the zones the insights must agree in: either side of UTC,
// a quarter-hour offset, and the far ends of the day.
var viewerZones = []string{"UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Auckland", "Pacific/Honolulu"}

func loadZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// zonesJournal writes a journal for the zone tests: Pat written in New York
// across both summer-time changes of 2024, Kiran in Kathmandu (+05:45), with
// evenings at 23:50 and 00:10 around month ends and on 29 February, and one
// evening with both. It returns the path and every evening's time by person.
func zonesJournal(t *testing.T) (string, map[string][]time.Time) {
	t.Helper()
	ctx := context.Background()
	ny, ktm := loadZone(t, "America/New_York"), loadZone(t, "Asia/Kathmandu")
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pat, err := s.AddPerson(ctx, "Pat")
	if err != nil {
		t.Fatal(err)
	}
	kiran, err := s.AddPerson(ctx, "Kiran")
	if err != nil {
		t.Fatal(err)
	}
	times := map[string][]time.Time{}
	kinds := [][]string{
		{journal.KindDeepTalk, journal.KindSharedBack},
		{journal.KindLaughed},
		{journal.KindDeepTalk, journal.KindTriedToFix},
		{journal.KindInsideJoke, journal.KindListened},
		{journal.KindAdventure},
		{journal.KindSharedBack, journal.KindCameUpForAir},
	}
	n := 0
	save := func(at time.Time, people ...*journal.Person) {
		t.Helper()
		r := &journal.Reflection{At: at, Text: "an evening"}
		for _, p := range people {
			r.Encounters = append(r.Encounters, journal.Encounter{PersonID: p.ID, Closeness: journal.Closeness(3 + n%4)})
			for _, k := range kinds[n%len(kinds)] {
				r.Encounters[len(r.Encounters)-1].Moments = append(r.Encounters[len(r.Encounters)-1].Moments, journal.Moment{Kind: k})
			}
			times[p.Name] = append(times[p.Name], at)
		}
		n++
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatalf("save %s: %v", at, err)
		}
	}
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	// A steady rhythm through 2024, each at a different time of night.
	clock := [][2]int{{23, 50}, {0, 10}, {20, 0}}
	for i, d := 0, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC); d.Year() == 2024 && d.Month() < 9; i, d = i+1, d.AddDate(0, 0, 6) {
		c := clock[i%len(clock)]
		save(at(ny, d.Year(), d.Month(), d.Day(), c[0], c[1]), pat)
	}
	for i, d := 0, time.Date(2024, 1, 4, 0, 0, 0, 0, time.UTC); d.Year() == 2024; i, d = i+1, d.AddDate(0, 0, 9) {
		c := clock[i%len(clock)]
		save(at(ktm, d.Year(), d.Month(), d.Day(), c[0], c[1]), kiran)
	}
	for _, e := range []time.Time{
		at(ny, 2024, 2, 29, 23, 50), at(ny, 2024, 3, 1, 0, 10),
		at(ny, 2024, 3, 9, 23, 50), at(ny, 2024, 3, 10, 0, 10), at(ny, 2024, 3, 10, 3, 30), // summer time begins
		at(ny, 2024, 4, 20, 20, 0), at(ny, 2024, 4, 30, 23, 50), at(ny, 2024, 5, 1, 0, 10),
		at(ny, 2024, 6, 30, 23, 50), at(ny, 2024, 7, 1, 0, 10),
		at(ny, 2024, 11, 2, 23, 50), at(ny, 2024, 11, 3, 0, 10), at(ny, 2024, 11, 3, 1, 30), // and ends
		at(ny, 2024, 11, 30, 23, 50), at(ny, 2024, 12, 1, 0, 10),
	} {
		save(e, pat)
	}
	for _, e := range []time.Time{
		at(ktm, 2024, 2, 29, 0, 10), at(ktm, 2024, 2, 29, 23, 50), at(ktm, 2024, 3, 1, 0, 10),
		at(ktm, 2024, 3, 31, 23, 50), at(ktm, 2024, 4, 1, 0, 10),
		at(ktm, 2024, 6, 30, 23, 50), at(ktm, 2024, 7, 1, 0, 10),
		at(ktm, 2024, 9, 30, 23, 50), at(ktm, 2024, 10, 1, 0, 10),
	} {
		save(e, kiran)
	}
	save(at(ny, 2024, 5, 31, 23, 50), pat, kiran)
	return path, times
}

// withViewerZone runs f with the machine's zone set to loc, as TZ would.
func withViewerZone(t *testing.T, loc *time.Location, f func()) {
	t.Helper()
	saved := time.Local
	time.Local = loc
	defer func() { time.Local = saved }()
	f()
}

// viewerFree rewrites the instants an analysis prints in the viewer's zone
// (its range ends and as of) as their wall clock, leaving every other field
// as it is.
func viewerFree(t *testing.T, v any, key string) any {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = viewerFree(t, e, k)
		}
	case []any:
		for i, e := range x {
			x[i] = viewerFree(t, e, key)
		}
	case string:
		if key == "as_of" || key == "from" || key == "to" {
			at, err := time.Parse(time.RFC3339Nano, x)
			if err != nil {
				t.Fatalf("%s %q: %v", key, x, err)
			}
			return at.Format("2006-01-02T15:04:05.999999999")
		}
	}
	return v
}

func insightsJSON(t *testing.T, path string, args ...string) (string, map[string]any) {
	t.Helper()
	code, out, errOut := runKindred(append([]string{"--journal", path, "insights", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("insights %v: exit %d: %s", args, code, errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return out, viewerFree(t, v, "").(map[string]any)
}

// TestInsightsAgreeInEveryZone runs the same insights over ranges that end in
// the past from five viewer zones: apart from the instants printed in the
// viewer's zone, the JSON must be the same, and the evenings counted must be
// those whose own date is in the range.
func TestInsightsAgreeInEveryZone(t *testing.T) {
	path, times := zonesJournal(t)
	ranges := [][2]string{
		{"", "2024-04-20"},
		{"2024-07-01", "2024-07-01"},
		{"2024-03-01", "2024-03-31"},
		{"2024-02-29", "2024-02-29"},
		{"2024-03-10", "2024-11-03"},
		{"2024-01-01", "2024-12-31"},
		{"", "2024-06-30"},
		{"", "2024-09-30"},
		{"2024-11-03", "2024-12-01"},
		{"2024-10-01", "2025-01-01"},
	}
	type run struct{ args []string }
	var runs []run
	for _, r := range ranges {
		var args []string
		if r[0] != "" {
			args = append(args, "--from", r[0])
		}
		args = append(args, "--to", r[1])
		runs = append(runs, run{args})
		for _, who := range []string{"Pat", "Kiran"} {
			runs = append(runs, run{append([]string{"--person", who}, args...)})
		}
	}
	want := map[string]map[string]any{}
	for _, zone := range viewerZones {
		withViewerZone(t, loadZone(t, zone), func() {
			for _, r := range runs {
				name := strings.Join(r.args, " ")
				raw, got := insightsJSON(t, path, r.args...)
				if w, ok := want[name]; !ok {
					want[name] = got
				} else if !reflect.DeepEqual(got, w) {
					t.Errorf("TZ=%s insights %s differs from TZ=%s:\n%s", zone, name, viewerZones[0], diffJSON(w, got))
				}
				if r.args[0] == "--person" {
					checkOwnDates(t, zone, r.args, raw, times[r.args[1]])
				}
			}
		})
	}
}

// checkOwnDates compares a person's insights with a count made by hand from
// the evenings' own dates: evenings in the range, evenings per month, the
// first and last evening.
func checkOwnDates(t *testing.T, zone string, args []string, raw string, times []time.Time) {
	t.Helper()
	var pi insights.PersonInsights
	if err := json.Unmarshal([]byte(raw), &pi); err != nil {
		t.Fatal(err)
	}
	from, to := "0000-00-00", ""
	for i := 0; i+1 < len(args); i++ {
		switch args[i] {
		case "--from":
			from = args[i+1]
		case "--to":
			to = args[i+1]
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	in, months := 0, map[string]int{}
	var last string
	var lastAt time.Time
	for _, at := range times {
		day := at.Format(time.DateOnly)
		if day <= to {
			if last == "" || day > last[:10] || day == last[:10] && at.After(lastAt) {
				last, lastAt = at.Format(time.RFC3339), at
			}
		}
		if day >= from && day <= to {
			in++
			months[at.Format("2006-01")]++
		}
	}
	name := strings.Join(args, " ")
	if pi.Evenings != in {
		t.Errorf("TZ=%s insights %s: %d evenings, want %d by their own dates", zone, name, pi.Evenings, in)
	}
	for _, m := range pi.Ledger.Months {
		if m.Evenings != months[m.Month.String()] {
			t.Errorf("TZ=%s insights %s: %s has %d evenings, want %d", zone, name, m.Month, m.Evenings, months[m.Month.String()])
		}
	}
	switch {
	case last == "" && pi.Last != nil:
		t.Errorf("TZ=%s insights %s: last evening %s, want none", zone, name, pi.Last.At)
	case last != "" && (pi.Last == nil || pi.Last.At.Format(time.RFC3339) != last):
		t.Errorf("TZ=%s insights %s: last evening %v, want %s", zone, name, pi.Last, last)
	}
}

// diffJSON names the top-level fields that differ, with both values.
func diffJSON(want, got map[string]any) string {
	var b strings.Builder
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !reflect.DeepEqual(want[k], got[k]) {
			w, _ := json.Marshal(want[k])
			g, _ := json.Marshal(got[k])
			fmt.Fprintf(&b, "  %s:\n    want %.400s\n    got  %.400s\n", k, w, g)
		}
	}
	return b.String()
}
