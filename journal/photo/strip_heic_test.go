package photo

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// heicItem is one item of a built HEIC: its type (and for 'mime' its
// content type) and bytes, kept in the meta's idat or in mdat.
type heicItem struct {
	id      uint32
	typ     string
	content string
	data    []byte
	inIdat  bool
	split   bool    // two extents
	offset  *uint64 // a lie told in iloc instead of the real extent offset
	length  *uint64 // likewise for the length
}

// heicBuild describes a HEIC with items: fakeHEIC's boxes (a 4032×3024
// picture turned a quarter) plus iinf, iloc of version iloc (with its field
// sizes), idat and mdat.
type heicBuild struct {
	iloc                                  byte
	offSize, lenSize, baseSize, indexSize int
	items                                 []heicItem
	noIdat                                bool
}

// build returns the file and, for each item, where its bytes are in it.
func (hb heicBuild) build() (file []byte, spans [][2]int) {
	var mdat, idat []byte
	for _, it := range hb.items {
		if it.inIdat {
			idat = append(idat, it.data...)
		} else {
			mdat = append(mdat, it.data...)
		}
	}
	idatBox := box("idat", idat)
	if hb.noIdat {
		idatBox = nil
	}
	meta := func(mdatBody int) (meta []byte, idatBody int) {
		iinf, iloc := hb.iinf(), hb.ilocBox(mdatBody)
		head := [][]byte{{0, 0, 0, 0}, box("hdlr", make([]byte, 24)), iinf, iloc, heicIprp(4032, 3024, 1)}
		idatBody = len(heicFtyp()) + 8 + 8
		for _, b := range head {
			idatBody += len(b)
		}
		return box("meta", append(head, idatBox)...), idatBody
	}
	m, _ := meta(0) // its size does not depend on the offsets in it
	mdatBody := len(heicFtyp()) + len(m) + 8
	m, idatBody := meta(mdatBody)
	file = append(append(heicFtyp(), m...), box("mdat", mdat)...)
	inMdat, inIdat := mdatBody, idatBody
	for _, it := range hb.items {
		p := &inMdat
		if it.inIdat {
			p = &inIdat
		}
		spans = append(spans, [2]int{*p, *p + len(it.data)})
		*p += len(it.data)
	}
	return file, spans
}

func (hb heicBuild) iinf() []byte {
	var entries [][]byte
	for _, it := range hb.items {
		var b []byte
		if hb.iloc == 2 {
			b = binary.BigEndian.AppendUint32([]byte{3, 0, 0, 0}, it.id)
		} else {
			b = binary.BigEndian.AppendUint16([]byte{2, 0, 0, 0}, uint16(it.id))
		}
		b = append(b, 0, 0) // protection index
		b = append(b, it.typ+"a name\x00"...)
		if it.typ == "mime" {
			b = append(b, it.content+"\x00"...)
		}
		entries = append(entries, box("infe", b))
	}
	head := []byte{0, 0, 0, 0, 0, byte(len(entries))}
	if hb.iloc == 2 {
		head = []byte{1, 0, 0, 0, 0, 0, 0, byte(len(entries))}
	}
	return box("iinf", append([][]byte{head}, entries...)...)
}

