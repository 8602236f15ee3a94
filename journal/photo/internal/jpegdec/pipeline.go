// Copyright 2026 The Kindred authors. The rest of this package is a copy of
// Go's image/jpeg decoder (see LICENSE); this file is what Kindred adds.

// Package jpegdec is Go's image/jpeg decoder with one change: in a large
// baseline image, the inverse DCT of one row of blocks runs on a second core
// while the next row's Huffman codes are read. The two halves of the work
// are about equal, so a 12-megapixel photo decodes in a little more than half
// the time on a machine with a core to spare, to the same pixels.
package jpegdec

// minPipelinedMCUs is the size (in MCUs, 256 pixels each at 4:2:0) from which
// a second goroutine pays: about a megapixel. A variable so that the fuzz
// target can run small inputs through the pipeline.
var minPipelinedMCUs = 4096

// pendingBlock is a block's coefficients and where they go.
type pendingBlock struct {
	b              block
	bx, by, compIx int32
}

// reconstructor owns the dequantize, inverse DCT and store of the blocks it
// is handed, one row of MCUs at a time, on its own goroutine. Three row
// buffers circulate: one being filled, up to two queued or being stored.
type reconstructor struct {
	cur     []pendingBlock
	work    chan []pendingBlock
	free    chan []pendingBlock
	done    chan error
	err     error
	stopped bool
}

func (d *decoder) startReconstructor(perRow int) *reconstructor {
	r := &reconstructor{
		work: make(chan []pendingBlock, 2),
		free: make(chan []pendingBlock, 3),
		done: make(chan error, 1),
	}
	for range 2 {
		r.free <- make([]pendingBlock, 0, perRow)
	}
	r.cur = make([]pendingBlock, 0, perRow)
	go func() {
		var err error
		for batch := range r.work {
			for i := 0; i < len(batch) && err == nil; i++ {
				p := &batch[i]
				err = d.reconstructBlock(&p.b, int(p.bx), int(p.by), int(p.compIx))
			}
			clear(batch) // zeroed here, off the Huffman goroutine's path
			r.free <- batch[:0]
		}
		r.done <- err
	}()
	return r
}

// next returns a zeroed block to decode coefficients into, stored at bx, by
// of component compIx once its row is flushed. Buffers come back from the
// other goroutine already cleared.
func (r *reconstructor) next(bx, by, compIx int) *block {
	n := len(r.cur)
	if n < cap(r.cur) {
		r.cur = r.cur[:n+1]
	} else {
		r.cur = append(r.cur, pendingBlock{})
	}
	p := &r.cur[n]
	p.bx, p.by, p.compIx = int32(bx), int32(by), int32(compIx)
	return &p.b
}

// flush hands the blocks decoded so far to the other goroutine.
func (r *reconstructor) flush() error {
	if len(r.cur) == 0 {
		return nil
	}
	r.work <- r.cur
	r.cur = <-r.free
	return nil
}

// stop waits until every handed block is stored; the image is complete (or
// the error known) when it returns. It may be called more than once.
func (r *reconstructor) stop() error {
	if !r.stopped {
		r.stopped = true
		close(r.work)
		r.err = <-r.done
	}
	return r.err
}
