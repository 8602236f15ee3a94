package journal_test

import (
	"context"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// rememberDates are days of the reference journal's last year: an ordinary
// day, the day after a leap day's anniversary, year ends, and the journal's
// own last day.
var rememberDates = []time.Time{
	time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC),
	time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
}

// BenchmarkRememberEveryone is the Reflect screen's card: everyone's
// memories of a date, a different date each iteration. The target is 20 ms.
func BenchmarkRememberEveryone(b *testing.B) {
	benchRemember(b, "")
}

// BenchmarkRememberBusiest is the busiest person's timeline section.
func BenchmarkRememberBusiest(b *testing.B) {
	s := journaltest.OpenReference(b)
	benchRememberIn(b, s, journaltest.BusiestPerson(b, s).ID)
}

func benchRemember(b *testing.B, personID string) {
	benchRememberIn(b, journaltest.OpenReference(b), personID)
}

func benchRememberIn(b *testing.B, s *journal.Store, personID string) {
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	i, found := 0, 0
	for b.Loop() {
		ms, err := s.Remember(ctx, journal.RememberQuery{Date: rememberDates[i%len(rememberDates)], PersonID: personID})
		if err != nil {
			b.Fatal(err)
		}
		found += len(ms)
		i++
	}
	if found == 0 {
		b.Fatal("no memories on any date")
	}
	b.ReportMetric(float64(found)/float64(i), "memories/op")
}
