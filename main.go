// Command kindred is a private desktop journal of the relationships that
// matter to its user. With no command it opens the journal's window; with one
// it runs that command and exits (see `kindred help`).
package main

import (
	"context"
	"log"
	"os"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"kindred/app"
	"kindred/assets"
	"kindred/cli"
	_ "kindred/fynelocale" // before Fyne reads the locale: see its doc
	"kindred/insights"
	"kindred/journal"
)

func init() {
	// PDFs draw emoji from the emoji font Fyne bundles (EmojiOne, art under
	// CC-BY 4.0: the README credits it). Read only when a PDF has an emoji.
	if f := theme.DefaultEmojiFont(); f != nil {
		insights.SetEmojiFont(f.Content())
	}
	// The emoji since (Unicode 10 to 15), in colour, from Noto Color Emoji
	// (OFL 1.1), shipped in assets.
	insights.SetColorEmojiFont(assets.ColorEmoji)
}

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, runGUI))
}

// runGUI is the cli.GUI: it opens the journal's window and blocks until it is
// closed. It lives here because fyne.io/fyne/v2/app needs cgo and OpenGL;
// every other package builds and tests without them.
func runGUI(ctx context.Context, path string, given func() (journal.Secret, bool, error)) error {
	// Fyne and GLFW report through the standard logger; their lines on
	// stderr are marked as Kindred's like every other.
	log.SetFlags(0)
	log.SetPrefix("kindred: ")
	a := fyneapp.NewWithID(app.ID)
	return app.Run(ctx, a, app.Options{
		JournalPath: path,
		Given:       given,
		Open:        func(ctx context.Context, path string) (*journal.Store, error) { return cli.OpenStore(ctx, path, nil) },
		Unlock: func(ctx context.Context, path string, sec journal.Secret) (*journal.Store, error) {
			return cli.OpenStore(ctx, path, func(string) (journal.Secret, error) { return sec, nil })
		},
	})
}
