package photo

import (
	"image"
	"image/color"
	"image/draw"
)

// plane is one channel of an image, 8 bits a sample.
type plane struct {
	w, h, stride int
	pix          []byte
}

// planes is an image as Y, Cb and Cr channels of any sizes: the JPEG decoder's
// YCbCr in any subsampling, a grey image with one-pixel chroma, or a converted
// RGB image at full size. Working on the channels keeps a 12-megapixel photo
// from ever being expanded to RGBA (48 MB and a slow per-pixel conversion).
type planes struct {
	w, h      int // of the picture, which is the size of y
	y, cb, cr plane
}

// planesOf returns img's channels, sharing the decoder's memory when it can.
// Transparent pixels are laid on white: the copies are JPEG, which has no alpha.
func planesOf(img image.Image) planes {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.YCbCr:
		if b.Min == (image.Point{}) {
			cw, ch := chromaSize(w, h, m.SubsampleRatio)
			return planes{w: w, h: h,
				y:  plane{w, h, m.YStride, m.Y},
				cb: plane{cw, ch, m.CStride, m.Cb},
				cr: plane{cw, ch, m.CStride, m.Cr},
			}
		}
	case *image.Gray:
		if b.Min == (image.Point{}) {
			grey := plane{1, 1, 1, []byte{128}}
			return planes{w: w, h: h, y: plane{w, h, m.Stride, m.Pix}, cb: grey, cr: grey}
		}
	}
	rgba, ok := img.(*image.RGBA)
	if !ok || b.Min != (image.Point{}) {
		rgba = image.NewRGBA(image.Rect(0, 0, w, h))
		if n, isN := img.(*image.NRGBA); isN {
			flattenNRGBA(rgba, n)
		} else {
			draw.Draw(rgba, rgba.Rect, image.White, image.Point{}, draw.Src)
			draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Over)
		}
	} else {
		rgba = flattenRGBA(rgba)
	}
	p := planes{w: w, h: h,
		y:  plane{w, h, w, make([]byte, w*h)},
		cb: plane{w, h, w, make([]byte, w*h)},
		cr: plane{w, h, w, make([]byte, w*h)},
	}
	for y := 0; y < h; y++ {
		row := rgba.Pix[y*rgba.Stride : y*rgba.Stride+4*w]
		o := y * w
		for x := 0; x < w; x++ {
			p.y.pix[o+x], p.cb.pix[o+x], p.cr.pix[o+x] = color.RGBToYCbCr(row[4*x], row[4*x+1], row[4*x+2])
		}
	}
	return p
}

// flattenNRGBA lays a non-premultiplied image on white, straight into dst.
func flattenNRGBA(dst *image.RGBA, src *image.NRGBA) {
	b := src.Rect
	for y := 0; y < b.Dy(); y++ {
		s := src.Pix[y*src.Stride : y*src.Stride+4*b.Dx()]
		d := dst.Pix[y*dst.Stride : y*dst.Stride+4*b.Dx()]
		for i := 0; i < len(s); i += 4 {
			a := uint32(s[i+3])
			for c := 0; c < 3; c++ {
				d[i+c] = uint8((uint32(s[i+c])*a + 255*(255-a) + 127) / 255)
			}
			d[i+3] = 255
		}
	}
}

// flattenRGBA lays a premultiplied image on white; opaque images come back as they are.
func flattenRGBA(m *image.RGBA) *image.RGBA {
	if m.Opaque() {
		return m
	}
	out := image.NewRGBA(m.Rect)
	for y := 0; y < m.Rect.Dy(); y++ {
		s := m.Pix[y*m.Stride : y*m.Stride+4*m.Rect.Dx()]
		d := out.Pix[y*out.Stride : y*out.Stride+4*m.Rect.Dx()]
		for i := 0; i < len(s); i += 4 {
			white := 255 - s[i+3]
			d[i], d[i+1], d[i+2], d[i+3] = s[i]+white, s[i+1]+white, s[i+2]+white, 255
		}
	}
	return out
}

func chromaSize(w, h int, r image.YCbCrSubsampleRatio) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

// fitSize is w×h scaled so its long side is at most side, never enlarged.
func fitSize(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	if w >= h {
		return side, max(1, (h*side+w/2)/w)
	}
	return max(1, (w*side+h/2)/h), side
}

// ycbcr420 resamples p to w×h as the 4:2:0 image the JPEG encoder writes
// without converting a pixel (its fast path for *image.YCbCr).
func (p planes) ycbcr420(w, h int) *image.YCbCr {
	cw, ch := (w+1)/2, (h+1)/2
	return &image.YCbCr{
		Y:              resample(p.y, w, h).pix,
		Cb:             resample(p.cb, cw, ch).pix,
		Cr:             resample(p.cr, cw, ch).pix,
		YStride:        w,
		CStride:        cw,
		SubsampleRatio: image.YCbCrSubsampleRatio420,
		Rect:           image.Rect(0, 0, w, h),
	}
}

// planesOf420 views a 4:2:0 image made by ycbcr420 as planes again.
func planesOf420(m *image.YCbCr) planes {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cw, ch := (w+1)/2, (h+1)/2
	return planes{w: w, h: h,
		y:  plane{w, h, m.YStride, m.Y},
		cb: plane{cw, ch, m.CStride, m.Cb},
		cr: plane{cw, ch, m.CStride, m.Cr},
	}
}
