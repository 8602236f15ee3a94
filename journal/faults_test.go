package journal_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// The fault tests make the disk full and the folder read-only for real. A
// full disk needs a small file system: the test re-runs itself in a user and
// mount namespace (no root needed where unprivileged user namespaces are
// allowed) and mounts an 8 MB tmpfs there. A read-only journal needs
// permissions that bind the process: as an ordinary user the test chmods in
// place; as root, which permissions do not bind, it re-runs itself as an
// unprivileged user inside a user namespace. Where namespaces are not
// allowed those two are skipped, and TestSaveWhenTheJournalIsFull still
// fills a journal up to SQLite's max_page_count.

const faultEnv = "KINDRED_FAULT_CHILD"

// inNamespace re-runs test in a new user and mount namespace as uid (0: with
// every capability there, to mount; else none). It skips when the system
// does not allow it.
func inNamespace(t *testing.T, test, dir string, uid int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), faultEnv+"="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: uid, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: uid, HostID: os.Getgid(), Size: 1}},
	}
	out, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Skipf("user namespaces are not available here (%v)", err)
	}
	if strings.Contains(string(out), "--- SKIP") {
		t.Skipf("the child skipped:\n%s", out)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("in the namespace: %v\n%s", err, out)
	}
	t.Logf("ran in a user namespace as uid %d:\n%s", uid, out)
}

