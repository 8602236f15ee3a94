package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/exchange"
	"kindred/journal/journaltest"
)

var heicBytes = append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)

// photoJournal has two evenings with photos (a JPEG with EXIF, a HEIC, a
// JPEG whose metadata is kept) and one without.
func photoJournal(t *testing.T) (*journal.Store, []journal.Reflection) {
	t.Helper()
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return exportClock }
	ana := journaltest.MustAddPerson(t, s, "Ana")
	add := func(name string, data []byte, caption string, print, keep bool) journal.Photo {
		p, err := s.AddPhoto(ctx, name, data)
		if err != nil {
			t.Fatalf("add %s: %v", name, err)
		}
		p.Caption, p.Print, p.KeepMetadata = caption, print, keep
		return *p
	}
	refls := []journal.Reflection{
		{At: time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC), Text: "Dumplings.",
			Photos: []journal.Photo{
				add("dumplings.jpg", journaltest.ExifJPEG(t, 640, 480, 1), "The dumplings 🥟", true, false),
				add("IMG_0002.HEIC", heicBytes, "", false, false),
			}},
		{At: time.Date(2025, 6, 8, 20, 0, 0, 0, time.UTC), Text: "The summit.",
			Photos: []journal.Photo{add("summit.jpg", journaltest.ExifJPEG(t, 480, 640, 2), "Summit, 🏔️ keep the place", true, true)}},
		{At: time.Date(2025, 6, 9, 20, 0, 0, 0, time.UTC), Text: "No photo tonight."},
	}
	for i := range refls {
		refls[i].Encounters = []journal.Encounter{{PersonID: ana.ID, Closeness: 5}}
		if err := s.SaveReflection(ctx, &refls[i]); err != nil {
			t.Fatal(err)
		}
	}
	return s, refls
}

func zipFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the export is not a zip: %v", err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestJSONExportWithPhotosIsAZipThatImportsBack(t *testing.T) {
	ctx := context.Background()
	s, refls := photoJournal(t)
	dir := t.TempDir()
	out, err := exchange.ExportJSON(ctx, s, filepath.Join(dir, "kindred.json"), exchange.JSONExport{})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Zip || out.Photos != 3 || out.Path != filepath.Join(dir, "kindred.zip") {
		t.Fatalf("export: %+v, want a zip of 3 photos at kindred.zip", out)
	}
	files := zipFiles(t, out.Path)
	var doc struct {
		Format      string `json:"format"`
		Version     int    `json:"version"`
		Reflections []struct {
			ID     string `json:"id"`
			Photos []struct {
				ID, Caption, Format, Name, File, SHA256 string
				Position                                int
				KeepMetadata                            bool `json:"keep_metadata"`
				Print                                   bool
			} `json:"photos"`
		} `json:"reflections"`
	}
	if err := json.Unmarshal(files["journal.json"], &doc); err != nil {
		t.Fatalf("journal.json: %v", err)
	}
	if doc.Format != "kindred-journal" || doc.Version != 3 || len(doc.Reflections) != 3 {
		t.Fatalf("journal.json: %s v%d, %d reflections", doc.Format, doc.Version, len(doc.Reflections))
	}
	if len(files) != 4 {
		t.Errorf("the zip holds %d files, want journal.json and 3 photos", len(files))
	}
	for i, jr := range doc.Reflections {
		if len(jr.Photos) != len(refls[i].Photos) {
			t.Fatalf("reflection %d lists %d photos, want %d", i, len(jr.Photos), len(refls[i].Photos))
		}
		for j, jp := range jr.Photos {
			want := refls[i].Photos[j]
			data, ok := files[jp.File]
			if !ok || !strings.HasPrefix(jp.File, "photos/"+want.ID+".") {
				t.Fatalf("photo %s: file %q is not in the zip", want.ID, jp.File)
			}
			sum := sha256.Sum256(data)
			if jp.ID != want.ID || jp.Caption != want.Caption || jp.Position != j || jp.Print != want.Print ||
				jp.KeepMetadata != want.KeepMetadata || jp.Name != want.Name || jp.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("photo entry %+v does not describe %+v", jp, want)
			}
			export, err := s.PhotoData(ctx, want.ID, journal.PhotoExport)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, export) {
				t.Errorf("photo %s: the zip's file is not the photo's export copy", want.ID)
			}
		}
	}

	// Back into an empty journal: the same photos, ids, captions, order,
	// print choices and bytes.
	s2 := journaltest.MustOpen(t)
	s2.Now = func() time.Time { return exportClock }
	src, err := exchange.ReadFile(out.Path, exchange.ReadOptions{Now: importClock})
	if err != nil {
		t.Fatal(err)
	}
	if src.Format != exchange.FormatKindred || src.Photos() != 3 {
		t.Fatalf("read back: format %s, %d photos", src.Format, src.Photos())
	}
	sum, err := exchange.Import(ctx, s2, src, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added.Photos != 3 || sum.Added.Reflections != 3 || !strings.Contains(sum.String(), "3 photos") {
		t.Fatalf("summary: %+v\n%s", sum.Added, sum)
	}
	for i, r := range refls {
		got, err := s2.ReflectionPhotos(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(r.Photos) {
			t.Fatalf("evening %d came back with %d photos, want %d", i, len(got), len(r.Photos))
		}
		for j, p := range got {
			want := r.Photos[j]
			if p.ID != want.ID || p.Caption != want.Caption || p.Position != j || p.Print != want.Print ||
				p.KeepMetadata != want.KeepMetadata || p.Format != want.Format || p.Name != want.Name {
				t.Errorf("imported photo %+v, want %+v", p, want)
			}
			data, err := s2.PhotoData(ctx, p.ID, journal.PhotoOriginal)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, files[doc.Reflections[i].Photos[j].File]) {
				t.Errorf("photo %s: the imported bytes differ from the exported ones", p.ID)
			}
		}
	}
	// Again: nothing new, nothing doubled.
	sum, err = exchange.Import(ctx, s2, src, exchange.ImportOptions{})
	if err != nil || sum.Added.Photos != 0 || sum.Present.Reflections != 3 {
		t.Fatalf("second import: %v %+v", err, sum)
	}
}

