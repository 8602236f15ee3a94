package cli

import (
	"sort"
	"strings"
)

// exporters are the formats of `kindred export FORMAT`; each format's file
// registers itself with registerExport.
var exporters = map[string]func(e *env) error{}

func registerExport(format string, run func(e *env) error) { exporters[format] = run }

func init() {
	register(command{name: "export", summary: "export the journal, or a letter for one person (export json|markdown|pdf|letter --out ...)", run: runExport})
}

func runExport(e *env) error {
	var formats []string
	for f := range exporters {
		formats = append(formats, f)
	}
	sort.Strings(formats)
	if len(e.args) == 0 || strings.HasPrefix(e.args[0], "-") {
		return usagef("export needs a format: %s", strings.Join(formats, ", "))
	}
	run, ok := exporters[e.args[0]]
	if !ok {
		return usagef("unknown export format %q (known: %s)", e.args[0], strings.Join(formats, ", "))
	}
	e.args = e.args[1:]
	e.exporting = true
	return run(e)
}
