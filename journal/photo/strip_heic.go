package photo

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// stripHEIC overwrites the bytes of a HEIC's Exif and XMP items with zeros in
// a copy of data. Nothing moves: rewriting the boxes would mean fixing every
// offset that points past them, and a zeroed item is as empty as a missing
// one. The picture's look is not in Exif (HEIF turns it with irot and imir
// properties), so it stays the same. ok is false when the items cannot all
// be found (damaged boxes, an offset outside the file): the caller then has
// the original, not a stripped copy.
func stripHEIC(data []byte) (out []byte, ok bool) {
	ms, me, found := boxSpan(data, 0, len(data), "meta")
	if !found || me-ms < 4 {
		return nil, false
	}
	ms += 4 // meta is a full box: version and flags
	is, ie, hasIinf := boxSpan(data, ms, me, "iinf")
	if !hasIinf {
		return data, true // no items, so no Exif or XMP item
	}
	secret, ok := heicMetadataItems(data[is:ie])
	if !ok {
		return nil, false
	}
	if len(secret) == 0 {
		return data, true
	}
	ls, le, hasIloc := boxSpan(data, ms, me, "iloc")
	if !hasIloc {
		return nil, false
	}
	extents, ok := ilocExtents(data[ls:le], secret)
	if !ok {
		return nil, false
	}
	ds, de, hasIdat := boxSpan(data, ms, me, "idat")
	out = bytes.Clone(data)
	for _, x := range extents {
		lo, hi := uint64(0), uint64(len(data)) // where the extent's offset counts from
		switch {
		case x.method == 1 && hasIdat:
			lo, hi = uint64(ds), uint64(de)
		case x.method != 0:
			return nil, false
		}
		if x.length == 0 || x.offset > hi-lo || x.length > hi-lo-x.offset {
			return nil, false
		}
		clear(out[lo+x.offset : lo+x.offset+x.length])
	}
	return out, true
}

// boxSpan finds the first box of type typ among the boxes in data[from:to]
// and returns where its body starts and ends in data.
func boxSpan(data []byte, from, to int, typ string) (start, end int, found bool) {
	eachBoxAt(data[from:to], func(t string, s, e int) {
		if !found && t == typ {
			start, end, found = from+s, from+e, true
		}
	})
	return start, end, found
}

// heicMetadataItems lists the items of an iinf body that are Exif or XMP
// (a 'mime' item of type application/rdf+xml). Entries of versions 0 and 1
// name no item type, so they are no metadata anyone writes these days.
func heicMetadataItems(iinf []byte) (ids map[uint32]bool, ok bool) {
	if len(iinf) < 4 {
		return nil, false
	}
	head := 6 // version, flags, a 16-bit entry count
	if iinf[0] != 0 {
		head = 8
	}
	if len(iinf) < head {
		return nil, false
	}
	ids = map[uint32]bool{}
	eachBox(iinf[head:], func(typ string, b []byte) {
		if typ != "infe" || len(b) < 4 || (b[0] != 2 && b[0] != 3) {
			return
		}
		r := beReader{b: b, p: 4}
		idSize := 2
		if b[0] == 3 {
			idSize = 4
		}
		id := uint32(r.uint(idSize))
		r.uint(2) // protection index
		kind := string(r.bytes(4))
		r.cstring() // item name
		if r.bad {
			return
		}
		if kind == "Exif" || (kind == "mime" && strings.EqualFold(r.cstring(), "application/rdf+xml")) {
			ids[id] = true
		}
	})
	return ids, true
}

// heicExtent is one run of an item's bytes: offset counts from the start of
// the file (construction method 0) or of the meta's idat body (method 1).
type heicExtent struct {
	method         int
	offset, length uint64
}

// ilocExtents reads an iloc body (versions 0 to 2) and returns the extents of
// the items in want that live in this file. ok is false when the box is cut
// short, or when an item of want has no entry.
func ilocExtents(iloc []byte, want map[uint32]bool) (extents []heicExtent, ok bool) {
	if len(iloc) < 4 || iloc[0] > 2 {
		return nil, false
	}
	version := iloc[0]
	r := beReader{b: iloc, p: 4}
	sizes := r.uint(2)
	offSize, lenSize := int(sizes>>12), int(sizes>>8&15)
	baseSize, indexSize := int(sizes>>4&15), int(sizes&15)
	if version == 0 {
		indexSize = 0 // the nibble is reserved there
	}
	for _, n := range []int{offSize, lenSize, baseSize, indexSize} {
		if n != 0 && n != 4 && n != 8 {
			return nil, false
		}
	}
	idSize := 2
	if version == 2 {
		idSize = 4
	}
	count := r.uint(idSize)
	seen := map[uint32]bool{}
	for i := uint64(0); i < count && !r.bad; i++ {
		id := uint32(r.uint(idSize))
		method := 0
		if version > 0 {
			method = int(r.uint(2) & 15)
		}
		dataRef := r.uint(2)
		base := r.uint(baseSize)
		n := int(r.uint(2))
		if want[id] {
			seen[id] = true
		}
		if !want[id] || dataRef != 0 || method > 1 {
			// Not ours, or in another file, or made from other items:
			// nothing of this file to clear.
			r.skip(n * (indexSize + offSize + lenSize))
			continue
		}
		if lenSize == 0 && n > 0 {
			return nil, false // length 0 means "all of the file": no metadata item is that
		}
		for j := 0; j < n && !r.bad; j++ {
			r.uint(indexSize)
			off, length := r.uint(offSize), r.uint(lenSize)
			if off > ^uint64(0)-base {
				return nil, false
			}
			extents = append(extents, heicExtent{method, base + off, length})
		}
	}
	if r.bad || len(seen) < len(want) {
		return nil, false
	}
	return extents, true
}

// beReader reads big-endian fields; past the end it reads zeros and says bad.
type beReader struct {
	b   []byte
	p   int
	bad bool
}

func (r *beReader) bytes(n int) []byte {
	if r.bad || n > len(r.b)-r.p {
		r.bad = true
		return nil
	}
	r.p += n
	return r.b[r.p-n : r.p]
}

func (r *beReader) skip(n int) { r.bytes(n) }

func (r *beReader) uint(n int) uint64 {
	b := r.bytes(n)
	switch len(b) {
	case 2:
		return uint64(binary.BigEndian.Uint16(b))
	case 4:
		return uint64(binary.BigEndian.Uint32(b))
	case 8:
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// cstring reads a NUL-terminated string; a missing NUL ends it at the box end.
func (r *beReader) cstring() string {
	if r.bad {
		return ""
	}
	rest := r.b[r.p:]
	if i := bytes.IndexByte(rest, 0); i >= 0 {
		r.p += i + 1
		return string(rest[:i])
	}
	r.p = len(r.b)
	return string(rest)
}
