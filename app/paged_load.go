package app

import "kindred/journal"

// pagedLoad is the state the timeline and the search share as they read a
// list a page at a time off the UI goroutine: which load is current (each
// new query bumps gen, and late answers to older ones are dropped), where
// the next page starts, whether a page is on its way, and whether reading
// more failed. It belongs to the UI goroutine.
type pagedLoad struct {
	gen         int
	next        *journal.Cursor
	loadingMore bool
	loadErr     error
}

// restart begins a new first page: what was shown is for an older query.
func (p *pagedLoad) restart() (gen int) {
	p.gen++
	p.next, p.loadingMore, p.loadErr = nil, true, nil
	return p.gen
}

// clear drops what is loading and shown: there is no query any more.
func (p *pagedLoad) clear() {
	p.restart()
	p.loadingMore = false
}

// startMore begins reading the page after p.next; ok is false when there
// is none, one is already on its way, or reading more failed.
func (p *pagedLoad) startMore() (gen int, after *journal.Cursor, ok bool) {
	if p.next == nil || p.loadingMore || p.loadErr != nil {
		return 0, nil, false
	}
	p.loadingMore = true
	return p.gen, p.next, true
}

// arrived is called on the UI goroutine when load gen has read what it
// read: false for a load a newer one replaced, whose answer is dropped.
func (p *pagedLoad) arrived(gen int) bool {
	if gen != p.gen {
		return false
	}
	p.loadingMore = false
	return true
}
