package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// cli runs kindred in-process on one journal, as a user would from a shell.
type cli struct {
	t       *testing.T
	journal string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, journal: filepath.Join(t.TempDir(), "journal.db")}
}

func (c *cli) run(args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	code = Main(append([]string{"--journal", c.journal}, args...), strings.NewReader(""), &out, &errOut, nil)
	return out.String(), errOut.String(), code
}

func (c *cli) must(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("kindred %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// texts keeps the text column (the last) of each printed reflection.
func texts(out string) []string {
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		got = append(got, cols[len(cols)-1])
	}
	return got
}

func cliJournal(t *testing.T) *cli {
	c := newCLI(t)
	c.must("person", "add", "Zoë Okafor")
	c.must("person", "add", "Omar Haddad")
	c.must("add", "--person", "zoe okafor", "--date", "2024-03-01T21:00", "--moment", "laughed", "--text", "Picnic by the lake")
	c.must("add", "--person", "Zoë Okafor", "--date", "2024-03-05", "--moment", "deep-talk", "--text", "Long talk about home")
	c.must("add", "--person", "Zoë Okafor", "--date", "2024-03-09T23:59", "--moment", "judged", "--moment", "laughed", "--text", "Café, then I judged")
	c.must("add", "--person", "Zoë Okafor", "--person", "Omar Haddad", "--date", "2024-04-02", "--text", "Dinner with both")
	c.must("add", "--person", "Omar Haddad", "--date", "2024-03-06", "--moment", "laughed", "--text", "Omar alone, laughing")
	return c
}

func TestCLITimelineFilters(t *testing.T) {
	c := cliJournal(t)
	cases := []struct {
		args []string
		want []string
	}{
		{nil, []string{"Dinner with both", "Café, then I judged", "Long talk about home", "Picnic by the lake"}},
		{[]string{"--kind", "laughed"}, []string{"Café, then I judged", "Picnic by the lake"}},
		{[]string{"--kind", "laughed", "--kind", "deep-talk"}, []string{"Café, then I judged", "Long talk about home", "Picnic by the lake"}},
		{[]string{"--from", "2024-03-05", "--to", "2024-03-09"}, []string{"Café, then I judged", "Long talk about home"}},
		{[]string{"--from", "2024-03-09"}, []string{"Dinner with both", "Café, then I judged"}},
		{[]string{"--to", "2024-03-01"}, []string{"Picnic by the lake"}},
		{[]string{"--missteps"}, []string{"Café, then I judged"}},
		{[]string{"--kind", "laughed", "--from", "2024-03-02"}, []string{"Café, then I judged"}},
		{[]string{"--kind", "deep-talk", "--missteps"}, nil},
		{[]string{"--limit", "2"}, []string{"Dinner with both", "Café, then I judged"}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out := c.must(append([]string{"timeline", "--person", "ZOE okafor"}, tc.args...)...)
			if got := texts(out); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q\n%s", got, tc.want, out)
			}
		})
	}
	t.Run("a line has the date, people and moments", func(t *testing.T) {
		out := c.must("timeline", "--person", "Omar Haddad")
		want := "2024-04-02 20:00\tZoë Okafor, Omar Haddad\t-\tDinner with both\n2024-03-06 20:00\tOmar Haddad\tlaughed\tOmar alone, laughing\n"
		if out != want {
			t.Fatalf("got\n%s\nwant\n%s", out, want)
		}
	})
}

func TestCLITimelineRefusesBadInput(t *testing.T) {
	c := cliJournal(t)
	cases := []struct {
		args       []string
		code       int
		errorNames string
	}{
		{[]string{"--kind", "laughing"}, 2, `unknown moment kind "laughing"`},
		{[]string{"--from", "2024-04-01", "--to", "2024-03-01"}, 2, "--from 2024-04-01 is after --to 2024-03-01"},
		{[]string{"--from", "01/03/2024"}, 2, "--from"},
		{[]string{"--limit", "0"}, 2, "--limit"},
		{[]string{"extra"}, 2, "no arguments"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := c.run(append([]string{"timeline", "--person", "Zoë Okafor"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.errorNames) || out != "" {
				t.Fatalf("got exit %d, stderr %q, stdout %q; want exit %d naming %q", code, errOut, out, tc.code, tc.errorNames)
			}
		})
	}
	_, errOut, code := c.run("timeline", "--person", "Zoe Okafr")
	if code != 1 || !strings.Contains(errOut, `Did you mean "Zoë Okafor"?`) {
		t.Errorf("a typo: got exit %d, %q; want 1 and a suggestion", code, errOut)
	}
}

func TestCLISearchRules(t *testing.T) {
	c := cliJournal(t)
	cases := []struct {
		query []string
		want  []string
	}{
		{[]string{"zoe"}, []string{"Dinner with both", "Café, then I judged", "Long talk about home", "Picnic by the lake"}},
		{[]string{"cafe"}, []string{"Café, then I judged"}},
		{[]string{"CAFÉ", "judg"}, []string{"Café, then I judged"}},
		{[]string{"lak"}, []string{"Picnic by the lake"}},
		{[]string{"laugh"}, []string{"Omar alone, laughing"}},
		{[]string{`"talk about"`}, []string{"Long talk about home"}},
		{[]string{`"about talk"`}, nil},
		{[]string{"dinner", "omar"}, []string{"Dinner with both"}},
		{[]string{"haddad", "--limit", "1"}, []string{"Dinner with both"}},
		{[]string{"nothing-like-this"}, nil},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.query, " "), func(t *testing.T) {
			out := c.must(append([]string{"search"}, tc.query...)...)
			if got := texts(out); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	for _, bad := range [][]string{{}, {"!?", "--"}, {"zoe", "--limit", "-1"}} {
		_, errOut, code := c.run(append([]string{"search"}, bad...)...)
		if code != 2 || errOut == "" {
			t.Errorf("search %q: got exit %d, %q; want 2 with a message", bad, code, errOut)
		}
	}
}

// Results beyond one page come from the following pages, newest first, each once.
func TestCLISearchPages(t *testing.T) {
	c := newCLI(t)
	c.must("person", "add", "Maya")
	for i := 0; i < 55; i++ {
		c.must("add", "--person", "Maya", "--date", fmt.Sprintf("2024-01-01T%02d:%02d", i/60+10, i%60), "--text", fmt.Sprintf("walk %02d", i))
	}
	var want []string
	for i := 54; i >= 0; i-- {
		want = append(want, fmt.Sprintf("walk %02d", i))
	}
	if got := texts(c.must("search", "walk", "--limit", "53")); !slices.Equal(got, want[:53]) {
		t.Errorf("--limit 53: got %q, want %q", got, want[:53])
	}
	if got := texts(c.must("search", "walk")); !slices.Equal(got, want[:50]) {
		t.Errorf("default limit: got %d results, want the newest 50", len(got))
	}
	if got := texts(c.must("timeline", "--person", "maya", "--limit", "100")); !slices.Equal(got, want) {
		t.Errorf("timeline --limit 100: got %d, want all 55 newest first", len(got))
	}
}
