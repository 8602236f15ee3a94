package insights

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"runtime"
	"time"

	"kindred/journal"
)

// ReportOptions choose what a PDF report holds.
type ReportOptions struct {
	// PersonIDs are the people with a section, in this order; empty means
	// everyone not archived with an evening in the range, by name.
	PersonIDs []string
	// Range bounds the evenings shown; zero ends are open.
	Range Range
	// NoText leaves out the reflections' text (the numbers, charts and
	// moment notes stay).
	NoText bool
	// Photos prints each evening's photos under its text (not with
	// NoText, which prints no evenings).
	Photos bool
	Paper  Paper
	// Now is when the report is made (the clock, injectable for tests);
	// zero means time.Now().
	Now time.Time
	// Author goes in the document's metadata; "" means "Kindred".
	Author string
	// Progress, when set, is told how many of total steps are done. It is
	// called on the goroutine writing the report.
	Progress func(done, total int)
}

// ReportSummary says what a written report holds.
type ReportSummary struct {
	Pages       int
	People      int
	Reflections int // reflections whose text was printed
	Photos      int // photos printed (an evening in two sections counts twice)
}

// WriteReport writes the PDF report to w. It never panics: whatever the
// journal holds, a failure comes back as an error. Cancelling ctx stops it
// between steps; nothing is written to w until the document is complete.
func WriteReport(ctx context.Context, src ReportSource, w io.Writer, opt ReportOptions) (sum ReportSummary, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write PDF report: unexpected failure: %v", r)
		}
	}()
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Paper == "" {
		opt.Paper = PaperA4
	}
	if !opt.Range.From.IsZero() && !opt.Range.To.IsZero() && opt.Range.To.Before(opt.Range.From) {
		return sum, journal.Errorf(journal.EINVALID, "The period ends (%s) before it starts (%s).",
			longDate(opt.Range.To), longDate(opt.Range.From))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	rw, err := newReportWriter(ctx, src, opt)
	if err != nil {
		return sum, err
	}
	if err := rw.write(); err != nil {
		return sum, err
	}
	// fpdf builds the whole file in memory before writing it: let go of the
	// journal's evenings first, so they are not held through that peak.
	rw.hist, rw.people, rw.names, rw.early = History{}, nil, nil, nil
	if err := rw.doc.pdf.Error(); err != nil {
		return sum, fmt.Errorf("write PDF report: %w", err)
	}
	rw.sum.Pages = rw.doc.pdf.PageCount()
	if err := rw.doc.output(w); err != nil {
		return sum, fmt.Errorf("write PDF report: %w", err)
	}
	rw.step()
	return rw.sum, nil
}

// output writes the finished document to w, its streams compressed.
func (d *reportDoc) output(w io.Writer) error {
	out := &compressingWriter{w: w}
	if err := d.pdf.Output(out); err != nil {
		return err
	}
	return out.flush()
}

// compressingWriter passes what fpdf writes through compressStreams to w.
// fpdf writes its whole file in one call, which is compressed there and
// then, without a copy of the file; should it ever write in parts, they are
// kept and compressed by flush.
type compressingWriter struct {
	w    io.Writer
	kept []byte
}

