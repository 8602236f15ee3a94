package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	"runtime"
	"sync"
)

// encode writes img as a baseline JPEG. A large 4:2:0 image is cut into
// horizontal bands of whole 16-pixel MCU rows, encoded on as many cores, and
// joined with restart markers: each band is exactly one restart interval, and
// a restart resets what the bands would otherwise share (the DC predictions,
// the bit position), so the join is a standard JPEG that decodes to the same
// pixels as a single encode. Go's encoder has no restart markers of its own.
func encode(img image.Image, quality int) ([]byte, error) {
	m, ok := img.(*image.YCbCr)
	bands := min(runtime.GOMAXPROCS(0), 4)
	if !ok || m.SubsampleRatio != image.YCbCrSubsampleRatio420 || m.Rect.Min != (image.Point{}) ||
		bands < 2 || m.Rect.Dy() < 256 {
		return encodeWhole(img, quality)
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	bandH := (h/bands + 15) &^ 15
	interval := (w + 15) / 16 * (bandH / 16) // MCUs in a band
	if interval > 0xFFFF {
		return encodeWhole(img, quality)
	}
	var parts [][]byte
	for y := 0; y < h; y += bandH {
		parts = append(parts, nil)
	}
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i := range parts {
		y0, y1 := i*bandH, min(h, (i+1)*bandH)
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i], errs[i] = encodeWhole(band(m, y0, y1), quality)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return joinBands(parts, h, interval)
}

func encodeWhole(img image.Image, quality int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// band is rows y0..y1 of a 4:2:0 image (y0 even), sharing its memory.
func band(m *image.YCbCr, y0, y1 int) *image.YCbCr {
	return &image.YCbCr{
		Y:              m.Y[y0*m.YStride:],
		Cb:             m.Cb[y0/2*m.CStride:],
		Cr:             m.Cr[y0/2*m.CStride:],
		YStride:        m.YStride,
		CStride:        m.CStride,
		SubsampleRatio: m.SubsampleRatio,
		Rect:           image.Rect(0, 0, m.Rect.Dx(), y1-y0),
	}
}

var errJoin = errors.New("photo: unexpected JPEG from the encoder")

// joinBands makes one JPEG of the bands' JPEGs: the first one's header with
// the whole height and a restart interval, then each band's entropy-coded
// data, RST0..RST7 in turn between them.
func joinBands(parts [][]byte, h, interval int) ([]byte, error) {
	out := []byte{0xFF, 0xD8}
	for i, p := range parts {
		segs, _, ok := jpegSegments(p, false)
		if !ok || len(segs) < 2 || segs[len(segs)-2].marker != 0xDA {
			return nil, errJoin
		}
		sos := segs[len(segs)-2]
		scan := p[sos.start+4+len(sos.payload) : sos.end]
		if i == 0 {
			for _, s := range segs[:len(segs)-2] {
				seg := append([]byte{}, p[s.start:s.end]...)
				if s.marker == 0xC0 {
					binary.BigEndian.PutUint16(seg[5:], uint16(h))
				}
				out = append(out, seg...)
			}
			out = append(out, 0xFF, 0xDD, 0, 4, byte(interval>>8), byte(interval))
			out = append(out, p[sos.start:sos.start+4+len(sos.payload)]...)
		} else {
			out = append(out, 0xFF, 0xD0+byte((i-1)%8))
		}
		out = append(out, scan...)
	}
	return append(out, 0xFF, 0xD9), nil
}
