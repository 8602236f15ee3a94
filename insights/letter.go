package insights

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"kindred/journal"
)

// LetterSource is what a letter reads: what the report reads, and
// evenings by id. *journal.Store has it.
type LetterSource interface {
	ReportSource
	Reflections(ctx context.Context, ids []string) ([]journal.Reflection, error)
}

// LetterOptions choose what a letter to one person holds.
type LetterOptions struct {
	// PersonID is whom the letter is for.
	PersonID string
	// ReflectionIDs are the chosen evenings; those not with this person,
	// or no longer in the journal, are left out. Empty means every evening
	// with the person in Range that holds one of Kinds (any, without Kinds).
	ReflectionIDs []string
	// Range bounds the evenings, on their own wall clocks, when none are
	// chosen by id; zero ends are open.
	Range Range
	// Kinds keeps the evenings that hold a moment of any of these kinds,
	// when none are chosen by id. Missteps cannot be chosen: a letter never
	// shows them.
	Kinds []string
	// Opening and Closing are the user's own paragraphs before and after
	// the evenings; blank lines separate paragraphs.
	Opening, Closing string
	// WithChart adds the closeness chart (off by default: a score is not
	// a gift).
	WithChart bool
	// NoPhotos leaves out the evenings' photos; by default each evening
	// prints those whose Print is set.
	NoPhotos bool
	Paper    Paper
	// Now is when the letter is made; zero means time.Now().
	Now time.Time
	// Author goes in the document's metadata; "" means "Kindred".
	Author string
	// Progress, when set, is told how many of total steps are done, on the
	// goroutine writing the letter.
	Progress func(done, total int)
}

// LetterSummary says what a written letter holds.
type LetterSummary struct {
	Pages    int
	Evenings int
	Photos   int
}

// WriteLetter writes a letter for one person to w: their name, the span of
// the chosen evenings, each evening with its date, connection moments and
// text, the firsts the two shared and, when asked, the closeness chart.
// It never shows missteps, depth scores or suggestions, and the others who
// were there on a chosen evening are named "friends" (keepFriendsUnnamed). Like WriteReport it never panics,
// stops when ctx is cancelled, and writes nothing to w unless complete.
func WriteLetter(ctx context.Context, src LetterSource, w io.Writer, opt LetterOptions) (sum LetterSummary, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write letter: unexpected failure: %v", r)
		}
	}()
	lw, sum, err := layOutLetter(ctx, src, opt, false)
	if err != nil {
		return sum, err
	}
	if err := lw.doc.output(w); err != nil {
		return sum, fmt.Errorf("write letter: %w", err)
	}
	lw.step()
	return sum, nil
}

// CountLetter lays the letter out as WriteLetter does and says what it
// would hold, without making the file (fonts subset, streams compressed):
// for a dialog that shows the page count as choices change.
func CountLetter(ctx context.Context, src LetterSource, opt LetterOptions) (sum LetterSummary, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("lay out the letter: unexpected failure: %v", r)
		}
	}()
	_, sum, err = layOutLetter(ctx, src, opt, true)
	return sum, err
}

// layOutLetter checks opt and lays the letter out, up to its file.
func layOutLetter(ctx context.Context, src LetterSource, opt LetterOptions, countOnly bool) (*letterWriter, LetterSummary, error) {
	var sum LetterSummary
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Paper == "" {
		opt.Paper = PaperA4
	}
	if opt.PersonID == "" {
		return nil, sum, journal.Errorf(journal.EINVALID, "A letter needs the person it is for.")
	}
	if !opt.Range.From.IsZero() && !opt.Range.To.IsZero() && opt.Range.To.Before(opt.Range.From) {
		return nil, sum, journal.Errorf(journal.EINVALID, "The period ends (%s) before it starts (%s).",
			longDate(opt.Range.To), longDate(opt.Range.From))
	}
	lw, err := newLetterWriter(ctx, src, opt, countOnly)
	if err != nil {
		return nil, sum, err
	}
	if err := lw.write(); err != nil {
		return nil, sum, err
	}
	if err := lw.doc.pdf.Error(); err != nil {
		return nil, sum, fmt.Errorf("write letter: %w", err)
	}
	return lw, LetterSummary{Pages: lw.doc.pdf.PageCount(), Evenings: len(lw.evenings), Photos: lw.printed}, nil
}

