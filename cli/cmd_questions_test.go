package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommandLineQuestions(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	kindred(t, "--journal", j, "person", "add", "Ana")
	kindred(t, "--journal", j, "person", "add", "Leo")
	if _, errs, st := kindred(t, "--journal", j, "add", "--person", "Ana", "--date", "2025-06-01",
		"--asked", "q01", "--asked", "q02", "--answered-by", "both"); st != 0 {
		t.Fatalf("add with questions: status %d, err %q", st, errs)
	}
	kindred(t, "--journal", j, "add", "--person", "Ana", "--person", "Leo", "--date", "2025-06-05", "--asked", "q03", "--answered-by", "them")
	kindred(t, "--journal", j, "add", "--person", "Ana", "--date", "2025-06-07", "--asked", "q13", "--answered-by", "me")
	kindred(t, "--journal", j, "add", "--person", "Ana", "--date", "2025-06-08", "--asked", "q25")

	out, errs, st := kindred(t, "--journal", j, "questions", "--person", "ana")
	if st != 0 || errs != "" {
		t.Fatalf("questions: status %d, err %q", st, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 36 {
		t.Fatalf("questions printed %d lines, want one per question (36+)", len(lines))
	}
	state := map[string]string{}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[3] == "" {
			t.Fatalf("line %q: want ID, level, state and text", l)
		}
		state[f[0]] = f[1] + "/" + f[2]
	}
	for id, want := range map[string]string{
		"q01": "light/both", "q02": "light/both", "q03": "light/they-answered", "q04": "light/",
		"q13": "personal/i-answered", "q25": "vulnerable/asked", "q36": "vulnerable/",
	} {
		if state[id] != want {
			t.Errorf("%s: got %q, want %q", id, state[id], want)
		}
	}
	out, _, _ = kindred(t, "--journal", j, "insights", "--person", "Ana")
	if !strings.Contains(out, "deck of questions: Deepest level reached: Vulnerable, since ") ||
		!strings.Contains(out, ". 5 of 36 questions asked; they answered 3, you answered 3, both answered 2.") {
		t.Errorf("insights for Ana lack the deck line:\n%s", out)
	}
	out, _, _ = kindred(t, "--journal", j, "questions", "--person", "Leo")
	if !strings.HasPrefix(out, "q01\tlight\t\t") || !strings.Contains(out, "q03\tlight\tthey-answered\t") {
		t.Errorf("Leo's deck:\n%s", out)
	}
}

func TestCommandLineQuestionErrorsSaveNothing(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	kindred(t, "--journal", j, "person", "add", "Ana")
	cases := []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"add", "--person", "Ana", "--asked", "q99"}, 1, `kindred: Unknown question id "q99"`},
		{[]string{"add", "--person", "Ana", "--asked", "q01", "--asked", "q01"}, 1, "recorded twice"},
		{[]string{"add", "--person", "Ana", "--asked", "q01", "--answered-by", "nobody"}, 2, "--answered-by is them, me or both"},
		{[]string{"add", "--person", "Ana", "--answered-by", "both"}, 2, "--answered-by needs at least one --asked"},
		{[]string{"questions", "--person", "Anna Karenina"}, 1, `No person named "Anna Karenina"`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errs, st := kindred(t, append([]string{"--journal", j}, c.args...)...)
			if st != c.status || !strings.Contains(errs, c.want) || !strings.HasPrefix(errs, "kindred: ") || out != "" {
				t.Errorf("status %d, out %q, err %q; want status %d and %q", st, out, errs, c.status, c.want)
			}
		})
	}
	if out, _, _ := kindred(t, "--journal", j, "stats"); !strings.Contains(out, "reflections: 0") {
		t.Errorf("a failed add saved something: %s", out)
	}
}

// TestQuestionsWithoutAPersonListTheDeck: the ids add --asked takes, looked
// up without a journal (none is created).
func TestQuestionsWithoutAPersonListTheDeck(t *testing.T) {
	j := filepath.Join(t.TempDir(), "journal.db")
	out, errs, st := kindred(t, "--journal", j, "questions")
	if st != 0 || errs != "" {
		t.Fatalf("status %d, stderr %q", st, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 36 {
		t.Fatalf("%d questions listed, want the whole deck (36 or more)", len(lines))
	}
	if f := strings.Split(lines[0], "\t"); len(f) != 4 || f[0] != "q01" || f[1] != "light" || f[2] != "" || f[3] == "" {
		t.Errorf("first line %q, want q01, light, a blank state and its text", lines[0])
	}
	if _, err := os.Stat(j); !os.IsNotExist(err) {
		t.Errorf("listing the deck created the journal (%v)", err)
	}
}
