package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// usageError marks bad usage, which exits 2 rather than 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// report writes err as one "kindred: " line on stderr and returns the exit
// status: 0 for none (or help asked for), 2 for bad usage, else 1.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "kindred: %v\n", err)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "kindred: %v\n", err)
	return 1
}