// ilocBox places mdat items at base mdatBody and idat items at base 0.
func (hb heicBuild) ilocBox(mdatBody int) []byte {
	put := func(b []byte, size int, v uint64) []byte {
		switch size {
		case 4:
			return binary.BigEndian.AppendUint32(b, uint32(v))
		case 8:
			return binary.BigEndian.AppendUint64(b, v)
		}
		return b
	}
	b := []byte{hb.iloc, 0, 0, 0, byte(hb.offSize<<4 | hb.lenSize), byte(hb.baseSize<<4 | hb.indexSize)}
	if hb.iloc == 2 {
		b = binary.BigEndian.AppendUint32(b, uint32(len(hb.items)))
	} else {
		b = binary.BigEndian.AppendUint16(b, uint16(len(hb.items)))
	}
	var inMdat, inIdat uint64
	for _, it := range hb.items {
		if hb.iloc == 2 {
			b = binary.BigEndian.AppendUint32(b, it.id)
		} else {
			b = binary.BigEndian.AppendUint16(b, uint16(it.id))
		}
		method, base, at := 0, uint64(mdatBody), &inMdat
		if it.inIdat {
			method, base, at = 1, 0, &inIdat
		}
		if hb.iloc > 0 {
			b = binary.BigEndian.AppendUint16(b, uint16(method))
		}
		b = append(b, 0, 0) // data reference: this file
		if hb.baseSize == 0 {
			*at += base
		}
		b = put(b, hb.baseSize, base)
		n := uint64(len(it.data))
		parts := []uint64{n}
		if it.split {
			parts = []uint64{n / 2, n - n/2}
		}
		b = binary.BigEndian.AppendUint16(b, uint16(len(parts)))
		for _, l := range parts {
			off := *at
			if it.offset != nil {
				off = *it.offset
			}
			if it.length != nil {
				l = *it.length
			}
			b = put(b, hb.indexSize, 1)
			b = put(b, hb.offSize, off)
			b = put(b, hb.lenSize, l)
			*at += l
		}
		if hb.baseSize == 0 {
			*at -= base
		}
	}
	return box("iloc", b)
}

func heicExif() []byte {
	return append([]byte("\x00\x00\x00\x06Exif\x00\x00"), cameraTIFF(6)...)
}

const heicXMP = `<x:xmpmeta><exif:GPSLatitude>52,31.2N</exif:GPSLatitude><tiff:Model>Pocket 12</tiff:Model></x:xmpmeta>`

// heicItems is a photo as a phone saves it: the picture, its Exif (camera,
// date, place) and XMP, and a caption item that is no metadata of the camera.
func heicItems(exifInIdat bool, big uint32) []heicItem {
	return []heicItem{
		{id: big + 1, typ: "hvc1", data: bytes.Repeat([]byte("hvc1-picture-bytes "), 40)},
		{id: big + 2, typ: "Exif", data: heicExif(), inIdat: exifInIdat, split: true},
		{id: big + 3, typ: "mime", content: "application/rdf+xml", data: []byte(heicXMP)},
		{id: big + 4, typ: "mime", content: "text/plain", data: []byte("kept words")},
	}
}

func heicVariants() map[string]heicBuild {
	return map[string]heicBuild{
		"iloc v0":                   {iloc: 0, offSize: 4, lenSize: 4, items: heicItems(false, 0)},
		"iloc v1, Exif in idat":     {iloc: 1, offSize: 8, lenSize: 4, baseSize: 4, items: heicItems(true, 0)},
		"iloc v2, 32-bit ids":       {iloc: 2, offSize: 4, lenSize: 8, baseSize: 8, indexSize: 4, items: heicItems(false, 70000)},
		"iloc v2, 32-bit, in idat":  {iloc: 2, offSize: 4, lenSize: 4, baseSize: 4, items: heicItems(true, 1<<20)},
		"iloc v1, 64-bit base only": {iloc: 1, offSize: 4, lenSize: 4, baseSize: 8, items: heicItems(false, 0)},
	}
}

// zeroed is data with the metadata items' bytes (the 2nd and 3rd) cleared.
func zeroed(data []byte, spans [][2]int) []byte {
	out := bytes.Clone(data)
	for _, s := range spans[1:3] {
		clear(out[s[0]:s[1]])
	}
	return out
}

