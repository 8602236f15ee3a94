package app

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
	"kindred/journal"
)

func init() {
	fileMenuItems = append(fileMenuItems, func(m *MainWindow) *fyne.MenuItem {
		it := fyne.NewMenuItem("Export PDF…", m.ExportPDF)
		it.Shortcut = ctrl(fyne.KeyE)
		return it
	})
}

// reportStore is what the PDF export needs from the journal.
type reportStore interface {
	insights.ReportSource
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// exportFolderSetting remembers where the last report was saved.
const exportFolderSetting = "export.pdf.folder"

// PDFExport is the "Export PDF" dialog: what goes in the report, where it
// goes, then its progress with a way to cancel.
type PDFExport struct {
	m     *MainWindow
	store reportStore
	md    *modal

	people   []journal.PersonSummary
	picked   map[string]bool
	People   *widget.List
	From, To *textEntry
	WithText *widget.Check
	Paper    *widget.RadioGroup
	FileName *textEntry
	Folder   *widget.Label
	folder   string
	Problem  *widget.Label
	Export   *escButton

	// While it runs.
	progress *modal
	Bar      *widget.ProgressBar
	Cancel   *escButton
	cancel   context.CancelFunc
	// Outcome is the last export's result in words, for the status line and tests.
	Outcome string
}

const (
	paperA4     = "A4"
	paperLetter = "US Letter"
)

// ExportPDF opens the export dialog, set up from what the Insights screen
// shows: its person (or everyone) and its period.
func (m *MainWindow) ExportPDF() {
	m.openPDFExport()
}

func (m *MainWindow) openPDFExport() *PDFExport {
	e := &PDFExport{m: m, store: m.store, picked: map[string]bool{}}
	if m.people != nil {
		e.people = m.people.people
	}
	var rng insights.Range
	if s := m.Insights; s != nil {
		if s.personID != "" {
			e.picked[s.personID] = true
		}
		if req, err := s.request(); err == nil {
			rng = req.rng
		}
	}
	e.build(rng)
	e.show()
	return e
}

func (e *PDFExport) build(rng insights.Range) {
	e.People = widget.NewList(
		func() int { return len(e.people) },
		func() fyne.CanvasObject { return widget.NewCheck("A person's name", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := e.people[i]
			c := o.(*widget.Check)
			c.OnChanged = nil
			c.SetText(p.Name)
			c.SetChecked(e.picked[p.ID])
			c.OnChanged = func(on bool) { e.picked[p.ID] = on; e.updateFileName() }
		})
	e.From = newTextEntry("from YYYY-MM-DD")
	e.To = newTextEntry("to YYYY-MM-DD")
	if !rng.From.IsZero() {
		e.From.SetText(rng.From.Format("2006-01-02"))
	}
	if !rng.To.IsZero() {
		e.To.SetText(rng.To.Format("2006-01-02"))
	}
	e.WithText = widget.NewCheck("Include the reflections' text", nil)
	e.WithText.SetChecked(true)
	e.Paper = widget.NewRadioGroup([]string{paperA4, paperLetter}, nil)
	e.Paper.Horizontal = true
	e.Paper.Required = true
	e.Paper.SetSelected(paperA4)
	e.FileName = newTextEntry("file name")
	e.folder = e.defaultFolder()
	e.Folder = widget.NewLabel(e.folder)
	e.Folder.Truncation = fyne.TextTruncateEllipsis
	e.updateFileName()
	e.Problem = widget.NewLabel("")
	e.Problem.Wrapping = fyne.TextWrapWord
	e.Problem.Importance = widget.DangerImportance
	e.Problem.Hide()

	clear := widget.NewButton("Everyone", func() {
		e.picked = map[string]bool{}
		e.People.Refresh()
		e.updateFileName()
	})
	choose := widget.NewButton("Choose folder…", e.chooseFolder)
	note := widget.NewLabel("A PDF is not encrypted: even when your journal is sealed, anyone who has the file can read everything in it.")
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle = fyne.TextStyle{Italic: true}
	hint := widget.NewLabel("Tick no one for everyone with an evening in the period.")
	hint.Importance = widget.LowImportance

	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	people := container.NewBorder(container.NewBorder(nil, nil, bold("People"), clear), hint, nil, nil,
		container.NewGridWrap(fyne.NewSize(420, 170), e.People))
	period := container.NewVBox(bold("Period (empty for all)"),
		container.NewGridWithColumns(2, e.From, e.To))
	saveAs := container.NewVBox(bold("Save as"), e.FileName,
		container.NewBorder(nil, nil, nil, choose, e.Folder))
	content := container.NewVBox(people, period, e.WithText, container.NewHBox(bold("Paper"), e.Paper),
		saveAs, note, e.Problem)

	e.md = e.m.newModal("Export PDF", content)
	e.md.cancelButton("Cancel")
	e.Export = e.md.action("Export", widget.HighImportance, e.start)
	for _, en := range []*textEntry{e.From, e.To, e.FileName} {
		e.md.escapes(en)
		en.OnSubmitted = func(string) {
			if e.start() {
				e.md.close()
			}
		}
	}
}

func (e *PDFExport) show() {
	e.md.show()
	e.md.resize(fyne.NewSize(480, 640))
}

// updateFileName proposes a name from who is in the report, until the
// user types their own.
func (e *PDFExport) updateFileName() {
	if e.FileName.Text != "" && !strings.HasPrefix(e.FileName.Text, "Kindred") {
		return
	}
	who := "journal"
	var names []string
	for _, p := range e.people {
		if e.picked[p.ID] {
			names = append(names, p.Name)
		}
	}
	if len(names) == 1 {
		who = names[0]
	} else if len(names) > 1 {
		who = fmt.Sprintf("%d people", len(names))
	}
	e.FileName.SetText(fmt.Sprintf("Kindred – %s – %s.pdf", safeFileName(who), e.m.now().Format("2006-01-02")))
}

// safeFileName keeps a name usable in a file name on every system.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, s)
}

// defaultFolder is where the last report went, else Documents, else home.
func (e *PDFExport) defaultFolder() string {
	if dir, err := e.store.Setting(e.m.ctx, exportFolderSetting); err == nil && dir != "" {
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

// chooseFolder picks where the report goes. Only a folder is chosen here:
// Fyne's save dialog would create (or empty) the file before the report is
// written, and a failed export must leave no file behind.
func (e *PDFExport) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		e.folder = u.Path()
		e.Folder.SetText(e.folder)
	}, e.m.Window)
	if u, err := storage.ListerForURI(storage.NewFileURI(e.folder)); err == nil {
		d.SetLocation(u)
	}
	d.Show()
}

