//go:build !linux

package journal

// forbidCoreDumps does nothing outside Linux, where there is no one call
// for it (see nodump_linux.go).
func forbidCoreDumps() {}