func TestStripHEIC(t *testing.T) {
	for name, hb := range heicVariants() {
		orig, spans := hb.build()
		if !bytes.Equal(orig[spans[1][0]:spans[1][1]], heicExif()) || string(orig[spans[2][0]:spans[2][1]]) != heicXMP {
			t.Fatalf("%s: the built file does not hold its items where it says", name)
		}
		out := Strip(orig)
		if want := zeroed(orig, spans); !bytes.Equal(out, want) {
			t.Errorf("%s: Strip changed other bytes than the Exif and XMP items (or not those)", name)
		}
		for _, secret := range []string{"AcmeCam", "Pocket 12", "2024:07:14", "GPSLatitude", "xmpmeta"} {
			if bytes.Contains(out, []byte(secret)) {
				t.Errorf("%s: %q survived Strip", name, secret)
			}
		}
		if !bytes.Contains(out, []byte("hvc1-picture-bytes")) || !bytes.Contains(out, []byte("kept words")) {
			t.Errorf("%s: the picture or the caption item was cleared", name)
		}
		if w, h := heicSize(out); w != 3024 || h != 4032 {
			t.Errorf("%s: stripped HEIC is %d×%d, want 3024×4032", name, w, h)
		}
		if again := Strip(out); !bytes.Equal(again, out) {
			t.Errorf("%s: stripping twice changed the file again", name)
		}
		if fresh, _ := hb.build(); !bytes.Equal(fresh, orig) {
			t.Errorf("%s: Strip wrote into its argument", name)
		}
	}
}

// A HEIC without Exif or XMP items (or without items at all) comes back as it is.
func TestStripHEICNothingToStrip(t *testing.T) {
	plain := fakeHEIC(4032, 3024, 0)
	if out := Strip(plain); !bytes.Equal(out, plain) {
		t.Error("a HEIC without items changed")
	}
	hb := heicVariants()["iloc v1, Exif in idat"]
	hb.items = []heicItem{hb.items[0], hb.items[3]}
	orig, _ := hb.build()
	if out := Strip(orig); !bytes.Equal(out, orig) {
		t.Error("a HEIC with only a picture and a caption changed")
	}
}

// Cut files and lying boxes come back unchanged, never half stripped or a panic.
func TestStripHEICDamaged(t *testing.T) {
	for name, hb := range heicVariants() {
		orig, spans := hb.build()
		want := zeroed(orig, spans)
		for n := range len(orig) {
			cut := orig[:n]
			out := Strip(cut)
			if !bytes.Equal(out, cut) && !bytes.Equal(out, want[:n]) {
				t.Fatalf("%s cut at %d: Strip changed bytes outside the metadata items", name, n)
			}
			if n < spans[2][1] && !bytes.Equal(out, cut) {
				t.Fatalf("%s cut at %d, inside the metadata: half stripped", name, n)
			}
		}
	}
	far, huge, wrap := uint64(1<<20), ^uint64(0)-2, uint64(1<<40)
	for name, lie := range map[string]func(*heicBuild){
		"offset past the end":       func(hb *heicBuild) { hb.items[2].offset = &far },
		"length past the end":       func(hb *heicBuild) { hb.items[2].length = &far },
		"offset wraps around":       func(hb *heicBuild) { hb.offSize, hb.items[2].offset = 8, &huge },
		"length wraps around":       func(hb *heicBuild) { hb.lenSize, hb.items[2].length = 8, &huge },
		"idat offset past its end":  func(hb *heicBuild) { hb.offSize, hb.items[1].offset = 8, &wrap },
		"idat missing":              func(hb *heicBuild) { hb.noIdat = true },
		"length zero (all of file)": func(hb *heicBuild) { zero := uint64(0); hb.items[2].length = &zero },
		"field size 3":              func(hb *heicBuild) { hb.offSize = 3 },
	} {
		hb := heicVariants()["iloc v1, Exif in idat"]
		hb.items = heicItems(true, 0)
		lie(&hb)
		orig, _ := hb.build()
		if out := Strip(orig); !bytes.Equal(out, orig) {
			t.Errorf("%s: Strip changed the file", name)
		}
	}
}
