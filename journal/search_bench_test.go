package journal_test

import (
	"context"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// benchSearch measures the first page (50 results) of a search.
func benchSearch(b *testing.B, text string, wantAtLeast int) {
	benchSearchIn(b, journaltest.OpenReference(b), text, wantAtLeast)
}

// benchSearchCJK is benchSearch over the reference journal written in
// Chinese, Japanese and Korean.
func benchSearchCJK(b *testing.B, text string, wantAtLeast int) {
	benchSearchIn(b, journaltest.OpenReferenceCJK(b), text, wantAtLeast)
}

func benchSearchIn(b *testing.B, s *journal.Store, text string, wantAtLeast int) {
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Search(ctx, journal.SearchQuery{Text: text})
		if err != nil || len(page.Reflections) < wantAtLeast {
			b.Fatalf("search %q: got %d results, %v", text, len(page.Reflections), err)
		}
	}
}

// "with" is in about 25,000 of the 40,000 reflections.
func BenchmarkSearchCommonWord(b *testing.B) { benchSearch(b, "with", journal.DefaultPageSize) }

// A single letter, as the first keystroke searches: a prefix of most words.
func BenchmarkSearchFirstLetter(b *testing.B) { benchSearch(b, "a", journal.DefaultPageSize) }

// "kayak" is a moment note on about 200 evenings.
func BenchmarkSearchRareWord(b *testing.B) { benchSearch(b, "kayak", journal.DefaultPageSize) }

// A word the journal does not hold.
func BenchmarkSearchAbsentWord(b *testing.B) { benchSearch(b, "xylophone", 0) }

func BenchmarkSearchPhrase(b *testing.B) { benchSearch(b, `"tiny umbrella"`, journal.DefaultPageSize) }

// BenchmarkSearchNextPage walks the results of a common word one page per
// iteration.
func BenchmarkSearchNextPage(b *testing.B) {
	s := journaltest.OpenReference(b)
	ctx := context.Background()
	q := journal.SearchQuery{Text: "dinner"}
	first, err := s.Search(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	q.After = first.Next
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Search(ctx, q)
		if err != nil || len(page.Reflections) == 0 {
			b.Fatalf("got %d, %v", len(page.Reflections), err)
		}
		q.After = page.Next
		if q.After == nil {
			q.After = first.Next
		}
	}
}

// "释然" stands inside a run of Chinese, after other words.
func BenchmarkSearchCJKWord(b *testing.B) { benchSearchCJK(b, "释然", journal.DefaultPageSize) }

// A four-character word is a phrase of three character pairs.
func BenchmarkSearchCJKLongWord(b *testing.B) {
	benchSearchCJK(b, "回到正轨", journal.DefaultPageSize)
}

// One character, as the first keystroke searches: a prefix of pairs.
func BenchmarkSearchCJKOneCharacter(b *testing.B) { benchSearchCJK(b, "我", journal.DefaultPageSize) }

// Korean, by syllable blocks inside a word.
func BenchmarkSearchCJKKorean(b *testing.B) { benchSearchCJK(b, "커피", journal.DefaultPageSize) }

// A CJK word the journal does not hold.
func BenchmarkSearchCJKAbsent(b *testing.B) { benchSearchCJK(b, "恐龙", 0) }
