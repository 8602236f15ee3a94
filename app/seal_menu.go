package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// lockShortcut locks a sealed journal at once.
var lockShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}

func init() {
	fileMenuItems = append(fileMenuItems, lockMenuItem, sealingMenuItem)
}

// lockMenuItem is "Lock now", for a sealed journal only.
func lockMenuItem(m *MainWindow) *fyne.MenuItem {
	if !m.store.Sealed() {
		return nil
	}
	item := fyne.NewMenuItem("Lock now", func() {
		if s := sessions[m]; s != nil {
			s.Lock()
		}
	})
	item.Icon = theme.VisibilityOffIcon()
	item.Shortcut = lockShortcut
	return item
}

// sealingMenuItem is "Seal with a passphrase…" for a plain journal, and the
// passphrase and sealing choices for a sealed one.
func sealingMenuItem(m *MainWindow) *fyne.MenuItem {
	with := func(show func(s *session)) func() {
		return func() {
			if s := sessions[m]; s != nil {
				show(s)
			}
		}
	}
	if !m.store.Sealed() {
		return fyne.NewMenuItem("Seal with a passphrase…", with(func(s *session) { showSealDialog(s) }))
	}
	item := fyne.NewMenuItem("Passphrase and sealing", nil)
	item.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Lock automatically…", with(func(s *session) { showLockAfterDialog(s) })),
		fyne.NewMenuItem("Change passphrase…", with(func(s *session) { showChangePassphraseDialog(s) })),
		fyne.NewMenuItem("New recovery key…", with(func(s *session) { showNewRecoveryKeyDialog(s) })),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Unseal…", with(func(s *session) { showUnsealDialog(s) })),
	)
	return item
}
