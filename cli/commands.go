package cli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"

	"kindred/journal"
)

// version is set at build time with -ldflags "-X kindred/cli.version=..."
var version = "0.1.0"

// env is what a command gets: its arguments, streams, and the journal's path.
type env struct {
	ctx     context.Context
	args    []string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	journal string
	// passphraseFile holds a sealed journal's passphrase (--passphrase-file).
	passphraseFile string
	term           terminal // nil unless stdin is a terminal
	usage          string   // the running command's usage line
	// exporting is set while a command writes the journal out in plaintext
	// (export): opening a sealed journal then says so.
	exporting bool
	// secretEnv holds the passphrase variables Main took out of the
	// environment (see takeSecretEnv).
	secretEnv map[string]string
	// asked is the passphrase once found, so a command asks for it once.
	asked *journal.Secret
	// opened is the journal the command opened, to ask afterwards whether
	// it was found damaged.
	opened *journal.Store
}

type command struct {
	name    string
	summary string
	run     func(e *env) error
}

// commands is filled by the cmd_*.go files' init functions, one per command.
var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// GUI opens the journal at path in its window and blocks until the window is
// closed. given is a passphrase given outside the window (--passphrase-file,
// $KINDRED_PASSPHRASE), tried before the lock screen asks. The window needs
// cgo and OpenGL, so package main supplies it and this package builds and
// tests without one.
type GUI func(ctx context.Context, path string, given func() (journal.Secret, bool, error)) error

// Main is the whole program: with no command it opens gui, else it runs the
// command. It returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, gui GUI) int {
	ctx := context.Background()
	secrets, giveBack := takeSecretEnv()
	defer giveBack()
	// --journal and --passphrase-file may come before the command as well as after it.
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, term: openTerminal(stdin, stderr), secretEnv: secrets}
	rest, err := e.takeGlobalFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "kindred: %v\n", err)
		return 2
	}
	name := ""
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	e.args = rest
	switch name {
	case "":
		if gui == nil {
			fmt.Fprintln(stderr, "kindred: no window in this build: give a command (see kindred help)")
			return 2
		}
		path, err := e.journalPath()
		if err == nil {
			err = gui(ctx, path, e.givenSecret)
		}
		return report(stderr, err)
	case "help", "-h", "--help":
		printUsage(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "kindred: unknown command %q (see kindred help)\n", name)
		return 2
	}
	err = c.run(e)
	if e.opened != nil && e.opened.Damaged() != nil && journal.ErrorCode(err) != journal.EDAMAGED {
		// What could be read was; the command still fails, as the journal
		// was not found sound, and nothing was written to it.
		if err != nil {
			report(stderr, err)
		}
		err = journal.Errorf(journal.EDAMAGED, "%s Nothing was written to it.", journal.AsError(e.opened.Damaged()).Message)
	}
	if journal.ErrorCode(err) == journal.EDAMAGED {
		// Damage found while reading: offer the backup that can replace it.
		if path, perr := e.journalPath(); perr == nil {
			err = explainOpenError(ctx, path, err)
		}
	}
	return report(stderr, err)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Kindred: a private journal of the relationships that matter to you.")
	fmt.Fprintln(w, "\nUsage: kindred [--journal PATH] [--passphrase-file FILE] [COMMAND] [ARGS]")
	fmt.Fprintln(w, "\nWith no command, Kindred opens its window. Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nkindred export letter --person NAME --out FILE writes a short PDF for one person:")
	fmt.Fprintln(w, "the evenings chosen (--from, --to, --moment KIND...), your own --opening-file and")
	fmt.Fprintln(w, "--closing-file, the closeness chart with --with-chart; never missteps or scores.")
	fmt.Fprintln(w, "\n"+journalWhere(runtime.GOOS)+" Run kindred COMMAND --help for a command's options.")
	fmt.Fprintln(w, "A sealed journal's passphrase is read from --passphrase-file, else $KINDRED_PASSPHRASE,")
	fmt.Fprintln(w, "else asked for on the terminal.")
}

// journalWhere says where the journal is, in the words of the system Kindred
// runs on: a Windows user has no ~/.local/share.
func journalWhere(goos string) string {
	switch goos {
	case "windows":
		return "The journal is %KINDRED_JOURNAL% if set, else\n%AppData%\\Kindred\\journal.db."
	case "darwin":
		return "The journal is $KINDRED_JOURNAL if set, else\n~/Library/Application Support/Kindred/journal.db."
	}
	return "The journal is $KINDRED_JOURNAL if set, else $XDG_DATA_HOME/kindred/journal.db\n(~/.local/share/kindred/journal.db)."
}
