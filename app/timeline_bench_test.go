package app

import (
	"context"
	"image/color"
	"runtime"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// Benchmarks on the reference journal (kindred demo --people 200 --years 10
// --seed 1). Its busiest person has about 8,000 evenings.

func busiestRowContext(b *testing.B, st *journal.Store) (*tlRowContext, string) {
	b.Helper()
	ctx := context.Background()
	p := journaltest.BusiestPerson(b, st)
	kinds, err := st.Kinds(ctx)
	if err != nil {
		b.Fatal(err)
	}
	people, err := st.People(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	return newTLRowContext(p.ID, kinds, people), p.ID
}

// BenchmarkTimelineFirstPageDisplay is the first page (50) of the busiest
// person's timeline read from the store and turned into row values.
func BenchmarkTimelineFirstPageDisplay(b *testing.B) {
	st := journaltest.OpenReference(b)
	rc, id := busiestRowContext(b, st)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := st.Timeline(ctx, journal.TimelineQuery{PersonID: id})
		if err != nil {
			b.Fatal(err)
		}
		if rows := rc.rows(page.Reflections); len(rows) != journal.DefaultPageSize {
			b.Fatalf("%d rows", len(rows))
		}
	}
}

// BenchmarkTimelineNextPageDisplay is each further page, walking the whole
// timeline and starting over.
func BenchmarkTimelineNextPageDisplay(b *testing.B) {
	st := journaltest.OpenReference(b)
	rc, id := busiestRowContext(b, st)
	ctx := context.Background()
	q := journal.TimelineQuery{PersonID: id}
	first, err := st.Timeline(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	q.After = first.Next
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := st.Timeline(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		if rows := rc.rows(page.Reflections); len(rows) == 0 {
			b.Fatal("empty page")
		}
		q.After = page.Next
		if q.After == nil {
			q.After = first.Next
		}
	}
}

// BenchmarkTimelineChoosePerson is everything the screen does when the
// busiest person is chosen: kinds, names, header (overview and firsts),
// first page, count, rows, and showing them in the list.
func BenchmarkTimelineChoosePerson(b *testing.B) {
	st := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, st)
	m, jobs := tlWindow(b, st)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.SelectPerson(p.ID)
		jobs.drain()
		if len(m.Timeline.rows) != journal.DefaultPageSize {
			b.Fatalf("%d rows", len(m.Timeline.rows))
		}
	}
}

// BenchmarkTimelineScrollMemory scrolls the busiest person's timeline until
// 2,000 reflections are loaded and reports the heap it holds then, after a
// collection, against before the person was chosen (MB-held).
func BenchmarkTimelineScrollMemory(b *testing.B) {
	st := journaltest.OpenReference(b)
	p := journaltest.BusiestPerson(b, st)
	m, jobs := tlWindow(b, st)
	s := m.Timeline
	var held float64
	b.ResetTimer()
	for b.Loop() {
		s.SetPerson("")
		jobs.drain()
		before := heapAfterGC()
		m.SelectPerson(p.ID)
		jobs.drain()
		for len(s.rows) < 2000 {
			s.List.ScrollToBottom()
			if jobs.drain() == 0 {
				b.Fatalf("stopped loading at %d rows", len(s.rows))
			}
		}
		after := heapAfterGC()
		held = float64(int64(after)-int64(before)) / (1 << 20)
	}
	b.ReportMetric(held, "MB-held")
	b.ReportMetric(float64(len(s.rows)), "rows")
	runtime.KeepAlive(m)
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// benchSearchDisplay is the first page (50) of a search turned into result
// rows with their marked words.
func benchSearchDisplay(b *testing.B, text string) {
	st := journaltest.OpenReference(b)
	rc, _ := busiestRowContext(b, st)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := st.Search(ctx, journal.SearchQuery{Text: text})
		if err != nil {
			b.Fatal(err)
		}
		if hits := rc.searchHits(page.Reflections, page.Terms); len(hits) != journal.DefaultPageSize {
			b.Fatalf("%d hits", len(hits))
		}
	}
}

func BenchmarkSearchDisplayCommonWord(b *testing.B) { benchSearchDisplay(b, "with") }

func BenchmarkSearchDisplayRareWord(b *testing.B) { benchSearchDisplay(b, "kayak") }

// BenchmarkSearchScreen is a search as the screen runs it, from the query
// to the rows in the list.
func BenchmarkSearchScreen(b *testing.B) {
	st := journaltest.OpenReference(b)
	m, jobs := tlWindow(b, st)
	m.Search.Focus()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Search.Search("with")
		jobs.drain()
		if len(m.Search.hits) != journal.DefaultPageSize {
			b.Fatalf("%d hits", len(m.Search.hits))
		}
	}
}

// BenchmarkTimelineFirstPageThumbsCached is the first page of the busiest
// person's timeline when every evening on it has a photo whose thumbnail
// is in memory: the page read (with its evenings' photos) and turned into
// rows, the rows' photos handed to the thumbnail loader as the screen does,
// and each row's thumbnail found. This is what coming back to a person costs
// before the rows draw. Target: < 5 ms.
func BenchmarkTimelineFirstPageThumbsCached(b *testing.B) {
	st := journaltest.ReferenceCopy(b)
	test.NewTempApp(b)
	rc, id := busiestRowContext(b, st)
	ctx := context.Background()
	page, err := st.Timeline(ctx, journal.TimelineQuery{PersonID: id})
	if err != nil {
		b.Fatal(err)
	}
	ids, photoIDs := make([]string, len(page.Reflections)), make([]string, len(page.Reflections))
	for i := range page.Reflections {
		r := &page.Reflections[i]
		ids[i] = r.ID
		full, err := st.Reflection(ctx, r.ID)
		if err != nil {
			b.Fatal(err)
		}
		full.Photos = mustAddPhotos(b, st, color.RGBA{uint8(i), 90, 140, 255})
		photoIDs[i] = full.Photos[0].ID
		if err := st.SaveReflection(ctx, full); err != nil {
			b.Fatal(err)
		}
	}
	cache := newPhotoCache(photoCacheThumbs)
	newThumbs := func() *rowThumbs {
		return &rowThumbs{ctx: ctx, store: st, cache: cache, run: runNow, photoOf: map[string]string{}, shown: func() {}}
	}
	newThumbs().load(ids, photoIDs) // the visit before: thumbnails decoded into memory
	if cache.len() != len(ids) {
		b.Fatalf("%d thumbnails cached, want %d", cache.len(), len(ids))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		page, err := st.Timeline(ctx, journal.TimelineQuery{PersonID: id})
		if err != nil {
			b.Fatal(err)
		}
		rows := rc.rows(page.Reflections)
		th := newThumbs()
		ids, photos := make([]string, len(rows)), make([]string, len(rows))
		for i := range rows {
			ids[i], photos[i] = rows[i].ID, rows[i].Photo
		}
		th.load(ids, photos)
		for i := range rows {
			if th.image(rows[i].ID) == nil {
				b.Fatalf("row %d has no thumbnail", i)
			}
		}
	}
}
