package app

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/journal/journaltest"
)

// zipPhotoFiles reads the photos/ files of an export zip, by name.
func zipPhotoFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "photos/") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// hasMetadata reports whether b still carries ExifJPEG's camera or GPS block.
func hasMetadata(b []byte) bool {
	return bytes.Contains(b, []byte(journaltest.ExifCamera)) || bytes.Contains(b, []byte(journaltest.ExifGPSDatum))
}

// A photo's "Keep place and camera" is off by default, kept in the draft
// and saved with the evening; the window's JSON export then writes that
// photo byte for byte and strips the others, and its own check box (off by
// default, offered only when the journal has photos) keeps every one.
func TestKeepPlaceAndCameraThroughComposerAndExport(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()

	if _, keep := m.beforeJSONExport(); keep != nil {
		t.Error("a journal without photos is offered to keep photo metadata")
	}
	m.closeTopDialog()

	dir := t.TempDir()
	originals := map[string][]byte{}
	var paths []string
	for i, name := range []string{"summit.jpg", "market.jpg"} {
		b := journaltest.ExifJPEG(t, 96, 64, byte(40*i+1))
		if !hasMetadata(b) {
			t.Fatal("ExifJPEG carries no metadata")
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		originals[name] = b
		paths = append(paths, path)
	}
	s, c := m.Reflect, m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	c.Text.SetText("Up the hill, then dumplings.")
	s.AddPhotoFiles(paths)
	if len(c.Photos) != 2 {
		t.Fatalf("%d photos in the composer, want 2 (%q)", len(c.Photos), c.PhotoStatus.Text)
	}
	for _, tile := range c.Photos {
		if tile.Keep.Checked {
			t.Errorf("%s: Keep place and camera is on, want off by default", tile.Photo.Name)
		}
	}
	test.Tap(c.Photos[0].Keep)
	if err := s.SaveDraftNow(); err != nil {
		t.Fatal(err)
	}
	m.Window.Close()

	m = newWindow(t, st)
	m.Window.Show()
	s, c = m.Reflect, m.Reflect.Composer
	if len(c.Photos) != 2 || !c.Photos[0].Keep.Checked || c.Photos[1].Keep.Checked {
		t.Fatalf("the restored draft lost the choice: %d photos", len(c.Photos))
	}
	if !s.Save() {
		t.Fatalf("not saved: %q", c.FormError.Text)
	}
	rs := reflections(t, st)
	if len(rs) != 1 || len(rs[0].Photos) != 2 {
		t.Fatalf("saved %+v, want one evening with two photos", rs)
	}
	kept, stripped := rs[0].Photos[0], rs[0].Photos[1]
	if kept.Name != "summit.jpg" || !kept.KeepMetadata || stripped.KeepMetadata {
		t.Fatalf("saved %s keep %v, %s keep %v; want only summit.jpg kept", kept.Name, kept.KeepMetadata, stripped.Name, stripped.KeepMetadata)
	}

	m.OpenReflection(rs[0].ID)
	if place := m.Reading.Photos.Place.Text; !strings.Contains(place, "place and camera kept") {
		t.Errorf("the reading view says %q of a photo that keeps its metadata", place)
	}
	m.Reading.Photos.step(1)
	if place := m.Reading.Photos.Place.Text; strings.Contains(place, "kept") {
		t.Errorf("the reading view says %q of a photo stripped in exports", place)
	}
	m.closeReading()

	md, keep := m.beforeJSONExport()
	if keep == nil || keep.Checked || keep.Text != keepPhotoMetadataText {
		t.Fatalf("the export's note offers %v; want the choice, off", keep)
	}
	md.close()

	byDefault := t.TempDir()
	m.exportJSONInto(byDefault)
	files := zipPhotoFiles(t, filepath.Join(byDefault, "kindred-"+m.now().Format("2006-01-02")+".zip"))
	if got := files["photos/"+kept.ID+".jpg"]; !bytes.Equal(got, originals["summit.jpg"]) {
		t.Errorf("the photo marked to keep its place and camera: %d bytes in the zip, not the original's %d", len(got), len(originals["summit.jpg"]))
	}
	if got := files["photos/"+stripped.ID+".jpg"]; len(got) == 0 || hasMetadata(got) {
		t.Errorf("the photo not marked: %d bytes, metadata %v; want it there, stripped", len(got), hasMetadata(got))
	}

	all := t.TempDir()
	m.exportJSONKeeping(all, true)
	files = zipPhotoFiles(t, filepath.Join(all, "kindred-"+m.now().Format("2006-01-02")+".zip"))
	for _, p := range rs[0].Photos {
		if !bytes.Equal(files["photos/"+p.ID+".jpg"], originals[p.Name]) {
			t.Errorf("kept metadata for all: %s is not the original", p.Name)
		}
	}
}
