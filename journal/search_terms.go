package journal

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"kindred/journal/markdown"
)

// SearchTerm is one thing every result must contain: a single word, or a
// phrase of words that follow each other. Words are in their search form
// (see SearchFold).
type SearchTerm struct {
	Words []string
	// Prefix lets the last word be the start of a longer one ("lau" finds
	// "laughed"). Bare words are prefixes; quoted ones are exact, except in a
	// quote the user has not closed yet, where the last word is still being typed.
	Prefix bool
}

// SearchTerms is what the user typed, split the way the index is split.
type SearchTerms []SearchTerm

// maxSearchTerms bounds a query, so a pasted page of text stays a quick search.
const maxSearchTerms = 16

// ParseSearch splits what the user typed into terms: bare words match as
// prefixes, "quoted words" as an exact phrase. Case, accents and punctuation
// are ignored. A word in a script written without spaces (see IsCJK) is a
// phrase of its character pairs, and matches wherever it stands.
func ParseSearch(text string) SearchTerms {
	var out SearchTerms
	parts := strings.Split(text, `"`)
	for i, part := range parts {
		spans := tokenSpans(part)
		if len(spans) == 0 {
			continue
		}
		quoted := i%2 == 1
		if !quoted {
			// Each word the user typed is a term; a word that mixes scripts
			// ("日記kindred") is split in the index, so it is a phrase.
			from := 0
			for j := 1; j <= len(spans); j++ {
				if j == len(spans) || spans[j].start > spans[j-1].end {
					if term, ok := searchTerm(spans[from:j], true); ok {
						out = append(out, term)
					}
					from = j
				}
			}
			continue
		}
		unclosed := i == len(parts)-1
		if term, ok := searchTerm(spans, unclosed); ok {
			out = append(out, term)
		}
	}
	if len(out) > maxSearchTerms {
		out = out[:maxSearchTerms]
	}
	return out
}

// searchTerm is the term that finds spans, words that follow each other.
// A CJK run that ends the term may end anywhere in a longer run, so its
// last character, which the index holds only at a run's end, is left out;
// a run of one character is a prefix of the pairs that start with it.
func searchTerm(spans []tokenSpan, prefix bool) (SearchTerm, bool) {
	if n := len(spans); n >= 2 && spans[n-1].runEnd && spans[n-2].cjk && !spans[n-2].runEnd {
		spans = spans[:n-1]
	}
	if last := spans[len(spans)-1]; last.runEnd {
		prefix = true
	}
	words := make([]string, 0, len(spans))
	for _, s := range spans {
		if s.fold != "" {
			words = append(words, s.fold)
		}
	}
	return SearchTerm{Words: words, Prefix: prefix}, len(words) > 0
}

// matchExpression is the FTS4 MATCH expression for the terms. Every term is
// quoted and made only of letters and digits, so nothing the user types can
// be read as query syntax (AND, NEAR, a stray '-').
func (t SearchTerms) matchExpression() string {
	var b strings.Builder
	for i, term := range t {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.Join(term.Words, " "))
		if term.Prefix {
			b.WriteByte('*')
		}
		b.WriteByte('"')
	}
	return b.String()
}

// TextRun is a piece of a text, either matched by a search or not.
type TextRun struct {
	Text  string
	Match bool
}

// Highlight splits text into runs, marking the words the terms match, the
// way the index matched them: ignoring case and accents, prefixes for
// prefix terms, phrases only where their words follow each other, and in
// CJK runs only the characters asked for. Joining the runs' Text gives text
// back unchanged.
func (t SearchTerms) Highlight(text string) []TextRun {
	if len(t) == 0 || text == "" {
		return []TextRun{{Text: text}}
	}
	toks := tokenSpans(text)
	// Matches are byte ranges; CJK pairs overlap, so ranges may too.
	type span struct{ start, end int }
	var found []span
	for i := range toks {
		for _, term := range t {
			if end, ok := termAt(toks, i, term); ok {
				found = append(found, span{toks[i].start, end})
			}
		}
	}
	if len(found) == 0 {
		return []TextRun{{Text: text}}
	}
	slices.SortFunc(found, func(a, b span) int { return a.start - b.start })
	var out []TextRun
	pos := 0
	for k := 0; k < len(found); {
		start, end := found[k].start, found[k].end
		for k++; k < len(found) && found[k].start <= end; k++ {
			end = max(end, found[k].end)
		}
		if start > pos {
			out = append(out, TextRun{Text: text[pos:start]})
		}
		out = append(out, TextRun{Text: text[start:end], Match: true})
		pos = end
	}
	if pos < len(text) {
		out = append(out, TextRun{Text: text[pos:]})
	}
	return out
}

