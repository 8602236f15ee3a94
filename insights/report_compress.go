package insights

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// fpdf compresses each page with a zlib writer of its own, and a writer
// costs a megabyte of tables to make: for a thousand-page report that was
// most of what it allocated and a quarter of its time. So the report is laid out
// with fpdf's compression off, and compressStreams deflates its plain
// streams afterwards, on every core, with writers that are reused.

// minCompressed is the smallest stream worth deflating.
const minCompressed = 64

// compressStreams writes the PDF that fpdf made to w with every stream that
// has no filter deflated (/FlateDecode), and the cross-reference table
// moved to match. It reads only the layout fpdf writes: a classic xref
// table, "N 0 obj" at each offset it lists, plain streams with a
// "<</Length L>>" dictionary. Objects of any other form are copied as they
// are, and a file it cannot read that way is written unchanged, which is a
// valid PDF too, only larger.
func compressStreams(pdf []byte, w io.Writer) error {
	plan, ok := planCompression(pdf)
	if !ok {
		_, err := w.Write(pdf)
		return err
	}
	if err := deflateAll(plan.streams); err != nil {
		return err
	}
	return plan.write(pdf, w)
}

// pdfObject is an object's place in the file.
type pdfObject struct {
	num        int
	start, end int // the object's bytes, "N 0 obj" to the next object
}

// plainStream is a stream to deflate.
type plainStream struct {
	data       []byte
	compressed []byte
}

type compressionPlan struct {
	objects    []pdfObject // by offset
	xrefEnd    int         // just past the table's last entry
	startxref  int         // where the offset after "startxref\n" starts
	numEnd     int         // just past that offset
	streams    []plainStream
	streamOf   map[int]int // object index -> stream index
	entryCount int
}

// planCompression reads the file's xref table and finds its plain streams;
// ok is false when the file is not laid out as expected.
func planCompression(pdf []byte) (p compressionPlan, ok bool) {
	const sx = "startxref\n"
	i := bytes.LastIndex(pdf, []byte(sx))
	if i < 0 {
		return p, false
	}
	p.startxref = i + len(sx)
	p.numEnd = p.startxref
	for p.numEnd < len(pdf) && pdf[p.numEnd] >= '0' && pdf[p.numEnd] <= '9' {
		p.numEnd++
	}
	xref, err := strconv.Atoi(string(pdf[p.startxref:p.numEnd]))
	if err != nil || xref <= 0 || xref >= i {
		return p, false
	}
	// An encrypted file's streams are ciphertext, which must not be
	// compressed; the report is never encrypted, but do not rely on it.
	if bytes.Contains(pdf[xref:], []byte("/Encrypt")) {
		return p, false
	}
	rest := pdf[xref:]
	head, ok := bytes.CutPrefix(rest, []byte("xref\n0 "))
	if !ok {
		return p, false
	}
	nl := bytes.IndexByte(head, '\n')
	if nl < 0 {
		return p, false
	}
	n, err := strconv.Atoi(string(head[:nl]))
	if err != nil || n < 1 {
		return p, false
	}
	table := xref + len("xref\n0 ") + nl + 1
	const entry = 20 // "0000012345 00000 n \n"
	if table+n*entry > i {
		return p, false
	}
	p.entryCount = n
	p.xrefEnd = table + n*entry
	if string(pdf[table:table+entry]) != "0000000000 65535 f \n" {
		return p, false
	}
	for num := 1; num < n; num++ {
		e := pdf[table+num*entry : table+(num+1)*entry]
		if string(e[10:]) != " 00000 n \n" {
			return p, false
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xref {
			return p, false
		}
		p.objects = append(p.objects, pdfObject{num: num, start: off})
	}
	if len(p.objects) == 0 {
		return p, false
	}
	slices.SortFunc(p.objects, func(a, b pdfObject) int { return a.start - b.start })
	p.streamOf = map[int]int{}
	for k := range p.objects {
		o := &p.objects[k]
		o.end = xref
		if k+1 < len(p.objects) {
			o.end = p.objects[k+1].start
		}
		if o.end <= o.start {
			return p, false
		}
		if !bytes.HasPrefix(pdf[o.start:], []byte(strconv.Itoa(o.num)+" 0 obj\n")) {
			return p, false
		}
		if data, ok := plainStreamData(pdf[o.start:o.end], o.num); ok && len(data) >= minCompressed {
			p.streamOf[k] = len(p.streams)
			p.streams = append(p.streams, plainStream{data: data})
		}
	}
	return p, true
}

// plainStreamData is the data of obj when it is exactly a stream with no
// filter: "N 0 obj\n<</Length L>>\nstream\n" L bytes "\nendstream\nendobj\n".
func plainStreamData(obj []byte, num int) ([]byte, bool) {
	rest := obj[len(strconv.Itoa(num)+" 0 obj\n"):]
	rest, ok := bytes.CutPrefix(rest, []byte("<</Length "))
	if !ok {
		return nil, false
	}
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return nil, false
	}
	l, err := strconv.Atoi(string(rest[:end]))
	if err != nil || l < 0 {
		return nil, false
	}
	rest, ok = bytes.CutPrefix(rest[end:], []byte(">>\nstream\n"))
	if !ok || len(rest) != l+len("\nendstream\nendobj\n") || string(rest[l:]) != "\nendstream\nendobj\n" {
		return nil, false
	}
	return rest[:l], true
}

