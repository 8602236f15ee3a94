//go:build !windows

package journal

import "os"

// createTemp makes a new temp file as os.CreateTemp does.
func createTemp(dir, pattern string) (*os.File, error) { return os.CreateTemp(dir, pattern) }
