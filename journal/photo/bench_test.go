package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"

	"kindred/journal/photo/internal/jpegdec"
)

// photoLike makes a w×h picture with what a camera gives: smooth light,
// a few shapes and sensor noise, so the JPEG is about as large as a real one.
func photoLike(w, h int, seed uint64) *image.YCbCr {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(seed, 7))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 60 + 120*x/w + 40*y/h
			if (x/300+y/200)%3 == 0 {
				v -= 40
			}
			v += int(r.IntN(25)) - 12
			m.Y[y*m.YStride+x] = uint8(max(0, min(255, v)))
		}
	}
	for y := 0; y < (h+1)/2; y++ {
		for x := 0; x < (w+1)/2; x++ {
			i := y*m.CStride + x
			m.Cb[i] = uint8(110 + 30*x/w + r.IntN(9))
			m.Cr[i] = uint8(140 - 30*y/h + r.IntN(9))
		}
	}
	return m
}

func jpegOf(tb testing.TB, m image.Image, quality int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkPrepare12MP is the photo half of the AddPhoto budget (300 ms):
// a 4000×3000 camera JPEG at quality 90 to display copy and thumbnail.
func BenchmarkPrepare12MP(b *testing.B) {
	data := jpegOf(b, photoLike(4000, 3000, 1), 90)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu, path := cpuSeconds(), threadCPUSeconds()
	for b.Loop() {
		p, err := Prepare(data)
		if err != nil || p.Display == nil || p.Thumb == nil {
			b.Fatal(err)
		}
	}
	// On a shared machine wall time swings with the load; CPU time much
	// less. cpu-ms is the work on all cores, path-ms the part done on the
	// caller's thread (decoding's Huffman half and the serial steps) while
	// the rest runs beside it: on an idle machine the wall time lies
	// between max(path-ms, cpu-ms/cores) and cpu-ms.
	b.ReportMetric(float64(len(data))/1e6, "MB-original")
	b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
	b.ReportMetric((threadCPUSeconds()-path)*1e3/float64(b.N), "path-ms/op")
}

// BenchmarkDecode12MP is the floor of Prepare: reading the original, with
// image/jpeg and with the copy that uses a second core.
func BenchmarkDecode12MP(b *testing.B) {
	data := jpegOf(b, photoLike(4000, 3000, 1), 90)
	for _, d := range []struct {
		name   string
		decode func(io.Reader) (image.Image, error)
	}{{"imagejpeg", jpeg.Decode}, {"jpegdec", jpegdec.Decode}} {
		b.Run(d.name, func(b *testing.B) {
			cpu := cpuSeconds()
			for b.Loop() {
				if _, err := d.decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
		})
	}
}
