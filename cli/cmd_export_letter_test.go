package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

// letterJournal writes a journal where Zoë has three evenings: LetA alone
// (laughed), LetB with Дмитрий, who is named in the text (adventure, and a
// misstep with the note SecretNote), and LetC alone (labeled-bond).
func letterJournal(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.db")
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	zoe, err := s.AddPerson(ctx, "Zoë Ångström")
	if err != nil {
		t.Fatal(err)
	}
	dima, err := s.AddPerson(ctx, "Дмитрий")
	if err != nil {
		t.Fatal(err)
	}
	add := func(day, text string, moments []journal.Moment, others ...*journal.Person) {
		at, err := time.ParseInLocation("2006-01-02 15:04", day+" 21:00", time.Local)
		if err != nil {
			t.Fatal(err)
		}
		r := &journal.Reflection{At: at, Text: text, Encounters: []journal.Encounter{{PersonID: zoe.ID, Closeness: 5, Moments: moments}}}
		for _, o := range others {
			r.Encounters = append(r.Encounters, journal.Encounter{PersonID: o.ID})
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	add("2024-03-10", "LetA a walk by the sea", []journal.Moment{{Kind: journal.KindLaughed}})
	add("2024-04-10", "LetB Дмитрий drove us to the lake", []journal.Moment{
		{Kind: journal.KindAdventure, Note: "the lake"}, {Kind: journal.KindJudged, Note: "SecretNote"}}, dima)
	add("2024-05-10", "LetC she said I'm her person", []journal.Moment{{Kind: journal.KindLabeledBond}})
	return path
}

func TestExportLetterCommand(t *testing.T) {
	j := letterJournal(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "letter.pdf")
	opening := filepath.Join(dir, "opening.txt")
	closing := filepath.Join(dir, "closing.txt")
	os.WriteFile(opening, []byte("Dear Zoë, OpeningWords."), 0o600)
	os.WriteFile(closing, []byte("Love, ClosingWords."), 0o600)

	stdout, stderr, code := kindred(t, "--journal", j, "export", "letter", "--person", "Zoë Ångström", "--out", out,
		"--opening-file", opening, "--closing-file", closing, "--to", "2024-04-10")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Wrote "+out) || !strings.Contains(stdout, "2 evenings") || !strings.Contains(stdout, "1 page") {
		t.Errorf("stdout: %q", stdout)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	text := strings.Join(strings.Fields(pdfToText(t, out)), " ")
	for _, want := range []string{"For Zoë Ångström", "OpeningWords", "ClosingWords", "LetA", "LetB a friend drove us",
		"An adventure: the lake · with friends", "We laughed together"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"LetC", "Дмитрий", "SecretNote", "Judged", "closeness", "How close"} {
		if strings.Contains(text, not) {
			t.Errorf("letter holds %q", not)
		}
	}
	before, _ := os.ReadFile(out)

	t.Run("an existing file needs --force", func(t *testing.T) {
		_, stderr, code := kindred(t, "--journal", j, "export", "letter", "--person", "Zoë Ångström", "--out", out)
		if code != 1 || !strings.Contains(stderr, "already exists") || !strings.Contains(stderr, "--force") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		if now, _ := os.ReadFile(out); !bytes.Equal(now, before) {
			t.Errorf("the file was changed without --force")
		}
		_, stderr, code = kindred(t, "--journal", j, "export", "letter", "--person", "Zoë Ångström", "--out", out,
			"--force", "--moment", "labeled-bond", "--with-chart", "--paper", "letter")
		if code != 0 {
			t.Fatalf("with --force: exit %d: %s", code, stderr)
		}
		text := pdfToText(t, out)
		if !strings.Contains(text, "LetC") || strings.Contains(text, "LetA") || strings.Contains(text, "LetB") || !strings.Contains(text, "How close we grew") {
			t.Errorf("--moment labeled-bond --with-chart: want LetC alone and the chart:\n%s", text)
		}
	})

	t.Run("bad usage changes nothing", func(t *testing.T) {
		x := filepath.Join(dir, "x.pdf")
		for _, c := range []struct {
			args []string
			code int
			msg  string
		}{
			{[]string{"export", "letter", "--out", x}, 2, "--person"},
			{[]string{"export", "letter", "--person", "Zoë Ångström"}, 2, "--out"},
			{[]string{"export", "letter", "--person", "Zoey", "--out", x}, 1, "No person named \"Zoey\""},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "--moment", "hugged"}, 2, "unknown moment kind"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "--moment", "judged"}, 1, "misstep"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "--from", "2030-01-01"}, 1, "No evenings"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "--moment", "perfect-day"}, 1, "No evenings"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "--from", "2024-05-01", "--to", "2024-04-01"}, 2, "before"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "--opening-file", filepath.Join(dir, "nope.txt")}, 1, "nope.txt"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", filepath.Join(dir, "missing", "x.pdf")}, 1, "missing"},
			{[]string{"export", "letter", "--person", "Zoë Ångström", "--out", x, "extra"}, 2, "no arguments"},
		} {
			_, stderr, code := kindred(t, append([]string{"--journal", j}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("%q: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.msg)
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 3 {
			t.Errorf("failed exports left files behind: %v", entries)
		}
	})
}
