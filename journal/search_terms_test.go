package journal_test

import (
	"reflect"
	"strings"
	"testing"

	"kindred/journal"
)

func TestParseSearch(t *testing.T) {
	word := func(w string) journal.SearchTerm { return journal.SearchTerm{Words: []string{w}, Prefix: true} }
	cases := []struct {
		text string
		want journal.SearchTerms
	}{
		{"", nil},
		{"  ,.!  ", nil},
		{"Zoë", journal.SearchTerms{word("zoe")}},
		{"tiny Umbrella", journal.SearchTerms{word("tiny"), word("umbrella")}},
		{`"tiny umbrella"`, journal.SearchTerms{{Words: []string{"tiny", "umbrella"}}}},
		{`"laughed"`, journal.SearchTerms{{Words: []string{"laughed"}}}},
		{`walk "tiny umb`, journal.SearchTerms{word("walk"), {Words: []string{"tiny", "umb"}, Prefix: true}}},
		{`"" zoe`, journal.SearchTerms{word("zoe")}},
		{"didn't", journal.SearchTerms{word("didn"), word("t")}},
		{"Łukasz Søren STRASSE ﬁne", journal.SearchTerms{word("lukasz"), word("soren"), word("strasse"), word("fine")}},
		{"家族 αθηνά", journal.SearchTerms{word("家族"), word("αθηνα")}},
		{"AND OR NOT NEAR*", journal.SearchTerms{word("and"), word("or"), word("not"), word("near")}},
	}
	for _, c := range cases {
		if got := journal.ParseSearch(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseSearch(%q) = %+v, want %+v", c.text, got, c.want)
		}
	}
	if got := len(journal.ParseSearch(strings.Repeat("word ", 100))); got != 16 {
		t.Errorf("a pasted page: got %d terms, want it cut to 16", got)
	}
}

// render marks matched runs with [brackets].
func render(runs []journal.TextRun) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Match {
			b.WriteString("[" + r.Text + "]")
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	cases := []struct{ query, text, want string }{
		{"zoe", "Dinner with Zoë, and zoe again.", "Dinner with [Zoë], and [zoe] again."},
		{"ZOË", "Zoe", "[Zoe]"},
		{"lau", "We laughed; she was laughing. Paul laughed too.", "We [laughed]; she was [laughing]. Paul [laughed] too."},
		{"lau", "aulau", "aulau"},
		{`"laugh"`, "laugh, laughed", "[laugh], laughed"},
		{`"tiny umbrella"`, "The tiny umbrella; a tiny, broken umbrella. Umbrella tiny.", "The [tiny umbrella]; a tiny, broken umbrella. Umbrella tiny."},
		{`"tiny umbrella"`, "tiny, umbrella", "[tiny, umbrella]"},
		{`"tiny umb`, "tiny umbrellas", "[tiny umbrellas]"},
		{"tiny umbrella", "Umbrella tiny", "[Umbrella] [tiny]"},
		{"soren lukasz", "Søren and Łukasz", "[Søren] and [Łukasz]"},
		{"cafe", "CAFÉ café cafe\u0301", "[CAFÉ] [café] [cafe\u0301]"},
		{"fine", "a ﬁne day", "a [ﬁne] day"},
		{"αθηνα", "Με την Αθηνά.", "Με την [Αθηνά]."},
		{"家族", "about 家族 and", "about [家族] and"},
		{"walk", "no match here 😂", "no match here 😂"},
		{"", "nothing asked", "nothing asked"},
		{"x", "", ""},
	}
	for _, c := range cases {
		runs := journal.ParseSearch(c.query).Highlight(c.text)
		if got := render(runs); got != c.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", c.query, c.text, got, c.want)
		}
		var joined strings.Builder
		for i, r := range runs {
			joined.WriteString(r.Text)
			if i > 0 && runs[i-1].Match == r.Match {
				t.Errorf("Highlight(%q, %q): runs %d and %d are both match=%v, want them merged", c.query, c.text, i-1, i, r.Match)
			}
		}
		if joined.String() != c.text {
			t.Errorf("Highlight(%q, %q): runs join to %q, want the text unchanged", c.query, c.text, joined.String())
		}
	}
}
