package cli

import (
	"context"
	"slices"
	"testing"

	"kindred/journal"
)

// TestCommandOnAnOldSearchIndexSaysNothingOfIt: a command that opens a
// journal whose index predates CJK search upgrades it quietly and does its
// own work: its output is only its own, its stderr empty.
func TestCommandOnAnOldSearchIndexSaysNothingOfIt(t *testing.T) {
	c := newCLI(t)
	c.must("person", "add", "王美玲")
	const text = "心情3分。终于送走母亲觉得一阵释然。"
	c.must("add", "--person", "王美玲", "--date", "2024-03-01T21:00", "--text", text)
	st, err := journal.Open(context.Background(), c.journal)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"UPDATE reflection_search SET text = '心情3分 终于送走母亲觉得一阵释然'", // a CJK run was one word
		"UPDATE settings SET value = '2' WHERE key = 'search_index_version'",
	} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	out, errOut, code := c.run("search", "释然")
	if code != 0 || errOut != "" {
		t.Fatalf("search: exit %d, stderr %q; want 0 and nothing", code, errOut)
	}
	if got := texts(out); !slices.Equal(got, []string{text}) {
		t.Errorf("search after the upgrade: got %q, want the one evening", got)
	}
}
