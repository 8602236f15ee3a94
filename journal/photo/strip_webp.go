package photo

import "encoding/binary"

// WebP's VP8X flags for the metadata chunks.
const (
	webpFlagEXIF = 0x08
	webpFlagXMP  = 0x04
)

// stripWEBP drops the EXIF and XMP chunks of an extended WebP, keeping an
// orientation other than 1 in a minimal EXIF chunk, and sets the VP8X flags
// to match. The image chunks are copied byte for byte. ok is false when a
// chunk runs past the end. A simple WebP (no VP8X) has no place for
// metadata, but some writers append it anyway: it goes the same way.
func stripWEBP(data []byte) (out []byte, ok bool) {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, false
	}
	orientation := parseExif(webpExif(data)).orientation
	out = make([]byte, 12, len(data))
	copy(out, data[:12])
	flags := -1
	for p := 12; p < len(data); {
		if p+8 > len(data) {
			return nil, false
		}
		n := uint64(binary.LittleEndian.Uint32(data[p+4:]))
		end := uint64(p) + 8 + n
		padded := end + end&1
		if end > uint64(len(data)) {
			return nil, false
		}
		padded = min(padded, uint64(len(data)))
		switch string(data[p : p+4]) {
		case "EXIF", "XMP ":
			p = int(padded)
			continue
		case "VP8X":
			if n < 10 {
				return nil, false
			}
			flags = len(out) + 8 // where the flags byte will be
		}
		out = append(out, data[p:padded]...)
		p = int(padded)
	}
	if flags >= 0 {
		out[flags] &^= webpFlagEXIF | webpFlagXMP
	}
	if orientation != 1 {
		tiff := minimalTIFF(orientation)
		out = append(out, "EXIF"...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(tiff)))
		out = append(out, tiff...)
		if len(tiff)%2 == 1 {
			out = append(out, 0)
		}
		if flags >= 0 {
			out[flags] |= webpFlagEXIF
		}
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, true
}