// ExportLetter writes the letter to path as ExportReport writes the report:
// 0600, through a temporary file renamed when complete, an existing file
// replaced only when replace is true.
func ExportLetter(ctx context.Context, src LetterSource, path string, opt LetterOptions, replace bool) (LetterSummary, error) {
	var sum LetterSummary
	err := exportPDF(ctx, path, replace, func(w io.Writer) error {
		var err error
		sum, err = WriteLetter(ctx, src, w, opt)
		return err
	})
	return sum, err
}

// letterWriter lays out one letter.
type letterWriter struct {
	ctx      context.Context
	opt      LetterOptions
	doc      *reportDoc
	person   journal.Person
	history  PersonHistory
	kinds    map[string]journal.MomentKind
	kindList []journal.MomentKind // in the journal's order
	names    map[string]string    // everyone's name by id, to keep them out
	evenings []journal.Reflection
	accent   pdfRGB
	photos   map[string][]printPhoto // by reflection id; nil with NoPhotos
	printed  int

	done, total int
}

func newLetterWriter(ctx context.Context, src LetterSource, opt LetterOptions, countOnly bool) (*letterWriter, error) {
	var read *reflectionsRead
	if len(opt.ReflectionIDs) == 0 {
		// The evenings are the longer read: start it alongside the history.
		read = readReflections(ctx, src, opt.PersonID, opt.Range)
	} else {
		read = readChosen(ctx, src, opt.ReflectionIDs)
	}
	h, err := Load(ctx, src, opt.PersonID)
	if err != nil {
		return nil, err
	}
	lw := &letterWriter{ctx: ctx, opt: opt, kindList: h.Kinds, kinds: map[string]journal.MomentKind{}, names: map[string]string{}}
	for _, k := range h.Kinds {
		lw.kinds[k.ID] = k
	}
	for _, k := range opt.Kinds {
		if lw.kinds[k].Misstep {
			return nil, journal.Errorf(journal.EINVALID, "%q is a misstep, and a letter never shows missteps: choose connection moments.", k)
		}
	}
	if len(h.People) == 0 {
		return nil, journal.Errorf(journal.ENOTFOUND, "No person with id %q in the journal.", opt.PersonID)
	}
	lw.history = h.People[0]
	lw.person = lw.history.Person
	lw.accent = pdfColor(lw.person.Color, pdfLink)
	people, err := src.People(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("load people: %w", err)
	}
	for _, p := range people {
		lw.names[p.ID] = p.Name
	}
	all, err := read.wait(ctx)
	if err != nil {
		return nil, fmt.Errorf("read %s's evenings: %w", lw.person.Name, err)
	}
	kinds := opt.Kinds
	if len(opt.ReflectionIDs) > 0 {
		kinds = nil // the evenings were chosen one by one
	}
	lw.evenings = chooseEvenings(all, opt.PersonID, kinds)
	if len(lw.evenings) == 0 {
		return nil, journal.Errorf(journal.EINVALID, "No evenings with %s to put in the letter%s: choose at least one.",
			lw.person.Name, periodWords(opt.Range))
	}
	if !opt.NoPhotos {
		pc := newPhotoCopies(ctx, src)
		pc.sizesOnly = countOnly
		if lw.photos, err = pc.photosFor(lw.evenings, func(p *journal.Photo) bool { return p.Print }); err != nil {
			return nil, err
		}
	}
	lw.doc, err = newLetterDoc(opt.Paper)
	if err != nil {
		return nil, err
	}
	lw.total = len(lw.evenings)/letterStepEvery + 3
	return lw, nil
}

// readChosen starts reading the chosen evenings, by id: a hundred of
// them spread over ten years are a small read, the ten years are not.
func readChosen(ctx context.Context, src LetterSource, ids []string) *reflectionsRead {
	rr := &reflectionsRead{done: make(chan struct{})}
	go func() {
		defer close(rr.done)
		defer func() {
			if r := recover(); r != nil {
				rr.err = fmt.Errorf("unexpected failure: %v", r)
			}
		}()
		rr.list, rr.err = src.Reflections(ctx, ids)
		if rr.err == nil {
			// As the timeline orders them: by instant, then wall clock.
			slices.SortFunc(rr.list, func(a, b journal.Reflection) int {
				if c := a.At.Compare(b.At); c != 0 {
					return c
				}
				return strings.Compare(a.ID, b.ID)
			})
			sortByWallClock(rr.list)
		}
	}()
	return rr
}

// letterStepEvery is how many evenings make one step of progress.
const letterStepEvery = 16

