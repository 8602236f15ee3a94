package insights_test

import (
	"bytes"
	"context"
	"testing"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// letterChoice is 100 evenings of the reference journal's busiest person
// (8,144 evenings): the latest hundred, or a hundred spread evenly over the
// ten years, as one ticks them across the whole timeline.
func letterChoice(b *testing.B, spread bool) (insights.LetterSource, insights.LetterOptions) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	all, err := s.TimelineAll(context.Background(), journal.TimelineQuery{PersonID: p.ID})
	if err != nil {
		b.Fatal(err)
	}
	opt := insights.LetterOptions{PersonID: p.ID, Opening: "Dear friend,\n\nThese are some of our evenings.", Closing: "With love."}
	for i := range 100 {
		k := len(all) - 1 - i
		if spread {
			k = i * (len(all) / 100)
		}
		opt.ReflectionIDs = append(opt.ReflectionIDs, all[k].ID)
	}
	return s, opt
}

func benchmarkLetter(b *testing.B, spread, chart bool) {
	s, opt := letterChoice(b, spread)
	opt.WithChart = chart
	var pages, size int
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		var buf bytes.Buffer
		sum, err := insights.WriteLetter(context.Background(), s, &buf, opt)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Evenings != 100 {
			b.Fatalf("%d evenings, want 100", sum.Evenings)
		}
		pages, size = sum.Pages, buf.Len()
	}
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "MB-pdf")
}

// BenchmarkLetter100Latest: a letter of the busiest person's latest 100
// evenings. Target (issue 14): under 300 ms.
func BenchmarkLetter100Latest(b *testing.B) { benchmarkLetter(b, false, false) }

// BenchmarkLetter100Spread: 100 evenings spread over ten years, so the
// whole history is read. Target (issue 14): under 300 ms.
func BenchmarkLetter100Spread(b *testing.B) { benchmarkLetter(b, true, false) }

// BenchmarkLetter100WithChart: the latest 100 with the closeness chart.
// Target (issue 14): under 300 ms.
func BenchmarkLetter100WithChart(b *testing.B) { benchmarkLetter(b, false, true) }
