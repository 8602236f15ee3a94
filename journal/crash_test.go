package journal_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kindred/journal"
)

// savedLine is what the crash child prints once SaveReflection has returned.
type savedLine struct {
	id         string
	textSum    string
	encounters int
	moments    int
}

func parseSaved(line string) (savedLine, bool) {
	f := strings.Fields(line)
	if len(f) != 5 || f[0] != "saved" {
		return savedLine{}, false
	}
	enc, err1 := strconv.Atoi(f[3])
	mom, err2 := strconv.Atoi(f[4])
	return savedLine{id: f[1], textSum: f[2], encounters: enc, moments: mom}, err1 == nil && err2 == nil
}

func textSum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// TestCrashWhileSaving runs a child process that saves reflections in a loop
// and kills it with SIGKILL at random moments, 60 times. After each kill the
// journal must pass integrity_check, and every reflection whose save had
// returned (the child prints it only then) must be there and whole.
func TestCrashWhileSaving(t *testing.T) {
	if path := os.Getenv("KINDRED_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("crash test runs a child process 60 times")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ana", "Ben", "Chiara"} {
		if _, err := s.AddPerson(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	rng := rand.New(rand.NewPCG(3, 5))
	acknowledged := map[string]savedLine{}
	const kills = 60
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWhileSaving$", "-test.count=1")
		cmd.Env = append(os.Environ(), "KINDRED_CRASH_CHILD="+path, fmt.Sprintf("KINDRED_CRASH_SEED=%d", round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		lines.Buffer(make([]byte, 1<<16), 1<<20)
		// Kill after a random number of acknowledged saves: 0 kills it while
		// it opens the journal or makes its first save.
		wait := rng.IntN(15)
		for seen := 0; seen < wait && lines.Scan(); {
			if l, ok := parseSaved(lines.Text()); ok {
				acknowledged[l.id] = l
				seen++
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		// Saves acknowledged between the last line read and the kill count too.
		for lines.Scan() {
			if l, ok := parseSaved(lines.Text()); ok {
				acknowledged[l.id] = l
			}
		}
		state, _ := cmd.Process.Wait()
		if ws, ok := state.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: the child ended by itself (%v) instead of being killed", round, state)
		}

		problems, err := journal.Check(ctx, path)
		if err != nil || len(problems) > 0 {
			t.Fatalf("round %d: integrity_check after the kill: %v %v", round, problems, err)
		}
		// Odd rounds read through a read-only connection, which leaves the
		// write-ahead log in place for the next child to recover; even rounds
		// open the journal as Kindred does.
		if round%2 == 1 {
			verifyReadOnly(t, round, path, acknowledged)
		} else {
			verifyOpened(t, round, path, acknowledged)
		}
	}
	t.Logf("%d kills, %d acknowledged saves all present and whole", kills, len(acknowledged))
	if len(acknowledged) < kills {
		t.Errorf("only %d saves were acknowledged in %d rounds; the child did not get to work", len(acknowledged), kills)
	}
}

func verifyOpened(t *testing.T, round int, path string, want map[string]savedLine) {
	t.Helper()
	ctx := context.Background()
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatalf("round %d: open after the kill: %v", round, err)
	}
	defer s.Close()
	for id, w := range want {
		r, err := s.Reflection(ctx, id)
		if err != nil {
			t.Fatalf("round %d: acknowledged reflection %s: %v", round, id, err)
		}
		moments := 0
		for _, e := range r.Encounters {
			moments += len(e.Moments)
		}
		if textSum(r.Text) != w.textSum || len(r.Encounters) != w.encounters || moments != w.moments {
			t.Fatalf("round %d: reflection %s is not whole: text %s/%s, %d/%d encounters, %d/%d moments",
				round, id, textSum(r.Text), w.textSum, len(r.Encounters), w.encounters, moments, w.moments)
		}
	}
}

func verifyReadOnly(t *testing.T, round int, path string, want map[string]savedLine) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, w := range want {
		var text string
		var enc, mom int
		err := db.QueryRow(`SELECT text, (SELECT count(*) FROM encounters WHERE reflection_id = r.id),
			(SELECT count(*) FROM moments WHERE reflection_id = r.id) FROM reflections r WHERE id = ?`, id).Scan(&text, &enc, &mom)
		if err != nil {
			t.Fatalf("round %d: acknowledged reflection %s: %v", round, id, err)
		}
		if textSum(text) != w.textSum || enc != w.encounters || mom != w.moments {
			t.Fatalf("round %d: reflection %s is not whole", round, id)
		}
	}
}

// crashChild saves reflections until it is killed, printing each one once
// its save has returned.
func crashChild(path string) {
	ctx := context.Background()
	seed, _ := strconv.ParseUint(os.Getenv("KINDRED_CRASH_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 99))
	s, err := journal.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child: open:", err)
		os.Exit(3)
	}
	people, err := s.People(ctx, true)
	if err != nil || len(people) == 0 {
		fmt.Fprintln(os.Stderr, "crash child: people:", err)
		os.Exit(3)
	}
	kinds := journal.BuiltinKinds
	words := strings.Fields("we walked talked laughed cooked argued listened the river evening kitchen rain train long slow quiet")
	for i := 0; ; i++ {
		var text strings.Builder
		// From a line to tens of kilobytes, so saves span many pages.
		for n := 5 + rng.IntN(4000); n > 0; n-- {
			text.WriteString(words[rng.IntN(len(words))])
			text.WriteByte(' ')
		}
		r := &journal.Reflection{At: time.Now().Add(-time.Duration(rng.IntN(5000)) * time.Hour), Text: text.String()}
		moments := 0
		for _, p := range people[:1+rng.IntN(len(people))] {
			e := journal.Encounter{PersonID: p.ID, Closeness: journal.Closeness(rng.IntN(8))}
			for _, k := range rng.Perm(len(kinds))[:rng.IntN(5)] {
				e.Moments = append(e.Moments, journal.Moment{Kind: kinds[k].ID, Note: words[rng.IntN(len(words))]})
			}
			moments += len(e.Moments)
			r.Encounters = append(r.Encounters, e)
		}
		if err := s.SaveReflection(ctx, r); err != nil {
			fmt.Fprintln(os.Stderr, "crash child: save:", err)
			os.Exit(3)
		}
		fmt.Printf("saved %s %s %d %d\n", r.ID, textSum(r.Text), len(r.Encounters), moments)
	}
}
