package photo

import (
	"encoding/binary"
	"strings"
	"time"
)

// exifInfo is what Kindred reads from a photo's Exif block: how to turn it
// upright and when it was taken. Everything else in the block is ignored.
type exifInfo struct {
	orientation int // 1-8; 1 when absent or out of range
	taken       time.Time
}

// TIFF tags read here.
const (
	tagOrientation        = 0x0112
	tagDateTime           = 0x0132
	tagExifIFD            = 0x8769
	tagDateTimeOriginal   = 0x9003
	tagOffsetTimeOriginal = 0x9011
)

// maxIFDEntries bounds the work a hostile block can ask for; real IFDs hold
// a few dozen entries.
const maxIFDEntries = 512

// parseExif reads a TIFF structure (the Exif payload after "Exif\0\0").
// Malformed input yields what could be read before the damage, never a panic:
// every offset is checked against the block's length before it is used.
func parseExif(b []byte) exifInfo {
	info := exifInfo{orientation: 1}
	if len(b) < 8 {
		return info
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return info
	}
	if bo.Uint16(b[2:]) != 42 {
		return info
	}
	t := tiff{b: b, bo: bo}
	var exifIFD uint32
	var dateTime string
	t.each(bo.Uint32(b[4:]), func(tag, typ uint16, count uint32, val []byte) {
		switch tag {
		case tagOrientation:
			if typ == 3 && count >= 1 {
				if o := int(bo.Uint16(val)); o >= 1 && o <= 8 {
					info.orientation = o
				}
			}
		case tagExifIFD:
			if (typ == 4 || typ == 13) && count == 1 {
				exifIFD = bo.Uint32(val)
			}
		case tagDateTime:
			dateTime = t.ascii(typ, count, val)
		}
	})
	var original, offset string
	if exifIFD != 0 {
		t.each(exifIFD, func(tag, typ uint16, count uint32, val []byte) {
			switch tag {
			case tagDateTimeOriginal:
				original = t.ascii(typ, count, val)
			case tagOffsetTimeOriginal:
				offset = t.ascii(typ, count, val)
			}
		})
	}
	if original == "" {
		original, offset = dateTime, ""
	}
	info.taken = exifTime(original, offset)
	return info
}

type tiff struct {
	b  []byte
	bo binary.ByteOrder
}

// each calls fn for every entry of the IFD at off with its 4-byte value field.
// The chain to the next IFD is not followed: IFD1 holds the embedded
// thumbnail, which Kindred neither reads nor keeps.
func (t tiff) each(off uint32, fn func(tag, typ uint16, count uint32, val []byte)) {
	if uint64(off)+2 > uint64(len(t.b)) {
		return
	}
	n := int(t.bo.Uint16(t.b[off:]))
	p := int(off) + 2
	for i := 0; i < n && i < maxIFDEntries && p+12 <= len(t.b); i, p = i+1, p+12 {
		e := t.b[p : p+12]
		fn(t.bo.Uint16(e), t.bo.Uint16(e[2:]), t.bo.Uint32(e[4:]), e[8:12])
	}
}

// ascii returns the text of an ASCII entry, inline or at its offset.
func (t tiff) ascii(typ uint16, count uint32, val []byte) string {
	if typ != 2 || count == 0 || count > 64 {
		return ""
	}
	var s []byte
	if count <= 4 {
		s = val[:count]
	} else {
		off := uint64(t.bo.Uint32(val))
		if off+uint64(count) > uint64(len(t.b)) {
			return ""
		}
		s = t.b[off : off+uint64(count)]
	}
	return strings.TrimRight(string(s), "\x00 ")
}

// exifTime reads "2006:01:02 15:04:05" with an optional "+02:00" offset.
// Without an offset the camera's clock is taken as local time, which is what
// the person saw on it.
func exifTime(s, offset string) time.Time {
	if len(s) < 19 {
		return time.Time{}
	}
	loc := time.Local
	if len(offset) == 6 && (offset[0] == '+' || offset[0] == '-') {
		if o, err := time.Parse("-07:00", offset); err == nil {
			_, secs := o.Zone()
			loc = time.FixedZone(offset, secs)
		}
	}
	t, err := time.ParseInLocation("2006:01:02 15:04:05", s[:19], loc)
	if err != nil {
		return time.Time{}
	}
	return t
}
