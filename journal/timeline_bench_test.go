package journal_test

import (
	"context"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sample"
)

// The busiest person of the reference journal has about 8,000 evenings.

func BenchmarkTimelineFirstPage(b *testing.B) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Timeline(ctx, journal.TimelineQuery{PersonID: p.ID})
		if err != nil || len(page.Reflections) != journal.DefaultPageSize {
			b.Fatalf("got %d reflections, %v", len(page.Reflections), err)
		}
	}
}

// BenchmarkTimelineNextPage walks the busiest person's whole timeline one
// page per iteration, starting over at the end: ns/op is one further page.
func BenchmarkTimelineNextPage(b *testing.B) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	q := journal.TimelineQuery{PersonID: p.ID}
	first, err := s.Timeline(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	q.After = first.Next
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Timeline(ctx, q)
		if err != nil || len(page.Reflections) == 0 {
			b.Fatalf("got %d reflections, %v", len(page.Reflections), err)
		}
		q.After = page.Next
		if q.After == nil {
			q.After = first.Next
		}
	}
}

// BenchmarkTimelineFiltered is the first page with two kinds, a date range
// and only missteps: the filters scan more evenings to fill a page.
func BenchmarkTimelineFiltered(b *testing.B) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	q := journal.TimelineQuery{
		PersonID:     p.ID,
		Kinds:        []string{journal.KindLaughed, journal.KindDeepTalk},
		OnlyMissteps: true,
		From:         sample.ReferenceEnd.AddDate(-6, 0, 0),
		To:           sample.ReferenceEnd.AddDate(-1, 0, 0),
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Timeline(ctx, q)
		if err != nil || len(page.Reflections) == 0 {
			b.Fatalf("got %d reflections, %v", len(page.Reflections), err)
		}
	}
}

func BenchmarkPersonOverview(b *testing.B) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		o, err := s.PersonOverview(ctx, p.ID)
		if err != nil || o.Evenings != p.Evenings || len(o.Firsts) == 0 {
			b.Fatalf("got %d evenings, %d firsts, %v", o.Evenings, len(o.Firsts), err)
		}
	}
}

// BenchmarkTimelineAll reads the busiest person's every evening, text,
// encounters and moments, as the PDF report does.
func BenchmarkTimelineAll(b *testing.B) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		all, err := s.TimelineAll(ctx, journal.TimelineQuery{PersonID: p.ID})
		if err != nil || len(all) != p.Evenings {
			b.Fatalf("got %d reflections, want %d, %v", len(all), p.Evenings, err)
		}
	}
}

// BenchmarkTimelineAllPaged is the same read through Timeline's pages.
func BenchmarkTimelineAllPaged(b *testing.B) {
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		q := journal.TimelineQuery{PersonID: p.ID, Limit: 500}
		n := 0
		for {
			page, err := s.Timeline(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			n += len(page.Reflections)
			if page.Next == nil {
				break
			}
			q.After = page.Next
		}
		if n != p.Evenings {
			b.Fatalf("got %d reflections, want %d", n, p.Evenings)
		}
	}
}
