package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/sealed"
)

// LockScreen stands before a sealed journal: the app's name, a passphrase
// entry and Unlock, and, for a forgotten passphrase, the recovery key with a
// new passphrase.
type LockScreen struct {
	widget.BaseWidget

	Passphrase *widget.Entry
	Unlock     *escButton
	// Message says why the last attempt failed.
	Message     *widget.Label
	UseRecovery *escButton

	RecoveryKey      *widget.Entry
	NewPassphrase    *widget.Entry
	RepeatPassphrase *widget.Entry
	RecoveryUnlock   *escButton
	BackToPassphrase *escButton

	Progress *widget.ProgressBarInfinite
	// Status says what a slow unlock is doing (a one-time upgrade).
	Status *widget.Label

	path     string
	onUnlock func(sec journal.Secret, newPassphrase string, done func(error))
	byPass   *fyne.Container
	byKey    *fyne.Container
}

var _ fyne.Widget = (*LockScreen)(nil)

// NewLockScreen builds the lock screen of the journal at path. onUnlock opens
// the journal (off the UI goroutine) and calls done, on the UI goroutine,
// only if that failed.
func NewLockScreen(path string, onUnlock func(sec journal.Secret, newPassphrase string, done func(error))) *LockScreen {
	l := &LockScreen{path: path, onUnlock: onUnlock}
	l.ExtendBaseWidget(l)

	l.Passphrase = widget.NewPasswordEntry()
	l.Passphrase.SetPlaceHolder("Passphrase")
	l.Passphrase.OnSubmitted = func(string) { l.submitPassphrase() }
	l.Unlock = newKeyButton("Unlock", theme.LoginIcon(), l.submitPassphrase)
	l.Unlock.Importance = widget.HighImportance
	l.UseRecovery = newKeyButton("Forgot it? Use the recovery key", nil, func() { l.showRecovery(true) })
	l.UseRecovery.Importance = widget.LowImportance

	l.RecoveryKey = widget.NewEntry()
	l.RecoveryKey.SetPlaceHolder("Recovery key: XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
	l.NewPassphrase = widget.NewPasswordEntry()
	l.NewPassphrase.SetPlaceHolder("New passphrase")
	l.RepeatPassphrase = widget.NewPasswordEntry()
	l.RepeatPassphrase.SetPlaceHolder("The new passphrase again")
	l.RepeatPassphrase.OnSubmitted = func(string) { l.submitRecovery() }
	l.RecoveryUnlock = newKeyButton("Unlock and set the new passphrase", theme.LoginIcon(), l.submitRecovery)
	l.RecoveryUnlock.Importance = widget.HighImportance
	l.BackToPassphrase = newKeyButton("Back to the passphrase", nil, func() { l.showRecovery(false) })
	l.BackToPassphrase.Importance = widget.LowImportance

	l.Message = widget.NewLabel("")
	l.Message.Importance = widget.DangerImportance
	l.Message.Wrapping = fyne.TextWrapWord
	l.Message.Alignment = fyne.TextAlignCenter
	l.Message.Hide()
	l.Progress = widget.NewProgressBarInfinite()
	l.Progress.Stop()
	l.Progress.Hide()
	l.Status = centeredLabel("")
	l.Status.Hide()

	l.byPass = container.NewVBox(
		centeredLabel("This journal is sealed. Type its passphrase to open it."),
		l.Passphrase, l.Unlock, container.NewCenter(l.UseRecovery))
	l.byKey = container.NewVBox(
		centeredLabel("The recovery key opens the journal; then choose a new passphrase."),
		l.RecoveryKey, l.NewPassphrase, l.RepeatPassphrase, l.RecoveryUnlock, container.NewCenter(l.BackToPassphrase))
	l.byKey.Hide()
	return l
}

func centeredLabel(text string) *widget.Label {
	lbl := widget.NewLabel(text)
	lbl.Alignment = fyne.TextAlignCenter
	lbl.Wrapping = fyne.TextWrapWord
	return lbl
}

func (l *LockScreen) CreateRenderer() fyne.WidgetRenderer {
	icon := canvas.NewImageFromResource(Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	name := canvas.NewText("Kindred", theme.Color(theme.ColorNameForeground))
	name.TextSize = 2 * theme.TextSize()
	name.TextStyle.Bold = true
	name.Alignment = fyne.TextAlignCenter
	file := widget.NewLabel(filepath.Base(l.path) + " in " + filepath.Dir(l.path))
	file.Alignment = fyne.TextAlignCenter
	file.Importance = widget.LowImportance
	file.Truncation = fyne.TextTruncateEllipsis
	body := container.NewVBox(container.NewCenter(icon), name, file, l.byPass, l.byKey, l.Progress, l.Status, l.Message)
	return widget.NewSimpleRenderer(container.NewCenter(container.New(fixedWidth(380), body)))
}

// Reset empties the entries and shows the passphrase form.
func (l *LockScreen) Reset() {
	for _, e := range []*widget.Entry{l.Passphrase, l.RecoveryKey, l.NewPassphrase, l.RepeatPassphrase} {
		e.SetText("")
	}
	l.setBusy(false)
	l.Message.Hide()
	l.showRecovery(false)
}

// ShowStatus says what the unlock under way is doing.
func (l *LockScreen) ShowStatus(text string) {
	l.Status.SetText(text)
	l.Status.Show()
}

// ShowError says why the journal did not open.
func (l *LockScreen) ShowError(err error) {
	l.Message.SetText(err.Error())
	l.Message.Show()
}

func (l *LockScreen) say(msg string) {
	l.Message.SetText(msg)
	l.Message.Show()
}

func (l *LockScreen) showRecovery(on bool) {
	l.Message.Hide()
	if on {
		l.byPass.Hide()
		l.byKey.Show()
		l.focus(l.RecoveryKey)
	} else {
		l.byKey.Hide()
		l.byPass.Show()
		l.focus(l.Passphrase)
	}
}

func (l *LockScreen) focus(e *widget.Entry) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(e)
	}
}

