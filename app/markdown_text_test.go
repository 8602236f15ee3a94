package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal/markdown"
)

const dayOneText = "## Erste Schritte\n\nMit **Ana** im Park\\. Es war *wunderschön*\\!\n\n-[] Füge ein Foto hinzu\n- [x] Koffer\n\n[**Weitere Informationen**](premium)"

func TestMDExcerpt(t *testing.T) {
	words, spans := mdExcerpt(dayOneText, 240)
	want := "Erste Schritte Mit Ana im Park. Es war wunderschön! ☐ Füge ein Foto hinzu ☑ Koffer Weitere Informationen"
	if words != want {
		t.Errorf("words %q, want %q", words, want)
	}
	var joined strings.Builder
	styled := map[string]markdown.Span{}
	for _, sp := range spans {
		joined.WriteString(sp.Text)
		styled[sp.Text] = sp
	}
	if joined.String() != want {
		t.Errorf("spans say %q, want %q", joined.String(), want)
	}
	if !styled["Erste Schritte"].Bold || !styled["Ana"].Bold || !styled["wunderschön"].Italic || !styled["Weitere Informationen"].Bold {
		t.Errorf("styles lost: %+v", spans)
	}

	long := "# Title\n\n" + strings.Repeat("**word** and more ", 40)
	words, spans = mdExcerpt(long, 60)
	if n := utf8.RuneCountInString(words); n > 60 || !strings.HasSuffix(words, "…") {
		t.Errorf("a long text is cut to %q (%d runes)", words, n)
	}
	joined.Reset()
	for _, sp := range spans {
		joined.WriteString(sp.Text)
	}
	if joined.String() != words {
		t.Errorf("cut spans say %q, words %q", joined.String(), words)
	}

	if words, spans := mdExcerpt("Just words, nothing else", 240); spans != nil || words != "Just words, nothing else" {
		t.Errorf("plain text: %q %+v", words, spans)
	}
}

func TestTimelineRowShowsMarkdownStyled(t *testing.T) {
	test.NewTempApp(t)
	v := newTLItemView()
	row := tlRow{Day: "Sat 9 Mar", Time: "19:40"}
	row.Excerpt, row.ExcerptSpans = mdExcerpt(dayOneText, tlExcerptRunes)
	v.showRow(&row, "#336699", nil)
	test.NewTempWindow(t, v)
	if !v.excerpt.Hidden || !v.richClip.Visible() {
		t.Fatalf("a Markdown excerpt should show in rich text (label hidden %v, rich visible %v)", v.excerpt.Hidden, v.richClip.Visible())
	}
	var text strings.Builder
	bold := false
	for _, seg := range v.rich.Segments {
		ts := seg.(*widget.TextSegment)
		text.WriteString(ts.Text)
		if ts.Text == "Ana" && ts.Style.TextStyle.Bold {
			bold = true
		}
	}
	if strings.ContainsAny(text.String(), "#*\\[]") || !bold {
		t.Errorf("the row shows %q (Ana bold: %v)", text.String(), bold)
	}

	plain := tlRow{Day: "Sun 10 Mar", Excerpt: "Plain words."}
	v.showRow(&plain, "#336699", nil)
	if v.excerpt.Hidden || v.richClip.Visible() || v.excerpt.Text != "Plain words." {
		t.Errorf("a reused row with plain text should show the label")
	}
}
