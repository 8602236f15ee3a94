package photo

import "image"

// orient420 turns a 4:2:0 image upright by its Exif orientation (1-8). Each
// channel is walked in output order with two source steps, so the eight cases
// differ only in where they start and which way they step. Done on the
// display copy, after shrinking, it moves a sixth of the original's samples.
func orient420(m *image.YCbCr, o int) *image.YCbCr {
	if o <= 1 || o > 8 {
		return m
	}
	p := planesOf420(m)
	w, h := p.w, p.h
	if o >= 5 {
		w, h = h, w
	}
	return &image.YCbCr{
		Y:              orientPlane(p.y, o),
		Cb:             orientPlane(p.cb, o),
		Cr:             orientPlane(p.cr, o),
		YStride:        w,
		CStride:        (w + 1) / 2,
		SubsampleRatio: image.YCbCrSubsampleRatio420,
		Rect:           image.Rect(0, 0, w, h),
	}
}

func orientPlane(p plane, o int) []byte {
	W, H, S := p.w, p.h, p.stride
	// base is the source of output (0,0); stepX and stepY move one output
	// column and one output row.
	var base, stepX, stepY, w, h int
	switch o {
	case 2: // mirrored left-right
		base, stepX, stepY = W-1, -1, S
	case 3: // turned half round
		base, stepX, stepY = (H-1)*S+W-1, -1, -S
	case 4: // mirrored top-bottom
		base, stepX, stepY = (H-1)*S, 1, -S
	case 5: // mirrored along the main diagonal
		base, stepX, stepY = 0, S, 1
	case 6: // needs a quarter turn clockwise
		base, stepX, stepY = (H-1)*S, -S, 1
	case 7: // mirrored along the other diagonal
		base, stepX, stepY = (H-1)*S+W-1, -S, -1
	case 8: // needs a quarter turn anticlockwise
		base, stepX, stepY = W-1, S, -1
	default:
		base, stepX, stepY = 0, 1, S
	}
	w, h = W, H
	if o >= 5 {
		w, h = H, W
	}
	out := make([]byte, w*h)
	for y := 0; y < h; y++ {
		s := base + y*stepY
		row := out[y*w : (y+1)*w]
		for x := range row {
			row[x] = p.pix[s]
			s += stepX
		}
	}
	return out
}
