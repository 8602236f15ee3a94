package photo

import (
	"bytes"
	"encoding/binary"
)

// jpegSegment is one marker segment of a JPEG: data[start:end] holds the
// marker, its length and payload (and, for SOS, the entropy-coded data
// that follows it up to the next marker).
type jpegSegment struct {
	marker     byte
	start, end int
	payload    []byte // after the two length bytes; nil for markers without one
}

// jpegSegments walks a JPEG from SOI. With header set it stops at the first
// SOS (enough for metadata); otherwise it goes on to EOI. ok is false when the
// structure breaks before that point; tail is where the walk stopped (after
// EOI, anything from there on is trailing data).
func jpegSegments(data []byte, header bool) (segs []jpegSegment, tail int, ok bool) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, 0, false
	}
	p := 2
	for {
		start := p
		// Fill bytes (extra 0xFF) may precede a marker.
		for p < len(data) && data[p] == 0xFF {
			p++
		}
		if p >= len(data) || p == start {
			return segs, start, false
		}
		m := data[p]
		p++
		switch {
		case m == 0xD9: // EOI
			segs = append(segs, jpegSegment{marker: m, start: start, end: p})
			return segs, p, true
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7):
			segs = append(segs, jpegSegment{marker: m, start: start, end: p})
			continue
		}
		if p+2 > len(data) {
			return segs, start, false
		}
		n := int(binary.BigEndian.Uint16(data[p:]))
		if n < 2 || p+n > len(data) {
			return segs, start, false
		}
		seg := jpegSegment{marker: m, start: start, end: p + n, payload: data[p+2 : p+n]}
		p += n
		if m == 0xDA {
			if header {
				segs = append(segs, seg)
				return segs, seg.start, true
			}
			// Entropy-coded data runs to the next marker that is neither a
			// stuffed zero nor a restart.
			for p+1 < len(data) && !(data[p] == 0xFF && data[p+1] != 0 && (data[p+1] < 0xD0 || data[p+1] > 0xD7) && data[p+1] != 0xFF) {
				p++
			}
			if p+1 >= len(data) {
				return segs, start, false
			}
			seg.end = p
		}
		segs = append(segs, seg)
	}
}

var exifPrefix = []byte("Exif\x00\x00")

// jpegExif returns the TIFF structure of a JPEG's Exif APP1, or nil.
func jpegExif(data []byte) []byte {
	segs, _, _ := jpegSegments(data, true)
	for _, s := range segs {
		if s.marker == 0xE1 && bytes.HasPrefix(s.payload, exifPrefix) {
			return s.payload[len(exifPrefix):]
		}
	}
	return nil
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngChunk is one chunk of a PNG: data[start:end] holds length, type, data, CRC.
type pngChunk struct {
	typ        string
	start, end int
	body       []byte
}

// pngChunks walks a PNG's chunks; ok is false when one runs past the end.
func pngChunks(data []byte) (chunks []pngChunk, ok bool) {
	if !bytes.HasPrefix(data, pngSignature) {
		return nil, false
	}
	p := len(pngSignature)
	for p < len(data) {
		if p+12 > len(data) {
			return chunks, false
		}
		n := uint64(binary.BigEndian.Uint32(data[p:]))
		end := uint64(p) + 12 + n
		if end > uint64(len(data)) {
			return chunks, false
		}
		c := pngChunk{typ: string(data[p+4 : p+8]), start: p, end: int(end), body: data[p+8 : p+8+int(n)]}
		chunks = append(chunks, c)
		p = int(end)
		if c.typ == "IEND" {
			break
		}
	}
	return chunks, true
}

// pngExif returns the TIFF structure of a PNG's eXIf chunk, or nil.
func pngExif(data []byte) []byte {
	chunks, _ := pngChunks(data)
	for _, c := range chunks {
		if c.typ == "eXIf" {
			return bytes.TrimPrefix(c.body, exifPrefix)
		}
		if c.typ == "IDAT" {
			break // eXIf must come before the image data
		}
	}
	return nil
}

// webpExif returns the TIFF structure of a WebP's EXIF chunk, or nil.
func webpExif(data []byte) []byte {
	if len(data) < 12 {
		return nil
	}
	for p := 12; p+8 <= len(data); {
		n := uint64(binary.LittleEndian.Uint32(data[p+4:]))
		end := uint64(p) + 8 + n
		if end > uint64(len(data)) {
			return nil
		}
		if string(data[p:p+4]) == "EXIF" {
			return bytes.TrimPrefix(data[p+8:end], exifPrefix)
		}
		p = int(end + end&1) // chunks are padded to an even length
	}
	return nil
}

// exifOf finds the Exif block of any format Kindred decodes.
func exifOf(format string, data []byte) exifInfo {
	var b []byte
	switch format {
	case JPEG:
		b = jpegExif(data)
	case PNG:
		b = pngExif(data)
	case WEBP:
		b = webpExif(data)
	}
	return parseExif(b)
}
