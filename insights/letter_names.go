package insights

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// aFriend stands in the text for someone else who was there. The list of
// who was there says "friends"; in a sentence "a friend" reads as written:
// "Ben's joke" becomes "a friend's joke".
const aFriend = "a friend"

// keepFriendsUnnamed replaces, in s, the names of the others who were there
// that evening, whole words only: each full name, and its first word alone
// (how one usually writes of a friend), unless that word is also the
// recipient's. Matching is exact, so "May" the month stays when no May was
// there, and only names from that evening are looked for.
func keepFriendsUnnamed(s string, others []string, recipient string) string {
	if len(others) == 0 || s == "" {
		return s
	}
	own := map[string]bool{recipient: true}
	if f := firstName(recipient); f != "" {
		own[f] = true
	}
	var names []string
	for _, n := range others {
		n = strings.TrimSpace(n)
		if n != "" && !own[n] {
			names = append(names, n)
		}
		if f := firstName(n); f != "" && f != n && !own[f] && utf8.RuneCountInString(f) > 1 {
			names = append(names, f)
		}
	}
	// Longest first, so "Ben Carter" goes whole before "Ben".
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, n := range names {
		s = replaceWord(s, n, aFriend)
	}
	// "a friend, a friend and a friend" says less than "friends"; and
	// "Ilse, a friend and a friend" reads "Ilse and friends".
	s = friendRuns.ReplaceAllStringFunc(s, func(run string) string {
		lead := ""
		if strings.HasPrefix(run, ", ") {
			lead, run = " and ", run[2:]
			if !strings.Contains(run, " and ") && !strings.Contains(run, " & ") {
				lead = ", " // the list goes on after: "Ilse, friends, and Omar"
			}
		}
		if run[0] == 'A' {
			return lead + "Friends"
		}
		return lead + "friends"
	})
	return sentenceCase(s)
}

var friendRuns = regexp.MustCompile(`(?:, )?\b[Aa] friend(?:(?:,? and |,? & |, )a friend)+\b`)

// sentenceCase capitalises "a friend" where it starts a sentence.
func sentenceCase(s string) string {
	for i := strings.Index(s, aFriend); i >= 0; {
		if startsSentence(s[:i]) {
			s = s[:i] + "A" + s[i+1:]
		}
		next := strings.Index(s[i+1:], aFriend)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	for i := strings.Index(s, "friends"); i >= 0; {
		if startsSentence(s[:i]) {
			s = s[:i] + "F" + s[i+1:]
		}
		next := strings.Index(s[i+1:], "friends")
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return s
}

// startsSentence reports whether text after before begins a sentence.
func startsSentence(before string) bool {
	t := strings.TrimRight(before, " \t")
	if t == "" || strings.HasSuffix(t, "\n") {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// replaceWord replaces old in s where it stands as a whole word: no letter
// or digit touches it on either side (see isWordRune).
func replaceWord(s, old, new string) string {
	if old == "" || !strings.Contains(s, old) {
		return s
	}
	var b strings.Builder
	last := 0
	for start := 0; ; {
		i := strings.Index(s[start:], old)
		if i < 0 {
			break
		}
		i += start
		end := i + len(old)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !isWordRune(before) && !isWordRune(after) {
			b.WriteString(s[last:i])
			b.WriteString(new)
			last = end
		}
		start = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// isWordRune reports letters that would make a match part of a longer
// word. Scripts written without spaces have no such boundary: a name
// there stands among other characters.
func isWordRune(r rune) bool {
	return r != utf8.RuneError && !isWideScript(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}
