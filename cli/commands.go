package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"kindred/journal"
)

// version is set at build time with -ldflags "-X kindred/cli.version=..."
var version = "0.1.0"

// usageError marks bad usage, which exits 2 rather than 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

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
	// --journal and --passphrase-file may come before the command as well as after it.
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, term: openTerminal(stdin, stderr)}
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
	if journal.ErrorCode(err) == journal.EDAMAGED {
		// Damage found while reading: offer the backup that can replace it.
		if path, perr := e.journalPath(); perr == nil {
			err = explainOpenError(ctx, path, err)
		}
	}
	return report(stderr, err)
}

func report(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "kindred: %v\n", err)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "kindred: %v\n", err)
	return 1
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
	fmt.Fprintln(w, "\nThe journal is $KINDRED_JOURNAL if set, else $XDG_DATA_HOME/kindred/journal.db")
	fmt.Fprintln(w, "(~/.local/share/kindred/journal.db). Run kindred COMMAND --help for a command's options.")
	fmt.Fprintln(w, "A sealed journal's passphrase is read from --passphrase-file, else $KINDRED_PASSPHRASE,")
	fmt.Fprintln(w, "else asked for on the terminal.")
}

// takeGlobalFlags removes the --journal and --passphrase-file flags that
// precede the command.
func (e *env) takeGlobalFlags(args []string) ([]string, error) {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		var dst *string
		switch name {
		case "journal":
			dst = &e.journal
		case "passphrase-file":
			dst = &e.passphraseFile
		default:
			return args, nil
		}
		if !hasValue {
			if len(args) < 2 {
				return nil, fmt.Errorf("--%s needs a path", name)
			}
			value, args = args[1], args[1:]
		}
		*dst, args = value, args[1:]
	}
	return args, nil
}

// journalPath resolves --journal, then KINDRED_JOURNAL, then the default.
func (e *env) journalPath() (string, error) {
	if e.journal != "" {
		return e.journal, nil
	}
	if p := os.Getenv("KINDRED_JOURNAL"); p != "" {
		return p, nil
	}
	return journal.DefaultPath()
}

// flags makes a command's flag set, with --journal on every command.
func (e *env) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package would print its own error and the whole usage to
	// stderr; parse says both itself: help asked for on stdout, a mistake in
	// one "kindred: " error.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&e.journal, "journal", e.journal, "the journal `PATH`")
	fs.StringVar(&e.passphraseFile, "passphrase-file", e.passphraseFile, "read a sealed journal's passphrase from `FILE`")
	e.usage = "Usage: kindred " + name + " " + usage
	return fs
}

// parse parses flags anywhere among the arguments, so that
// `kindred search word --limit 5` works like `kindred search --limit 5 word`.
func (e *env) parse(fs *flag.FlagSet) ([]string, error) {
	var positional []string
	args := e.args
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(e.stdout, e.usage)
				fs.SetOutput(e.stdout)
				fs.PrintDefaults()
				return nil, err
			}
			return nil, usagef("%v\n%s\nRun \"kindred %s -h\" for what each flag means.", err, e.usage, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// open opens the command's journal.
func (e *env) open() (*journal.Store, error) {
	path, err := e.journalPath()
	if err != nil {
		return nil, err
	}
	st, err := OpenStore(e.ctx, path, e.secret)
	if err == nil && e.exporting && st.Sealed() {
		fmt.Fprintln(e.stderr, "kindred: note: "+journal.PlaintextExportNote)
	}
	if err == nil && st.SearchNotice() != "" {
		fmt.Fprintln(e.stderr, "kindred: note: "+st.SearchNotice())
	}
	return st, err
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
