package sync

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func (c *computer) photoSum(t *testing.T, id string) [32]byte {
	t.Helper()
	data, err := c.s.PhotoData(context.Background(), id, journal.PhotoOriginal)
	if err != nil {
		t.Fatalf("%s: photo %s: %v", c.name, id, err)
	}
	return sha256.Sum256(data)
}

func (c *computer) device(t *testing.T) string {
	st, err := c.e.state(context.Background())
	if err != nil || st == nil {
		t.Fatal(err)
	}
	return st.Device
}

func blobFiles(t *testing.T, c *computer) []string {
	t.Helper()
	list, _ := filepath.Glob(filepath.Join(c.dir, "kindred-sync", c.device(t), "b-*.kso"))
	return list
}

func TestPhotosTravelWithTheirEvening(t *testing.T) {
	ctx := context.Background()
	a, b, ana := pair(t)
	b2 := newSealedComputer(t, "study") // a sealed third joins later
	b2.dir = a.dir
	jpeg := journaltest.JPEG(t, 640, 480, 3)
	want := sha256.Sum256(jpeg)
	p, err := a.s.AddPhoto(ctx, "beach.jpg", jpeg)
	if err != nil {
		t.Fatal(err)
	}
	r := &journal.Reflection{At: time.Date(2024, 7, 1, 20, 0, 0, 0, time.UTC), Text: "the beach", Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5}},
		Photos: []journal.Photo{{ID: p.ID, Caption: "low tide", Print: true}}}
	if err := a.s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}

	// The photo file is held back: the evening waits for it.
	a.round(t)
	blobs := blobFiles(t, a)
	if len(blobs) != 1 {
		t.Fatalf("%d photo files, want 1", len(blobs))
	}
	hidden := blobs[0] + ".late"
	os.Rename(blobs[0], hidden)
	if rep := b.round(t); rep.WaitingPhotos == 0 {
		t.Errorf("the desktop did not wait for the photo: %+v", rep)
	}
	if _, err := b.s.Reflection(ctx, r.ID); err == nil {
		t.Fatal("the evening arrived before its photo")
	}
	half, _ := os.ReadFile(hidden)
	os.WriteFile(blobs[0], half[:len(half)/2], 0o600) // half copied
	b.round(t)
	if _, err := b.s.Reflection(ctx, r.ID); err == nil {
		t.Fatal("the evening arrived with half its photo")
	}
	os.Rename(hidden, blobs[0])
	b.round(t)
	got, err := b.s.Reflection(ctx, r.ID)
	if err != nil || len(got.Photos) != 1 || got.Photos[0].Caption != "low tide" {
		t.Fatalf("desktop: %+v %v", got, err)
	}
	if b.photoSum(t, p.ID) != want {
		t.Fatal("the photo differs on the desktop")
	}
	if a.export(t) != b.export(t) {
		t.Fatal("the journals differ")
	}

	// A caption edited on the desktop comes back; snapshots follow (every
	// 5 files) and never send the bytes again.
	got.Photos[0].Caption = "low tide, windy"
	if err := b.s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		b.round(t)
		a.round(t)
		if i == 0 {
			if ps, _ := a.s.ReflectionPhotos(ctx, r.ID); len(ps) != 1 || ps[0].Caption != "low tide, windy" {
				t.Fatalf("caption on the laptop: %+v", ps)
			}
		}
		a.evening(t, ana.ID, "filler", time.Date(2024, 8, 1+i, 20, 0, 0, 0, time.UTC))
	}
	if n := len(blobFiles(t, a)); n != 1 {
		t.Errorf("the laptop has %d photo files after snapshots, want 1", n)
	}
	if n := len(blobFiles(t, b)); n != 0 {
		t.Errorf("the desktop wrote the laptop's photo again (%d files)", n)
	}
	// A new, sealed, computer joins from the snapshots and gets the photo.
	if _, err := b2.e.Join(ctx, b2.dir, a.pairing, SetupOptions{Name: "study"}, nil); err != nil {
		t.Fatal(err)
	}
	if b2.photoSum(t, p.ID) != want {
		t.Fatal("the photo differs on the computer that joined")
	}
	// The photo's file reveals nothing of the picture.
	raw, _ := os.ReadFile(blobs[0])
	if bytes.Contains(raw, jpeg[len(jpeg)/2:len(jpeg)/2+32]) || strings.Contains(string(raw), "beach") {
		t.Error("the photo file holds the picture in the clear")
	}

	// Removal syncs.
	got, _ = a.s.Reflection(ctx, r.ID)
	got.Photos = nil
	if err := a.s.SaveReflection(ctx, got); err != nil {
		t.Fatal(err)
	}
	a.round(t)
	b.round(t)
	b2.round(t)
	for _, x := range []*computer{b, b2} {
		if ps, _ := x.s.ReflectionPhotos(ctx, r.ID); len(ps) != 0 {
			t.Errorf("%s still shows the removed photo", x.name)
		}
	}
	if a.export(t) != b.export(t) || a.export(t) != b2.export(t) {
		t.Error("the journals differ")
	}
}

// A photo added on one computer while the other edits the same evening's
// text: both versions of the text are kept and the photo is not lost.
func TestPhotoAddedWhileTheTextIsEditedApart(t *testing.T) {
	ctx := context.Background()
	a, b, ana := pair(t)
	r := a.evening(t, ana.ID, "an evening", time.Date(2024, 7, 2, 20, 0, 0, 0, time.UTC))
	a.round(t)
	b.round(t)
	p, err := a.s.AddPhoto(ctx, "x.png", journaltest.PNG(t, 64, 48, 9))
	if err != nil {
		t.Fatal(err)
	}
	ra, _ := a.s.Reflection(ctx, r.ID)
	ra.Photos = []journal.Photo{{ID: p.ID, Print: true}}
	if err := a.s.SaveReflection(ctx, ra); err != nil {
		t.Fatal(err)
	}
	b.edit(t, r.ID, "an evening, edited on the desktop")
	for range 2 {
		a.round(t)
		b.round(t)
	}
	for _, x := range []*computer{a, b} {
		if ps, _ := x.s.ReflectionPhotos(ctx, r.ID); len(ps) != 1 {
			t.Errorf("%s: %d photos, want the one added apart", x.name, len(ps))
		}
		if cs, _ := x.e.ConflictFor(ctx, r.ID); len(cs) != 1 {
			t.Errorf("%s: %d other versions, want 1", x.name, len(cs))
		}
	}
	if a.export(t) != b.export(t) {
		t.Error("the journals differ")
	}
}
