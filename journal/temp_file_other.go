//go:build !windows

package journal

import "os"

// createTemp makes a new temp file as os.CreateTemp does.
func createTemp(dir, pattern string) (*os.File, error) { return os.CreateTemp(dir, pattern) }

// openShared opens an existing file to read and write.
func openShared(path string) (*os.File, error) { return os.OpenFile(path, os.O_RDWR, 0) }
