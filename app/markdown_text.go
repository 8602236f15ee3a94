package app

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kindred/journal/markdown"
)

// Reflections are shown read-only as their Markdown reads; the editor
// keeps the text as written.

// mdMark is what a list item starts with where it is read.
func mdMark(b markdown.Block) string {
	switch b.Kind {
	case markdown.Bullet:
		return "•"
	case markdown.Numbered:
		return b.Number + "."
	case markdown.Task:
		if b.Done {
			return "☑"
		}
		return "☐"
	}
	return ""
}

// mdExcerpt is the start of a text for a timeline row: its blocks one after
// another, headings bold, quotes italic, list items with their marks, cut
// as tlExcerpt cuts. It returns the excerpt's words and, for a text with
// markup, its styled spans (nil for a text without).
func mdExcerpt(text string, max int) (string, []markdown.Span) {
	if !markdown.MayHaveMarkup(text) {
		return tlExcerpt(text, max), nil
	}
	var spans []markdown.Span
	add := func(sp markdown.Span) {
		// Whitespace is collapsed as tlExcerpt collapses it, so that the
		// excerpt is a prefix of the spans' text.
		var b strings.Builder
		space := len(spans) == 0 || strings.HasSuffix(spans[len(spans)-1].Text, " ")
		for _, r := range sp.Text {
			if unicode.IsSpace(r) {
				if !space {
					b.WriteByte(' ')
				}
				space = true
				continue
			}
			b.WriteRune(r)
			space = false
		}
		if sp.Text = b.String(); sp.Text != "" {
			spans = append(spans, sp)
		}
	}
	for _, b := range markdown.Parse(text) {
		add(markdown.Span{Text: " "})
		if mark := mdMark(b); mark != "" {
			add(markdown.Span{Text: mark + " "})
		}
		for _, sp := range b.Spans {
			sp.Bold = sp.Bold || b.Kind == markdown.Heading
			sp.Italic = sp.Italic || b.Kind == markdown.Quote
			add(sp)
		}
	}
	var flat strings.Builder
	for _, sp := range spans {
		flat.WriteString(sp.Text)
	}
	all := flat.String()
	excerpt := tlExcerpt(all, max)
	body := excerpt
	cut := !strings.HasPrefix(all, excerpt)
	if cut {
		body = strings.TrimSuffix(excerpt, "…")
	}
	if !strings.HasPrefix(all, body) {
		return excerpt, nil // cannot happen; the words alone then
	}
	var out []markdown.Span
	for _, sp := range spans {
		if len(body) == 0 {
			break
		}
		if len(sp.Text) > len(body) {
			sp.Text = body
		}
		body = body[len(sp.Text):]
		out = append(out, sp)
	}
	if n := len(out); n > 0 {
		out[n-1].Text = strings.TrimRightFunc(out[n-1].Text, unicode.IsSpace)
	}
	if cut {
		out = append(out, markdown.Span{Text: "…"})
	}
	return excerpt, out
}

// mdInlineSegments are spans as rich text on one line.
func mdInlineSegments(spans []markdown.Span) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(spans))
	for _, sp := range spans {
		style := widget.RichTextStyleInline
		style.TextStyle = fyne.TextStyle{Bold: sp.Bold, Italic: sp.Italic}
		segs = append(segs, &widget.TextSegment{Text: sp.Text, Style: style})
	}
	return segs
}
