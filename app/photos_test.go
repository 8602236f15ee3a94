package app

import (
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// testPicture is a small picture of one colour with a band across it, so
// that its orientation could be told.
func testPicture(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if y < h/5 {
				img.Set(x, y, color.RGBA{255, 255, 255, 255})
			} else {
				img.Set(x, y, c)
			}
		}
	}
	return img
}

// writePhoto writes a real PNG or JPEG (by the name's extension) into dir.
func writePhoto(t testing.TB, dir, name string, c color.RGBA) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	img := testPicture(320, 240, c)
	if strings.HasSuffix(name, ".png") {
		err = png.Encode(f, img)
	} else {
		err = jpeg.Encode(f, img, &jpeg.Options{Quality: 85})
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// heicBytes are the first bytes of a HEIC file: Kindred keeps it as it is
// and cannot draw it.
func heicBytes() []byte {
	b := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)
	return b
}

func fileURIs(paths ...string) []fyne.URI {
	out := make([]fyne.URI, len(paths))
	for i, p := range paths {
		out[i] = storage.NewFileURI(p)
	}
	return out
}

// mustAddPhotos keeps pictures in the journal, not yet with an evening.
func mustAddPhotos(t testing.TB, st *journal.Store, colors ...color.RGBA) []journal.Photo {
	t.Helper()
	dir := t.TempDir()
	var out []journal.Photo
	for i, c := range colors {
		p, err := st.AddPhotoFile(context.Background(), writePhoto(t, dir, "photo"+string(rune('a'+i))+".jpg", c))
		if err != nil {
			t.Fatalf("AddPhotoFile: %v (the photo store must be built: merge pstore)", err)
		}
		p.Print = true
		out = append(out, *p)
	}
	return out
}

var (
	red   = color.RGBA{200, 30, 30, 255}
	green = color.RGBA{30, 160, 60, 255}
	blue  = color.RGBA{30, 60, 200, 255}
)

