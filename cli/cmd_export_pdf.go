package cli

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"kindred/insights"
)

func init() { registerExport("pdf", runExportPDF) }

// runExportPDF writes the insights report as a PDF.
func runExportPDF(e *env) error {
	fs := e.flags("export pdf", "--out FILE [--person NAME]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-text] [--photos] [--paper a4|letter] [--force]")
	pdf := pdfOutputFlags(fs)
	var people stringList
	fs.Var(&people, "person", "a person to include (`NAME`, repeatable; default: everyone with an evening in the period)")
	noText := fs.Bool("no-text", false, "leave out the reflections' text")
	photos := fs.Bool("photos", false, "print each evening's photos under its text")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("export pdf takes no arguments besides its flags (got %q)", args[0])
	}
	if *photos && *noText {
		return usagef("--photos prints the photos under each evening's text, and --no-text leaves the evenings out: choose one")
	}
	opt := insights.ReportOptions{NoText: *noText, Photos: *photos, Author: insights.AccountName()}
	if opt.Paper, opt.Range, err = pdf.read("export pdf"); err != nil {
		return err
	}
	if err := e.checkOutput(*pdf.out); err != nil {
		return err
	}
	s, err := e.openExisting()
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
	sum, err := insights.ExportReport(e.ctx, s, *pdf.out, opt, *pdf.force)
	if err != nil {
		return pdf.refused(err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %s, %s", *pdf.out, plural(sum.Pages, "page", "pages"), plural(sum.People, "person", "people"))
	if !*noText {
		fmt.Fprintf(e.stdout, ", %s", plural(sum.Reflections, "reflection", "reflections"))
	}
	if *photos {
		fmt.Fprintf(e.stdout, ", %s", plural(sum.Photos, "photo", "photos"))
	}
	fmt.Fprintln(e.stdout, ".")
	return nil
}

// pdfOutput is what every PDF export takes: the file, the evenings'
// dates, the paper, and whether to replace the file.
type pdfOutput struct {
	out, from, to, paper *string
	force                *bool
}

func pdfOutputFlags(fs *flag.FlagSet) *pdfOutput {
	return &pdfOutput{
		out:   fs.String("out", "", "the PDF `FILE` to write"),
		from:  fs.String("from", "", "only evenings on or after this date (YYYY-MM-DD)"),
		to:    fs.String("to", "", "only evenings on or before this date (YYYY-MM-DD)"),
		paper: fs.String("paper", "a4", "page size: a4 or letter"),
		force: fs.Bool("force", false, "replace FILE if it exists"),
	}
}

// read checks the parsed flags of command.
func (o *pdfOutput) read(command string) (insights.Paper, insights.Range, error) {
	if *o.out == "" {
		return "", insights.Range{}, usagef("%s needs --out FILE", command)
	}
	paper, err := insights.ParsePaper(*o.paper)
	if err != nil {
		return "", insights.Range{}, usagef("--paper: %v", err)
	}
	rng, err := exportRange(*o.from, *o.to)
	return paper, rng, err
}

// refused says how to replace a file an export would not overwrite.
func (o *pdfOutput) refused(err error) error {
	if errors.Is(err, insights.ErrReportExists) {
		return fmt.Errorf("%s already exists; add --force to replace it", *o.out)
	}
	return err
}

// exportRange reads --from and --to: whole days, both inclusive (the
// insights compare dates, each evening's on its own clock).
func exportRange(from, to string) (insights.Range, error) {
	var rng insights.Range
	var err error
	if from != "" {
		if rng.From, err = insights.ParseDay(from, time.Local); err != nil {
			return rng, usagef("--from: date %q is not YYYY-MM-DD", from)
		}
	}
	if to != "" {
		if rng.To, err = insights.ParseDay(to, time.Local); err != nil {
			return rng, usagef("--to: date %q is not YYYY-MM-DD", to)
		}
		rng.To = insights.DayEnd(rng.To)
	}
	if !rng.From.IsZero() && !rng.To.IsZero() && rng.To.Before(rng.From) {
		return rng, usagef("--to %s is before --from %s", to, from)
	}
	return rng, nil
}