// deflateAll compresses the streams on every core, each worker taking the
// next few streams in turn with a writer of its own.
func deflateAll(streams []plainStream) error {
	const batch = 16
	workers := min(runtime.GOMAXPROCS(0), (len(streams)+batch-1)/batch)
	var mu sync.Mutex
	next := 0
	take := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		i := next
		next = min(next+batch, len(streams))
		return i, next
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := zlibWriters.Get().(*zlib.Writer)
			defer zlibWriters.Put(z)
			for i, end := take(); i < end; i, end = take() {
				for j := i; j < end; j++ {
					var b bytes.Buffer
					b.Grow(len(streams[j].data)/3 + 64)
					z.Reset(&b)
					if _, err := z.Write(streams[j].data); err != nil {
						errs[k] = err
						return
					}
					if err := z.Close(); err != nil {
						errs[k] = err
						return
					}
					streams[j].compressed = b.Bytes()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("compress pages: %w", err)
		}
	}
	return nil
}

// write writes the file with the streams replaced and the xref table and
// startxref moved to the objects' new places.
func (p *compressionPlan) write(pdf []byte, w io.Writer) error {
	offsets := make([]int, p.entryCount)
	pos := 0 // where the output is
	var hdr []byte
	writeAll := func(b []byte) error {
		n, err := w.Write(b)
		pos += n
		return err
	}
	if err := writeAll(pdf[:p.objects[0].start]); err != nil {
		return err
	}
	for k, o := range p.objects {
		offsets[o.num] = pos
		si, ok := p.streamOf[k]
		if !ok {
			if err := writeAll(pdf[o.start:o.end]); err != nil {
				return err
			}
			continue
		}
		c := p.streams[si].compressed
		hdr = fmt.Appendf(hdr[:0], "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, len(c))
		if err := writeAll(hdr); err != nil {
			return err
		}
		if err := writeAll(c); err != nil {
			return err
		}
		if err := writeAll([]byte("\nendstream\nendobj\n")); err != nil {
			return err
		}
	}
	xref := pos
	var b bytes.Buffer
	b.Grow(32 + 20*p.entryCount)
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", p.entryCount)
	for num := 1; num < p.entryCount; num++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[num])
	}
	b.Write(pdf[p.xrefEnd:p.startxref])
	b.WriteString(strconv.Itoa(xref))
	b.Write(pdf[p.numEnd:])
	_, err := w.Write(b.Bytes())
	return err
}