// Photos added the way the button and a drop add them show as tiles, other
// files are named and left out, and saving keeps them with the evening in
// order with their captions; editing the evening shows them again.
func TestComposerAddsPhotosAndSavesThemWithTheEvening(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()
	s, c := m.Reflect, m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	c.Text.SetText("Dumplings at the market.")

	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("not a photo"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.AddPhotoURIs(fileURIs(writePhoto(t, dir, "dumplings.jpg", red), notes, writePhoto(t, dir, "summit.png", green)))
	if len(c.Photos) != 2 {
		t.Fatalf("%d photos in the composer, want 2 (status %q)", len(c.Photos), c.PhotoStatus.Text)
	}
	if !strings.Contains(c.PhotoStatus.Text, "notes.txt") || c.PhotoStatus.Hidden {
		t.Errorf("status %q: want the text file named as not added", c.PhotoStatus.Text)
	}
	if !c.PhotoProgress.Hidden {
		t.Error("the progress bar still shows after adding")
	}
	for i, tile := range c.Photos {
		if tile.Image.Image == nil || tile.Image.Hidden {
			t.Errorf("photo %d (%s) shows no thumbnail", i, tile.Photo.Name)
		}
		if !tile.Print.Checked {
			t.Errorf("photo %d: Print in letter is off, want on by default", i)
		}
	}
	c.Photos[0].Caption.SetText("The dumplings")
	c.Photos[1].Print.SetChecked(false)
	if !s.Save() {
		t.Fatalf("not saved: %q", c.FormError.Text)
	}
	rs := reflections(t, st)
	if len(rs) != 1 {
		t.Fatalf("%d reflections, want 1", len(rs))
	}
	got := rs[0].Photos
	if len(got) != 2 || got[0].Name != "dumplings.jpg" || got[1].Name != "summit.png" {
		t.Fatalf("saved photos %+v, want dumplings.jpg then summit.png", got)
	}
	if got[0].Caption != "The dumplings" || !got[0].Print || got[1].Print {
		t.Errorf("saved %q print %v, %v; want the caption, printed, and the second not", got[0].Caption, got[0].Print, got[1].Print)
	}
	if len(c.Photos) != 0 {
		t.Error("the fresh composer after saving still shows photos")
	}

	m.EditReflection(rs[0].ID)
	if len(c.Photos) != 2 || c.Photos[0].Caption.Text != "The dumplings" || c.Photos[1].Print.Checked {
		t.Fatalf("editing shows %d photos; want both, as saved", len(c.Photos))
	}
	if c.Photos[0].Image.Image == nil {
		t.Error("editing: the first photo shows no thumbnail")
	}
}

// A photo taken out comes back with Undo; a drop where no evening is being
// written says where photos go and adds nothing.
func TestRemovingAPhotoUndoesAndDropsElsewhereExplain(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()
	s, c := m.Reflect, m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	dir := t.TempDir()
	m.dropped(fyne.NewPos(10, 10), fileURIs(writePhoto(t, dir, "a.jpg", red), writePhoto(t, dir, "b.jpg", blue)))
	if len(c.Photos) != 2 {
		t.Fatalf("a drop on the composer added %d photos, want 2", len(c.Photos))
	}
	first := c.Photos[0].Photo.ID
	test.Tap(c.Photos[0].Remove)
	if len(c.Photos) != 1 || s.NoticeAction.Text != "Undo" {
		t.Fatalf("after Remove: %d photos, notice action %q; want 1 and Undo", len(c.Photos), s.NoticeAction.Text)
	}
	test.Tap(s.NoticeAction)
	if len(c.Photos) != 2 || c.Photos[0].Photo.ID != first {
		t.Fatalf("after Undo: %d photos, want the removed one back first", len(c.Photos))
	}

	m.showTab(1)
	m.dropped(fyne.NewPos(10, 10), fileURIs(writePhoto(t, dir, "c.jpg", green)))
	if len(c.Photos) != 2 {
		t.Errorf("a drop on the timeline added a photo: %d", len(c.Photos))
	}
	if len(m.dialogs) == 0 {
		t.Error("a drop on the timeline said nothing")
	}
}

// The draft keeps the photos and their captions: a window opened again on
// the journal shows them as they were left.
func TestDraftKeepsPhotos(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	m.Reflect.AddPhotoFiles([]string{writePhoto(t, t.TempDir(), "summit.jpg", green)})
	c.Photos[0].Caption.SetText("At the top")
	c.Photos[0].Print.SetChecked(false)
	if err := m.Reflect.SaveDraftNow(); err != nil {
		t.Fatal(err)
	}
	m.Window.Close()

	m2 := newWindow(t, st)
	c2 := m2.Reflect.Composer
	if len(c2.Photos) != 1 {
		t.Fatalf("the restored draft has %d photos, want 1", len(c2.Photos))
	}
	p := c2.Photos[0]
	if p.Caption.Text != "At the top" || p.Print.Checked || p.Photo.Name != "summit.jpg" {
		t.Errorf("restored %q %q print %v; want the caption, the name, not printed", p.Photo.Name, p.Caption.Text, p.Print.Checked)
	}
	if p.Image.Image == nil {
		t.Error("the restored photo shows no thumbnail")
	}
	if !m2.Reflect.Save() {
		t.Fatalf("the restored draft did not save: %q", c2.FormError.Text)
	}
	if rs := reflections(t, st); len(rs) != 1 || len(rs[0].Photos) != 1 || rs[0].Photos[0].Caption != "At the top" {
		t.Errorf("saved from the draft: %+v", rs)
	}
}

// A HEIC photo, which Kindred keeps but cannot draw, shows a placeholder
// with its name.
func TestHEICShowsAPlaceholder(t *testing.T) {
	st := openJournal(t)
	m := newWindow(t, st)
	path := filepath.Join(t.TempDir(), "IMG_0001.HEIC")
	if err := os.WriteFile(path, heicBytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	m.Reflect.AddPhotoURIs(fileURIs(path))
	c := m.Reflect.Composer
	if len(c.Photos) != 1 {
		t.Fatalf("%d photos, want the HEIC kept (status %q)", len(c.Photos), c.PhotoStatus.Text)
	}
	p := c.Photos[0]
	if p.Photo.Viewable() || p.Image.Image != nil {
		t.Error("the HEIC photo claims a picture")
	}
	if !strings.Contains(p.Note.Text, "HEIC photo — kept, can't be shown here") || p.Note.Hidden || p.Name.Text != "IMG_0001.HEIC" {
		t.Errorf("placeholder %q, name %q", p.Note.Text, p.Name.Text)
	}
}

// photoEvenings saves n evenings with Ana, a day apart from start; those
// whose index with is true get a photo (a different colour each).
func photoEvenings(t testing.TB, st *journal.Store, personID string, n int, with func(i int) bool) []*journal.Reflection {
	t.Helper()
	var out []*journal.Reflection
	start := time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC)
	for i := range n {
		r := &journal.Reflection{At: start.AddDate(0, 0, i), Text: "Evening " + string(rune('A'+i%26)),
			Encounters: []journal.Encounter{{PersonID: personID, Closeness: 4}}}
		if with(i) {
			r.Photos = mustAddPhotos(t, st, color.RGBA{uint8(i * 7), 100, 150, 255})
		}
		if err := st.SaveReflection(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// Timeline rows show at once without their photos; the loader then reads
// the thumbnails and the rows of evenings with photos show one. Coming back
// to the person shows them from memory, with nothing left to read.
func TestTimelineRowsShowThumbnailsLazily(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	ben := journaltest.MustAddPerson(t, st, "Ben Okafor")
	photoEvenings(t, st, ana.ID, 8, func(i int) bool { return i%2 == 0 })
	photoEvenings(t, st, ben.ID, 1, func(int) bool { return false })
	m, jobs := tlWindow(t, st)
	thumbJobs := &tlJobs{}
	m.Timeline.thumbs.run = thumbJobs.run
	m.SelectPerson(ana.ID)
	jobs.drain()
	// rows counts the rows on screen that show a photo, and those that
	// should: evenings A, C, E and G have one.
	rows := func() (with, want, shown int) {
		for _, v := range visibleItems(m.Timeline) {
			if v.isHeading {
				continue
			}
			shown++
			if v.thumb.Image != nil && v.thumb.Visible() {
				with++
			}
			if i := strings.TrimPrefix(v.excerpt.Text, "Evening "); len(i) == 1 && (i[0]-'A')%2 == 0 {
				want++
			}
		}
		return with, want, shown
	}
	if with, _, shown := rows(); with != 0 || shown < 3 {
		t.Fatalf("before the loader: %d of %d rows show a photo; want none", with, shown)
	}
	if n := thumbJobs.drain(); n != 1 {
		t.Fatalf("the first page asked %d loads of thumbnails, want 1", n)
	}
	if with, want, shown := rows(); with != want || want == 0 {
		t.Fatalf("after the loader: %d of %d rows show a photo; want %d", with, shown, want)
	}
	m.SelectPerson(ben.ID)
	jobs.drain()
	thumbJobs.drain()
	m.SelectPerson(ana.ID)
	jobs.drain()
	if with, want, _ := rows(); with != want || len(thumbJobs.queue) != 0 {
		t.Errorf("coming back: %d rows with a photo and %d loads queued; want %d from memory and none", with, len(thumbJobs.queue), want)
	}
}

// Search results show the evening's photo too.
func TestSearchResultsShowThumbnails(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	photoEvenings(t, st, ana.ID, 3, func(i int) bool { return i == 1 })
	m, jobs := tlWindow(t, st)
	m.Search.Focus()
	m.Search.Search("evening")
	jobs.drain()
	if len(m.Search.hits) != 3 {
		t.Fatalf("%d results, want 3", len(m.Search.hits))
	}
	with := 0
	for _, o := range test.LaidOutObjects(m.Search.List) {
		if v, ok := o.(*searchHitView); ok && v.Visible() && v.Thumb.Image != nil && v.Thumb.Visible() {
			with++
		}
	}
	if with != 1 {
		t.Errorf("%d results show a photo, want 1", with)
	}
}

// The reading view shows the evening's photos one at a time, large, with
// the caption and where it is; buttons, Left/Right and [ ] step through
// them, and J/K still travel between evenings.
func TestReadingViewStepsThroughPhotos(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	older := &journal.Reflection{At: time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC), Text: "Before.",
		Encounters: []journal.Encounter{{PersonID: ana.ID}}}
	if err := st.SaveReflection(context.Background(), older); err != nil {
		t.Fatal(err)
	}
	ps := mustAddPhotos(t, st, red, green)
	heic, err := st.AddPhoto(context.Background(), "IMG_2.HEIC", heicBytes())
	if err != nil {
		t.Fatal(err)
	}
	ps = append(ps, *heic)
	ps[0].Caption = "The dumplings"
	r := &journal.Reflection{At: time.Date(2026, 3, 8, 20, 0, 0, 0, time.UTC), Text: "Dumplings.",
		Encounters: []journal.Encounter{{PersonID: ana.ID}}, Photos: ps}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	m.Window.Resize(fyne.NewSize(1100, 720))
	m.Window.Show()
	m.OpenReflection(r.ID)
	settle(m)
	p := m.Reading.Photos
	if !p.box.Visible() || p.Image.Image == nil || p.Place.Text != "Photo 1 of 3" || p.Caption.Text != "The dumplings" {
		t.Fatalf("first photo: shown %v, image %v, %q, %q", p.box.Visible(), p.Image.Image != nil, p.Place.Text, p.Caption.Text)
	}
	if b := p.Image.Image.Bounds(); b.Dx() != 320 {
		t.Errorf("the reading view shows a %dpx copy, want the display copy (320px here)", b.Dx())
	}
	if h := p.Image.Size().Height; h < readingPhotoHeight {
		t.Errorf("the photo is %v high, want at least %v", h, readingPhotoHeight)
	}
	if !p.Previous.Disabled() || p.Next.Disabled() {
		t.Error("on the first photo: want Previous off and Next on")
	}
	pressKey(m, fyne.KeyRight)
	if p.Place.Text != "Photo 2 of 3" || !p.Caption.Hidden {
		t.Errorf("Right: %q, caption %q", p.Place.Text, p.Caption.Text)
	}
	typeText(m, "]")
	if p.Place.Text != "Photo 3 of 3" || p.Image.Image != nil || !strings.Contains(p.Note.Text, "HEIC photo — kept") || !strings.Contains(p.Note.Text, "IMG_2.HEIC") {
		t.Errorf("]: %q, note %q; want the HEIC placeholder with its name", p.Place.Text, p.Note.Text)
	}
	pressKey(m, fyne.KeyRight) // the last: stays
	typeText(m, "[")
	pressKey(m, fyne.KeyLeft)
	if p.Place.Text != "Photo 1 of 3" {
		t.Errorf("[ then Left: %q, want the first", p.Place.Text)
	}
	test.Tap(p.Next)
	if p.Place.Text != "Photo 2 of 3" {
		t.Errorf("Next photo: %q", p.Place.Text)
	}
	m.Window.Canvas().Focus(m.Reading)
	typeText(m, "k")
	if m.Reading.Reflection.ID != older.ID || p.box.Visible() {
		t.Errorf("K: showing %s with photos %v; want the older evening, which has none", m.Reading.Reflection.ID, p.box.Visible())
	}
}

// The Remember card shows the photo of the evening it remembers.
func TestRememberCardShowsTheEveningsPhoto(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	r := &journal.Reflection{At: testNow.AddDate(-1, 0, 0), Text: "A year ago.",
		Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5}}, Photos: mustAddPhotos(t, st, blue)}
	if err := st.SaveReflection(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	card := m.Reflect.Remember
	if len(card.Memories) == 0 {
		t.Fatal("the card remembers nothing")
	}
	if len(card.Photos) != 1 || card.Photos[0].Image == nil {
		t.Errorf("the card shows %d photos, want the evening's", len(card.Photos))
	}
}

// Every new control is reached with Tab, and Ctrl+Shift+P shows the
// composer from anywhere.
func TestPhotoControlsAreReachedByKeyboard(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()
	c := m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	m.Reflect.AddPhotoFiles([]string{writePhoto(t, t.TempDir(), "a.jpg", red)})
	settle(m)
	tile := c.Photos[0]
	want := map[fyne.Focusable]string{tile.Caption: "caption", tile.Print: "print", tile.Remove: "remove", c.AddPhotos: "Add photos…"}
	cv := m.Window.Canvas()
	cv.Focus(c.Text)
	for range 40 {
		cv.FocusNext()
		delete(want, cv.Focused())
	}
	for _, name := range want {
		t.Errorf("Tab from the text never reached the %s", name)
	}
	if _, ok := m.keys[addPhotosKey.ShortcutName()]; !ok {
		t.Error("Ctrl+Shift+P is not one of the window's keys")
	}
	m.showTab(2)
	m.AddPhotos()
	if m.Tabs.SelectedIndex() != 0 {
		t.Error("Ctrl+Shift+P did not show the composer")
	}
}

// The cache of decoded photos keeps a bounded number, the least recently
// used going first.
func TestPhotoCacheIsBounded(t *testing.T) {
	c := newPhotoCache(3)
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	for _, id := range []string{"a", "b", "c"} {
		c.put(id, img)
	}
	c.get("a")
	c.put("d", img)
	if c.len() != 3 || c.get("b") != nil || c.get("a") == nil || c.get("d") == nil {
		t.Errorf("after a fourth: %d kept, b %v; want 3, b gone", c.len(), c.get("b") != nil)
	}
}

// In a sealed journal the composer's photos are kept, saved with the
// evening and shown on its timeline row and in the reading view, all from
// memory: the window writes no copy of them anywhere.
func TestSealedJournalPhotosThroughTheWindow(t *testing.T) {
	dir := t.TempDir()
	st, _ := journaltest.MustSeal(t, filepath.Join(dir, "journal.db"))
	st.Now = func() time.Time { return testNow }
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	before := dirFiles(t, dir)
	m := newWindow(t, st)
	m.Window.Show()
	c := m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	m.Reflect.AddPhotoFiles([]string{writePhoto(t, t.TempDir(), "private.jpg", red)})
	if len(c.Photos) != 1 || c.Photos[0].Image.Image == nil {
		t.Fatalf("%d photos in the composer of a sealed journal (status %q)", len(c.Photos), c.PhotoStatus.Text)
	}
	if !m.Reflect.Save() {
		t.Fatalf("not saved: %q", c.FormError.Text)
	}
	rs := reflections(t, st)
	if len(rs) != 1 || len(rs[0].Photos) != 1 {
		t.Fatalf("saved %+v", rs)
	}
	m.SelectPerson(ana.ID)
	settle(m)
	rows := visibleItems(m.Timeline)
	if len(rows) < 2 || rows[1].thumb.Image == nil {
		t.Error("the timeline row shows no photo")
	}
	m.OpenReflection(rs[0].ID)
	if m.Reading.Photos.Image.Image == nil {
		t.Error("the reading view shows no photo")
	}
	for _, f := range dirFiles(t, dir) {
		if !slices.Contains(before, f) && !strings.HasPrefix(f, "journal.db") {
			t.Errorf("a new file beside the sealed journal: %s", f)
		}
	}
}

// dirFiles lists the files under dir, relative to it.
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
