package insights_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal/journaltest"
)

// BenchmarkReportBusiestPerson is one person's report, with every
// reflection's text, for the reference journal's busiest person (8,144
// evenings, about 1,045 pages). Target (issue 6): under 400 ms. cpu-s/op is
// the process's CPU time per report: on a machine shared with other work,
// it tells the report's own cost apart from waiting for a core.
func BenchmarkReportBusiestPerson(b *testing.B) {
	useEmojiFont(b) // the reference journal's texts have emoji
	s := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, s)
	opt := insights.ReportOptions{PersonIDs: []string{p.ID}}
	var size, pages int
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		var buf bytes.Buffer
		sum, err := insights.WriteReport(context.Background(), s, &buf, opt)
		if err != nil {
			b.Fatal(err)
		}
		size, pages = buf.Len(), sum.Pages
	}
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "MB-pdf")
}

// BenchmarkReportWholeJournalNoText is the whole reference journal (200
// people) without the reflections' text. Targets (issue 6): under 8 s and
// under 400 MB peak memory. Peak memory is measured two ways and reported
// as metrics: peak-heap-MB samples the Go heap's objects (live and not yet
// swept) every 2 ms during the export (runtime/metrics, no stop-the-world);
// peak-rss-MB is the kernel's high-water mark of the whole test process's
// resident memory (VmHWM), reset just before the export by writing 5 to
// /proc/self/clear_refs; rss-before-MB is what the process held just before.
func BenchmarkReportWholeJournalNoText(b *testing.B) {
	useEmojiFont(b) // moment notes have emoji
	s := journaltest.OpenReference(b)
	// Every one of the 200 people, archived ones too (by default a report
	// leaves out the archived).
	people, err := s.People(context.Background(), true)
	if err != nil {
		b.Fatal(err)
	}
	opt := insights.ReportOptions{NoText: true}
	for _, p := range people {
		opt.PersonIDs = append(opt.PersonIDs, p.ID)
	}
	var peakHeap, peakRSS, baseRSS uint64
	var pages int
	var size int64
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		runtime.GC()
		rssReset := resetPeakRSS()
		baseRSS = rssBytes()
		stop := sampleHeap()
		w := &countingWriter{}
		sum, err := insights.WriteReport(context.Background(), s, w, opt)
		heap := stop()
		if err != nil {
			b.Fatal(err)
		}
		peakHeap = max(peakHeap, heap)
		if rssReset {
			peakRSS = max(peakRSS, peakRSSBytes())
		}
		pages, size = sum.Pages, w.n
		if sum.People != 200 {
			b.Fatalf("report of %d people, want the reference journal's 200", sum.People)
		}
	}
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "MB-pdf")
	b.ReportMetric(float64(peakHeap)/1e6, "peak-heap-MB")
	if peakRSS > 0 {
		b.ReportMetric(float64(peakRSS)/1e6, "peak-rss-MB")
		b.ReportMetric(float64(baseRSS)/1e6, "rss-before-MB")
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// sampleHeap samples the heap's live objects until the returned func is
// called, which returns the highest value seen.
func sampleHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	stopped := make(chan struct{})
	read := func() {
		metrics.Read(sample)
		mu.Lock()
		peak = max(peak, sample[0].Value.Uint64())
		mu.Unlock()
	}
	go func() {
		defer close(stopped)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() uint64 {
		read()
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// resetPeakRSS resets the kernel's resident-memory high-water mark (Linux).
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSSBytes reads VmHWM from /proc/self/status.
func peakRSSBytes() uint64 { return procStatus("VmHWM:") }

// rssBytes reads VmRSS, the resident memory now.
func rssBytes() uint64 { return procStatus("VmRSS:") }

// procStatus reads a memory field of /proc/self/status, in bytes.
func procStatus(field string) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
