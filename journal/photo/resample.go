package photo

// Resampling is an area average: each output sample is the mean of the
// source area it covers, with partly covered samples weighted by how much of
// them it covers. For shrinking that is a box filter of the exact ratio: no
// aliasing to speak of, and much cheaper than a wide kernel. It runs on 8-bit
// channels, first down the columns (whole rows at a time, which the CPU
// streams), then along the rows.

const weightBits = 14

// axis holds, for each output index, taps source indices and their weights
// (which sum to 1<<weightBits).
type axis struct {
	taps int
	idx  []int32
	w    []uint32
}

func newAxis(src, dst int) axis {
	// In units of 1/dst source pixels, output d covers [d*src, (d+1)*src)
	// and source i covers [i*dst, (i+1)*dst).
	taps := (src+dst-1)/dst + 1
	a := axis{taps: taps, idx: make([]int32, dst*taps), w: make([]uint32, dst*taps)}
	for d := 0; d < dst; d++ {
		lo, hi := d*src, (d+1)*src
		first := lo / dst
		var sum uint32
		big := 0
		for k := 0; k < taps; k++ {
			i := first + k
			t := d*taps + k
			a.idx[t] = int32(min(i, src-1))
			overlap := min(hi, (i+1)*dst) - max(lo, i*dst)
			if i >= src || overlap <= 0 {
				continue
			}
			a.w[t] = uint32(int64(overlap) << weightBits / int64(src))
			sum += a.w[t]
			if a.w[t] > a.w[d*taps+big] {
				big = k
			}
		}
		a.w[d*taps+big] += 1<<weightBits - sum
	}
	return a
}

// resample returns p scaled to w×h (stride w).
func resample(p plane, w, h int) plane {
	out := plane{w, h, w, make([]byte, w*h)}
	resampleRows(p, out, 0, h)
	return out
}

// resampleRows fills rows y0..y1 of out with p scaled to out's size; bands
// of rows are independent, so they can be made at the same time.
func resampleRows(p plane, out plane, y0, y1 int) {
	w, h := out.w, out.h
	if w == p.w && h == p.h {
		for y := y0; y < y1; y++ {
			copy(out.pix[y*w:(y+1)*w], p.pix[y*p.stride:y*p.stride+w])
		}
		return
	}
	// Down the columns: p.w × (y1-y0).
	cols := make([]byte, p.w*(y1-y0))
	if h == p.h {
		for y := y0; y < y1; y++ {
			copy(cols[(y-y0)*p.w:(y-y0+1)*p.w], p.pix[y*p.stride:y*p.stride+p.w])
		}
	} else {
		ay := newAxis(p.h, h)
		acc := make([]uint32, p.w)
		for y := y0; y < y1; y++ {
			clear(acc)
			for k := 0; k < ay.taps; k++ {
				wt := ay.w[y*ay.taps+k]
				if wt == 0 {
					continue
				}
				o := int(ay.idx[y*ay.taps+k]) * p.stride
				row := p.pix[o : o+p.w]
				acc := acc[:len(row)]
				for x, v := range row {
					acc[x] += uint32(v) * wt
				}
			}
			dst := cols[(y-y0)*p.w : (y-y0+1)*p.w]
			acc := acc[:len(dst)]
			for x := range dst {
				dst[x] = uint8((acc[x] + 1<<(weightBits-1)) >> weightBits)
			}
		}
	}
	// Along the rows: w × (y1-y0).
	if w == p.w {
		copy(out.pix[y0*w:y1*w], cols)
		return
	}
	ax := newAxis(p.w, w)
	for y := y0; y < y1; y++ {
		src := cols[(y-y0)*p.w : (y-y0+1)*p.w]
		dst := out.pix[y*w : (y+1)*w]
		t := 0
		for x := range dst {
			var s uint32
			for k := 0; k < ax.taps; k++ {
				s += uint32(src[ax.idx[t+k]]) * ax.w[t+k]
			}
			t += ax.taps
			dst[x] = uint8((s + 1<<(weightBits-1)) >> weightBits)
		}
	}
}
