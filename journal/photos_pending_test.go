package journal_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// addPendingAt keeps a photo not yet saved with an evening, as added at at.
func addPendingAt(t *testing.T, s *journal.Store, at time.Time, name string, seed byte) *journal.Photo {
	t.Helper()
	s.Now = func() time.Time { return at }
	defer func() { s.Now = time.Now }()
	p, err := s.AddPhoto(context.Background(), name, journaltest.JPEG(t, 64, 48, seed))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// draftNaming is a draft body as the composer writes it, naming photos.
func draftNaming(ids ...string) string {
	body := `{"v":1,"text":"Up the hill.","photos":[`
	for i, id := range ids {
		if i > 0 {
			body += ","
		}
		body += fmt.Sprintf(`{"id":%q,"caption":"x"}`, id)
	}
	return body + `]}`
}

// Pending photos older than 30 days go when the journal opens, but not one
// a draft still names: restoring that draft later saves with its photo. A
// draft that is not JSON keeps nothing and breaks nothing.
func TestStalePendingPhotosKeepThoseADraftNames(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().AddDate(0, 0, -40)
	drafted := addPendingAt(t, s, old, "drafted.jpg", 1)
	forgotten := addPendingAt(t, s, old, "forgotten.jpg", 2)
	recent := addPendingAt(t, s, time.Now().AddDate(0, 0, -2), "recent.jpg", 3)
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d1", Body: draftNaming(drafted.ID)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d2", Body: "not json " + forgotten.ID}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []*journal.Photo{drafted, recent} {
		if _, err := s.Photo(ctx, p.ID); err != nil {
			t.Errorf("%s was dropped at open: %v", p.Name, err)
		}
	}
	if _, err := s.Photo(ctx, forgotten.ID); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Errorf("%s, pending 40 days in no draft: %v; want it dropped", forgotten.Name, err)
	}
	photoEvening(t, s, *drafted)
	if _, err := s.PhotoData(ctx, drafted.ID, journal.PhotoOriginal); err != nil {
		t.Errorf("the drafted photo saved with its evening cannot be read: %v", err)
	}
}

// A sealed journal whose only stale photo is named by a draft writes
// nothing when it opens: its file does not grow at every unlock.
func TestSealedOpenKeepsADraftedPhotoWithoutWriting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	p := addPendingAt(t, s, time.Now().AddDate(0, 0, -40), "drafted.jpg", 4)
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d1", Body: draftNaming(p.ID)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	s = mustOpenSealed(t, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if _, err := s.Photo(ctx, p.ID); err != nil {
		t.Fatalf("the drafted photo was dropped at unlock: %v", err)
	}
	s.Close()
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size() != before.Size() {
		t.Errorf("unlocking wrote %d bytes to the sealed file with nothing to drop", after.Size()-before.Size())
	}
}
