package journal

import "unicode"

// Chinese and Japanese are written without spaces between words, and Korean
// is searched by syllable blocks inside words, so a run of Han, Hiragana,
// Katakana or Hangul is not one word to the index: it is indexed as the
// overlapping pairs of its characters, followed by its last character alone
// ("送走母亲" as "送走 走母 母亲 亲"). A word typed in those scripts is looked
// up as the phrase of its own pairs, which matches wherever it stands in the
// run; a single character is a prefix of a pair or the run's last character.
// A run of n characters is n index words, so the index grows little.

// IsCJK reports whether r is written in a script that runs words together:
// Han, Hiragana, Katakana or Hangul, with the marks that belong to them
// (the prolonged sound mark, the iteration marks).
func IsCJK(r rune) bool {
	if r < 0x1100 {
		return false // every Latin, Greek and Cyrillic letter: the hot path
	}
	switch r {
	case 0x30FC, 0xFF70, 0x3005, 0x3006, 0x3007, 0x303B:
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// cjkUnit is one character of a CJK run with the marks that follow it
// (a decomposed dakuten), and its search form.
type cjkUnit struct {
	start, end int
	fold       string
}

// appendCJKSpans adds the index words of one CJK run of text, given as its
// characters: the pairs, then the last character alone.
func appendCJKSpans(out []tokenSpan, units []cjkUnit) []tokenSpan {
	for i, u := range units {
		if i+1 < len(units) {
			next := units[i+1]
			out = append(out, tokenSpan{start: u.start, end: next.end, fold: u.fold + next.fold, cjk: true, firstEnd: u.end})
			continue
		}
		out = append(out, tokenSpan{start: u.start, end: u.end, fold: u.fold, cjk: true, runEnd: true, firstEnd: u.end})
	}
	return out
}
