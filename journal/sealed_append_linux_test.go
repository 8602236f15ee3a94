package journal_test

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

const appendChildEnv = "KINDRED_TEST_APPEND_CHILD"

// TestFailedAppendChild unlocks the journal named by the environment, then
// lets the process write only a few bytes past the file's end
// (RLIMIT_FSIZE), so that the next save's record is written in part and then
// fails, as on a full disk. It prints what it saw.
func TestFailedAppendChild(t *testing.T) {
	path := os.Getenv(appendChildEnv)
	if path == "" {
		t.Skip("run by TestFailedAppendIsCutBackAndRolledBack")
	}
	signal.Ignore(syscall.SIGXFSZ) // the write fails with EFBIG instead
	s, err := journal.OpenSealed(ctx, path, pass)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fi, err := os.Stat(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	var old syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old)
	limit := old
	limit.Cur = uint64(fi.Size()) + 5000
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	_, err = s.AddPerson(ctx, "Grace")
	fmt.Println("save:", err)
	if after, _ := os.Stat(path); after.Size() != fi.Size() {
		fmt.Println("size after the failed save:", after.Size(), "want", fi.Size())
	}
	if _, err := s.FindPerson(ctx, "Grace"); journal.ErrorCode(err) != journal.ENOTFOUND {
		fmt.Println("the failed save shows:", err)
	}
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	if _, err := s.AddPerson(ctx, "Ada"); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	// Exit without closing: the file keeps its log for the parent to read.
	fmt.Println("done")
	os.Exit(0)
}

// TestFailedAppendIsCutBackAndRolledBack: a record that cannot be written
// whole (the disk full part way through) fails the save with a clear
// message, is cut back off the file, and is rolled back in memory; the next
// save appends where the log ended.
func TestFailedAppendIsCutBackAndRolledBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	writePlain(t, path, "Rosalind", "first evening", "")
	s, _ := journaltest.MustSeal(t, path)
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFailedAppendChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), appendChildEnv+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	got := string(out)
	if !strings.Contains(got, "save: ") || strings.Contains(got, "save: <nil>") || !strings.Contains(got, "nothing was saved") {
		t.Fatalf("the save that could not be written: %s; want it to fail saying nothing was saved", got)
	}
	if strings.Contains(got, "size after") || strings.Contains(got, "failed save shows") || !strings.Contains(got, "done") {
		t.Fatalf("child:\n%s", got)
	}
	back := mustOpenSealed(t, path, pass)
	if n := back.SealedNotice(); n != "" {
		t.Fatalf("unlocking after the failed save reports %q; want nothing cut short", n)
	}
	if _, _, n := journal.SealedLog(back); n != 1 {
		t.Fatalf("%d records; want the one save that succeeded", n)
	}
	if _, err := back.FindPerson(ctx, "Grace"); journal.ErrorCode(err) != journal.ENOTFOUND {
		t.Fatalf("the failed save is in the file: %v", err)
	}
	if _, err := back.FindPerson(ctx, "Ada"); err != nil {
		t.Fatalf("the save after it: %v", err)
	}
	t.Logf("child: %s", strings.TrimSpace(got))
}
