package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestCheckSealedJournalWithPhotos: check passes on a sealed journal with
// photos, and with a pack of its photos folder gone names each evening
// that lost a photo, and the photo.
func TestCheckSealedJournalWithPhotos(t *testing.T) {
	t.Setenv("KINDRED_PASSPHRASE", journaltest.Passphrase)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, _ := journaltest.MustSeal(t, path)
	p := journaltest.MustAddPerson(t, s, "Pat")
	for i, name := range []string{"summit.jpg", "dumplings.jpg"} {
		ph, err := s.AddPhoto(ctx, name, journaltest.JPEG(t, 300, 200, byte(i+1)))
		if err != nil {
			t.Fatal(err)
		}
		r := &journal.Reflection{At: time.Date(2025, 5, 4+i, 20, 0, 0, 0, time.UTC), Text: "evening " + name,
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4}}, Photos: []journal.Photo{*ph}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	if out, errOut, code := kindred(t, "--journal", path, "check"); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check of a sound sealed journal with photos: exit %d %q %q", code, out, errOut)
	}
	packs, err := filepath.Glob(filepath.Join(journal.PhotosDir(path), "pack-*"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("packs %v %v, want one", packs, err)
	}
	if err := os.Remove(packs[0]); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := kindred(t, "--journal", path, "check")
	if code == 0 {
		t.Fatalf("check without the pack: exit 0 %q", out)
	}
	all := out + errOut
	for _, want := range []string{`"summit.jpg" of the evening of Sunday 4 May 2025`, `"dumplings.jpg" of the evening of Monday 5 May 2025`} {
		if !strings.Contains(all, want) {
			t.Errorf("check without the pack does not say %s:\n%s", want, all)
		}
	}
}
