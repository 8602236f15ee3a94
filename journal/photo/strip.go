package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// Strip returns data without the metadata a photo carries (location, camera,
// names, dates, comments, embedded thumbnails); what decides how it looks is
// kept, so the stripped file decodes to the same pixels.
//
// JPEG: every APPn segment goes except APP0 JFIF, APP2 ICC profile and APP14
// Adobe (colour transform), and so do comments and anything after the end of
// the image; an orientation other than 1 is kept in a minimal Exif block
// holding that one tag. The image data itself is copied byte for byte.
//
// PNG: the eXIf, tEXt, iTXt, zTXt and tIME chunks go (an orientation other
// than 1 is kept in a minimal eXIf), as does anything after IEND; colour
// chunks (iCCP, gAMA, cHRM, sRGB) stay.
//
// WebP: the EXIF and XMP chunks go (an orientation other than 1 is kept in a
// minimal EXIF chunk) and the VP8X flags say so; a simple WebP, which has no
// place for metadata, comes back as it is.
//
// GIF: comment extensions go, and so do application extensions (XMP among
// them) other than the loop count (NETSCAPE2.0, ANIMEXTS1.0) and the ICC
// profile (ICCRGBG1012), and anything after the trailer.
//
// HEIC: the bytes of the Exif and XMP items are overwritten with zeros;
// every other byte, and so every offset, stays where it was.
//
// Data whose structure cannot be followed comes back unchanged (Prepare
// refuses most of it anyway): the caller keeps such originals byte-exact and
// must not treat them as stripped.
func Strip(data []byte) []byte {
	switch Sniff(data) {
	case JPEG:
		if out, ok := stripJPEG(data); ok {
			return out
		}
	case PNG:
		if out, ok := stripPNG(data); ok {
			return out
		}
	case WEBP:
		if out, ok := stripWEBP(data); ok {
			return out
		}
	case GIF:
		if out, ok := stripGIF(data); ok {
			return out
		}
	case HEIC:
		if out, ok := stripHEIC(data); ok {
			return out
		}
	}
	return data
}

func stripJPEG(data []byte) ([]byte, bool) {
	segs, _, ok := jpegSegments(data, false)
	rest := -1 // where copying verbatim begins, when the full walk failed
	if !ok {
		// Entropy data the walk cannot follow (a cut file, stray bytes):
		// strip the header, where metadata lives, and copy the image data.
		if segs, rest, ok = jpegSegments(data, true); !ok {
			return nil, false
		}
	}
	orientation := parseExif(jpegExif(data)).orientation
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	pending := orientation != 1
	for _, s := range segs {
		isJFIF := s.marker == 0xE0 && bytes.HasPrefix(s.payload, []byte("JFIF\x00"))
		if pending && !isJFIF {
			// Right after SOI, or after JFIF's APP0, which must come first.
			out = append(out, minimalExifAPP1(orientation)...)
			pending = false
		}
		if s.marker == 0xDA && rest >= 0 {
			break
		}
		keep := true
		switch {
		case s.marker == 0xE0:
			keep = isJFIF
		case s.marker == 0xE2:
			keep = bytes.HasPrefix(s.payload, []byte("ICC_PROFILE\x00"))
		case s.marker == 0xEE:
			keep = bytes.HasPrefix(s.payload, []byte("Adobe"))
		case s.marker >= 0xE1 && s.marker <= 0xEF, s.marker == 0xFE:
			keep = false
		}
		if keep {
			out = append(out, data[s.start:s.end]...)
		}
	}
	if rest >= 0 {
		out = append(out, data[rest:]...)
	}
	return out, true
}

// minimalTIFF is a big-endian TIFF whose one IFD holds only Orientation.
func minimalTIFF(orientation int) []byte {
	return []byte{'M', 'M', 0, 42, 0, 0, 0, 8,
		0, 1, // one entry
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, byte(orientation), 0, 0,
		0, 0, 0, 0} // no next IFD
}

func minimalExifAPP1(orientation int) []byte {
	payload := append(append([]byte{}, exifPrefix...), minimalTIFF(orientation)...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

func stripPNG(data []byte) ([]byte, bool) {
	chunks, ok := pngChunks(data)
	if !ok {
		return nil, false
	}
	orientation := parseExif(pngExif(data)).orientation
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	for _, c := range chunks {
		switch c.typ {
		case "eXIf", "tEXt", "iTXt", "zTXt", "tIME":
			continue
		case "IDAT", "IEND":
			if orientation != 1 {
				out = appendPNGChunk(out, "eXIf", minimalTIFF(orientation))
				orientation = 1
			}
		}
		out = append(out, data[c.start:c.end]...)
	}
	return out, true
}

func appendPNGChunk(out []byte, typ string, body []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
