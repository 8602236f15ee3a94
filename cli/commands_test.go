package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kindred runs the command line in-process and returns its streams and status.
func kindred(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = Main(args, strings.NewReader(""), &out, &errb, nil)
	return out.String(), errb.String(), status
}

// backupPath is what `kindred backup` prints first: the backup's path, on a
// line of its own for scripts.
func backupPath(out string) string {
	path, _, _ := strings.Cut(out, "\n")
	return path
}

func TestCommandLineJournalLifecycle(t *testing.T) {
	j := filepath.Join(t.TempDir(), "j", "journal.db")
	if out, errs, st := kindred(t, "--journal", j, "person", "add", "Zoë", "Okafor"); st != 0 || len(strings.TrimSpace(out)) != 36 {
		t.Fatalf("person add: status %d, out %q, err %q", st, out, errs)
	}
	kindred(t, "person", "add", "Ben", "--journal", j)
	out, errs, st := kindred(t, "--journal", j, "add", "--person", "zoe okafor", "--person", "Ben",
		"--date", "2025-06-01T21:30", "--closeness", "6", "--moment", "deep-talk", "--moment", "laughed",
		"--text", "Rooftop talk about moving abroad.\nSecond line.")
	if st != 0 {
		t.Fatalf("add: status %d, err %q", st, errs)
	}
	id := strings.TrimSpace(out)
	kindred(t, "--journal", j, "add", "--person", "Ben", "--date", "2025-06-03", "--text", "Coffee, quick.")

	out, _, _ = kindred(t, "--journal", j, "stats")
	if out != "people: 2\nreflections: 2\nmoments: 4\n" {
		t.Errorf("stats = %q", out)
	}
	out, _, _ = kindred(t, "--journal", j, "timeline", "--person", "Ben")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "2025-06-03 20:00\tBen\t-\tCoffee, quick.") ||
		!strings.HasPrefix(lines[1], "2025-06-01 21:30\tZoë Okafor, Ben\tdeep-talk,laughed\tRooftop talk about moving abroad.") {
		t.Errorf("timeline:\n%s", out)
	}
	out, _, _ = kindred(t, "--journal", j, "search", "abroad", "--limit", "5")
	if !strings.Contains(out, "Rooftop") || strings.Contains(out, "Coffee") {
		t.Errorf("search abroad:\n%s", out)
	}
	out, _, _ = kindred(t, "--journal", j, "person", "list")
	if !strings.Contains(out, "Ben\t2 evenings\tlast 2025-06-03") || !strings.Contains(out, "Zoë Okafor\t1 evenings\tlast 2025-06-01\tcloseness 6") {
		t.Errorf("person list:\n%s", out)
	}
	if id == "" {
		t.Error("add printed no id")
	}
}

func TestCommandLineErrors(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	kindred(t, "--journal", j, "person", "add", "Zoë Okafor")
	cases := []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"add", "--person", "Zoe Okafr", "--text", "x"}, 1, `kindred: No person named "Zoe Okafr". Did you mean "Zoë Okafor"?`},
		{[]string{"add", "--text", "x"}, 2, "kindred: add needs at least one --person"},
		{[]string{"add", "--person", "Zoë Okafor", "--closeness", "9"}, 2, "--closeness must be between 1 and 7"},
		{[]string{"add", "--person", "Zoë Okafor", "--moment", "juggling"}, 1, `Unknown moment kind "juggling"`},
		{[]string{"add", "--person", "Zoë Okafor", "--date", "yesterday"}, 2, "is not YYYY-MM-DD"},
		{[]string{"add", "--person", "Zoë Okafor", "--date", "2999-01-01"}, 1, "in the future"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"timeline"}, 2, "timeline needs --person"},
		{[]string{"timeline", "--person", "Zoë Okafor", "--kind", "nope"}, 2, `unknown moment kind "nope"`},
		{[]string{"search"}, 2, "search needs TEXT"},
		{[]string{"person", "add"}, 2, "person add needs a NAME"},
		{[]string{"person", "add", "zoe okafor"}, 1, "already in the journal"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			_, errs, st := kindred(t, append([]string{"--journal", j}, c.args...)...)
			if st != c.status || !strings.Contains(errs, c.want) || !strings.HasPrefix(errs, "kindred: ") {
				t.Errorf("status %d, stderr %q; want status %d and %q", st, errs, c.status, c.want)
			}
		})
	}
	out, _, _ := kindred(t, "--journal", j, "stats")
	if out != "people: 1\nreflections: 0\nmoments: 0\n" {
		t.Errorf("errors changed the journal: %q", out)
	}
}

func TestJournalFromEnvironment(t *testing.T) {
	j := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("KINDRED_JOURNAL", j)
	if _, errs, st := kindred(t, "person", "add", "Ana"); st != 0 {
		t.Fatalf("status %d: %s", st, errs)
	}
	if _, err := os.Stat(j); err != nil {
		t.Errorf("KINDRED_JOURNAL not used: %v", err)
	}
	dataHome := t.TempDir()
	t.Setenv("KINDRED_JOURNAL", "")
	t.Setenv("XDG_DATA_HOME", dataHome)
	kindred(t, "person", "add", "Ben")
	if _, err := os.Stat(filepath.Join(dataHome, "kindred", "journal.db")); err != nil {
		t.Errorf("default location not used: %v", err)
	}
}

func TestDemoCommand(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sample.db")
	if _, errs, st := kindred(t, "demo", "--out", p, "--people", "4", "--years", "1", "--seed", "3"); st != 0 {
		t.Fatalf("demo: %d %s", st, errs)
	}
	out, _, _ := kindred(t, "--journal", p, "stats")
	if !strings.HasPrefix(out, "people: 4\nreflections: 80\n") {
		t.Errorf("sample stats %q", out)
	}
	if _, errs, st := kindred(t, "demo", "--out", p); st != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("demo over an existing file: %d %q", st, errs)
	}
}