func (c *compressingWriter) Write(p []byte) (int, error) {
	if c.kept == nil && bytes.HasSuffix(p, []byte("%%EOF\n")) {
		if err := compressStreams(p, c.w); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	c.kept = append(c.kept, p...)
	return len(p), nil
}

func (c *compressingWriter) flush() error {
	if c.kept == nil {
		return nil
	}
	return compressStreams(c.kept, c.w)
}

// reportWriter lays out one report.
type reportWriter struct {
	ctx    context.Context
	src    ReportSource
	opt    ReportOptions
	doc    *reportDoc
	hist   History
	people []PersonHistory
	names  map[string]string // every person's name by id, for "also with"
	kinds  map[string]journal.MomentKind
	asOf   time.Time
	period Range            // the evenings' actual span, for the cover
	early  *reflectionsRead // a one-person report's evenings, read from the start

	chartSlots chan struct{} // bounds the charts rendered at once
	photos     *photoCopies  // nil unless the report prints photos
	printing   map[string][]printPhoto

	sum         ReportSummary
	done, total int
}

func newReportWriter(ctx context.Context, src ReportSource, opt ReportOptions) (*reportWriter, error) {
	personID := ""
	var early *reflectionsRead
	if len(opt.PersonIDs) == 1 {
		personID = opt.PersonIDs[0]
		if !opt.NoText {
			// One person's evenings are most of the work: start reading
			// them now, alongside the analysis and the charts.
			early = readReflections(ctx, src, personID, opt.Range)
		}
	}
	h, err := Load(ctx, src, personID)
	if err != nil {
		return nil, err
	}
	people, err := reportPeople(h, opt.PersonIDs, opt.Range)
	if err != nil {
		return nil, err
	}
	if len(people) == 0 {
		return nil, journal.Errorf(journal.EINVALID, "There are no evenings to put in a report%s.", periodWords(opt.Range))
	}
	doc, err := newReportDoc(opt.Paper)
	if err != nil {
		return nil, err
	}
	charts := runtime.GOMAXPROCS(0)
	if early != nil {
		// One person's evenings, read and laid out, are the longer road,
		// and their three charts are only placed at the end: leave the
		// evenings a core.
		charts = max(1, charts-1)
	}
	rw := &reportWriter{ctx: ctx, src: src, opt: opt, doc: doc, hist: h, people: people, early: early,
		names: map[string]string{}, kinds: map[string]journal.MomentKind{}, asOf: opt.Range.AsOf(opt.Now),
		chartSlots: make(chan struct{}, charts)}
	if personID != "" {
		// Load read one person; names of others met the same evenings come
		// from the people list.
		all, err := src.People(ctx, true)
		if err != nil {
			return nil, fmt.Errorf("load people: %w", err)
		}
		for _, p := range all {
			rw.names[p.ID] = p.Name
		}
	}
	for _, p := range h.People {
		rw.names[p.Person.ID] = p.Person.Name
	}
	for _, k := range h.Kinds {
		rw.kinds[k.ID] = k
	}
	if opt.Photos && !opt.NoText {
		rw.photos = newPhotoCopies(ctx, src)
	}
	rw.period = evenSpan(people, opt.Range)
	rw.sum.People = len(people)
	rw.total = len(people) + 2
	if len(people) > 1 {
		rw.total++
	}
	return rw, nil
}

// evenSpan is the first and last evening of people within rng.
func evenSpan(people []PersonHistory, rng Range) Range {
	var span Range
	for _, p := range people {
		for _, e := range p.Evenings {
			if !rng.Contains(e.At) {
				continue
			}
			if span.From.IsZero() || eveningBefore(&e, &Evening{At: span.From}) {
				span.From = e.At
			}
			if span.To.IsZero() || eveningBefore(&Evening{At: span.To}, &e) {
				span.To = e.At
			}
		}
	}
	return span
}

func (rw *reportWriter) step() {
	rw.done++
	if rw.opt.Progress != nil {
		rw.opt.Progress(rw.done, rw.total)
	}
}

func (rw *reportWriter) title() string {
	if len(rw.people) == 1 {
		return "Kindred · " + rw.people[0].Person.Name
	}
	return "Kindred · your relationships"
}

// write lays out the whole report: cover, contents, the journal-wide
// section when there are several people, then one section per person.
// People are prepared (analysis, charts, evenings) on other goroutines, a
// few ahead of the one being laid out, so the cores stay busy while fpdf,
// which is single-threaded, writes pages.
func (rw *reportWriter) write() error {
	d := rw.doc
	rw.cover()
	rw.step()
	var entries []tocEntry
	if len(rw.people) > 1 {
		entries = append(entries, tocEntry{title: "The whole journal", link: d.pdf.AddLink()})
	}
	for _, p := range rw.people {
		entries = append(entries, tocEntry{title: p.Person.Name, link: d.pdf.AddLink()})
	}
	toc := rw.reserveContents(len(entries))

	parts, ahead := rw.prepare()
	i := 0
	if len(rw.people) > 1 {
		if err := rw.journalSection(&entries[0]); err != nil {
			return err
		}
		rw.step()
		i = 1
	}
	for k := range rw.people {
		var part *personPart
		select {
		case part = <-parts[k]:
			<-ahead
		case <-rw.ctx.Done():
			return rw.ctx.Err()
		}
		if part.err != nil {
			return part.err
		}
		if err := rw.personSection(part, &entries[i+k]); err != nil {
			return err
		}
		if err := d.placeReady(); err != nil {
			return err
		}
		if err := d.pdf.Error(); err != nil {
			return fmt.Errorf("write PDF report: %w", err)
		}
		rw.step()
	}
	rw.writeContents(toc, entries)
	if err := d.placeCharts(rw.ctx); err != nil {
		return err
	}
	d.finish(rw.title(), rw.author(), "A Kindred journal report"+periodWords(rw.opt.Range))
	d.pdf.SetCreationDate(rw.opt.Now)
	d.pdf.SetModificationDate(rw.opt.Now)
	return nil
}

func (rw *reportWriter) author() string {
	if rw.opt.Author != "" {
		return rw.opt.Author
	}
	return "Kindred"
}

// personPart is one person, ready to lay out. Its charts and reflections
// may still be on their way: charts are placed when the pages are done, and
// the reflections are waited for after the pages before them.
type personPart struct {
	hist        *PersonHistory
	ins         PersonInsights
	charts      []*chartFuture // closeness, moments, balance
	highlights  []highlight    // without text; with it, from the reflections
	reflections *reflectionsRead
	err         error
}

// prepare starts preparing every person's part; part k arrives on
// parts[k]. At most cap(ahead) parts are ready or in the making at a time,
// which bounds memory: the caller receives from ahead as it takes each part.
func (rw *reportWriter) prepare() (parts []chan *personPart, ahead chan struct{}) {
	n := len(rw.people)
	out := make([]chan *personPart, n)
	for i := range out {
		out[i] = make(chan *personPart, 1)
	}
	workers := runtime.GOMAXPROCS(0)
	ahead = make(chan struct{}, 2*workers)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case ahead <- struct{}{}:
			case <-rw.ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-rw.ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				out[i] <- rw.preparePerson(&rw.people[i])
			}
		}()
	}
	return out, ahead
}

