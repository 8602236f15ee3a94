package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"kindred/journal"
	"kindred/journal/markdown"
)

// searchHit is one search result as its row shows it, worked out once when
// its page arrives.
type searchHit struct {
	ID      string
	Date    string            // "Tue 14 Oct 2025, 21:30"
	Names   []journal.TextRun // who was there, matched names marked
	Snippet []journal.TextRun // the text around its first match
	Notes   []journal.TextRun // moment notes that matched, with their kind
	Photo   string            // its first photo that can be shown (see tlRow.Photo)
}

// searchSnippetRunes and searchLeadRunes shape a snippet: about two lines,
// starting a little before the first match so it reads in context.
const (
	searchSnippetRunes = 240
	searchLeadRunes    = 60
	// searchTextBytes bounds how much of a very long text is looked through
	// for the snippet; past it, the snippet shows the start.
	searchTextBytes = 64 << 10
)

// searchHits turns a page of results into rows.
func (c *tlRowContext) searchHits(rs []journal.Reflection, terms journal.SearchTerms) []searchHit {
	out := make([]searchHit, len(rs))
	for i := range rs {
		out[i] = c.searchHit(&rs[i], terms)
	}
	return out
}

func (c *tlRowContext) searchHit(r *journal.Reflection, terms journal.SearchTerms) searchHit {
	h := searchHit{ID: r.ID, Date: r.At.Format("Mon 2 Jan 2006, 15:04"), Photo: firstViewableID(r.Photos)}
	names := make([]string, 0, len(r.Encounters))
	var notes []journal.TextRun
	for _, e := range r.Encounters {
		names = append(names, c.name(e.PersonID))
		for _, m := range e.Moments {
			if m.Note == "" {
				continue
			}
			runs := terms.Highlight(m.Note)
			if !searchMatched(runs) {
				continue
			}
			label := m.Kind
			if k, ok := c.kinds[m.Kind]; ok {
				label = k.Label
			}
			if len(notes) > 0 {
				notes = append(notes, journal.TextRun{Text: " · "})
			}
			notes = append(notes, journal.TextRun{Text: label + ": "})
			notes = append(notes, runs...)
		}
	}
	h.Names = terms.Highlight(strings.Join(names, ", "))
	h.Notes = notes
	// The snippet shows the words the index matched, without markup.
	h.Snippet = searchSnippet(terms, markdown.Plain(r.Text))
	return h
}

func searchMatched(runs []journal.TextRun) bool {
	for _, r := range runs {
		if r.Match {
			return true
		}
	}
	return false
}

// searchSnippet is the part of text around its first match, marked, on
// one line; the text's start when nothing in it matched (the name or a
// note did).
func searchSnippet(terms journal.SearchTerms, text string) []journal.TextRun {
	if len(text) > searchTextBytes {
		cut := searchTextBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	runs := terms.Highlight(strings.Join(strings.Fields(text), " "))
	// Where does the first match start, in runes?
	first, pos := -1, 0
	for _, r := range runs {
		if r.Match {
			first = pos
			break
		}
		pos += utf8.RuneCountInString(r.Text)
	}
	start := 0
	if first > searchLeadRunes {
		start = first - searchLeadRunes
	}
	return searchWindow(runs, start, searchSnippetRunes)
}

// searchWindow keeps the runes [start, start+n) of the runs, moved to whole
// words, with an ellipsis where text was left out.
func searchWindow(runs []journal.TextRun, start, n int) []journal.TextRun {
	var all []rune
	var match []bool
	for _, r := range runs {
		for _, c := range r.Text {
			all = append(all, c)
			match = append(match, r.Match)
		}
	}
	if start > 0 {
		// Begin at the next word, unless that would skip into a match. In
		// Chinese, Japanese and Korean, whose words are not spaced, any
		// character may begin one.
		for start < len(all) && !match[start] && !unicode.IsSpace(all[start-1]) && !journal.IsCJK(all[start]) {
			start++
		}
	}
	end := min(start+n, len(all))
	if end < len(all) {
		for e := end; e > start+n/2; e-- {
			if (unicode.IsSpace(all[e]) || journal.IsCJK(all[e])) && !match[e-1] {
				end = e
				break
			}
		}
	}
	var out []journal.TextRun
	add := func(s string, m bool) {
		if k := len(out) - 1; k >= 0 && out[k].Match == m {
			out[k].Text += s
			return
		}
		out = append(out, journal.TextRun{Text: s, Match: m})
	}
	if start > 0 {
		add("…", false)
	}
	for i := start; i < end; {
		j := i
		for j < end && match[j] == match[i] {
			j++
		}
		add(string(all[i:j]), match[i])
		i = j
	}
	if end < len(all) {
		add("…", false)
	}
	return out
}
