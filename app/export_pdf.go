package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	settingsStore
}

// exportFolderSetting remembers where the last PDF was saved.
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
	// WithPhotos prints each evening's photos under its text (off by
	// default: photos make a report much larger).
	WithPhotos *widget.Check
	Paper      *widget.RadioGroup
	*pdfTarget
	Problem *widget.Label
	Export  *escButton

	// While it runs.
	*pdfRun
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
	e.From = newTextEntry("from, e.g. 1 Mar 2024")
	e.To = newTextEntry("to, e.g. 31 Mar 2024")
	if !rng.From.IsZero() {
		e.From.SetText(dayText(rng.From))
	}
	if !rng.To.IsZero() {
		e.To.SetText(dayText(rng.To))
	}
	e.WithPhotos = widget.NewCheck("Include the evenings' photos", nil)
	e.WithText = widget.NewCheck("Include the reflections' text", func(on bool) {
		// The photos print under the text: without it there is nowhere for them.
		if on {
			e.WithPhotos.Enable()
		} else {
			e.WithPhotos.SetChecked(false)
			e.WithPhotos.Disable()
		}
	})
	e.WithText.SetChecked(true)
	e.Paper = widget.NewRadioGroup([]string{paperA4, paperLetter}, nil)
	e.Paper.Horizontal = true
	e.Paper.Required = true
	e.Paper.SetSelected(paperA4)
	e.pdfTarget = newPDFTarget(e.m, e.store)
	e.updateFileName()
	e.Problem = widget.NewLabel("")
	e.Problem.Wrapping = fyne.TextWrapWord
	e.Problem.Importance = widget.DangerImportance
	e.Problem.Hide()

	clear := newKeyButton("Everyone", nil, func() {
		e.picked = map[string]bool{}
		e.People.Refresh()
		e.updateFileName()
	})
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
	saveAs := e.pdfTarget.box()
	content := container.NewVBox(people, period, e.WithText, e.WithPhotos, container.NewHBox(bold("Paper"), e.Paper),
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
		to = insights.DayEnd(to)
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
	opt.Photos = e.WithPhotos.Checked && e.WithText.Checked
	opt.Paper = insights.PaperA4
	if e.Paper.Selected == paperLetter {
		opt.Paper = insights.PaperLetter
	}
	opt.Now = e.m.now()
	opt.Author = insights.AccountName()
	path, err := e.pdfTarget.path("report")
	return opt, path, err
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
	return e.m.writeOrAsk(e.md, path, "report", func(problem string) {
		e.Problem.SetText(problem)
		e.Problem.Show()
	}, func(replace bool) { e.run(opt, path, replace) })
}

// exportProgressHook lets tests act while an export runs.
var exportProgressHook func(e *PDFExport, done, total int)

// run writes the report off the UI goroutine, showing its progress; Cancel
// stops it and leaves no file.
func (e *PDFExport) run(opt insights.ReportOptions, path string, replace bool) {
	e.pdfRun = e.m.newPDFRun("Exporting PDF", path)
	opt.Progress = func(done, total int) {
		e.progressTo(done, total)
		if exportProgressHook != nil {
			exportProgressHook(e, done, total)
		}
	}
	e.launch(e.m, func(ctx context.Context) (int, error) {
		sum, err := insights.ExportReport(ctx, e.store, path, opt, replace)
		if err == nil {
			e.remember(path)
		}
		return sum.Pages, err
	}, func(pages int, err error) { e.Outcome = e.m.pdfOutcome(path, "report", pages, err) })
}
