package markdown

import (
	"strings"
	"testing"
)

// BenchmarkParseDayOneEntry is one Day One entry of a few paragraphs with
// headings, styles and a checklist: what the report and the timeline parse
// per evening when a text has markup.
func BenchmarkParseDayOneEntry(b *testing.B) {
	text := "# All packed up finally\n\nMit **Ana** und @Jürgen im Park\\. Es war *wunderschön*\\!\n\n" +
		strings.Repeat("We talked about the move, the new flat and what we will miss. ", 6) + "\n\n" +
		"- [ ] Füge ein Foto hinzu\n- [x] Koffer\n1. Erstens\n\n> She said: we'll be fine\n\n[**Weitere Informationen**](premium)"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text)
	}
}
