package photo

import "encoding/binary"

// heicSize reads a HEIC's picture size from its item properties without
// decoding it: the largest 'ispe' (image spatial extent) is the whole picture
// (the others belong to grid tiles and thumbnails), and an 'irot' of a quarter
// turn swaps it to upright. 0, 0 when the boxes are not there or are damaged.
func heicSize(data []byte) (w, h int) {
	meta := heicBox(data, "meta")
	if len(meta) < 4 {
		return 0, 0
	}
	ipco := heicBox(heicBox(meta[4:], "iprp"), "ipco") // meta is a full box: skip version and flags
	var rot byte
	eachBox(ipco, func(typ string, body []byte) {
		switch typ {
		case "ispe":
			if len(body) >= 12 {
				bw, bh := binary.BigEndian.Uint32(body[4:]), binary.BigEndian.Uint32(body[8:])
				if uint64(bw)*uint64(bh) > uint64(w)*uint64(h) && bw < 1<<20 && bh < 1<<20 {
					w, h = int(bw), int(bh)
				}
			}
		case "irot":
			if len(body) >= 1 {
				rot = body[0] & 3
			}
		}
	})
	if rot == 1 || rot == 3 {
		w, h = h, w
	}
	return w, h
}

// heicBox returns the body of the first box of type typ among the boxes in b.
func heicBox(b []byte, typ string) []byte {
	var found []byte
	eachBox(b, func(t string, body []byte) {
		if found == nil && t == typ {
			found = body
		}
	})
	return found
}

// eachBox calls fn for each ISO BMFF box in b, stopping at the first damaged one.
func eachBox(b []byte, fn func(typ string, body []byte)) {
	eachBoxAt(b, func(typ string, start, end int) { fn(typ, b[start:end]) })
}

// eachBoxAt is eachBox with the place of each body in b, for the stripper,
// which writes into a copy of the file.
func eachBoxAt(b []byte, fn func(typ string, start, end int)) {
	for p := 0; len(b)-p >= 8; {
		size := uint64(binary.BigEndian.Uint32(b[p:]))
		head := uint64(8)
		switch size {
		case 0: // to the end
			size = uint64(len(b) - p)
		case 1: // 64-bit size follows the type
			if len(b)-p < 16 {
				return
			}
			size, head = binary.BigEndian.Uint64(b[p+8:]), 16
		}
		if size < head || size > uint64(len(b)-p) {
			return
		}
		fn(string(b[p+4:p+8]), p+int(head), p+int(size))
		p += int(size)
	}
}
