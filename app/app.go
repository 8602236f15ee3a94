// Package app is Kindred's Fyne GUI: the main window, its screens and the
// custom widgets they are built from.
package app

import (
	"context"

	"fyne.io/fyne/v2"

	"kindred/assets"
	"kindred/journal"
)

// ID is the application id, shared with FyneApp.toml.
const ID = "app.kindred.journal"

// Options are what the GUI needs from main.
type Options struct {
	JournalPath string
	// Open opens a journal; main supplies it so that sealed journals and any
	// other way of opening stay in one place.
	Open func(ctx context.Context, path string) (*journal.Store, error)
}

// Run shows the main window for the journal and blocks until the app quits.
func Run(ctx context.Context, a fyne.App, o Options) error {
	a.SetIcon(assets.Icon)
	openJournal = o.Open
	st, err := o.Open(ctx, o.JournalPath)
	if err != nil {
		if journal.ErrorCode(err) == journal.EDAMAGED && offerRestore(ctx, a, o, err) {
			return nil
		}
		showFatal(a, err)
		return err
	}
	w := NewMainWindow(ctx, a, st)
	beginSession(ctx, w)
	defer endSession()
	w.Window.ShowAndRun()
	return nil
}
