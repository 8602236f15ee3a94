// Package app is Kindred's Fyne GUI: the main window, its screens and the
// custom widgets they are built from.
package app

import (
	"context"

	"fyne.io/fyne/v2"

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
	// Unlock opens a sealed journal with what its lock screen was given.
	Unlock func(ctx context.Context, path string, sec journal.Secret) (*journal.Store, error)
	// Given, if set, returns a passphrase given outside the window
	// (--passphrase-file, KINDRED_PASSPHRASE), tried before the lock screen
	// asks; ok is false when there is none.
	Given func() (sec journal.Secret, ok bool, err error)
	// Seal tunes sealing; only tests set it, to make it cheap.
	Seal journal.SealOptions
}

// Run shows the journal, behind its lock screen if it is sealed, and blocks
// until the app quits.
func Run(ctx context.Context, a fyne.App, o Options) (err error) {
	var s *session
	defer func() {
		if r := recover(); r != nil {
			err = noDisplay(r, s)
		}
	}()
	a.SetIcon(Icon)
	// Failing, newer emoji draw as the system's own fonts allow.
	_ = shipEmojiFont()
	a.Settings().SetTheme(newTheme())
	s = newSession(ctx, a, o)
	var failed error // why no journal could be opened
	s.Start(func(err error) {
		if err != nil && (journal.ErrorCode(err) != journal.EDAMAGED || !offerRestore(s, err)) {
			failed = err
			showFatal(a, err)
		}
	})
	defer startBackupSchedule(ctx)()
	// Quitting from the menu may skip the window's close handler.
	a.Lifecycle().SetOnStopped(s.saveDraft)
	a.Run()
	if err := s.Close(); failed == nil {
		return err
	}
	return failed
}
