package insights

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image/jpeg"
	"runtime"
	"slices"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"kindred/journal"
	"kindred/journal/photo"
)

// PhotoSource is what printing photos reads: which photos evenings hold,
// and a photo's display copy. *journal.Store has it.
type PhotoSource interface {
	PhotosOf(ctx context.Context, reflectionIDs []string) (map[string][]journal.Photo, error)
	PhotoData(ctx context.Context, id string, size journal.PhotoSize) ([]byte, error)
}

// printQuality is the JPEG quality of the copies in a PDF: at PrintSide
// pixels a photo stays sharp on paper and about 200-400 KB.
const printQuality = 80

// Largest box a photo takes on the page, in points: the content width, and
// about 11 cm high so a photo and its evening's words share a page.
const maxPhotoHeight = 310

// heicNote stands where a photo this build cannot decode would be.
const heicNote = "(a HEIC photo, not printable)"

// printPhoto is one photo ready to place: its print copy (nil when it
// cannot be printed) and what goes under it.
type printPhoto struct {
	id        string
	caption   string
	printable bool
	jpeg      []byte // nil once fpdf holds it
	w, h      int
}

// photoCopies makes each photo's print copy once, however many sections
// print its evening (an evening with two people is in both), from any of
// the goroutines preparing people.
type photoCopies struct {
	ctx context.Context
	src PhotoSource
	// sizesOnly lays out without making copies (a letter's page count):
	// a photo's place needs only its shape.
	sizesOnly bool
	mu        sync.Mutex
	m         map[string]*photoCopy
}

type photoCopy struct {
	once sync.Once
	jpeg []byte
	w, h int
	err  error
}

func newPhotoCopies(ctx context.Context, src PhotoSource) *photoCopies {
	return &photoCopies{ctx: ctx, src: src, m: map[string]*photoCopy{}}
}

func (pc *photoCopies) get(p *journal.Photo) (*photoCopy, error) {
	pc.mu.Lock()
	c := pc.m[p.ID]
	if c == nil {
		c = &photoCopy{}
		pc.m[p.ID] = c
	}
	pc.mu.Unlock()
	c.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				c.err = fmt.Errorf("make a print copy of photo %s: unexpected failure: %v", p.ID, r)
			}
		}()
		if pc.sizesOnly {
			c.w, c.h = p.Width, p.Height
			return
		}
		display, err := pc.src.PhotoData(pc.ctx, p.ID, journal.PhotoDisplay)
		if err != nil {
			c.err = fmt.Errorf("read photo %s: %w", p.ID, err)
			return
		}
		// The display copy is already upright and bare; re-encoding it
		// smaller keeps the PDF small and certain to carry no metadata.
		if c.jpeg, err = photo.PrintCopy(display, photo.PrintSide, printQuality); err != nil {
			c.err = fmt.Errorf("make a print copy of photo %s: %w", p.ID, err)
			return
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(c.jpeg))
		if err != nil {
			c.err = fmt.Errorf("make a print copy of photo %s: %w", p.ID, err)
			return
		}
		c.w, c.h = cfg.Width, cfg.Height
	})
	return c, c.err
}

// photosFor reads the photos of refls that keep says to print, with their
// print copies, by reflection id. The copies are made on every core: each
// is a decode and an encode of a few megapixels.
func (pc *photoCopies) photosFor(refls []journal.Reflection, keep func(*journal.Photo) bool) (map[string][]printPhoto, error) {
	if len(refls) == 0 {
		return nil, nil
	}
	ids := make([]string, len(refls))
	for i := range refls {
		ids[i] = refls[i].ID
	}
	byRefl, err := pc.src.PhotosOf(pc.ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read photos: %w", err)
	}
	var todo []*journal.Photo
	for _, list := range byRefl {
		for i := range list {
			if p := &list[i]; p.Viewable() && (keep == nil || keep(p)) {
				todo = append(todo, p)
			}
		}
	}
	if err := pc.makeAll(todo); err != nil {
		return nil, err
	}
	out := map[string][]printPhoto{}
	for rid, list := range byRefl {
		slices.SortStableFunc(list, func(a, b journal.Photo) int { return a.Position - b.Position })
		for i := range list {
			p := &list[i]
			if keep != nil && !keep(p) {
				continue
			}
			pp := printPhoto{id: p.ID, caption: p.Caption}
			if p.Viewable() {
				c, err := pc.get(p)
				if err != nil {
					return nil, err
				}
				pc.mu.Lock()
				pp.printable, pp.jpeg, pp.w, pp.h = true, c.jpeg, c.w, c.h
				pc.mu.Unlock()
			}
			out[rid] = append(out[rid], pp)
		}
	}
	return out, nil
}

// release lets go of the copies fpdf now holds, so a long report keeps
// each photo once, in the document.
func (pc *photoCopies) release(printed map[string][]printPhoto) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	for _, list := range printed {
		for _, p := range list {
			if c := pc.m[p.id]; c != nil {
				c.jpeg = nil
			}
		}
	}
}

// makeAll makes the print copies of photos, a few at a time.
func (pc *photoCopies) makeAll(photos []*journal.Photo) error {
	jobs := make(chan *journal.Photo)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(photos)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				if _, err := pc.get(p); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
feed:
	for _, p := range photos {
		select {
		case jobs <- p:
		case <-pc.ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	return pc.ctx.Err()
}

// photo places one photo at the cursor, as large as the box allows, its
// caption under it; a photo that cannot be printed leaves a line saying so.
func (d *reportDoc) photo(p *printPhoto) {
	if !p.printable {
		d.paragraph(heicNote, pdfCaption, 0)
		if p.caption != "" {
			d.paragraph(p.caption, pdfCaption, 0)
		}
		return
	}
	w := d.width()
	h := w * float64(p.h) / float64(p.w)
	if h > maxPhotoHeight {
		h = maxPhotoHeight
		w = h * float64(p.w) / float64(p.h)
	}
	captionH := 0.0
	if p.caption != "" {
		captionH = float64(d.lines(p.caption, pdfCaption, d.width())) * pdfCaption.lineHeight()
	}
	d.need(h + 4 + min(captionH, 3*pdfCaption.lineHeight()))
	if name := d.photoName(p); name != "" {
		d.pdf.ImageOptions(name, d.left+(d.width()-w)/2, d.y, w, h, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	}
	d.y += h + 4
	if p.caption != "" {
		d.paragraph(p.caption, pdfCaption, 0)
	}
	d.y += 6
}

// photoName registers a photo's print copy with fpdf the first time it is
// placed and names it after its content, as charts are (see image); ""
// when there is nothing to place (a layout made only to count pages).
func (d *reportDoc) photoName(p *printPhoto) string {
	if name, ok := d.photoNames[p.id]; ok {
		return name
	}
	if p.jpeg == nil {
		return ""
	}
	sum := sha256.Sum256(p.jpeg)
	name := "photo" + hex.EncodeToString(sum[:16])
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(p.jpeg))
	if d.photoNames == nil {
		d.photoNames = map[string]string{}
	}
	d.photoNames[p.id] = name
	return name
}