// termAt reports whether term matches the words starting at toks[i], and
// where the match ends: a CJK pair matched by the one character it starts
// with ends after that character.
func termAt(toks []tokenSpan, i int, term SearchTerm) (end int, ok bool) {
	n := len(term.Words)
	if n == 0 || i+n > len(toks) {
		return 0, false
	}
	for j, w := range term.Words {
		tok := toks[i+j]
		switch {
		case tok.fold == w:
			end = tok.end
		case j == n-1 && term.Prefix && strings.HasPrefix(tok.fold, w):
			end = tok.end
			if tok.cjk {
				end = tok.firstEnd
			}
		default:
			return 0, false
		}
	}
	return end, true
}

type tokenSpan struct {
	start, end int // byte offsets into the text
	fold       string
	// cjk marks the words of a CJK run: its character pairs, and its last
	// character alone (runEnd). firstEnd is where a pair's first character ends.
	cjk, runEnd bool
	firstEnd    int
}

// isWordRune is what words are made of. Marks count as letters so that a
// decomposed "e" + "¨" stays one word, as SQLite's tokenizer keeps it.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// tokenSpans splits text into the words the index holds: runs of word
// characters, cut where a CJK run begins or ends, and CJK runs as their
// character pairs (see IsCJK).
func tokenSpans(text string) []tokenSpan {
	var out []tokenSpan
	var units []cjkUnit
	start := -1 // where the current word outside a CJK run began
	endWord := func(end int) {
		if start >= 0 {
			out = append(out, tokenSpan{start: start, end: end, fold: SearchFold(text[start:end])})
			start = -1
		}
	}
	endRun := func() {
		if len(units) == 0 {
			return
		}
		kept := units[:0]
		for _, u := range units {
			if u.fold = SearchFold(text[u.start:u.end]); u.fold != "" {
				kept = append(kept, u)
			}
		}
		out = appendCJKSpans(out, kept)
		units = units[:0]
	}
	for i, r := range text {
		switch {
		case r >= 0x2190 && isEmoji(r):
			endWord(i)
			endRun()
			out = append(out, tokenSpan{start: i, end: i + utf8.RuneLen(r), fold: emojiWord(r)})
		case !isWordRune(r):
			endWord(i)
			endRun()
		case IsCJK(r):
			endWord(i)
			units = append(units, cjkUnit{start: i, end: i + utf8.RuneLen(r)})
		case len(units) > 0 && unicode.IsMark(r):
			units[len(units)-1].end = i + utf8.RuneLen(r)
		default:
			endRun()
			if start < 0 {
				start = i
			}
		}
	}
	endWord(len(text))
	endRun()
	return out
}

// searchTokens splits text into words in their search form.
func searchTokens(text string) []string {
	spans := tokenSpans(text)
	out := make([]string, 0, len(spans))
	for _, s := range spans {
		if s.fold != "" {
			out = append(out, s.fold)
		}
	}
	return out
}

// searchIndexText is what the index stores for a text: its words in search
// form, separated by spaces. The index and the query then meet on one
// definition of a word, ours, rather than SQLite's (which folds accents only
// in Latin script and leaves "ø" and "ł" alone).
func searchIndexText(text string) string {
	return strings.Join(searchTokens(text), " ")
}

// searchIndexBody is what the index stores for a reflection's text: its
// words without the Markdown around them, so that a link's address
// ("[the plan](premium)") is not found as if the user had written it.
func searchIndexBody(text string) string { return searchIndexText(markdown.Plain(text)) }

// searchLetters are letters that Unicode does not decompose into a base and
// an accent but that people type without one: "Soren" should find "Søren".
var searchLetters = map[rune]string{
	'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'ħ': "h", 'ı': "i", 'ŧ': "t",
	'ŀ': "l", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'þ': "th",
}

// searchFolder is made per call: transformers keep state between calls.
func searchFolder() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// SearchFold is the form words are compared in by search: lower case, no
// accents, compatibility forms spelled out ("ﬁ" is "fi").
func SearchFold(word string) string {
	ascii := true
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(word)
	}
	folded, _, err := transform.String(searchFolder(), word)
	if err != nil {
		folded = word
	}
	folded = strings.ToLower(folded)
	var b strings.Builder
	for _, r := range folded {
		if s, ok := searchLetters[r]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