func TestSaveOnAFullDisk(t *testing.T) {
	dir := os.Getenv(faultEnv)
	if dir == "" {
		inNamespace(t, "TestSaveOnAFullDisk", t.TempDir(), 0)
		return
	}
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		t.Skipf("cannot make mounts private: %v", err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8m,mode=0700"); err != nil {
		t.Skipf("cannot mount a small tmpfs: %v", err)
	}
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	ctx := context.Background()
	path := filepath.Join(dir, "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids := fill(t, s, 5)
	draft := &journal.Draft{ID: "evening", Body: `{"text":"what I wrote before the disk filled"}`}
	if err := s.SaveDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	filler := filepath.Join(dir, "filler")
	fillDisk(t, filler)

	people, _ := s.People(ctx, true)
	r := &journal.Reflection{
		At:         time.Date(2025, 6, 1, 21, 0, 0, 0, time.UTC),
		Text:       strings.Repeat("a long evening, written out in full. ", 20000),
		Encounters: []journal.Encounter{{PersonID: people[0].ID, Closeness: 5}},
	}
	err = s.SaveReflectionAndDiscardDraft(ctx, r, draft.ID)
	if journal.ErrorCode(err) != journal.EDISKFULL {
		t.Fatalf("save on a full disk: got %v (code %s), want %s", err, journal.ErrorCode(err), journal.EDISKFULL)
	}
	t.Logf("the message: %v", err)
	checkKept(t, s, draft, ids, r.ID)

	// A backup on a full disk says so and leaves no half-written file.
	err = s.Backup(ctx, filepath.Join(dir, "backup.db"))
	if journal.ErrorCode(err) != journal.EDISKFULL {
		t.Errorf("backup on a full disk: got %v, want %s", err, journal.EDISKFULL)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*backup*")); len(left) != 0 {
		t.Errorf("a failed backup left %v", left)
	}

	// With space again, the same save goes through and the draft goes.
	os.Remove(filler)
	r.ID = ""
	if err := s.SaveReflectionAndDiscardDraft(ctx, r, draft.ID); err != nil {
		t.Fatalf("save after freeing space: %v", err)
	}
	if d, _ := s.Drafts(ctx); len(d) != 0 {
		t.Errorf("the draft is still there after the save: %v", d)
	}
}

// TestSaveWhenTheJournalIsFull fills the journal to SQLite's max_page_count,
// which SQLite reports exactly as a full disk (SQLITE_FULL); it runs
// everywhere, namespaces or not.
func TestSaveWhenTheJournalIsFull(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	ids := fill(t, s, 5)
	draft := &journal.Draft{ID: "evening", Body: `{"text":"kept"}`}
	if err := s.SaveDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	// The store has one writer connection, so the limit holds for its writes.
	var pages int
	if err := s.DB().QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, "PRAGMA max_page_count = "+strconv.Itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	people, _ := s.People(ctx, true)
	r := &journal.Reflection{
		At:         time.Date(2025, 6, 1, 21, 0, 0, 0, time.UTC),
		Text:       strings.Repeat("too long for what is left. ", 4000),
		Encounters: []journal.Encounter{{PersonID: people[0].ID}},
	}
	err := s.SaveReflectionAndDiscardDraft(ctx, r, draft.ID)
	if journal.ErrorCode(err) != journal.EDISKFULL {
		t.Fatalf("save into a full journal: got %v, want %s", err, journal.EDISKFULL)
	}
	checkKept(t, s, draft, ids, r.ID)
}

func TestSaveToAReadOnlyJournal(t *testing.T) {
	dir := os.Getenv(faultEnv)
	if dir == "" {
		if os.Geteuid() == 0 {
			inNamespace(t, "TestSaveToAReadOnlyJournal", t.TempDir(), 1000)
			return
		}
		dir = t.TempDir()
	}
	for _, c := range []struct {
		name       string
		fileMode   os.FileMode
		folderMode os.FileMode
	}{
		{name: "read-only file", fileMode: 0o400, folderMode: 0o700},
		{name: "read-only file in a read-only folder", fileMode: 0o400, folderMode: 0o500},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			folder := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
			path := filepath.Join(folder, "journal.db")
			s, err := journal.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			ids := fill(t, s, 4)
			draft := &journal.Draft{ID: "evening", Body: `{"text":"kept"}`}
			if err := s.SaveDraft(ctx, draft); err != nil {
				t.Fatal(err)
			}
			s.Close()
			before, _ := os.ReadFile(path)
			os.Chmod(path, c.fileMode)
			os.Chmod(folder, c.folderMode)
			defer os.Chmod(folder, 0o700)
			defer os.Chmod(path, 0o600)
			if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
				f.Close()
				t.Skip("permissions do not bind this process")
			}

			s, err = journal.Open(ctx, path)
			if err != nil {
				// Refusing to open is acceptable if it says why.
				if code := journal.ErrorCode(err); code != journal.EREADONLY {
					t.Fatalf("open: got %v (code %s), want it opened or %s", err, code, journal.EREADONLY)
				}
				t.Logf("open refused: %v", err)
			} else {
				people, _ := s.People(ctx, true)
				if len(people) == 0 {
					t.Fatalf("the read-only journal reads as empty")
				}
				r := &journal.Reflection{
					At:         time.Date(2025, 6, 1, 21, 0, 0, 0, time.UTC),
					Text:       "written into a journal that cannot be written",
					Encounters: []journal.Encounter{{PersonID: people[0].ID}},
				}
				err = s.SaveReflectionAndDiscardDraft(ctx, r, draft.ID)
				if journal.ErrorCode(err) != journal.EREADONLY {
					t.Fatalf("save: got %v (code %s), want %s", err, journal.ErrorCode(err), journal.EREADONLY)
				}
				t.Logf("the message: %v", err)
				checkKept(t, s, draft, ids, r.ID)
				s.Close()
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Errorf("the read-only journal changed")
			}
		})
	}
}

// checkKept checks that a failed save changed nothing: the draft is there,
// the earlier reflections are, the failed one is not, and the journal is sound.
func checkKept(t *testing.T, s *journal.Store, draft *journal.Draft, ids []string, failedID string) {
	t.Helper()
	ctx := context.Background()
	drafts, err := s.Drafts(ctx)
	if err != nil || len(drafts) != 1 || drafts[0].Body != draft.Body {
		t.Errorf("the draft was not kept: %v %v", drafts, err)
	}
	for _, id := range ids {
		if _, err := s.Reflection(ctx, id); err != nil {
			t.Errorf("reflection %s after the failed save: %v", id, err)
		}
	}
	if failedID != "" {
		if _, err := s.Reflection(ctx, failedID); journal.ErrorCode(err) != journal.ENOTFOUND {
			t.Errorf("the failed reflection: got %v, want not found", err)
		}
	}
	if problems, err := s.CheckStore(ctx); err != nil || len(problems) > 0 {
		t.Errorf("integrity after the failed save: %v %v", problems, err)
	}
}

// fillDisk writes path until the file system has no room left.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}
