package exchange_test

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

// BenchmarkExportJSON writes the reference journal as JSON. Target: under 3 s.
func BenchmarkExportJSON(b *testing.B) {
	ctx := context.Background()
	s := journaltest.OpenReference(b)
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cw := &countingWriter{}
		if err := exchange.WriteJSON(ctx, s, cw, nil); err != nil {
			b.Fatal(err)
		}
		n = cw.n
	}
	b.ReportMetric(float64(n)/(1<<20), "MB")
}

// BenchmarkImportJSON imports the reference journal's JSON export into an
// empty journal. Target: under 15 s.
func BenchmarkImportJSON(b *testing.B) {
	ctx := context.Background()
	ref := journaltest.OpenReference(b)
	var buf bytes.Buffer
	if err := exchange.WriteJSON(ctx, ref, &buf, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := journal.Open(ctx, filepath.Join(b.TempDir(), "journal.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		src, err := exchange.Read(buf.Bytes(), exchange.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := exchange.Import(ctx, s, src, exchange.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if sum.Added.Reflections != len(src.Kindred.Reflections) || sum.Added.Reflections < 40000 {
			b.Fatalf("imported %d of %d reflections", sum.Added.Reflections, len(src.Kindred.Reflections))
		}
		s.Close()
		b.StartTimer()
	}
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)
