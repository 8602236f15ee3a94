package app

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
	"kindred/journal"
)

// settingsStore keeps small choices between sessions.
type settingsStore interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// pdfTarget is where a PDF goes: a file name typed in the dialog and a
// folder chosen apart. Only a folder is chosen with Fyne's dialog: its save
// dialog would create (or empty) the file before the PDF is written, and a
// failed export must leave no file behind.
type pdfTarget struct {
	m        *MainWindow
	settings settingsStore
	FileName *textEntry
	Folder   *widget.Label
	folder   string
}

func newPDFTarget(m *MainWindow, settings settingsStore) *pdfTarget {
	t := &pdfTarget{m: m, settings: settings, FileName: newTextEntry("file name")}
	t.folder = t.defaultFolder()
	t.Folder = widget.NewLabel(t.folder)
	t.Folder.Truncation = fyne.TextTruncateEllipsis
	return t
}

// box is the "Save as" part of a dialog.
func (t *pdfTarget) box() fyne.CanvasObject {
	choose := newKeyButton("Choose folder…", nil, t.chooseFolder)
	return container.NewVBox(
		widget.NewLabelWithStyle("Save as", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		t.FileName, container.NewBorder(nil, nil, nil, choose, t.Folder))
}

// defaultFolder is where the last PDF went, else Documents, else home.
func (t *pdfTarget) defaultFolder() string {
	if dir, err := t.settings.Setting(t.m.ctx, exportFolderSetting); err == nil && dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

func (t *pdfTarget) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		t.folder = u.Path()
		t.Folder.SetText(t.folder)
	}, t.m.Window)
	if u, err := storage.ListerForURI(storage.NewFileURI(t.folder)); err == nil {
		d.SetLocation(u)
	}
	d.Show()
}

// path is the file to write; what (a "report") names it in a problem.
func (t *pdfTarget) path(what string) (string, error) {
	name := strings.TrimSpace(t.FileName.Text)
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("Give the %s a file name (without folders).", what)
	}
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	return filepath.Join(t.folder, name), nil
}

// remember keeps the folder for next time; a failure here loses nothing.
func (t *pdfTarget) remember(path string) {
	_ = t.settings.SetSetting(context.Background(), exportFolderSetting, filepath.Dir(path))
}

// writeOrAsk writes path (write(false)), or asks first when a file of
// that name exists: the question stands over md, so that No leaves what was
// typed there, and Replace closes md and runs write(true). A folder of that
// name is a problem to show. It reports whether md may close now.
func (m *MainWindow) writeOrAsk(md *modal, path, what string, problem func(string), write func(replace bool)) bool {
	if err := journal.CheckOutputPath(m.store.Path(), path); err != nil {
		problem(outputProblem(err))
		return false
	}
	st, err := os.Stat(path)
	if err != nil {
		write(false)
		return true
	}
	if st.IsDir() {
		problem(filepath.Base(path) + " is a folder; choose another name.")
		return false
	}
	m.confirm("Replace the file?", fmt.Sprintf("%s already exists in %s. Replace it with the new %s?",
		filepath.Base(path), filepath.Dir(path), what), "Replace", func() {
		md.close()
		write(true)
	})
	return false
}

// outputProblem is what a refused output says in a dialog.
func outputProblem(err error) string {
	if de := journal.AsError(err); de != nil {
		return de.Message
	}
	return err.Error()
}

// pdfRun is a PDF being written off the UI goroutine, shown by a progress
// dialog whose Cancel stops it and leaves no file.
type pdfRun struct {
	progress *modal
	Bar      *widget.ProgressBar
	Cancel   *escButton
	cancel   context.CancelFunc
	ctx      context.Context
}

// newPDFRun shows the progress dialog; start the work with launch.
func (m *MainWindow) newPDFRun(title, path string) *pdfRun {
	r := &pdfRun{Bar: widget.NewProgressBar()}
	r.ctx, r.cancel = context.WithCancel(m.ctx)
	label := widget.NewLabel("Writing " + filepath.Base(path) + "…")
	label.Truncation = fyne.TextTruncateEllipsis
	r.progress = m.newModal(title, container.NewVBox(label, r.Bar))
	r.Cancel = r.progress.cancelButton("Cancel")
	r.progress.onCancel = r.cancel
	r.progress.show()
	r.progress.resize(fyne.NewSize(420, 160))
	return r
}

// progressTo is a progress callback for the writing goroutine.
func (r *pdfRun) progressTo(done, total int) {
	fyne.Do(func() { r.Bar.SetValue(float64(done) / float64(total)) })
}

// launch runs work off the UI goroutine with the window's runner, then
// finished on the UI goroutine with how many pages were written.
func (r *pdfRun) launch(m *MainWindow, work func(ctx context.Context) (pages int, err error), finished func(pages int, err error)) {
	m.run(func() {
		pages, err := work(r.ctx)
		r.cancel()
		fyne.Do(func() {
			r.progress.close()
			finished(pages, err)
		})
	})
}

// pdfOutcome tells the user how writing path went, and returns it in words
// for the status line and tests. what is "report" or "letter".
func (m *MainWindow) pdfOutcome(path, what string, pages int, err error) string {
	switch {
	case insights.IsCancelled(err):
		m.inform("Export cancelled", "The export was cancelled. Nothing was written.")
		return "Export cancelled: nothing was written."
	case err != nil:
		m.ShowError("Could not export the PDF", fmt.Errorf("%v. Nothing was written.", err))
		return "Export failed: " + err.Error()
	}
	msg := widget.NewLabel(fmt.Sprintf("The %s is in %s (%s).", what, path, tlCountOf(pages, "page", "pages")))
	msg.Wrapping = fyne.TextWrapWord
	title := "PDF exported"
	if what == "letter" {
		title = "Letter saved"
	}
	md := m.newModal(title, msg)
	md.button("Open", widget.MediumImportance, func() {
		u := &url.URL{Scheme: "file", Path: path}
		if err := m.app.OpenURL(u); err != nil {
			m.ShowError("Could not open the PDF", err)
		}
	})
	md.button("Close", widget.HighImportance, nil)
	md.show()
	md.resize(fyne.NewSize(440, 200))
	return fmt.Sprintf("Saved %s: %d pages.", filepath.Base(path), pages)
}
