package cli

import (
	"fmt"
	"os"
	"unicode/utf8"

	"kindred/insights"
)

func init() { registerExport("letter", runExportLetter) }

// runExportLetter writes a letter for one person as a PDF.
func runExportLetter(e *env) error {
	fs := e.flags("export letter", "--person NAME --out FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--moment KIND]... "+
		"[--opening-file FILE] [--closing-file FILE] [--with-chart] [--no-photos] [--paper a4|letter] [--force]")
	person := fs.String("person", "", "whom the letter is for (`NAME`)")
	pdf := pdfOutputFlags(fs)
	var moments stringList
	fs.Var(&moments, "moment", "only evenings with a moment of this `KIND` (repeatable: any of them)")
	opening := fs.String("opening-file", "", "a paragraph to open the letter, read from `FILE`")
	closing := fs.String("closing-file", "", "a paragraph to close the letter, read from `FILE`")
	withChart := fs.Bool("with-chart", false, "include the closeness chart")
	noPhotos := fs.Bool("no-photos", false, "leave out the evenings' photos (by default those chosen for print are in)")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("export letter takes no arguments besides its flags (got %q)", args[0])
	}
	if *person == "" {
		return usagef("export letter needs --person NAME")
	}
	opt := insights.LetterOptions{Kinds: moments, WithChart: *withChart, NoPhotos: *noPhotos, Author: insights.AccountName()}
	if opt.Paper, opt.Range, err = pdf.read("export letter"); err != nil {
		return err
	}
	if err := e.checkOutput(*pdf.out); err != nil {
		return err
	}
	if opt.Opening, err = readParagraph("--opening-file", *opening); err != nil {
		return err
	}
	if opt.Closing, err = readParagraph("--closing-file", *closing); err != nil {
		return err
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := checkKinds(e.ctx, s, moments); err != nil {
		return err
	}
	p, err := s.FindPerson(e.ctx, *person)
	if err != nil {
		return err
	}
	opt.PersonID = p.ID
	sum, err := insights.ExportLetter(e.ctx, s, *pdf.out, opt, *pdf.force)
	if err != nil {
		return pdf.refused(err)
	}
	photos := ""
	if sum.Photos > 0 {
		photos = ", " + plural(sum.Photos, "photo", "photos")
	}
	fmt.Fprintf(e.stdout, "Wrote %s: a letter for %s, %s%s, %s.\n", *pdf.out, p.Name,
		plural(sum.Evenings, "evening", "evenings"), photos, plural(sum.Pages, "page", "pages"))
	return nil
}

// maxParagraphFile bounds an opening or closing file: a letter's
// paragraph, not a book.
const maxParagraphFile = 64 << 10

// readParagraph reads an opening or closing paragraph; "" reads nothing.
func readParagraph(flag, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", flag, err)
	}
	if len(b) > maxParagraphFile {
		return "", usagef("%s: %s is %d KiB; a letter's paragraph is at most %d KiB", flag, path, len(b)>>10, maxParagraphFile>>10)
	}
	if !utf8.Valid(b) {
		return "", usagef("%s: %s is not UTF-8 text", flag, path)
	}
	return string(b), nil
}
