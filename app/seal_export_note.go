package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// ExportWarning is what every export dialog (JSON, Markdown, PDF) shows for a
// sealed journal, above its Save button; nil for a plain journal. The seal
// protects the journal's file, not the copies written out of it.
func ExportWarning(st *journal.Store) *widget.Label {
	if st == nil || !st.Sealed() {
		return nil
	}
	note := journal.PlaintextExportNote
	l := widget.NewLabel(strings.ToUpper(note[:1]) + note[1:])
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return l
}
