package photo

import (
	"image"
	"image/color"
	"image/draw"
	"runtime"
	"sync"
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
	p := planes{w: w, h: h,
		y:  plane{w, h, w, make([]byte, w*h)},
		cb: plane{w, h, w, make([]byte, w*h)},
		cr: plane{w, h, w, make([]byte, w*h)},
	}
	// The two layouts PNG and WebP decode to are converted row by row; any
	// other is drawn on white first.
	var pix []byte
	stride, premultiplied := 0, true
	switch m := img.(type) {
	case *image.NRGBA:
		pix, stride, premultiplied = m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, false
	case *image.RGBA:
		pix, stride = m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride
	default:
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(rgba, rgba.Rect, image.White, image.Point{}, draw.Src)
		draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Over)
		pix, stride = rgba.Pix, rgba.Stride
	}
	for y := 0; y < h; y++ {
		row := pix[y*stride : y*stride+4*w]
		o := y * w
		for x := 0; x < w; x++ {
			r, g, bl := onWhite(row[4*x:4*x+4], premultiplied)
			p.y.pix[o+x], p.cb.pix[o+x], p.cr.pix[o+x] = color.RGBToYCbCr(r, g, bl)
		}
	}
	return p
}

// onWhite lays one RGBA pixel on white.
func onWhite(px []byte, premultiplied bool) (r, g, b uint8) {
	a := uint32(px[3])
	switch {
	case a == 255:
		return px[0], px[1], px[2]
	case premultiplied:
		white := uint8(255 - a)
		return px[0] + white, px[1] + white, px[2] + white
	}
	f := func(c uint8) uint8 { return uint8((uint32(c)*a + 255*(255-a) + 127) / 255) }
	return f(px[0]), f(px[1]), f(px[2])
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
// without converting a pixel (its fast path for *image.YCbCr). The luma is
// made in bands and the chroma beside it, one task a core.
func (p planes) ycbcr420(w, h int) *image.YCbCr {
	cw, ch := (w+1)/2, (h+1)/2
	y := plane{w, h, w, make([]byte, w*h)}
	cb := plane{cw, ch, cw, make([]byte, cw*ch)}
	cr := plane{cw, ch, cw, make([]byte, cw*ch)}
	bands := 1
	if p.w*p.h >= 1<<20 {
		bands = min(runtime.GOMAXPROCS(0), 4)
	}
	var wg sync.WaitGroup
	run := func(src, dst plane, y0, y1 int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resampleRows(src, dst, y0, y1)
		}()
	}
	run(p.cb, cb, 0, ch)
	run(p.cr, cr, 0, ch)
	for i := 0; i < bands; i++ {
		run(p.y, y, i*h/bands, (i+1)*h/bands)
	}
	wg.Wait()
	return &image.YCbCr{
		Y:              y.pix,
		Cb:             cb.pix,
		Cr:             cr.pix,
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
