package app

import (
	"strings"
	"testing"

	"kindred/journal"
)

func TestSearchSnippet(t *testing.T) {
	intro := strings.Repeat("Nothing much happened that morning. ", 6)
	cases := []struct {
		name, query, text, want string
	}{
		{"match at the start", "dinner", "Dinner with Maya.\n\nWe talked.", "[Dinner] with Maya. We talked."},
		{"no match in the text shows its start", "maya", "A quiet evening.", "A quiet evening."},
		{"a late match is shown with some words before it", "kayak", intro + "Then the kayak tipped over and we laughed.",
			"…that morning. Nothing much happened that morning. Then the [kayak] tipped over and we laughed."},
		{"a long text is cut after the match", "river", "By the river " + strings.Repeat("we talked and talked ", 30),
			"By the [river] we talked and talked we talked and talked we talked and talked we talked and talked we talked and talked we talked and talked we talked and talked we talked and talked we talked and talked we talked and talked we talked and…"},
		{"a phrase stays whole", `"tiny umbrella"`, intro + "the tiny umbrella joke", "…that morning. Nothing much happened that morning. the [tiny umbrella] joke"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := richString(searchSnippet(journal.ParseSearch(c.query), c.text))
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
	t.Run("a match past the first 64 KB shows the start", func(t *testing.T) {
		text := "Start here. " + strings.Repeat("é", 40<<10) + " needle"
		got := richString(searchSnippet(journal.ParseSearch("needle"), text))
		if !strings.HasPrefix(got, "Start here.") || strings.Contains(got, "[") {
			t.Errorf("got %q…", got[:40])
		}
	})
}

func TestSearchSnippetCJK(t *testing.T) {
	intro := strings.Repeat("今天早上什么也没发生。", 8)
	cases := []struct {
		name, query, text, want string
	}{
		{"a word inside a sentence", "释然", "心情3分。终于送走母亲觉得一阵释然。", "心情3分。终于送走母亲觉得一阵[释然]。"},
		{"a late match keeps characters before it", "母亲", intro + "终于送走母亲觉得一阵释然。",
			"…" + strings.Repeat("今天早上什么也没发生。", 5) + "终于送走[母亲]觉得一阵释然。"},
		{"korean syllables inside a word", "커피", "친구와 커피를 마셨다", "친구와 [커피]를 마셨다"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := richString(searchSnippet(journal.ParseSearch(c.query), c.text))
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}
