package insights

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// plainPDF is a small document as the report writes it, streams not
// compressed: pages of text in an embedded font, a bookmark, a link.
func plainPDF(t *testing.T, pages int) []byte {
	t.Helper()
	d, err := newReportDoc(PaperA4)
	if err != nil {
		t.Fatal(err)
	}
	link := d.pdf.AddLink()
	for p := 1; p <= pages; p++ {
		d.newPage()
		d.bookmark(fmt.Sprintf("Page %d", p), 0)
		for i := 0; i < 30; i++ {
			d.paragraph(fmt.Sprintf("Page %d line %d: Zoë, Дмитрий and Νίκος walked (slowly) to the river \\ back.", p, i), pdfBody, 0)
		}
		if p == 1 {
			d.pdf.Link(d.left, d.top, 100, 20, link)
		}
	}
	d.pdf.SetLink(link, d.top, pages)
	d.finish("Title", "Author", "Subject")
	var raw bytes.Buffer
	if err := d.pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	return raw.Bytes()
}

// checkXref checks that every offset the xref table gives starts its
// object, and startxref points at the table.
func checkXref(t *testing.T, pdf []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end of the file")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(pdf) || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	entries := regexp.MustCompile(`(?m)^(\d{10}) 00000 n $`).FindAllSubmatch(pdf[xref:], -1)
	if len(entries) == 0 {
		t.Fatal("the xref table lists no object")
	}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if off >= len(pdf) {
			t.Errorf("object %d: offset %d is past the end of the file", i+1, off)
			continue
		}
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("object %d: offset %d holds %q", i+1, off, pdf[off:min(off+20, len(pdf))])
		}
	}
}

func TestCompressStreams(t *testing.T) {
	plain := plainPDF(t, 12)
	checkXref(t, plain)
	plainStreams := regexp.MustCompile(`<</Length \d+>>\nstream\n`).FindAll(plain, -1)
	if len(plainStreams) < 12 {
		t.Fatalf("the plain file has %d unfiltered streams, want one per page at least", len(plainStreams))
	}

	var out bytes.Buffer
	if err := compressStreams(plain, &out); err != nil {
		t.Fatal(err)
	}
	got := out.Bytes()
	checkXref(t, got)
	if n := len(regexp.MustCompile(`<</Length \d+>>\nstream\n`).FindAll(got, -1)); n != 0 {
		t.Errorf("%d streams are still unfiltered", n)
	}
	if len(got) >= len(plain)*2/3 {
		t.Errorf("compressed file is %d bytes, the plain one %d", len(got), len(plain))
	}
	conf := model.NewDefaultConfiguration()
	if err := api.Validate(bytes.NewReader(got), conf); err != nil {
		t.Fatalf("pdfcpu says the compressed file is not valid: %v", err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(got), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	if ctx.PageCount != 12 {
		t.Errorf("page count %d, want 12", ctx.PageCount)
	}
	// Every page's content decodes to what fpdf wrote.
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, _, err := ctx.PageDict(p, false)
		if err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		content, err := ctx.PageContent(d, p)
		if err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		if len(content) < 1000 || !bytes.Contains(plain, content) {
			t.Errorf("page %d decodes to content the plain file does not hold", p)
		}
	}
}

func TestCompressStreamsLeavesAnUnknownLayoutAlone(t *testing.T) {
	plain := plainPDF(t, 2)
	for name, broken := range map[string][]byte{
		"no startxref":       bytes.Replace(plain, []byte("startxref"), []byte("startxrez"), 1),
		"another generation": bytes.Replace(plain, []byte(" 00000 n \n"), []byte(" 00001 n \n"), 1),
		"encrypted":          bytes.Replace(plain, []byte("trailer\n<<\n"), []byte("trailer\n<<\n/Encrypt 9 0 R\n"), 1),
		"not a pdf at all":   []byte("hello"),
		"no objects":         []byte("%PDF-1.3\nxref\n0 1\n0000000000 65535 f \ntrailer\n<<\n/Size 1\n>>\nstartxref\n9\n%%EOF\n"),
	} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			if err := compressStreams(broken, &out); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), broken) {
				t.Errorf("the file was changed")
			}
		})
	}
}

// TestCompressingWriterInParts: written in parts rather than in one call,
// the file is kept and compressed the same way at the end.
func TestCompressingWriterInParts(t *testing.T) {
	plain := plainPDF(t, 3)
	var whole, parts bytes.Buffer
	w := &compressingWriter{w: &whole}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	w = &compressingWriter{w: &parts}
	for _, part := range [][]byte{plain[:1000], plain[1000:5000], plain[5000:]} {
		if _, err := w.Write(part); err != nil {
			t.Fatal(err)
		}
	}
	if parts.Len() != 0 {
		t.Errorf("%d bytes written before the file was complete", parts.Len())
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	if whole.Len() >= len(plain) || !bytes.Equal(whole.Bytes(), parts.Bytes()) {
		t.Errorf("in parts: %d bytes; in one call: %d bytes; plain: %d", parts.Len(), whole.Len(), len(plain))
	}
}
