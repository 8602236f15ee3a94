package insights

import (
	"bytes"
	"strconv"
	"testing"
)

// TestTextOperatorsMatchFpdf draws a line twice at one place: first through
// fpdf's Text (its characters are new), then written directly. Both must
// be the same operators, byte for byte. The characters' UTF-16 bytes hold
// everything a PDF string escapes: Ш is 04 28 "(", Щ 04 29 ")", ќ 04 5C
// "\", č 01 0D "\r", besides the ASCII ones.
func TestTextOperatorsMatchFpdf(t *testing.T) {
	d, err := newReportDoc(PaperA4)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	// fpdf sets the colour around text only when it differs from the fill.
	d.setFill(pdfTint)
	st := textStyle{size: 10.5, color: pdfRGB{0x12, 0x80, 0xfe}}
	line := d.shape(`Шуба, Щука, ќе, čaj (a\b) 100%`, st)
	for range 2 {
		d.drawLine(d.left+0.004, 300.126, line, st)
	}
	var raw bytes.Buffer
	if err := d.pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	var ops [][]byte
	for l := range bytes.SplitSeq(raw.Bytes(), []byte("\n")) {
		if bytes.Contains(l, []byte(" Td (")) {
			ops = append(ops, l)
		}
	}
	if len(ops) != 2 {
		t.Fatalf("found %d text operators, want 2", len(ops))
	}
	if !bytes.Equal(ops[0], ops[1]) {
		t.Errorf("fpdf wrote\n%q\nthe direct path wrote\n%q", ops[0], ops[1])
	}
	if !bytes.HasPrefix(ops[1], []byte("q 0.071 0.502 0.996 rg BT 62.00 541.76 Td (")) {
		t.Errorf("unexpected operator %q", ops[1])
	}
}

// TestAppendCoord: coordinates come out as fmt's %.2f writes them, ties and
// odd values included.
func TestAppendCoord(t *testing.T) {
	values := []float64{0, 0.005, 0.015, 0.125, 0.135, 1.005, 2.675, 62, 62.004, 300.126, 541.755, 841.89, 99999.995, -3.5, 1e15}
	for i := range 100000 {
		values = append(values, float64(i)*0.0125, float64(i)/7, float64(i)*0.005)
	}
	for _, v := range values {
		if got, want := string(appendCoord(nil, v)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Errorf("appendCoord(%v) = %s, want %s", v, got, want)
		}
	}
}
