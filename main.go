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
// builds and tests without them. given is a passphrase given outside the
// window, tried before the lock screen asks.
func runGUI(ctx context.Context, path string, given func() (journal.Secret, bool, error)) error {
	a := fyneapp.NewWithID(app.ID)
	return app.Run(ctx, a, app.Options{JournalPath: path, Open: journal.Open, Unlock: journal.OpenSealed, Given: given})
}

// openStore opens a journal for any part of the program but the window: a
// sealed one with the passphrase secret finds.
func openStore(ctx context.Context, path string, secret func(path string) (journal.Secret, error)) (*journal.Store, error) {
	sealed, err := journal.IsSealedFile(path)
	if err != nil {
		return nil, err
	}
	if !sealed {
		return journal.Open(ctx, path)
	}
	sec, err := secret(path)
	if err != nil {
		return nil, err
	}
	return journal.OpenSealed(ctx, path, sec)
}
