package insights

import (
	"context"
	"testing"

	"kindred/journal/journaltest"
	"kindred/journal/sample"
)

// The reference journal ends on 1 November 2026; the benchmarks look from
// the next day, over all time: the most work there is.
var benchNow = sample.ReferenceEnd.AddDate(0, 0, 1)

// BenchmarkPersonReport is all the insights for the busiest person: reading
// their evenings from the journal and every analysis. Target: under 20 ms.
func BenchmarkPersonReport(b *testing.B) {
	s := journaltest.OpenReference(b)
	busiest := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		pi, err := PersonReport(ctx, s, busiest.ID, Range{}, benchNow)
		if err != nil || pi.Evenings != busiest.Evenings {
			b.Fatalf("got %v evenings, %v; want %d", pi, err, busiest.Evenings)
		}
	}
}

// BenchmarkAnalyzePerson is the analysis alone, on evenings already read.
func BenchmarkAnalyzePerson(b *testing.B) {
	s := journaltest.OpenReference(b)
	busiest := journaltest.BusiestPerson(b, s)
	h, err := Load(context.Background(), s, busiest.ID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		AnalyzePerson(h.People[0], h.Kinds, h.Dismissed, Range{}, benchNow)
	}
}

// BenchmarkJournalReport is the journal-wide insights, reading included.
// Target: under 300 ms.
func BenchmarkJournalReport(b *testing.B) {
	s := journaltest.OpenReference(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		ji, err := JournalReport(ctx, s, Range{}, benchNow)
		if err != nil || ji.Evenings == 0 {
			b.Fatalf("got %v, %v", ji, err)
		}
	}
}

// BenchmarkAnalyzeJournal is the journal-wide analysis alone.
func BenchmarkAnalyzeJournal(b *testing.B) {
	s := journaltest.OpenReference(b)
	h, err := Load(context.Background(), s, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		AnalyzeJournal(h, Range{}, benchNow)
	}
}

// BenchmarkRenderChart draws each chart at 1200x600 from the largest data
// the reference journal gives it: the busiest person's ten years of ratings,
// and the whole journal's months and evenings. Target: under 60 ms each.
func BenchmarkRenderChart(b *testing.B) {
	s := journaltest.OpenReference(b)
	ctx := context.Background()
	pi, err := PersonReport(ctx, s, journaltest.BusiestPerson(b, s).ID, Range{}, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	ji, err := JournalReport(ctx, s, Range{}, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	data := ji.ChartData()
	data.Closeness = pi.Closeness
	for _, k := range ChartKinds {
		b.Run(chartFile(k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := RenderChart(k, data, 1200, 600, ThemeLight); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
