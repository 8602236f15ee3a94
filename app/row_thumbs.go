package app

import (
	"context"
	"image"

	"fyne.io/fyne/v2"

	"kindred/journal"
)

// rowThumbs puts a small photo on the rows of evenings that have one,
// lazily: rows are drawn at once without it, and when a page has arrived
// (journal pages carry each evening's photos) a load off the UI goroutine
// reads the thumbnails not in memory and has the rows drawn again. What it
// learnt stays, so a page seen before shows its photos at once. It belongs
// to the UI goroutine, but for the work it hands to run.
type rowThumbs struct {
	ctx   context.Context
	store photoReader
	cache *photoCache
	// run is the window's runner, apart from the screen's page loads so
	// that those stay one piece of work each; tests may replace it.
	run offUIRunner
	// photoOf is, per evening of a page, the id of its first photo that
	// can be shown; "" for an evening without one.
	photoOf map[string]string
	// shown redraws the rows once thumbnails arrived.
	shown func()
}

func newRowThumbs(m *MainWindow, store photoReader, shown func()) *rowThumbs {
	return &rowThumbs{ctx: m.ctx, store: store, cache: m.thumbs, run: m.run, photoOf: map[string]string{}, shown: shown}
}

// image is the thumbnail for an evening's row, nil when it has none or it
// is not in memory yet.
func (t *rowThumbs) image(reflectionID string) image.Image {
	id := t.photoOf[reflectionID]
	if id == "" {
		return nil
	}
	return t.cache.get(id)
}

// forget drops what is known of an evening whose photos may have changed.
func (t *rowThumbs) forget(reflectionID string) { delete(t.photoOf, reflectionID) }

// load reads, off the UI goroutine, the thumbnails of the evenings ids not
// in memory: photoIDs[i] is the first photo of ids[i] that can be shown, or
// "", as the page read it.
func (t *rowThumbs) load(ids, photoIDs []string) {
	var read []string
	for i, id := range ids {
		pid := photoIDs[i]
		t.photoOf[id] = pid
		if pid != "" && t.cache.get(pid) == nil {
			read = append(read, pid)
		}
	}
	if len(read) == 0 {
		return
	}
	ctx, st, cache := t.ctx, t.store, t.cache
	t.run(func() {
		got := 0
		for _, pid := range read {
			// Thumbnails are a help to the eye: a row without one still
			// opens its evening, which says what went wrong.
			if _, err := cache.load(ctx, st, pid, journal.PhotoThumb); err == nil {
				got++
			}
		}
		if got > 0 {
			fyne.Do(t.shown)
		}
	})
}

// firstViewableID is the id of the first of an evening's photos that can be
// shown, "" when none can.
func firstViewableID(ps []journal.Photo) string {
	if p := firstViewable(ps); p != nil {
		return p.ID
	}
	return ""
}
