package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"kindred/journal"
)

// rememberCLI writes a journal with evenings in Berlin around a clock change,
// on a leap day and in Kathmandu, and returns a cli on it.
func rememberCLI(t *testing.T) (*cli, map[string]string) {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	kathmandu := time.FixedZone("+05:45", 5*3600+45*60)
	path := filepath.Join(t.TempDir(), "journal.db")
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ana, err := s.AddPerson(ctx, "Ana")
	if err != nil {
		t.Fatal(err)
	}
	leo, err := s.AddPerson(ctx, "Leo")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	save := func(name string, at time.Time, encs ...journal.Encounter) {
		r := &journal.Reflection{At: at, Text: name, Encounters: encs}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids[name] = r.ID
	}
	enc := func(p *journal.Person, kinds ...string) journal.Encounter {
		e := journal.Encounter{PersonID: p.ID}
		for _, k := range kinds {
			e.Moments = append(e.Moments, journal.Moment{Kind: k})
		}
		return e
	}
	save("kathmandu", time.Date(2021, 6, 15, 0, 10, 0, 0, kathmandu), enc(ana, journal.KindAdventure))
	save("autumn", time.Date(2023, 10, 29, 0, 30, 0, 0, berlin), enc(ana, journal.KindJudged), enc(leo, journal.KindLabeledBond))
	save("leap", time.Date(2024, 2, 29, 21, 0, 0, 0, berlin), enc(ana, journal.KindLaughed))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return &cli{t: t, journal: path}, ids
}

func TestCLIRemember(t *testing.T) {
	c, ids := rememberCLI(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--date", "2025-02-28"}, "2024-02-29\tfirst-laughed-1y\tAna\tA year ago, on 29 February, you and Ana first laughed together.\n" +
			"2024-02-29\ton-this-day-1y\tAna\tA year ago, on 29 February: an evening with Ana.\n"},
		{[]string{"--date", "2025-03-01"}, ""},
		{[]string{"--date", "2024-10-29"}, "2023-10-29\tfirst-labeled-bond-1y\tLeo\tA year ago on this day, you first named the bond with Leo.\n" +
			"2023-10-29\ton-this-day-1y\tAna, Leo\tA year ago on this day: an evening with Ana and Leo.\n"},
		{[]string{"--date", "2024-10-28"}, ""},
		{[]string{"--date", "2024-10-29", "--person", "ana"}, "2023-10-29\ton-this-day-1y\tAna, Leo\tA year ago on this day: an evening with Ana and Leo.\n"},
		{[]string{"--date", "2026-06-15", "--person", "Ana"}, "2021-06-15\tfirst-adventure-5y\tAna\tFive years ago on this day, you had your first adventure with Ana.\n" +
			"2021-06-15\ton-this-day-5y\tAna\tFive years ago on this day: an evening with Ana.\n"},
		{[]string{"--date", "2026-06-14"}, ""},
	}
	for _, tc := range cases {
		out, errOut, code := c.run(append([]string{"remember"}, tc.args...)...)
		if code != 0 || errOut != "" || out != tc.want {
			t.Errorf("remember %s: exit %d, stderr %q, got\n%s\nwant\n%s", strings.Join(tc.args, " "), code, errOut, out, tc.want)
		}
	}

	out := c.must("remember", "--date", "2024-10-29", "--json")
	var got []map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json: %v in %s", err, out)
	}
	want := []map[string]string{
		{"date": "2023-10-29", "kind": "first-labeled-bond-1y", "person": "Leo", "reflection_id": ids["autumn"], "text": "A year ago on this day, you first named the bond with Leo."},
		{"date": "2023-10-29", "kind": "on-this-day-1y", "person": "Ana, Leo", "reflection_id": ids["autumn"], "text": "A year ago on this day: an evening with Ana and Leo."},
	}
	if len(got) != len(want) {
		t.Fatalf("--json: got %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("--json item %d: got fields %v, want %v", i, got[i], want[i])
		}
		for k, v := range want[i] {
			if got[i][k] != v {
				t.Errorf("--json item %d %s: got %q, want %q", i, k, got[i][k], v)
			}
		}
	}
	if out := c.must("remember", "--date", "2024-10-28", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("--json with nothing to remember: got %q, want []", out)
	}
}

func TestCLIRememberErrors(t *testing.T) {
	c, _ := rememberCLI(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--person", "Anna", "--date", "2025-02-28"}, 1, `kindred: No person named "Anna". Did you mean "Ana"?` + "\n"},
		{[]string{"--date", "2025-02-30"}, 2, "kindred: --date: date \"2025-02-30\" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM\n"},
		{[]string{"soon"}, 2, "kindred: remember takes no arguments besides its flags (got \"soon\")\n"},
	}
	for _, tc := range cases {
		out, errOut, code := c.run(append([]string{"remember"}, tc.args...)...)
		if code != tc.code || out != "" || errOut != tc.want {
			t.Errorf("remember %s: exit %d, stdout %q, stderr %q; want exit %d, %q", strings.Join(tc.args, " "), code, out, errOut, tc.code, tc.want)
		}
	}
	// Without --date it is today: whatever today holds, it runs cleanly.
	if _, errOut, code := c.run("remember"); code != 0 || errOut != "" {
		t.Errorf("remember today: exit %d, stderr %q", code, errOut)
	}
}
