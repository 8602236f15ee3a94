package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/sealed"
)

// passphraseDialog is the shape of the seal, change and unseal dialogs: an
// explanation, the entries the step needs, a message line, Cancel and a
// confirm button that is enabled only when the entries are acceptable.
type passphraseDialog struct {
	Current, New, Repeat *textEntry
	// Recovery is asked for only when a change needs the current recovery
	// key and the session does not know it (see askRecoveryKey).
	Recovery        *textEntry
	Message         *widget.Label
	Confirm, Cancel *escButton
	// Progress moves while the work runs, which for a journal with many
	// photos can take a while; busyText says what it does.
	Progress *widget.ProgressBarInfinite
	busyText string
	working  bool

	dlg    *dialog.CustomDialog
	parent fyne.Window
	box    *fyne.Container
	check  func() string // what is still missing, or ""
}

func (d *passphraseDialog) entries() []*textEntry {
	return []*textEntry{d.Current, d.New, d.Repeat, d.Recovery}
}

// hide closes the dialog (Cancel, Escape), but not while its work runs.
func (d *passphraseDialog) hide() {
	if !d.working {
		d.dlg.Hide()
	}
}

// newSecretEntry is a password entry that hands Escape on to close its
// dialog (a plain Fyne entry swallows it).
func newSecretEntry(placeholder string, onEscape func()) *textEntry {
	e := newTextEntry(placeholder)
	e.Password = true
	e.onEscape = onEscape
	return e
}

// askRecoveryKey adds an entry for the current recovery key, above the message.
func (d *passphraseDialog) askRecoveryKey() {
	d.Recovery = newSecretEntry("Your recovery key (it keeps working)", d.hide)
	d.Recovery.OnChanged = func(string) { d.refresh() }
	n := len(d.box.Objects)
	last := d.box.Objects[n-1] // the message and the progress
	d.box.Objects = append(d.box.Objects[:n-1:n-1], d.Recovery, last)
	d.box.Refresh()
	d.refresh()
}

func newPassphraseDialog(parent fyne.Window, title, explain, confirm string, current, fresh bool) *passphraseDialog {
	d := &passphraseDialog{}
	text := widget.NewLabel(explain)
	text.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{text}
	if current {
		d.Current = newSecretEntry("Current passphrase", d.hide)
		items = append(items, d.Current)
	}
	if fresh {
		// The advice is in a hint below: in the field it would be cut.
		d.New = newSecretEntry("New passphrase (8 characters or more)", d.hide)
		d.Repeat = newSecretEntry("The new passphrase again", d.hide)
		hint := widget.NewLabel("A few unrelated words make a passphrase easy to remember and hard to guess.")
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		items = append(items, d.New, d.Repeat, hint)
	}
	d.Message = widget.NewLabel("")
	d.Message.Wrapping = fyne.TextWrapWord
	d.Message.Importance = widget.DangerImportance
	d.Progress = widget.NewProgressBarInfinite()
	d.Progress.Hide()
	d.Progress.Stop()
	d.busyText = "Working…"
	items = append(items, container.NewVBox(d.Progress, d.Message))
	d.Cancel = newKeyButton("Cancel", nil, d.hide)
	d.Confirm = newKeyButton(confirm, nil, nil)
	d.Cancel.onEscape, d.Confirm.onEscape = d.hide, d.hide
	d.Confirm.Importance = widget.HighImportance
	d.box = container.NewVBox(items...)
	d.parent = parent
	d.dlg = dialog.NewCustomWithoutButtons(title, container.New(fixedWidth(440), d.box), parent)
	d.dlg.SetButtons([]fyne.CanvasObject{d.Cancel, d.Confirm})
	d.check = func() string {
		if d.Current != nil && d.Current.Text == "" {
			return "Type the current passphrase."
		}
		if d.New != nil {
			if err := sealed.CheckPassphrase(d.New.Text); err != nil {
				return err.Error()
			}
			if d.Repeat.Text == "" {
				return "Type the new passphrase again below."
			}
			if d.Repeat.Text != d.New.Text {
				return "The two new passphrases differ."
			}
		}
		if d.Recovery != nil && sealed.CheckRecoveryKey(d.Recovery.Text) != nil {
			return "Type your recovery key: the journal is sealed under a new key, which it must open too."
		}
		return ""
	}
	for _, e := range []*textEntry{d.Current, d.New, d.Repeat} {
		if e != nil {
			e.OnChanged = func(string) { d.refresh() }
			e.OnSubmitted = func(string) {
				if !d.Confirm.Disabled() {
					d.Confirm.OnTapped()
				}
			}
		}
	}
	d.refresh()
	return d
}

// refresh enables the confirm button when the entries are acceptable, and
// says what is missing once the user has started typing.
func (d *passphraseDialog) refresh() {
	missing := d.check()
	typed := false
	for _, e := range d.entries() {
		typed = typed || (e != nil && e.Text != "")
	}
	if missing == "" {
		d.Confirm.Enable()
		d.Message.SetText("")
	} else {
		d.Confirm.Disable()
		if typed {
			d.Message.SetText(missing)
		}
	}
}