func (l *LockScreen) setBusy(busy bool) {
	for _, d := range []fyne.Disableable{l.Passphrase, l.Unlock, l.UseRecovery, l.RecoveryKey, l.NewPassphrase, l.RepeatPassphrase, l.RecoveryUnlock, l.BackToPassphrase} {
		if busy {
			d.Disable()
		} else {
			d.Enable()
		}
	}
	if busy {
		l.Message.Hide()
		l.Progress.Show()
		l.Progress.Start()
	} else {
		l.Progress.Stop()
		l.Progress.Hide()
		l.Status.Hide()
	}
}

func (l *LockScreen) submitPassphrase() {
	if l.Passphrase.Disabled() {
		return
	}
	if l.Passphrase.Text == "" {
		l.say("Type the passphrase first.")
		return
	}
	l.setBusy(true)
	l.onUnlock(journal.Secret{Passphrase: l.Passphrase.Text}, "", func(err error) {
		l.setBusy(false)
		l.ShowError(err)
		if journal.ErrorCode(err) == journal.EPASSPHRASE {
			l.Passphrase.SetText("")
		}
		l.focus(l.Passphrase)
	})
}

func (l *LockScreen) submitRecovery() {
	if l.RecoveryKey.Disabled() {
		return
	}
	if err := sealed.CheckRecoveryKey(l.RecoveryKey.Text); err != nil {
		l.ShowError(err)
		return
	}
	if err := sealed.CheckPassphrase(l.NewPassphrase.Text); err != nil {
		l.ShowError(err)
		return
	}
	if l.NewPassphrase.Text != l.RepeatPassphrase.Text {
		l.say("The two new passphrases differ.")
		return
	}
	l.setBusy(true)
	l.onUnlock(journal.Secret{RecoveryKey: l.RecoveryKey.Text}, l.NewPassphrase.Text, func(err error) {
		l.setBusy(false)
		l.ShowError(err)
	})
}

// fixedWidth lays its objects out one above the other at a set width.
type fixedWidth float32

func (w fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(float32(w), h)
}

func (w fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}
