package app

import (
	"fmt"
	"os"
	"strings"
)

// noDisplay turns the panic of a window that could not reach any display
// into an error, and lets every other panic go on. With no display (no X
// server, a wrong DISPLAY, an SSH session) go-gl/glfw logs the platform
// error, reports its initialisation as done, and the first GLFW call after
// it (the first window, or the event loop's cursors) panics on the
// uninitialised library. The user gets a sentence instead of a Go stack
// trace, and the journal Run may have opened is closed.
func noDisplay(r any, s *session) error {
	if e, ok := r.(error); !ok || !strings.Contains(e.Error(), "GLFW library is not initialized") {
		panic(r)
	}
	if s != nil {
		s.Close()
	}
	where := "DISPLAY is not set"
	if d := os.Getenv("DISPLAY"); d != "" {
		where = fmt.Sprintf("DISPLAY is %q", d)
	}
	return fmt.Errorf("no window can be shown: no display could be reached (%s). "+
		"Kindred's commands work without a window (kindred help)", where)
}
