package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildKindred builds the real binary: what a user runs, with the same
// packages initialized in the same order (Fyne reads the locale before main
// runs, so an in-process run of the commands cannot show what it prints).
func buildKindred(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("building the binary needs the go command: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "kindred")
	// The module's root package is the program: main.go.
	cmd := exec.Command(goTool, "build", "-o", bin, "kindred")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestCommandsKeepStderrClean: under a C or POSIX locale, or none, a
// command writes nothing to stderr but its own "kindred: " errors (Fyne used
// to log "Error parsing user locale C" for LANG=C.UTF-8).
func TestCommandsKeepStderrClean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildKindred(t)
	j := filepath.Join(t.TempDir(), "journal.db")
	if _, errs, st := kindred(t, "--journal", j, "person", "add", "Zoë Okafor"); st != 0 {
		t.Fatalf("person add: status %d: %s", st, errs)
	}
	// The test's own environment, without anything that picks a language.
	var base []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == "LANG" || name == "LANGUAGE" || strings.HasPrefix(name, "LC_") {
			continue
		}
		base = append(base, kv)
	}
	commands := []struct {
		args   []string
		status int
	}{
		{[]string{"stats"}, 0},
		{[]string{"version"}, 0},
		{[]string{"person", "list"}, 0},
		{[]string{"timeline", "--person", "Nobody Known"}, 1},
	}
	for _, locale := range []string{"LANG=C", "LANG=C.UTF-8", "LANG=POSIX", "LC_ALL=C.UTF-8", ""} {
		for _, c := range commands {
			name := locale
			if name == "" {
				name = "unset"
			}
			t.Run(name+"/"+strings.Join(c.args, " "), func(t *testing.T) {
				cmd := exec.Command(bin, append([]string{"--journal", j}, c.args...)...)
				cmd.Env = base
				if locale != "" {
					cmd.Env = append(cmd.Env[:len(cmd.Env):len(cmd.Env)], locale)
				}
				var out, errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errb
				err := cmd.Run()
				if got := cmd.ProcessState.ExitCode(); got != c.status {
					t.Fatalf("exit status %d (%v), want %d; stderr:\n%s", got, err, c.status, errb.String())
				}
				if c.status == 0 {
					if errb.Len() > 0 {
						t.Errorf("stderr should be empty, got:\n%s", errb.String())
					}
					if out.Len() == 0 {
						t.Error("printed nothing")
					}
					return
				}
				lines := strings.Split(strings.TrimRight(errb.String(), "\n"), "\n")
				for _, l := range lines {
					if !strings.HasPrefix(l, "kindred: ") {
						t.Errorf("stderr holds a line that is not Kindred's own error: %q\n%s", l, errb.String())
					}
				}
			})
		}
	}
}
