package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog of the main window that Escape closes. Fyne's dialogs
// ignore Escape, so every dialog of ours is built here: its buttons and
// entries hand Escape on, and the window's canvas catches it when nothing
// in the dialog has the keyboard.
type modal struct {
	m       *MainWindow
	d       *dialog.CustomDialog
	buttons []fyne.CanvasObject
	// onCancel runs when the dialog is closed without a choice (Escape or
	// its cancel button); onClose runs whenever it closes, after onCancel.
	onCancel, onClose func()
	open              bool
}

// newModal prepares a dialog; add buttons, then show it.
func (m *MainWindow) newModal(title string, content fyne.CanvasObject) *modal {
	md := &modal{m: m}
	md.d = dialog.NewCustomWithoutButtons(title, content, m.Window)
	return md
}

// button adds a button that runs fn and closes the dialog; fn may be nil.
func (md *modal) button(label string, importance widget.Importance, fn func()) *escButton {
	b := newEscButton(label, importance, nil)
	b.OnTapped = func() {
		md.close()
		if fn != nil {
			fn()
		}
	}
	b.onEscape = md.cancel
	md.buttons = append(md.buttons, b)
	return b
}

// action adds a button that runs fn and closes the dialog only when fn
// reports success, so a dialog can show a problem and keep what was typed.
func (md *modal) action(label string, importance widget.Importance, fn func() bool) *escButton {
	b := newEscButton(label, importance, nil)
	b.OnTapped = func() {
		if fn() {
			md.close()
		}
	}
	b.onEscape = md.cancel
	md.buttons = append(md.buttons, b)
	return b
}

// cancelButton adds the button that closes the dialog without a choice.
func (md *modal) cancelButton(label string) *escButton {
	b := newEscButton(label, widget.MediumImportance, md.cancel)
	b.onEscape = md.cancel
	md.buttons = append(md.buttons, b)
	return b
}

// escapes makes an entry inside the dialog close it on Escape.
func (md *modal) escapes(e *textEntry) { e.onEscape = md.cancel }

func (md *modal) show() {
	md.d.SetButtons(md.buttons)
	md.open = true
	md.m.dialogs = append(md.m.dialogs, md)
	md.d.Show()
}

// resize sets the dialog's size (after show).
func (md *modal) resize(s fyne.Size) { md.d.Resize(s) }

func (md *modal) close() {
	md.closeThen(nil)
}

// closeThen closes the dialog, runs then (a cancel's onCancel), then
// onClose.
func (md *modal) closeThen(then func()) {
	if !md.open {
		return
	}
	md.open = false
	md.d.Hide()
	ds := md.m.dialogs
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i] == md {
			md.m.dialogs = append(ds[:i:i], ds[i+1:]...)
			break
		}
	}
	if then != nil {
		then()
	}
	if md.onClose != nil {
		md.onClose()
	}
}

func (md *modal) cancel() {
	md.closeThen(md.onCancel)
}

// closeTopDialog closes the most recent open dialog; it reports whether
// there was one.
func (m *MainWindow) closeTopDialog() bool {
	if len(m.dialogs) == 0 {
		return false
	}
	m.dialogs[len(m.dialogs)-1].cancel()
	return true
}

// confirm asks before something destructive; fn runs only on yes.
func (m *MainWindow) confirm(title, message, yes string, fn func()) *modal {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	md := m.newModal(title, msg)
	md.cancelButton("Cancel")
	md.button(yes, widget.DangerImportance, fn)
	md.show()
	md.resize(fyne.NewSize(420, msg.MinSize().Height+140))
	return md
}

// inform shows a message with a single button to close it.
func (m *MainWindow) inform(title, message string) *modal {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	md := m.newModal(title, msg)
	md.button("Close", widget.HighImportance, nil)
	md.show()
	md.resize(fyne.NewSize(440, 200))
	return md
}
