package app

import (
	"bytes"
	"container/list"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // thumbnails and display copies are JPEG
	"sync"

	"kindred/journal"
)

// photoReader is what showing a photo needs from the journal: the screens'
// own store interfaces include it.
type photoReader interface {
	PhotoData(ctx context.Context, id string, size journal.PhotoSize) ([]byte, error)
}

// photoCacheThumbs bounds the thumbnails kept decoded: about six pages of
// timeline rows, each 256 px at most (256 KiB decoded), so under 80 MB.
const photoCacheThumbs = 300

// photoCacheDisplays bounds the display copies kept decoded: each may be
// 2048 px (16 MiB decoded), so only the few around the one being read.
const photoCacheDisplays = 4

// photoCache keeps decoded photos in memory, the least recently used going
// first once it is full. It is never written to disk: a sealed journal's
// photos may exist in plaintext only in this process. Loaders fill it off
// the UI goroutine and rows read it on it, so it locks.
type photoCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used; values are *photoCacheEntry
	byID  map[string]*list.Element
}

type photoCacheEntry struct {
	id  string
	img image.Image
}

func newPhotoCache(max int) *photoCache {
	return &photoCache{max: max, order: list.New(), byID: make(map[string]*list.Element, max)}
}

// get returns a cached image, nil when it is not cached.
func (c *photoCache) get(id string) image.Image {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*photoCacheEntry).img
	}
	return nil
}

func (c *photoCache) put(id string, img image.Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		e.Value.(*photoCacheEntry).img = img
		c.order.MoveToFront(e)
		return
	}
	c.byID[id] = c.order.PushFront(&photoCacheEntry{id: id, img: img})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byID, last.Value.(*photoCacheEntry).id)
	}
}

// len is how many images are kept.
func (c *photoCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// clear forgets every image (the journal was locked or closed).
func (c *photoCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.byID)
}

// load returns photo id at size from the cache, or reads and decodes it and
// keeps it. It runs off the UI goroutine.
func (c *photoCache) load(ctx context.Context, st photoReader, id string, size journal.PhotoSize) (image.Image, error) {
	if img := c.get(id); img != nil {
		return img, nil
	}
	data, err := st.PhotoData(ctx, id, size)
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read the photo's picture: %w", err)
	}
	c.put(id, img)
	return img, nil
}

// firstViewable is the first photo of a list that can be shown, or nil.
func firstViewable(ps []journal.Photo) *journal.Photo {
	for i := range ps {
		if ps[i].Viewable() {
			return &ps[i]
		}
	}
	return nil
}