// options reads the dialog; a problem is said in words and nothing starts.
func (e *PDFExport) options() (insights.ReportOptions, string, error) {
	var opt insights.ReportOptions
	from, err := parseDay(e.From.Text, "From")
	if err != nil {
		return opt, "", err
	}
	to, err := parseDay(e.To.Text, "To")
	if err != nil {
		return opt, "", err
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return opt, "", fmt.Errorf("The end date comes before the start date.")
	}
	opt.Range = insights.Range{From: from, To: to}
	for _, p := range e.people {
		if e.picked[p.ID] {
			opt.PersonIDs = append(opt.PersonIDs, p.ID)
		}
	}
	opt.NoText = !e.WithText.Checked
	opt.Paper = insights.PaperA4
	if e.Paper.Selected == paperLetter {
		opt.Paper = insights.PaperLetter
	}
	opt.Now = e.m.now()
	opt.Author = insights.AccountName()
	name := strings.TrimSpace(e.FileName.Text)
	if name == "" || strings.ContainsAny(name, `/\`) {
		return opt, "", fmt.Errorf("Give the report a file name (without folders).")
	}
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	return opt, filepath.Join(e.folder, name), nil
}

// start checks the options and begins the export, asking first when a file
// of that name exists. It reports whether the dialog may close.
func (e *PDFExport) start() bool {
	opt, path, err := e.options()
	if err != nil {
		e.Problem.SetText(err.Error())
		e.Problem.Show()
		return false
	}
	e.Problem.Hide()
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			e.Problem.SetText(filepath.Base(path) + " is a folder; choose another name.")
			e.Problem.Show()
			return false
		}
		e.md.close()
		e.m.confirm("Replace the file?", fmt.Sprintf("%s already exists in %s. Replace it with the new report?",
			filepath.Base(path), filepath.Dir(path)), "Replace", func() { e.run(opt, path, true) })
		return true
	}
	e.run(opt, path, false)
	return true
}

// exportProgressHook lets tests act while an export runs.
var exportProgressHook func(e *PDFExport, done, total int)

// run writes the report off the UI goroutine, showing its progress; Cancel
// stops it and leaves no file.
func (e *PDFExport) run(opt insights.ReportOptions, path string, replace bool) {
	ctx, cancel := context.WithCancel(e.m.ctx)
	e.cancel = cancel
	e.Bar = widget.NewProgressBar()
	label := widget.NewLabel("Writing " + filepath.Base(path) + "…")
	label.Truncation = fyne.TextTruncateEllipsis
	e.progress = e.m.newModal("Exporting PDF", container.NewVBox(label, e.Bar))
	e.Cancel = e.progress.cancelButton("Cancel")
	e.progress.onCancel = cancel
	e.progress.show()
	e.progress.resize(fyne.NewSize(420, 160))

	opt.Progress = func(done, total int) {
		fyne.Do(func() { e.Bar.SetValue(float64(done) / float64(total)) })
		if exportProgressHook != nil {
			exportProgressHook(e, done, total)
		}
	}
	e.m.run(func() {
		sum, err := insights.ExportReport(ctx, e.store, path, opt, replace)
		cancel()
		if err == nil {
			// Remembered for next time; a failure here loses nothing.
			_ = e.store.SetSetting(context.Background(), exportFolderSetting, filepath.Dir(path))
		}
		fyne.Do(func() { e.finished(path, sum, err) })
	})
}

// finished tells how the export went.
func (e *PDFExport) finished(path string, sum insights.ReportSummary, err error) {
	e.progress.close()
	switch {
	case insights.IsCancelled(err):
		e.Outcome = "Export cancelled: nothing was written."
		e.m.inform("Export cancelled", "The export was cancelled. Nothing was written.")
	case err != nil:
		e.Outcome = "Export failed: " + err.Error()
		e.m.ShowError("Could not export the PDF", fmt.Errorf("%v. Nothing was written.", err))
	default:
		e.Outcome = fmt.Sprintf("Saved %s: %d pages.", filepath.Base(path), sum.Pages)
		msg := widget.NewLabel(fmt.Sprintf("The report is in %s (%d pages).", path, sum.Pages))
		msg.Wrapping = fyne.TextWrapWord
		md := e.m.newModal("PDF exported", msg)
		md.button("Open", widget.MediumImportance, func() {
			u := &url.URL{Scheme: "file", Path: path}
			if err := e.m.app.OpenURL(u); err != nil {
				e.m.ShowError("Could not open the PDF", err)
			}
		})
		md.button("Close", widget.HighImportance, nil)
		md.show()
		md.resize(fyne.NewSize(440, 200))
	}
}
