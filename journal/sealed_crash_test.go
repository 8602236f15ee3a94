package journal_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sealed"
)

const crashChildEnv = "KINDRED_TEST_RESEAL_CHILD"

// TestResealChild is the process the crash test kills: it unlocks the journal
// named by the environment and saves reflections until it is killed, printing
// each one's id once its save has returned. Its log is compacted every few
// saves, so that kills land in appends and in compactions alike.
func TestResealChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("run by TestKilledDuringSaveOrCompactionLosesNothing")
	}
	journal.SetCompactLogBytes(3 * sealed.RecordQuantum)
	s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	p, err := s.FindPerson(ctx, "Rosalind")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	for i := 0; ; i++ {
		r := &journal.Reflection{
			At:         time.Date(2025, 1, 1, 20, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
			Text:       "crash test evening",
			Encounters: []journal.Encounter{{PersonID: p.ID}},
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("saved", r.ID)
	}
}

// TestKilledDuringSaveOrCompactionLosesNothing kills a saving process at
// random moments, in a record's append or in a compaction: the journal must
// always unlock, with every save that returned and at most the one in flight.
func TestKilledDuringSaveOrCompactionLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 60 processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.db")
	// Enough text that a save takes a while: kills land inside it.
	writePlain(t, path, "Rosalind", strings.Repeat("the long evening went on and on ", 30000), "")
	s, _ := journaltest.MustSeal(t, path)
	s.Close()

	rng := rand.New(rand.NewPCG(7, 8))
	acked := map[string]bool{}
	midSave, torn := 0, 0
	const kills = 60
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestResealChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		waitFor := rng.IntN(6) // saves to see returned before the kill
		seen := -1
		for seen < waitFor && lines.Scan() {
			line := lines.Text()
			switch {
			case line == "ready":
				seen = 0
			case strings.HasPrefix(line, "saved "):
				acked[strings.TrimPrefix(line, "saved ")] = true
				seen++
			case strings.HasPrefix(line, "error"):
				t.Fatalf("kill %d: child: %s", i, line)
			}
		}
		// A little more time, varied, so the kill falls anywhere in a save.
		for spin := rng.IntN(40_000_000); spin > 0; spin-- {
		}
		cmd.Process.Signal(syscall.SIGKILL)
		// Saves that returned while the test was not reading count too.
		for lines.Scan() {
			if id, ok := strings.CutPrefix(lines.Text(), "saved "); ok {
				acked[id] = true
			}
		}
		cmd.Wait()
		if temps, _ := filepath.Glob(filepath.Join(dir, ".journal.db.sealing-*")); len(temps) > 0 {
			midSave++
		}

		s, err := journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
		if err != nil {
			t.Fatalf("kill %d: the journal does not open: %v", i, err)
		}
		if s.SealedNotice() != "" {
			torn++
		}
		ids := map[string]bool{}
		err = s.Walk(ctx, journal.Walk{Reflection: func(r *journal.Reflection) error {
			if r.Text == "crash test evening" {
				ids[r.ID] = true
			}
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		for id := range acked {
			if !ids[id] {
				t.Fatalf("kill %d: reflection %s was saved but is gone", i, id)
			}
		}
		switch extra := len(ids) - len(acked); extra {
		case 0:
		case 1: // the save in flight reached the disk before its id was printed
			for id := range ids {
				acked[id] = true
			}
		default:
			t.Fatalf("kill %d: %d reflections more than were saved", i, extra)
		}
		s.Close()
		assertOnlyJournalFiles(t, dir, "journal.db")
	}
	t.Logf("%d kills, %d of them in a compaction (a half-written new base left behind), %d left a record cut short; %d saves survived", kills, midSave, torn, len(acked))
	if midSave == 0 {
		t.Fatal("no kill landed during a compaction: the test did not test anything")
	}
}
