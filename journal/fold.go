package journal

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldAccents strips combining marks, so "Zoë" and "Zoe" compare equal.
func foldAccents(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// FoldName is the form names are compared in: case, accents and spacing ignored.
func FoldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(foldAccents(s)), " "))
}

// levenshtein is the edit distance between a and b, counted in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// closestName returns the candidate nearest to name, preferring one that
// starts with it, or "" when nothing is reasonably close.
func closestName(name string, candidates []string) string {
	f := FoldName(name)
	best, bestDist := "", -1
	for _, c := range candidates {
		fc := FoldName(c)
		d := levenshtein(f, fc)
		if strings.HasPrefix(fc, f) || strings.Contains(fc, f) {
			d = min(d, 1)
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > max(2, len([]rune(f))/3) {
		return ""
	}
	return best
}
