package cli

import (
	"fmt"
	"os"
	"time"

	"kindred/journal/exchange"
)

func init() {
	registerExport("json", runExportJSON)
	registerExport("markdown", runExportMarkdown)
}

// plainTextNote says what every export is: readable by anyone with the file.
const plainTextNote = "the export is plain text, not sealed: keep it somewhere private"

func runExportJSON(e *env) error {
	fs := e.flags("export json", "--out FILE [--keep-photo-metadata]")
	out := fs.String("out", "", "write the export to `FILE` (replaced if it exists); a journal with photos is written as a zip, FILE.json becoming FILE.zip")
	keepMeta := fs.Bool("keep-photo-metadata", false, "write the photos as added, with their place and camera (by default stripped, unless a photo is marked to keep them)")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("export json takes no arguments besides its flags (got %q)", args[0])
	}
	if *out == "" {
		return usagef("export json needs --out FILE")
	}
	if err := e.checkOutput(*out); err != nil {
		return err
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	// FILE.json may become FILE.zip: that name must pass the same checks.
	if target, err := exchange.JSONExportPath(e.ctx, s, *out); err != nil {
		return err
	} else if target != *out {
		if err := e.checkOutput(target); err != nil {
			return err
		}
	}
	start := time.Now()
	written, err := exchange.ExportJSON(e.ctx, s, *out, exchange.JSONExport{KeepMetadata: *keepMeta})
	if err != nil {
		return err
	}
	st, err := s.Stats(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, written.Path)
	photos := ""
	if written.Zip {
		photos = ", " + plural(written.Photos, "photo", "photos")
	}
	fmt.Fprintf(e.stdout, "exported %s, %s%s in %s; %s\n", plural(st.People, "person", "people"),
		plural(st.Reflections, "reflection", "reflections"), photos, time.Since(start).Round(time.Millisecond), plainTextNote)
	return nil
}

func runExportMarkdown(e *env) error {
	fs := e.flags("export markdown", "--out DIR")
	out := fs.String("out", "", "write one file per person into `DIR` (made if needed)")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("export markdown takes no arguments besides its flags (got %q)", args[0])
	}
	if *out == "" {
		return usagef("export markdown needs --out DIR")
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return usagef("--out %s is a file; export markdown writes into a folder", *out)
	}
	if err := e.checkOutputDir(*out); err != nil {
		return err
	}
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	files, err := exchange.WriteMarkdown(e.ctx, s, *out, nil)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(e.stdout, f)
	}
	fmt.Fprintf(e.stdout, "exported %s into %s; %s\n", plural(len(files), "person", "people"), *out, plainTextNote)
	return nil
}
