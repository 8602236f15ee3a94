package cli

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// killChildEnv names the journal the child writes to and syncs; when it is
// set, TestSyncKillChild is the child, not a test.
const killChildEnv = "KINDRED_SYNC_KILL_CHILD"

// TestSyncKillChild is the process TestSyncSurvivesKill9 kills: it saves an
// evening, says so, runs a sync round, says so, and again, until killed.
func TestSyncKillChild(t *testing.T) {
	journalPath := os.Getenv(killChildEnv)
	if journalPath == "" {
		t.Skip("run by TestSyncSurvivesKill9 as its child")
	}
	prefix := os.Getenv(killChildEnv + "_PREFIX")
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		text := fmt.Sprintf("%s evening %d", prefix, i)
		if _, errs, st := kindred(t, "--journal", journalPath, "add", "--person", "Ana", "--date", fmt.Sprintf("2025-01-%02d", i%28+1), "--text", text); st != 0 {
			fmt.Fprintf(out, "error %s\n", errs)
			out.Flush()
			return
		}
		fmt.Fprintf(out, "saved %s\nsyncing\n", text)
		out.Flush()
		if _, errs, st := kindred(t, "--journal", journalPath, "sync"); st != 0 {
			fmt.Fprintf(out, "error %s\n", errs)
			out.Flush()
			return
		}
		fmt.Fprintln(out, "synced")
		out.Flush()
	}
}

// A real kill -9 of `kindred sync` at several points of its rounds: after
// it, a normal round loses nothing, and the other journal reads the folder
// and ends up the same.
func TestSyncSurvivesKill9(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is Unix's")
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, "Dropbox")
	os.Mkdir(folder, 0o700)
	keyFile := filepath.Join(dir, "pairing.key")
	a, b := filepath.Join(dir, "a", "journal.db"), filepath.Join(dir, "b", "journal.db")
	kindred(t, "--journal", a, "person", "add", "Ana")
	kindred(t, "--journal", b, "person", "add", "Ben")
	if _, errs, st := kindred(t, "--journal", a, "sync", "--folder", folder, "--key-file", keyFile, "--name", "laptop"); st != 0 {
		t.Fatal(errs)
	}
	if _, errs, st := kindred(t, "--journal", b, "sync", "--folder", folder, "--key-file", keyFile, "--name", "desktop"); st != 0 {
		t.Fatal(errs)
	}
	var saved []string
	killedMidRound := 0
	// Killed after the child announced its k-th round: the kill lands in
	// that round, or just after it, wherever the scheduler puts it.
	for n, k := range []int{1, 1, 2, 3, 5, 8} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSyncKillChild$")
		cmd.Env = append(os.Environ(), killChildEnv+"="+a, fmt.Sprintf("%s_PREFIX=kill%d", killChildEnv, n))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		rounds := 0
		for rounds < k && lines.Scan() {
			line := lines.Text()
			switch {
			case strings.HasPrefix(line, "saved "):
				saved = append(saved, strings.TrimPrefix(line, "saved "))
			case line == "syncing":
				rounds++
			case strings.HasPrefix(line, "error"):
				t.Fatalf("child: %s", line)
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		midRound := true
		for lines.Scan() { // what it said before the kill landed
			line := lines.Text()
			if strings.HasPrefix(line, "saved ") {
				saved = append(saved, strings.TrimPrefix(line, "saved "))
			}
			midRound = midRound && line != "synced"
		}
		if midRound {
			killedMidRound++
		}
		if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("child %d: %v, want killed", n, err)
		}
		// The other computer syncs meanwhile, from whatever the kill left.
		if _, errs, st := kindred(t, "--journal", b, "sync"); st != 0 {
			t.Fatalf("desktop round after kill %d: %s", n, errs)
		}
	}
	for range 2 {
		if _, errs, st := kindred(t, "--journal", a, "sync"); st != 0 {
			t.Fatalf("laptop round: %s", errs)
		}
		if _, errs, st := kindred(t, "--journal", b, "sync"); st != 0 {
			t.Fatalf("desktop round: %s", errs)
		}
	}
	ja, jb := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	kindred(t, "--journal", a, "export", "json", "--out", ja)
	kindred(t, "--journal", b, "export", "json", "--out", jb)
	ea, eb := exportText(t, ja), exportText(t, jb)
	if ea != eb {
		t.Error("the journals differ after the kills and two normal rounds")
	}
	if len(saved) < 6 {
		t.Fatalf("only %d evenings saved", len(saved))
	}
	for _, text := range saved {
		if !strings.Contains(eb, text) {
			t.Errorf("the desktop lacks %q", text)
		}
	}
	// Nothing half-written stays in the folder.
	filepath.WalkDir(folder, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("left behind: %s", p)
		}
		return err
	})
	out, _, _ := kindred(t, "--journal", b, "sync", "--status")
	if strings.Contains(out, "note:") || strings.Contains(out, "backup") {
		t.Errorf("the desktop sees a problem: %s", out)
	}
	t.Logf("%d evenings saved across 6 kills, %d of them inside a sync round", len(saved), killedMidRound)
}

func exportText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`"exported_at": "[^"]*"`).ReplaceAllString(string(b), "")
}
