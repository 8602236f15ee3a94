package cli

import (
	"fmt"
	"time"

	"kindred/journal"
	"kindred/journal/sample"
)

func init() {
	register(command{name: "demo", summary: "write a sample journal to a new file", run: runDemo})
	register(command{name: "version", summary: "print Kindred's version", run: runVersion})
}

func runDemo(e *env) error {
	fs := e.flags("demo", "--out PATH [--people N] [--years Y] [--seed S] [--cjk]")
	out := fs.String("out", "", "the new sample journal's `PATH`")
	people := fs.Int("people", 12, "how many people")
	years := fs.Int("years", 3, "how many years of evenings")
	seed := fs.Uint64("seed", 1, "the same seed writes the same journal")
	cjk := fs.Bool("cjk", false, "write the evenings in Chinese, Japanese and Korean")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("demo takes no arguments besides its flags (got %q)", args[0])
	}
	if *out == "" {
		return usagef("demo needs --out PATH")
	}
	if err := e.checkOutput(*out); err != nil {
		return err
	}
	if *people <= 0 || *years <= 0 || *years > 100 || *people > 10000 {
		return usagef("--people must be 1-10000 and --years 1-100")
	}
	start := time.Now()
	err = sample.Write(e.ctx, *out, sample.Options{People: *people, Years: *years, Seed: *seed, CJK: *cjk})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote sample journal %s in %s\n", *out, time.Since(start).Round(time.Millisecond))
	return nil
}

func runVersion(e *env) error {
	fmt.Fprintf(e.stdout, "kindred %s (journal version %d)\n", version, journal.SchemaVersion())
	return nil
}
