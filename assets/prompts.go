package assets

import (
	_ "embed"
	"strings"
)

//go:embed prompts.txt
var promptsTxt string

// Prompts are the questions the composer shows above the reflection's text,
// one at a time, to help the user notice what happened in an evening.
var Prompts = parsePrompts(promptsTxt)

func parsePrompts(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