func (d *passphraseDialog) show() {
	d.dlg.Show()
	first := d.Current
	if first == nil {
		first = d.New
	}
	// The window's canvas, not CanvasForObject: right after Show the
	// dialog's content may not be attached yet (opened from the menu, it
	// was not), and nothing had the keyboard, not even Escape.
	d.parent.Canvas().Focus(first)
}

// busy disables the dialog while work runs, or enables it again.
func (d *passphraseDialog) busy(on bool) {
	ws := []fyne.Disableable{d.Confirm, d.Cancel}
	for _, e := range d.entries() {
		if e != nil {
			ws = append(ws, e)
		}
	}
	for _, w := range ws {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	d.working = on
	if on {
		d.Message.Importance = widget.MediumImportance
		d.Message.SetText(d.busyText)
		d.Progress.Show()
		d.Progress.Start()
	} else {
		d.Progress.Stop()
		d.Progress.Hide()
		d.Message.Importance = widget.DangerImportance
		d.refresh()
	}
}

// showSealDialog asks for a passphrase, then shows the recovery key and has
// the user type it back, then seals the journal.
func showSealDialog(s *session) *passphraseDialog {
	d := newPassphraseDialog(s.main.Window, "Seal the journal",
		"Sealing encrypts the journal on this computer: without the passphrase, its file reveals nothing, "+
			"not even names or dates. You will type the passphrase each time Kindred opens, and after it has "+
			"been left alone for a while. If you forget it, only the recovery key shown next can open the journal.",
		"Continue", false, true)
	d.Confirm.OnTapped = func() {
		pass := d.New.Text
		d.dlg.Hide()
		showRecoveryKeyDialog(s, "Keep your recovery key", "Seal the journal", func(key string) {
			s.replaceJournal("Sealing the journal…", func(ctx context.Context, st *journal.Store) (*journal.Store, error) {
				if err := st.Close(); err != nil {
					return nil, err
				}
				sealed, err := journal.Seal(ctx, s.o.JournalPath, pass, key, s.o.Seal)
				if sealed != nil {
					return sealed, err
				}
				plain, oerr := s.o.Open(ctx, s.o.JournalPath)
				if oerr != nil {
					return nil, err
				}
				return plain, err
			}, func() {
				dialog.ShowInformation("Sealed", "The journal is sealed. Kindred will ask for the passphrase when it opens, and after "+lockAfterLabel(s.idle.limit)+" without use.", s.main.Window)
			})
		})
	}
	d.show()
	return d
}

// recoveryKeyDialog shows a new recovery key once and waits for the user to
// type it back.
type recoveryKeyDialog struct {
	Key     *widget.Label
	Copy    *escButton
	Typed   *textEntry
	Confirm *escButton
	Cancel  *escButton
	dlg     *dialog.CustomDialog
}

// lastRecoveryKeyDialog is the dialog showRecoveryKeyDialog opened last, for tests.
var lastRecoveryKeyDialog *recoveryKeyDialog

func showRecoveryKeyDialog(s *session, title, confirm string, use func(key string)) *recoveryKeyDialog {
	key := sealed.NewRecoveryKey()
	r := &recoveryKeyDialog{}
	lastRecoveryKeyDialog = r
	r.Key = widget.NewLabelWithStyle(key, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	r.Key.Selectable = true
	r.Copy = newKeyButton("Copy", theme.ContentCopyIcon(), func() {
		copySecret(s.a, key)
	})
	explain := widget.NewLabel("The recovery key opens the journal if the passphrase is forgotten. Kindred keeps no copy " +
		"and shows it only now: write it down, or store it in a password manager, away from this computer.")
	explain.Wrapping = fyne.TextWrapWord
	hide := func() { r.dlg.Hide() }
	r.Typed = newTextEntry("Type the recovery key here to confirm you kept it")
	r.Typed.onEscape = hide
	r.Cancel = newKeyButton("Cancel", nil, hide)
	r.Confirm = newKeyButton(confirm, nil, func() {
		r.dlg.Hide()
		use(key)
	})
	r.Copy.onEscape, r.Cancel.onEscape, r.Confirm.onEscape = hide, hide, hide
	r.Confirm.Importance = widget.HighImportance
	r.Confirm.Disable()
	r.Typed.OnChanged = func(text string) {
		if sealed.SameRecoveryKey(key, text) {
			r.Confirm.Enable()
		} else {
			r.Confirm.Disable()
		}
	}
	r.Typed.OnSubmitted = func(string) {
		if !r.Confirm.Disabled() {
			r.Confirm.OnTapped()
		}
	}
	content := container.NewVBox(explain, container.NewBorder(nil, nil, nil, r.Copy, r.Key), r.Typed)
	r.dlg = dialog.NewCustomWithoutButtons(title, container.New(fixedWidth(460), content), s.main.Window)
	r.dlg.SetButtons([]fyne.CanvasObject{r.Cancel, r.Confirm})
	r.dlg.Show()
	s.main.Window.Canvas().Focus(r.Typed)
	return r
}

// showChangePassphraseDialog asks for the current passphrase and a new one.
func showChangePassphraseDialog(s *session) *passphraseDialog {
	d := newPassphraseDialog(s.main.Window, "Change the passphrase",
		"The journal, its photos and its backups are sealed again under a new key: old copies of the file open only with "+
			"the old passphrase, and hold nothing written from now on. The recovery key keeps working.",
		"Change passphrase", true, true)
	if !s.store.KnowsRecoveryKey() {
		d.askRecoveryKey()
	}
	d.busyText = "Sealing the journal, its photos and its backups under the new key. With many photos this takes a while: keep Kindred open."
	d.Confirm.OnTapped = func() {
		current, next := d.Current.Text, d.New.Text
		var recovery string
		if d.Recovery != nil {
			recovery = d.Recovery.Text
		}
		st := s.store
		d.busy(true)
		s.work(func() {
			err := st.VerifyPassphrase(current)
			if err == nil && recovery != "" {
				err = st.VerifyRecoveryKey(recovery)
			}
			if err == nil {
				err = st.ChangeSecrets(s.ctx, next, recovery, s.o.Seal)
			}
			fyne.Do(func() {
				d.busy(false)
				if err != nil {
					d.Message.SetText(err.Error())
					return
				}
				d.dlg.Hide()
				dialog.ShowInformation("Passphrase changed", "Use the new passphrase from now on.", s.main.Window)
			})
		})
	}
	d.show()
	return d
}

// showUnsealDialog warns, asks for the passphrase, and unseals.
func showUnsealDialog(s *session) *passphraseDialog {
	d := newPassphraseDialog(s.main.Window, "Unseal the journal",
		"Unsealing writes the journal to this computer unencrypted: anyone who can read your files will be "+
			"able to read it, and its backups from now on are plain too. Kindred will no longer ask for a passphrase.",
		"Unseal", true, false)
	d.Confirm.Importance = widget.DangerImportance
	d.Confirm.OnTapped = func() {
		current := d.Current.Text
		st := s.store
		d.busy(true)
		s.work(func() {
			err := st.VerifyPassphrase(current)
			fyne.Do(func() {
				d.busy(false)
				if err != nil {
					d.Message.SetText(err.Error())
					return
				}
				d.dlg.Hide()
				unseal(s)
			})
		})
	}
	d.show()
	return d
}

// unseal turns the sealed journal into a plain one and shows it.
func unseal(s *session) {
	s.replaceJournal("Unsealing the journal…", func(ctx context.Context, st *journal.Store) (*journal.Store, error) {
		if err := st.Unseal(ctx); err != nil {
			return st, err
		}
		return s.o.Open(ctx, s.o.JournalPath)
	}, func() {
		dialog.ShowInformation("Unsealed", "The journal is a plain file again. Backups made while it was sealed stay sealed: they open with the passphrase it had.", s.main.Window)
	})
}

// showNewRecoveryKeyDialog replaces the recovery key, after the user kept the new one.
func showNewRecoveryKeyDialog(s *session) *recoveryKeyDialog {
	return showRecoveryKeyDialog(s, "A new recovery key", "Use this key", func(key string) {
		st := s.store
		// The journal, its photos and its backups are sealed again:
		// with many photos, a while.
		busy := showBusy(s.main.Window, "Sealing under the new recovery key…")
		s.work(func() {
			err := st.SetRecoveryKey(s.ctx, key)
			fyne.Do(func() {
				busy.Hide()
				if err != nil {
					dialog.ShowError(err, s.main.Window)
					return
				}
				dialog.ShowInformation("Recovery key replaced", "The old recovery key no longer opens the journal.", s.main.Window)
			})
		})
	})
}

// showLockAfterDialog lets the user choose how long an unused journal stays open.
func showLockAfterDialog(s *session) *widget.Select {
	var labels []string
	for _, c := range lockAfterChoices {
		labels = append(labels, c.label)
	}
	choice := widget.NewSelect(labels, nil)
	choice.SetSelected(lockAfterLabel(s.idle.limit))
	explain := widget.NewLabel("Lock the journal after it has not been used for:")
	dialog.ShowCustomConfirm("Lock automatically", "Save", "Cancel", container.NewVBox(explain, choice), func(ok bool) {
		if !ok {
			return
		}
		for _, c := range lockAfterChoices {
			if c.label == choice.Selected {
				if err := s.setLockAfter(c.after); err != nil {
					dialog.ShowError(err, s.main.Window)
				}
			}
		}
	}, s.main.Window)
	return choice
}

// showBusy shows a modal progress dialog.
func showBusy(parent fyne.Window, title string) dialog.Dialog {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.New(fixedWidth(320), bar), parent)
	d.Show()
	return d
}

// problemContent says what went wrong, with a button to close the window.
func problemContent(err error, close func()) fyne.CanvasObject {
	msg := widget.NewLabel("No journal is open: " + err.Error())
	msg.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, container.NewCenter(newKeyButton("Close", nil, close)), nil, nil, msg)
}
