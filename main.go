// Command kindred is a private desktop journal of the relationships that
// matter to its user. With no command it opens the journal's window; with one
// it runs that command and exits (see `kindred help`).
package main

import (
	"context"
	"os"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"kindred/app"
	"kindred/insights"
	"kindred/journal"
)

func init() {
	// PDFs draw emoji from the emoji font Fyne bundles (EmojiOne, art under
	// CC-BY 4.0: the README credits it). Read only when a PDF has an emoji.
	if f := theme.DefaultEmojiFont(); f != nil {
		insights.SetEmojiFont(f.Content())
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// runGUI opens the journal's window and blocks until it is closed. It lives
// here because fyne.io/fyne/v2/app needs cgo and OpenGL; every other package
// builds and tests without them. given is a passphrase given outside the
// window, tried before the lock screen asks.
func runGUI(ctx context.Context, path string, given func() (journal.Secret, bool, error)) error {
	a := fyneapp.NewWithID(app.ID)
	return app.Run(ctx, a, app.Options{
		JournalPath: path,
		Given:       given,
		Open:        func(ctx context.Context, path string) (*journal.Store, error) { return openStore(ctx, path, nil) },
		Unlock: func(ctx context.Context, path string, sec journal.Secret) (*journal.Store, error) {
			return openStore(ctx, path, func(string) (journal.Secret, error) { return sec, nil })
		},
	})
}

// openStore opens a journal for any part of the program (a sealed one with
// the passphrase secret finds), and makes the day's automatic backup. A
// damaged journal's error names the backup that can replace it.
func openStore(ctx context.Context, path string, secret func(path string) (journal.Secret, error)) (*journal.Store, error) {
	sealed, err := journal.IsSealedFile(path)
	if err != nil {
		return nil, err
	}
	var s *journal.Store
	if sealed {
		if secret == nil {
			return nil, journal.Errorf(journal.ESEALED, "%s is sealed: unlock it with its passphrase.", path)
		}
		sec, err := secret(path)
		if err != nil {
			return nil, err
		}
		if s, err = journal.OpenSealed(ctx, path, sec); err != nil {
			return nil, err // names the newest backup itself
		}
		backupInspector = s.Inspector()
	} else if s, err = journal.Open(ctx, path); err != nil {
		return nil, explainOpenError(ctx, path, err)
	}
	if err := backupOnOpen(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