func TestJSONExportKeepPhotoMetadataWritesOriginals(t *testing.T) {
	ctx := context.Background()
	s, refls := photoJournal(t)
	out, err := exchange.ExportJSON(ctx, s, filepath.Join(t.TempDir(), "all.zip"), exchange.JSONExport{KeepMetadata: true})
	if err != nil {
		t.Fatal(err)
	}
	files := zipFiles(t, out.Path)
	for _, r := range refls {
		for _, p := range r.Photos {
			orig, err := s.PhotoData(ctx, p.ID, journal.PhotoOriginal)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for name, data := range files {
				if strings.HasPrefix(name, "photos/"+p.ID+".") {
					found = bytes.Equal(data, orig)
				}
			}
			if !found {
				t.Errorf("photo %s: the zip does not hold the original", p.ID)
			}
		}
	}
}

func TestJSONExportWithoutPhotosStaysPlainJSON(t *testing.T) {
	ctx := context.Background()
	s := richJournal(t)
	path := filepath.Join(t.TempDir(), "plain.json")
	out, err := exchange.ExportJSON(ctx, s, path, exchange.JSONExport{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Zip || out.Path != path {
		t.Fatalf("a journal without photos: %+v, want plain JSON at %s", out, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.WriteJSON(ctx, s, &buf, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, buf.Bytes()) || !bytes.Contains(data, []byte(`"version": 2,`)) {
		t.Fatal("the plain export is not what WriteJSON writes, version 2, as before photos")
	}
	// Asked for a zip, it writes one, photos or not.
	out, err = exchange.ExportJSON(ctx, s, filepath.Join(t.TempDir(), "asked.zip"), exchange.JSONExport{})
	if err != nil || !out.Zip {
		t.Fatalf("export to .zip: %+v %v", out, err)
	}
	if files := zipFiles(t, out.Path); len(files) != 1 || files["journal.json"] == nil {
		t.Fatalf("zip of a journal without photos holds %d files", len(files))
	}
}

func TestPlainJSONOfAJournalWithPhotosIsRefused(t *testing.T) {
	s, _ := photoJournal(t)
	var buf bytes.Buffer
	err := exchange.WriteJSON(context.Background(), s, &buf, nil)
	if err == nil || !strings.Contains(err.Error(), "zip") {
		t.Fatalf("plain JSON of a journal with photos: %v, want a refusal naming the zip", err)
	}
}

// rewriteZip copies the files of src into a new zip at dst, changed by edit
// (nil drops a file).
func rewriteZip(t *testing.T, src, dst string, edit func(name string, data []byte) []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range zipFiles(t, src) {
		if data = edit(name, data); data == nil {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBrokenPhotoZipImportsNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := photoJournal(t)
	dir := t.TempDir()
	out, err := exchange.ExportJSON(ctx, s, filepath.Join(dir, "good.zip"), exchange.JSONExport{})
	if err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.zip")
	rewriteZip(t, out.Path, missing, func(name string, data []byte) []byte {
		if strings.HasSuffix(name, ".heic") {
			return nil
		}
		return data
	})
	if _, err := exchange.ReadFile(missing, exchange.ReadOptions{Now: importClock}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("a zip without one of its photos: %v, want an error naming the file", err)
	}
	changed := filepath.Join(dir, "changed.zip")
	rewriteZip(t, out.Path, changed, func(name string, data []byte) []byte {
		if strings.HasSuffix(name, ".heic") {
			return append(append([]byte{}, data...), 0)
		}
		return data
	})
	truncated := filepath.Join(dir, "truncated.zip")
	whole, _ := os.ReadFile(out.Path)
	os.WriteFile(truncated, whole[:len(whole)/2], 0o600)
	if _, err := exchange.ReadFile(truncated, exchange.ReadOptions{Now: importClock}); err == nil || !strings.Contains(err.Error(), "zip") {
		t.Errorf("a truncated zip: %v, want an error saying the zip cannot be read", err)
	}

	s2 := journaltest.MustOpen(t)
	src, err := exchange.ReadFile(changed, exchange.ReadOptions{Now: importClock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Import(ctx, s2, src, exchange.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("a photo changed in the zip: %v, want an error naming its checksum", err)
	}
	if st, _ := s2.Stats(ctx); st.Reflections != 0 || st.People != 0 {
		t.Fatalf("a refused import wrote %+v", st)
	}
}

// dayOneZip builds a Day One export: Journal.json whose entries list
// photos by identifier and md5, and photos/<md5>.jpeg.
func dayOneZip(t *testing.T, photos [][]byte, missing int) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var list []map[string]any
	text := "Dinner with @Marta."
	for i, data := range photos {
		sum := md5.Sum(data)
		id := fmt.Sprintf("A%031X", i)
		// The text shows them in the other order than the list.
		text = fmt.Sprintf("![](dayone-moment://%s)\n\n", id) + text
		list = append(list, map[string]any{"identifier": id, "md5": hex.EncodeToString(sum[:]), "type": "jpeg", "orderInEntry": i})
		if i == missing {
			continue
		}
		w, _ := zw.Create("photos/" + hex.EncodeToString(sum[:]) + ".jpeg")
		w.Write(data)
	}
	entries := []map[string]any{
		{"uuid": "0F5B6C2E1D2A4F7B9C3E5D6A7B8C9D0E", "creationDate": "2025-05-01T19:30:00Z", "timeZone": "Europe/Berlin",
			"text": text, "tags": []string{"Marta"}, "photos": list, "videos": []map[string]any{{"identifier": "V1"}}},
		{"uuid": "1F5B6C2E1D2A4F7B9C3E5D6A7B8C9D0E", "creationDate": "2025-05-02T19:30:00Z", "timeZone": "Europe/Berlin",
			"text": "No photos, @Marta.", "tags": []string{"Marta"}},
	}
	doc, _ := json.Marshal(map[string]any{"metadata": map[string]any{"version": "1.0"}, "entries": entries})
	w, _ := zw.Create("Journal.json")
	w.Write(doc)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dayone.zip")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDayOneZipPhotosComeInWithTheirEntries(t *testing.T) {
	ctx := context.Background()
	photos := [][]byte{journaltest.ExifJPEG(t, 320, 240, 1), journaltest.ExifJPEG(t, 240, 320, 2), journaltest.ExifJPEG(t, 200, 200, 3)}
	src, err := exchange.ReadFile(dayOneZip(t, photos, 2), exchange.ReadOptions{Now: importClock})
	if err != nil {
		t.Fatal(err)
	}
	if src.Format != exchange.FormatDayOne || src.Photos() != 2 {
		t.Fatalf("read: %s, %d photos to import, want dayone and 2", src.Format, src.Photos())
	}
	if src.Media != (exchange.Media{Photos: 2}) {
		t.Errorf("left out: %+v, want the missing photo and the video", src.Media)
	}
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return importClock }
	marta := journaltest.MustAddPerson(t, s, "Marta")
	kinds, _ := s.Kinds(ctx)
	people, _ := s.People(ctx, true)
	m := exchange.DefaultMapping(src.Names(kinds, people))
	sum, err := exchange.Import(ctx, s, src, exchange.ImportOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	words := sum.String()
	if sum.Added.Photos != 2 || !strings.Contains(words, "2 photos") || !strings.Contains(words, "2 photos and videos") {
		t.Fatalf("summary: %+v\n%s", sum.Added, words)
	}
	if strings.Contains(words, "does not keep photos") {
		t.Errorf("the summary still says photos are not kept:\n%s", words)
	}
	all, err := s.TimelineAll(ctx, journal.TimelineQuery{PersonID: marta.ID})
	if err != nil || len(all) != 2 {
		t.Fatalf("timeline: %v, %d evenings", err, len(all))
	}
	r := all[0]
	if r.At.After(all[1].At) {
		r = all[1]
	}
	if strings.Contains(r.Text, "dayone-moment") {
		t.Errorf("the text keeps Day One's photo links: %q", r.Text)
	}
	got, err := s.ReflectionPhotos(ctx, r.ID)
	if err != nil || len(got) != 2 {
		t.Fatalf("the evening has %d photos (%v), want 2", len(got), err)
	}
	// In the text's order: the second photo's link comes first.
	for j, want := range [][]byte{photos[1], photos[0]} {
		data, err := s.PhotoData(ctx, got[j].ID, journal.PhotoOriginal)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want) {
			t.Errorf("photo %d is not the file the text shows there", j)
		}
	}
}