func (rw *reportWriter) preparePerson(h *PersonHistory) (part *personPart) {
	part = &personPart{hist: h}
	defer func() {
		if r := recover(); r != nil {
			part.err = fmt.Errorf("prepare %s's pages: unexpected failure: %v", h.Person.Name, r)
		}
	}()
	if err := rw.ctx.Err(); err != nil {
		part.err = err
		return part
	}
	part.ins = AnalyzePerson(*h, rw.hist.Kinds, rw.hist.Dismissed, rw.opt.Range, rw.opt.Now)
	data := part.ins.ChartData()
	for _, c := range personCharts {
		part.charts = append(part.charts, rw.renderLater(c.kind, data, rw.doc.width(), c.height, h.Person.Name+"'s"))
	}
	if !rw.opt.NoText {
		// Every evening is read, so the highlights come from them.
		if part.reflections = rw.early; part.reflections == nil || part.reflections.personID != h.Person.ID {
			part.reflections = readReflections(rw.ctx, rw.src, h.Person.ID, rw.opt.Range)
		}
		return part
	}
	hl, err := reflectionsIn(rw.ctx, rw.src, h.Person.ID, rw.opt.Range, highlightKinds)
	if err != nil {
		part.err = fmt.Errorf("read %s's evenings: %w", h.Person.Name, err)
		return part
	}
	part.highlights = highlightsOf(h.Person.ID, hl)
	return part
}

// chartFuture is a chart being rendered; done closes when png or err is set.
type chartFuture struct {
	done chan struct{}
	png  []byte
	err  error
}

// renderLater renders a chart on another goroutine, at most GOMAXPROCS at a
// time: a full-page chart at print resolution holds several megabytes while
// it is drawn.
func (rw *reportWriter) renderLater(kind ChartKind, data ChartData, wPt, hPt float64, whose string) *chartFuture {
	f := &chartFuture{done: make(chan struct{})}
	go func() {
		defer close(f.done)
		select {
		case rw.chartSlots <- struct{}{}:
		case <-rw.ctx.Done():
			f.err = rw.ctx.Err()
			return
		}
		defer func() { <-rw.chartSlots }()
		f.png, f.err = renderForPrint(kind, data, wPt, hPt, chartDPI(len(rw.people)))
		if f.err != nil {
			f.err = fmt.Errorf("draw %s chart %q: %w", whose, kind.String(), f.err)
		}
	}()
	return f
}

// personCharts are the charts of a person's section, with their height on
// the page in points (they span the content box's width).
var personCharts = []struct {
	kind   ChartKind
	height float64
}{{ChartCloseness, 170}, {ChartMoments, 170}, {ChartBalance, 150}}

// renderForPrint draws a chart for a wPt x hPt box at dpi.
func renderForPrint(kind ChartKind, data ChartData, wPt, hPt, dpi float64) (png []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: unexpected failure: %v", kind, r)
		}
	}()
	// Scale is device pixels per 1/96 inch: the chart keeps its screen
	// proportions of text to lines, at print density.
	img, err := RenderChartScaled(kind, data, pixelsFor(wPt, dpi), pixelsFor(hPt, dpi), ThemeLight, dpi/chartScaleDivisor)
	if err != nil {
		return nil, err
	}
	png, err = encodePrintPNG(img)
	if rgba, ok := img.(*image.RGBA); ok {
		recycleChartImage(rgba)
	}
	return png, err
}

// errCancelled is returned by the file export when ctx is cancelled.
var errCancelled = errors.New("export cancelled")
