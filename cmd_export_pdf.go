package main

import (
	"errors"
	"fmt"

	"kindred/insights"
)

func init() { registerExport("pdf", runExportPDF) }

// runExportPDF writes the insights report as a PDF.
func runExportPDF(e *env) error {
	fs := e.flags("export pdf", "--out FILE [--person NAME]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-text] [--paper a4|letter] [--force]")
	out := fs.String("out", "", "the PDF `FILE` to write")
	var people stringList
	fs.Var(&people, "person", "a person to include (`NAME`, repeatable; default: everyone with an evening in the period)")
	from := fs.String("from", "", "only evenings on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only evenings on or before this date (YYYY-MM-DD)")
	noText := fs.Bool("no-text", false, "leave out the reflections' text")
	paper := fs.String("paper", "a4", "page size: a4 or letter")
	force := fs.Bool("force", false, "replace FILE if it exists")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("export pdf takes no arguments besides its flags (got %q)", args[0])
	}
	if *out == "" {
		return usagef("export pdf needs --out FILE")
	}
	opt := insights.ReportOptions{NoText: *noText, Author: insights.AccountName()}
	if opt.Paper, err = insights.ParsePaper(*paper); err != nil {
		return usagef("--paper: %v", err)
	}
	if opt.Range, err = exportRange(*from, *to); err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	for _, name := range people {
		p, err := s.FindPerson(e.ctx, name)
		if err != nil {
			return err
		}
		opt.PersonIDs = append(opt.PersonIDs, p.ID)
	}
	sum, err := insights.ExportReport(e.ctx, s, *out, opt, *force)
	if errors.Is(err, insights.ErrReportExists) {
		return fmt.Errorf("%s already exists; add --force to replace it", *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %s, %s", *out, nounCount(sum.Pages, "page", "pages"), nounCount(sum.People, "person", "people"))
	if !*noText {
		fmt.Fprintf(e.stdout, ", %s", nounCount(sum.Reflections, "reflection", "reflections"))
	}
	fmt.Fprintln(e.stdout, ".")
	return nil
}

// exportRange reads --from and --to: whole days, both inclusive.
func exportRange(from, to string) (insights.Range, error) {
	var rng insights.Range
	var err error
	if from != "" {
		if rng.From, err = parseDate(from); err != nil {
			return rng, usagef("--from: %v", err)
		}
	}
	if to != "" {
		if rng.To, err = parseDate(to); err != nil {
			return rng, usagef("--to: %v", err)
		}
		rng.To = rng.To.AddDate(0, 0, 1).Add(-1)
	}
	if !rng.From.IsZero() && !rng.To.IsZero() && rng.To.Before(rng.From) {
		return rng, usagef("--to %s is before --from %s", to, from)
	}
	return rng, nil
}

func nounCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
