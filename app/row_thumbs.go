package app

import (
	"context"
	"image"

	"fyne.io/fyne/v2"

	"kindred/journal"
)

// rowPhotoStore is what the thumbnails of timeline and search rows read.
type rowPhotoStore interface {
	photoReader
	PhotosOf(ctx context.Context, reflectionIDs []string) (map[string][]journal.Photo, error)
}

var _ rowPhotoStore = (*journal.Store)(nil)

// rowThumbs puts a small photo on the rows of evenings that have one,
// lazily: rows are drawn at once without it, and when a page has arrived a
// load off the UI goroutine asks which of its evenings have photos, reads
// the thumbnails not in memory, and has the rows drawn again. What it
// learnt stays, so a page seen before shows its photos at once. It belongs
// to the UI goroutine, but for the work it hands to run.
type rowThumbs struct {
	ctx   context.Context
	store rowPhotoStore
	cache *photoCache
	// run is the window's runner, apart from the screen's page loads so
	// that those stay one piece of work each; tests may replace it.
	run offUIRunner
	// photoOf is, per evening asked about, the id of its first photo that
	// can be shown; "" for an evening without one.
	photoOf map[string]string
	// shown redraws the rows once thumbnails arrived.
	shown func()
}

func newRowThumbs(m *MainWindow, store rowPhotoStore, shown func()) *rowThumbs {
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

// loadKnown is load for evenings whose photos the page read with them
// (journal pages carry each evening's Photos): photoIDs[i], the first photo
// of ids[i] that can be shown or "", needs no second question to the
// journal, only the thumbnails not in memory.
func (t *rowThumbs) loadKnown(ids, photoIDs []string) {
	for i, id := range ids {
		t.photoOf[id] = photoIDs[i]
	}
	t.load(ids)
}

// load finds and reads the thumbnails of the evenings ids, those not
// already known and in memory.
func (t *rowThumbs) load(ids []string) {
	var ask []string
	var read []string // photos known, no longer in memory
	for _, id := range ids {
		pid, known := t.photoOf[id]
		switch {
		case !known:
			ask = append(ask, id)
		case pid != "" && t.cache.get(pid) == nil:
			read = append(read, pid)
		}
	}
	if len(ask) == 0 && len(read) == 0 {
		return
	}
	ctx, st, cache := t.ctx, t.store, t.cache
	t.run(func() {
		found := make(map[string]string, len(ask))
		if len(ask) > 0 {
			ps, err := st.PhotosOf(ctx, ask)
			if err != nil {
				// Thumbnails are a help to the eye: rows without them
				// still open their evening, which says what went wrong.
				fyne.LogError("read which evenings have photos", err)
				return
			}
			for _, id := range ask {
				found[id] = ""
				if p := firstViewable(ps[id]); p != nil {
					found[id] = p.ID
					read = append(read, p.ID)
				}
			}
		}
		got := 0
		for _, pid := range read {
			if _, err := cache.load(ctx, st, pid, journal.PhotoThumb); err == nil {
				got++
			}
		}
		fyne.Do(func() {
			for id, pid := range found {
				t.photoOf[id] = pid
			}
			if got > 0 {
				t.shown()
			}
		})
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
