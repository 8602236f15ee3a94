package photo

import (
	"encoding/binary"
	"testing"
)

func box(typ string, body ...[]byte) []byte {
	n := 8
	for _, b := range body {
		n += len(b)
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(n))
	out = append(out, typ...)
	for _, b := range body {
		out = append(out, b...)
	}
	return out
}

// fakeHEIC has the boxes heicSize reads: a picture w×h, a 512×512 tile,
// and a rotation of rot quarter turns.
func fakeHEIC(w, h uint32, rot byte) []byte {
	meta := box("meta", []byte{0, 0, 0, 0}, box("hdlr", make([]byte, 24)), heicIprp(w, h, rot))
	return append(heicFtyp(), meta...)
}

func heicFtyp() []byte { return box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")) }

// heicIprp is the item properties box of fakeHEIC.
func heicIprp(w, h uint32, rot byte) []byte {
	ispe := func(w, h uint32) []byte {
		b := make([]byte, 12)
		binary.BigEndian.PutUint32(b[4:], w)
		binary.BigEndian.PutUint32(b[8:], h)
		return box("ispe", b)
	}
	return box("iprp", box("ipco", ispe(512, 512), ispe(w, h), box("irot", []byte{rot})))
}

func TestSniff(t *testing.T) {
	for want, data := range map[string][]byte{
		JPEG:  []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"),
		PNG:   []byte("\x89PNG\r\n\x1a\n\x00\x00"),
		GIF:   []byte("GIF89a"),
		WEBP:  webp1x1,
		HEIC:  fakeHEIC(10, 10, 0),
		Other: []byte("%PDF-1.7"),
	} {
		if got := Sniff(data); got != want {
			t.Errorf("Sniff(%q) = %s, want %s", data[:min(12, len(data))], got, want)
		}
	}
	for _, short := range [][]byte{nil, {0xFF}, {0xFF, 0xD8}, []byte("RIFF"), []byte("\x00\x00\x00\x18ftyp")} {
		if got := Sniff(short); got != Other {
			t.Errorf("Sniff(%q) = %s", short, got)
		}
	}
	// Other ISO media files are not HEIC.
	if got := Sniff(box("ftyp", []byte("isom\x00\x00\x00\x00"))); got != Other {
		t.Errorf("an MP4 sniffed as %s", got)
	}
}

func TestPrepareHEIC(t *testing.T) {
	for _, c := range []struct {
		rot        byte
		w, h       int
		data       []byte
		descriptor string
	}{
		{0, 4032, 3024, fakeHEIC(4032, 3024, 0), "landscape"},
		{1, 3024, 4032, fakeHEIC(4032, 3024, 1), "turned a quarter"},
		{0, 0, 0, box("ftyp", []byte("heic\x00\x00\x00\x00")), "no meta"},
		{0, 0, 0, append(box("ftyp", []byte("heic\x00\x00\x00\x00")), 0, 0, 1, 0, 'm', 'e', 't', 'a'), "meta cut short"},
	} {
		p, err := Prepare(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.descriptor, err)
		}
		if p.Format != HEIC || p.Width != c.w || p.Height != c.h || p.Display != nil || p.Thumb != nil {
			t.Errorf("%s: got %s %d×%d, want %d×%d and no copies", c.descriptor, p.Format, p.Width, p.Height, c.w, c.h)
		}
	}
}
