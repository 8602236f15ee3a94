// Command kindred is a private desktop journal of the relationships that
// matter to its user. With no command it opens the journal's window; with one
// it runs that command and exits (see `kindred help`).
package main

import (
	"context"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"kindred/app"
	"kindred/journal"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// runGUI opens the journal's window and blocks until it is closed. It lives
// here because fyne.io/fyne/v2/app needs cgo and OpenGL; every other package
// builds and tests without them.
func runGUI(ctx context.Context, path string) error {
	a := fyneapp.NewWithID(app.ID)
	return app.Run(ctx, a, app.Options{JournalPath: path, Open: openStore})
}

// openStore opens a journal for any part of the program, and makes the
// day's automatic backup. A damaged journal's error names the backup that
// can replace it.
func openStore(ctx context.Context, path string) (*journal.Store, error) {
	s, err := journal.Open(ctx, path)
	if err != nil {
		return nil, explainOpenError(ctx, path, err)
	}
	if err := backupOnOpen(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
