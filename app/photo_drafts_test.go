package app

import (
	"context"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// A draft naming a photo the journal no longer holds (a draft carried into
// a restored backup that never had the photo) comes back without that
// tile, says so, and saves with the rest; a photo let go while the
// composer is open is left out at Save with a word, not a refusal.
func TestDraftWithAMissingPhotoSavesWithoutIt(t *testing.T) {
	ctx := context.Background()
	first := openJournal(t)
	ana := journaltest.MustAddPerson(t, first, "Ana Lima")
	m := newWindow(t, first)
	c := m.Reflect.Composer
	c.AddPerson(*m.people.person(ana.ID))
	c.Text.SetText("Up the hill.")
	dir := t.TempDir()
	m.Reflect.AddPhotoFiles([]string{writePhoto(t, dir, "summit.jpg", green)})
	if err := m.Reflect.SaveDraftNow(); err != nil {
		t.Fatal(err)
	}
	drafts, err := first.Drafts(ctx)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts %v %v", drafts, err)
	}
	m.Window.Close()

	// The other journal knows Ana (the same person, as a backup does).
	other := openJournal(t)
	if err := other.Batch(ctx, func(b *journal.Batch) error { return b.AddPerson(&journal.Person{ID: ana.ID, Name: ana.Name}) }); err != nil {
		t.Fatal(err)
	}
	if err := other.SaveDraft(ctx, &drafts[0]); err != nil {
		t.Fatal(err)
	}
	m = newWindow(t, other)
	s, c := m.Reflect, m.Reflect.Composer
	if len(c.Photos) != 0 {
		t.Fatalf("the restored draft shows %d photos the journal does not hold", len(c.Photos))
	}
	if !strings.Contains(s.Notice.Text, `"summit.jpg"`) || !strings.Contains(s.Notice.Text, "no longer in the journal") {
		t.Errorf("notice %q: want the missing photo named", s.Notice.Text)
	}
	if c.Text.Text != "Up the hill." {
		t.Errorf("the words of the draft: %q", c.Text.Text)
	}

	// A photo that goes while the composer is open.
	s.AddPhotoFiles([]string{writePhoto(t, dir, "market.jpg", red), writePhoto(t, dir, "river.jpg", blue)})
	if len(c.Photos) != 2 {
		t.Fatalf("%d photos added, want 2", len(c.Photos))
	}
	gone := c.Photos[0].Photo.ID
	if _, err := other.DB().Exec("DELETE FROM photos WHERE id = ?", gone); err != nil {
		t.Fatal(err)
	}
	if !s.Save() {
		t.Fatalf("not saved: %q", c.FormError.Text)
	}
	if !strings.Contains(s.Notice.Text, "Saved") || !strings.Contains(s.Notice.Text, `"market.jpg"`) {
		t.Errorf("notice after saving %q: want saved, with market.jpg named as left out", s.Notice.Text)
	}
	rs := reflections(t, other)
	if len(rs) != 1 || len(rs[0].Photos) != 1 || rs[0].Photos[0].Name != "river.jpg" || rs[0].Text != "Up the hill." {
		t.Fatalf("saved %+v; want the words with river.jpg alone", rs)
	}
}
