package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// The house's rule (docs/architecture.md): imports point cli, app ->
// insights -> journal, and nothing below app knows Fyne. A move that breaks
// it fails here, not in a review.
func TestImportsPointOneWay(t *testing.T) {
	forbidden := map[string][]string{
		"kindred/journal/...": {"kindred/insights", "kindred/app", "kindred/cli", "fyne.io/fyne/v2"},
		"kindred/insights":    {"kindred/app", "kindred/cli", "fyne.io/fyne/v2"},
		"kindred/assets":      {"fyne.io/fyne/v2"},
		"kindred/cli":         {"kindred/app", "fyne.io/fyne/v2/app"},
		"kindred/app":         {"kindred/cli", "fyne.io/fyne/v2/app"},
	}
	for pattern, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", pattern).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pattern, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range bad {
				if dep == b || strings.HasPrefix(dep, b+"/") {
					t.Errorf("%s depends on %s", pattern, dep)
				}
			}
		}
	}
}
