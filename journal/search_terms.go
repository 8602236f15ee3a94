package journal

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
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
// are ignored.
func ParseSearch(text string) SearchTerms {
	var out SearchTerms
	parts := strings.Split(text, `"`)
	for i, part := range parts {
		words := searchTokens(part)
		if len(words) == 0 {
			continue
		}
		quoted := i%2 == 1
		if !quoted {
			for _, w := range words {
				out = append(out, SearchTerm{Words: []string{w}, Prefix: true})
			}
			continue
		}
		unclosed := i == len(parts)-1
		out = append(out, SearchTerm{Words: words, Prefix: unclosed})
	}
	if len(out) > maxSearchTerms {
		out = out[:maxSearchTerms]
	}
	return out
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
// prefix terms, phrases only where their words follow each other. Joining
// the runs' Text gives text back unchanged.
func (t SearchTerms) Highlight(text string) []TextRun {
	if len(t) == 0 || text == "" {
		return []TextRun{{Text: text}}
	}
	toks := tokenSpans(text)
	marked := make([]bool, len(toks))
	// joined[i] marks the gap after token i as part of a matched phrase.
	joined := make([]bool, len(toks))
	for i := range toks {
		for _, term := range t {
			if termAt(toks, i, term) {
				for j := range term.Words {
					marked[i+j] = true
					joined[i+j] = joined[i+j] || j < len(term.Words)-1
				}
			}
		}
	}
	var out []TextRun
	add := func(s string, match bool) {
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Match == match {
			out[k].Text += s
			return
		}
		out = append(out, TextRun{Text: s, Match: match})
	}
	pos := 0
	for i, tok := range toks {
		if !marked[i] {
			continue
		}
		add(text[pos:tok.start], false)
		end := tok.end
		if joined[i] {
			end = toks[i+1].start
		}
		add(text[tok.start:end], true)
		pos = end
	}
	add(text[pos:], false)
	if out == nil {
		out = []TextRun{{Text: text}}
	}
	return out
}

// termAt reports whether term matches the words starting at toks[i].
func termAt(toks []tokenSpan, i int, term SearchTerm) bool {
	n := len(term.Words)
	if n == 0 || i+n > len(toks) {
		return false
	}
	for j, w := range term.Words {
		tok := toks[i+j].fold
		last := j == n-1
		if tok != w && !(last && term.Prefix && strings.HasPrefix(tok, w)) {
			return false
		}
	}
	return true
}

type tokenSpan struct {
	start, end int // byte offsets into the text
	fold       string
}

// isWordRune is what words are made of. Marks count as letters so that a
// decomposed "e" + "¨" stays one word, as SQLite's tokenizer keeps it.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func tokenSpans(text string) []tokenSpan {
	var out []tokenSpan
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, tokenSpan{start: start, end: i, fold: SearchFold(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, tokenSpan{start: start, end: len(text), fold: SearchFold(text[start:])})
	}
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
