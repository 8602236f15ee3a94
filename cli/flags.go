package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"kindred/journal"
)

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
		if value == "" && name == "journal" {
			// An empty path is a mistake (an unset variable), not a wish
			// for the default journal.
			return nil, fmt.Errorf("--journal needs a path, not an empty one")
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
	fs.Var(journalFlag{e}, "journal", "the journal `PATH`")
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

// journalFlag is --journal after the command: like the one before it, an
// empty path is refused.
type journalFlag struct{ e *env }

func (f journalFlag) String() string {
	if f.e == nil {
		return ""
	}
	return f.e.journal
}

func (f journalFlag) Set(v string) error {
	if v == "" {
		return errors.New("--journal needs a path, not an empty one")
	}
	f.e.journal = v
	return nil
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
