package journal_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kindred/journal"
)

// TestJournalCrashedInItsFirstSessionOpens copies a new journal's files
// while it is still open, as a kill -9 leaves them: the draft and the
// schema are only in the -wal, and the file's own header is not yet the
// journal's. Diagnose, Check and Open must all find it sound, with the draft.
func TestJournalCrashedInItsFirstSessionOpens(t *testing.T) {
	ctx := context.Background()
	live := filepath.Join(t.TempDir(), "j.db")
	s, err := journal.Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveDraft(ctx, &journal.Draft{ID: "d1", Body: "the first evening"}); err != nil {
		t.Fatal(err)
	}
	crashed := filepath.Join(t.TempDir(), "j.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		body, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(crashed+suffix, body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if info, err := os.Stat(crashed + "-wal"); err != nil || info.Size() == 0 {
		t.Fatalf("the copy has no -wal to apply (%v): the test no longer reproduces a crash", err)
	}

	if err := journal.Diagnose(ctx, crashed); err != nil {
		t.Fatalf("Diagnose: %v", err)
	}
	problems, err := journal.Check(ctx, crashed)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Check: %v %v", problems, err)
	}
	again, err := journal.Open(ctx, crashed)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer again.Close()
	drafts, err := again.Drafts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].Body != "the first evening" {
		t.Fatalf("drafts after the crash: got %+v, want the first evening", drafts)
	}
}
