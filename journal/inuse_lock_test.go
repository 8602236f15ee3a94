package journal

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"kindred/journal/filelock"
	"kindred/journal/sealed"
)

// The store's own lock tells a restore that the journal is open, whatever
// the system (Linux's look at SQLite's locks is left out here).
func TestAnOpenStoreHoldsTheJournal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	first, err := Open(ctx, path) // made, and folded into one file on close
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, path) // a second window or command: both open
	if err != nil {
		t.Fatalf("a second open of the journal: %v", err)
	}
	busy := func(what string, want bool) {
		t.Helper()
		claim, err := claimJournal(path)
		if got := errors.Is(err, filelock.ErrBusy); got != want {
			t.Fatalf("%s: claimed busy %v (%v), want %v", what, got, err, want)
		}
		if claim != nil {
			claim.Close()
		}
	}
	busy("two stores open", true)
	a.Close()
	busy("one store still open", true)
	b.Close()
	busy("all closed", false)

	// While a restore holds it, the journal does not open.
	claim, err := claimJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path); ErrorCode(err) != EBUSY {
		t.Errorf("open during a restore: got %v, want busy", err)
	}
	claim.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after the restore: %v", err)
	}
	s.Close()
}

// TestSealedStoreHoldsTheJournal: the store Seal returns holds the journal
// as one OpenSealed returns does, or a restore elsewhere could replace the
// file under it.
func TestSealedStoreHoldsTheJournal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	plain, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	plain.Close()
	fast := SealOptions{InsecureKDFForTests: &sealed.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}}
	st, err := Seal(ctx, path, "a passphrase long enough", sealed.NewRecoveryKey(), fast)
	if err != nil {
		t.Fatal(err)
	}
	if claim, err := claimJournal(path); !errors.Is(err, filelock.ErrBusy) {
		if claim != nil {
			claim.Close()
		}
		t.Fatalf("claiming the journal Seal left open: %v, want busy", err)
	}
	st.Close()
	claim, err := claimJournal(path)
	if err != nil {
		t.Fatalf("claiming the journal once closed: %v", err)
	}
	claim.Close()
}

const holdChildEnv = "KINDRED_HOLD_CHILD"

// TestJournalHeldByAnotherProcess: a journal open in another process is
// seen as open; once that process closes it, it is not.
func TestJournalHeldByAnotherProcess(t *testing.T) {
	if path := os.Getenv(holdChildEnv); path != "" {
		holdChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), "journal.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestJournalHeldByAnotherProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), holdChildEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	opened := false
	for lines.Scan() {
		if lines.Text() == "open" {
			opened = true
			break
		}
	}
	if !opened {
		cmd.Wait()
		t.Fatal("the child did not open the journal")
	}
	claim, err := claimJournal(path)
	if !errors.Is(err, filelock.ErrBusy) {
		if claim != nil {
			claim.Close()
		}
		t.Errorf("with the journal open in another process: claim error %v, want busy", err)
	}
	stdin.Close() // the child closes the journal and exits
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	claim, err = claimJournal(path)
	if err != nil {
		t.Fatalf("after the other process closed the journal: %v", err)
	}
	claim.Close()
}

// holdChild opens the journal, says so, and keeps it open until its input
// closes.
func holdChild(path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(2)
	}
	os.Stdout.WriteString("open\n")
	io.Copy(io.Discard, os.Stdin)
	s.Close()
}
