package photo

import (
	"encoding/binary"
)

// tiffEntry is one IFD entry for buildTIFF; val is the value in the block's
// byte order (any length: long values go to the data area).
type tiffEntry struct {
	tag, typ uint16
	count    uint32
	val      []byte
}

func asciiEntry(tag uint16, s string) tiffEntry {
	return tiffEntry{tag, 2, uint32(len(s) + 1), append([]byte(s), 0)}
}

func shortEntry(bo order, tag, v uint16) tiffEntry {
	return tiffEntry{tag, 3, 1, bo.AppendUint16(nil, v)}
}

// buildTIFF lays out IFD0 with, when given, an Exif IFD and a GPS IFD, as
// cameras write them.
func buildTIFF(bo order, ifd0, exif, gps []tiffEntry) []byte {
	ifdSize := func(n int) int { return 2 + 12*n + 4 }
	n0 := len(ifd0)
	if exif != nil {
		n0++
	}
	if gps != nil {
		n0++
	}
	exifOff := 8 + ifdSize(n0)
	gpsOff := exifOff
	if exif != nil {
		gpsOff += ifdSize(len(exif))
	}
	dataOff := gpsOff
	if gps != nil {
		dataOff += ifdSize(len(gps))
	}
	if exif != nil {
		ifd0 = append(ifd0, tiffEntry{0x8769, 4, 1, bo.AppendUint32(nil, uint32(exifOff))})
	}
	if gps != nil {
		ifd0 = append(ifd0, tiffEntry{0x8825, 4, 1, bo.AppendUint32(nil, uint32(gpsOff))})
	}
	var head, data []byte
	if bo.String() == binary.LittleEndian.String() {
		head = []byte("II")
	} else {
		head = []byte("MM")
	}
	head = bo.AppendUint16(head, 42)
	head = bo.AppendUint32(head, 8)
	writeIFD := func(es []tiffEntry) {
		head = bo.AppendUint16(head, uint16(len(es)))
		for _, e := range es {
			head = bo.AppendUint16(head, e.tag)
			head = bo.AppendUint16(head, e.typ)
			head = bo.AppendUint32(head, e.count)
			if len(e.val) <= 4 {
				head = append(head, e.val...)
				head = append(head, make([]byte, 4-len(e.val))...)
			} else {
				head = bo.AppendUint32(head, uint32(dataOff+len(data)))
				data = append(data, e.val...)
			}
		}
		head = bo.AppendUint32(head, 0)
	}
	writeIFD(ifd0)
	if exif != nil {
		writeIFD(exif)
	}
	if gps != nil {
		writeIFD(gps)
	}
	return append(head, data...)
}

// withAPP1 puts an Exif APP1 holding tiff right after a JPEG's SOI.
func withAPP1(jpg, tiff []byte) []byte {
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// orientedJPEG is a JPEG of img whose Exif says orientation o.
func orientedJPEG(jpg []byte, o uint16) []byte {
	bo := order(binary.BigEndian)
	if o%2 == 0 {
		bo = binary.LittleEndian // both byte orders get read
	}
	return withAPP1(jpg, buildTIFF(bo, []tiffEntry{shortEntry(bo, 0x0112, o)}, nil, nil))
}

type order interface {
	binary.ByteOrder
	binary.AppendByteOrder
}