// chooseEvenings keeps, in order, the reflections with this person that
// hold a moment of one of kinds (any, without kinds).
func chooseEvenings(refls []journal.Reflection, personID string, kinds []string) []journal.Reflection {
	out := refls[:0:0]
	for _, r := range refls {
		e := r.Encounter(personID)
		if e == nil {
			continue
		}
		held := len(kinds) == 0
		for _, k := range kinds {
			if e.HasKind(k) {
				held = true
				break
			}
		}
		if held {
			out = append(out, r)
		}
	}
	return out
}

func (lw *letterWriter) step() {
	lw.done++
	if lw.opt.Progress != nil {
		lw.opt.Progress(min(lw.done, lw.total), lw.total)
	}
}

// span is the first and last chosen evening.
func (lw *letterWriter) span() Range {
	return Range{From: lw.evenings[0].At, To: lw.evenings[len(lw.evenings)-1].At}
}

// letterShortClosing is the most lines a closing may have and still be
// kept with what comes before it.
const letterShortClosing = 4

// write lays out the letter: the title and span, the opening, the
// evenings, the firsts, the chart when chosen, the closing.
func (lw *letterWriter) write() error {
	d := lw.doc
	var chart *chartFuture
	if lw.opt.WithChart {
		// Drawn while the evenings are laid out.
		chart = lw.renderChart()
	}
	d.newPage()
	lw.heading()
	lw.step()
	if strings.TrimSpace(lw.opt.Opening) != "" {
		d.paragraph(lw.opt.Opening, letterBody, 0)
		d.y += 14
	}
	// A short closing stays on the page of what comes before it: the
	// last block before it (the chart, the firsts or the last evening)
	// keeps room for it, or goes over with it.
	var tail float64
	if closing := strings.TrimSpace(lw.opt.Closing); closing != "" {
		if n := d.lines(closing, letterBody, d.width()); n <= letterShortClosing {
			// The closing's lines and gaps, the 10 points above it, and
			// the most a block leaves below its last line (8 points, or
			// an evening's 6 after its text's gap).
			tail = 10 + 8 + letterBody.size*0.5 + float64(n)*letterBody.lineHeight() +
				float64(len(splitParagraphs(closing))-1)*letterBody.size*0.5
		}
	}
	firsts := lw.firstsList()
	for i := range lw.evenings {
		last := 0.0
		if i == len(lw.evenings)-1 && len(firsts) == 0 && chart == nil {
			last = tail
		}
		lw.evening(&lw.evenings[i], i == 0, last)
		if i%letterStepEvery == letterStepEvery-1 {
			if err := lw.ctx.Err(); err != nil {
				return err
			}
			lw.step()
		}
	}
	if chart != nil {
		lw.firsts(firsts, 0)
		lw.chart(chart, tail)
	} else {
		lw.firsts(firsts, tail)
	}
	if strings.TrimSpace(lw.opt.Closing) != "" {
		d.y += 10
		d.paragraph(lw.opt.Closing, letterBody, 0)
	}
	if err := d.placeCharts(lw.ctx); err != nil {
		return err
	}
	lw.footers()
	lw.step()
	author := lw.opt.Author
	if author == "" {
		author = "Kindred"
	}
	d.describe("For "+lw.person.Name, author, "A letter for "+lw.person.Name+": "+spanWords(lw.span()))
	d.pdf.SetCreationDate(lw.opt.Now)
	d.pdf.SetModificationDate(lw.opt.Now)
	return lw.ctx.Err()
}

// renderChart starts drawing the closeness chart over the letter's span,
// the trend carried in from the evenings before it.
func (lw *letterWriter) renderChart() *chartFuture {
	f := &chartFuture{done: make(chan struct{})}
	span := lw.span()
	span.From, span.To = startOfDay(span.From), DayEnd(span.To)
	data := ChartData{Closeness: ClosenessOverTime(lw.history.Evenings, span), Range: span}
	w := lw.doc.width()
	go func() {
		defer close(f.done)
		f.png, f.err = renderForPrint(ChartCloseness, data, w, letterChartHeight, printDPI)
		if f.err != nil {
			f.err = fmt.Errorf("draw the closeness chart: %w", f.err)
		}
	}()
	return f
}

// footers numbers the pages of a letter longer than one.
func (lw *letterWriter) footers() {
	d := lw.doc
	n := d.pdf.PageCount()
	if n < 2 {
		return
	}
	for p := 1; p <= n; p++ {
		d.gotoPage(p)
		d.textCenter(d.pageW/2, d.bottom+28, fmt.Sprintf("%d / %d", p, n), pdfHeader)
	}
	d.gotoPage(n)
}
