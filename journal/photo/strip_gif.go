package photo

// gifKeptApps are the application extensions that change how a GIF plays or
// looks: the loop count (Netscape's, and the older AnimExts one) and an ICC
// colour profile. Every other one goes; XMP ("XMP DataXMP") is the usual one
// carrying a place or a camera.
var gifKeptApps = map[string]bool{
	"NETSCAPE2.0": true,
	"ANIMEXTS1.0": true,
	"ICCRGBG1012": true,
}

// stripGIF drops a GIF's comments, its application extensions other than
// gifKeptApps, and anything after the trailer. Images, their colour tables,
// graphic controls (delays, transparency) and plain text are copied byte for
// byte. ok is false when a block runs past the end or an unknown block
// begins. A file that ends cleanly between blocks without its trailer is
// taken as it is: decoders accept it, and it has no more metadata to hide.
func stripGIF(data []byte) (out []byte, ok bool) {
	if len(data) < 13 || string(data[:3]) != "GIF" {
		return nil, false
	}
	p := 13 + colourTableSize(data[10])
	if p > len(data) {
		return nil, false
	}
	out = make([]byte, 0, len(data))
	out = append(out, data[:p]...)
	for p < len(data) {
		start := p
		switch data[p] {
		case 0x3B: // trailer: what follows is no part of the picture
			return append(out, 0x3B), true
		case 0x2C: // image descriptor, local colour table, LZW code size, data
			if p+11 > len(data) {
				return nil, false
			}
			p += 10 + colourTableSize(data[p+9]) + 1
			if p = gifSubBlocks(data, p); p < 0 {
				return nil, false
			}
		case 0x21:
			if p+2 > len(data) {
				return nil, false
			}
			label := data[p+1]
			if p = gifSubBlocks(data, p+2); p < 0 {
				return nil, false
			}
			switch label {
			case 0xFE: // comment
				continue
			case 0xFF: // application: the first sub-block names it
				if id := data[start+2:]; id[0] != 11 || !gifKeptApps[string(id[1:12])] {
					continue
				}
			}
		default:
			return nil, false
		}
		out = append(out, data[start:p]...)
	}
	return out, true
}

// colourTableSize is the length of the colour table a GIF packed-fields byte
// announces (global in the screen descriptor, local in an image descriptor).
func colourTableSize(packed byte) int {
	if packed&0x80 == 0 {
		return 0
	}
	return 3 << (packed&7 + 1)
}

// gifSubBlocks returns where the sub-blocks starting at p end (after their
// zero terminator), or -1 when they run past the end of data.
func gifSubBlocks(data []byte, p int) int {
	for p < len(data) {
		n := int(data[p])
		p += 1 + n
		if n == 0 {
			return p
		}
	}
	return -1
}
