package app

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
	"kindred/journal"
)

func init() {
	fileMenuItems = append(fileMenuItems, func(m *MainWindow) *fyne.MenuItem {
		return fyne.NewMenuItem("Write a Letter…", m.WriteLetter)
	})
}

// letterStore is what the letter dialog needs from the journal.
type letterStore interface {
	insights.LetterSource
	settingsStore
}

// LetterDialog is "Write them a letter": the person's evenings to tick,
// an opening and a closing paragraph, the chart if wanted, how many pages
// it makes, and where to save it.
type LetterDialog struct {
	m      *MainWindow
	store  letterStore
	md     *modal
	person journal.Person

	// rows are the evenings to choose from, newest first, as the
	// timeline shows them; picked holds the ids ticked.
	rows     []tlRow
	filtered bool // the rows are those the timeline's filters keep
	picked   map[string]bool
	Evenings *keyList
	Loading  *widget.Label
	Chosen   *widget.Label
	All      *escButton
	None     *escButton
	Opening  *textEntry
	Closing  *textEntry
	Chart    *widget.Check
	Photos   *widget.Check // the evenings' photos marked to print; on by default
	Paper    *widget.RadioGroup
	Pages    *widget.Label
	*pdfTarget
	Problem *widget.Label
	Save    *escButton

	// The page count is worked out off the UI goroutine, one count at a
	// time; a change meanwhile asks for one more when it is done.
	counting, recount bool
	countCtx          context.Context
	stopCounting      context.CancelFunc // when the dialog closes
	// typing counts once the opening or closing has rested a moment: a
	// count lays the whole letter out.
	typing debouncer
	// PageCount is the last count shown (0 while none is known).
	PageCount int

	*pdfRun
	Outcome string
}

// countDelay is how long the opening or closing rests before the pages are
// counted again.
const countDelay = 400 * time.Millisecond

// newLetterButton is the timeline's "Write them a letter…".
func newLetterButton(m *MainWindow) *escButton {
	b := newKeyButton("Write them a letter…", theme.MailComposeIcon(), m.WriteLetter)
	b.Importance = widget.LowImportance
	b.Hide()
	return b
}

// WriteLetter opens the letter dialog for the person on the timeline.
func (m *MainWindow) WriteLetter() {
	if m.Timeline == nil || m.Timeline.PersonID() == "" {
		m.inform("Write a letter", "Choose someone on the left first: a letter is for one person, from your evenings together.")
		return
	}
	m.openLetter(m.Timeline.PersonID(), m.Timeline.query)
}

// openLetter opens the dialog for personID, offering the evenings q keeps
// (the timeline's filters), and starts reading them.
func (m *MainWindow) openLetter(personID string, q journal.TimelineQuery) *LetterDialog {
	l := &LetterDialog{m: m, store: m.store, picked: map[string]bool{}}
	l.countCtx, l.stopCounting = context.WithCancel(m.ctx)
	l.build()
	l.md.onClose = func() {
		l.typing.cancel()
		l.stopCounting()
	}
	l.md.show()
	l.md.resize(fyne.NewSize(980, 620))
	l.load(personID, q)
	return l
}

func (l *LetterDialog) build() {
	l.Evenings = newKeyList(
		func() int { return len(l.rows) },
		func() fyne.CanvasObject { return newLetterPickRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= 0 && i < len(l.rows) {
				r := &l.rows[i]
				o.(*letterPickRow).show(r, l.picked[r.ID], func(on bool) { l.pick(r.ID, on) })
			}
		})
	// A row chosen by a click or the keyboard (arrows, then Space) ticks
	// its box, as tapping the box does.
	l.Evenings.OnSelected = func(i widget.ListItemID) {
		l.Evenings.Unselect(i)
		if i >= 0 && i < len(l.rows) {
			id := l.rows[i].ID
			l.pick(id, !l.picked[id])
			l.Evenings.RefreshItem(i)
		}
	}
	l.Loading = widget.NewLabel("Reading your evenings…")
	l.Chosen = widget.NewLabel("")
	l.Chosen.Importance = widget.LowImportance
	l.All = newKeyButton("Choose all", nil, func() { l.pickAll(true) })
	l.None = newKeyButton("Choose none", nil, func() { l.pickAll(false) })
	l.Opening = newMultiLineTextEntry("An opening paragraph, in your words (optional)")
	l.Closing = newMultiLineTextEntry("A closing paragraph (optional)")
	l.Opening.SetMinRowsVisible(5)
	l.Closing.SetMinRowsVisible(3)
	l.typing = debouncer{delay: countDelay, fire: l.countPages}
	l.Opening.OnChanged = func(string) { l.typing.poke() }
	l.Closing.OnChanged = func(string) { l.typing.poke() }
	l.Chart = widget.NewCheck("Include the closeness chart", func(bool) { l.countPages() })
	l.Photos = widget.NewCheck("Include the evenings' photos (those marked to print)", func(bool) { l.countPages() })
	l.Photos.Checked = true
	l.Pages = widget.NewLabel("Choose at least one evening.")
	l.Paper = widget.NewRadioGroup([]string{paperA4, paperLetter}, nil)
	l.Paper.Horizontal = true
	l.Paper.Required = true
	l.Paper.SetSelected(paperA4)
	l.Paper.OnChanged = func(string) { l.countPages() }
	l.pdfTarget = newPDFTarget(l.m, l.store)
	l.Problem = widget.NewLabel("")
	l.Problem.Wrapping = fyne.TextWrapWord
	l.Problem.Importance = widget.DangerImportance
	l.Problem.Hide()

	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	hint := widget.NewLabel("Missteps, scores and suggestions never go in a letter; others who were there appear as \"friends\".")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	// Two columns: the evenings, as tall as the dialog; the words and
	// where it goes beside them.
	// The heading with its buttons comes before the list in the keyboard's
	// order, so Tab goes heading, list, then on to the Opening.
	head := container.NewBorder(nil, nil, bold("Evenings"), container.NewHBox(l.All, l.None), l.Chosen)
	evenings := container.New(layout.NewBorderLayout(head, hint, nil, nil),
		head, container.NewStack(l.Evenings, l.Loading), hint)
	note := widget.NewLabel("A PDF is not encrypted: anyone who has the file can read it.")
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle = fyne.TextStyle{Italic: true}
	words := container.NewVBox(bold("Opening"), l.Opening, bold("Closing"), l.Closing,
		l.Chart, l.Photos, container.NewHBox(bold("Paper"), l.Paper), l.Pages, l.pdfTarget.box(), note, l.Problem)
	content := container.NewGridWithColumns(2, evenings, container.NewVScroll(words))

	l.md = l.m.newModal("Write them a letter", content)
	l.md.cancelButton("Cancel")
	l.Save = l.md.action("Save Letter", widget.HighImportance, l.start)
	for _, en := range []*textEntry{l.Opening, l.Closing, l.FileName} {
		l.md.escapes(en)
	}
	l.FileName.OnSubmitted = func(string) {
		if l.start() {
			l.md.close()
		}
	}
	l.Evenings.Hide()
}

// load reads the person and their evenings off the UI goroutine.
func (l *LetterDialog) load(personID string, q journal.TimelineQuery) {
	q.PersonID, q.After, q.Limit = personID, nil, 0
	ctx := l.m.ctx
	l.m.run(func() {
		var rows []tlRow
		p, err := l.store.Person(ctx, personID)
		var kinds []journal.MomentKind
		var people []journal.Person
		if err == nil {
			kinds, err = l.store.Kinds(ctx)
		}
		if err == nil {
			people, err = l.store.People(ctx, true)
		}
		var refls []journal.Reflection
		if err == nil {
			refls, err = l.store.TimelineAll(ctx, q)
		}
		if err == nil {
			slices.Reverse(refls) // newest first, as on the timeline
			rows = newTLRowContext(personID, kinds, people).rows(refls)
		}
		fyne.Do(func() { l.loaded(p, rows, q.Filtered(), err) })
	})
}

func (l *LetterDialog) loaded(p *journal.Person, rows []tlRow, filtered bool, err error) {
	if err != nil {
		l.Loading.SetText("Could not read your evenings: " + err.Error())
		return
	}
	l.person, l.rows, l.filtered = *p, rows, filtered
	l.FileName.SetText(fmt.Sprintf("For %s – %s.pdf", safeFileName(p.Name), l.m.now().Format("2006-01-02")))
	if len(rows) == 0 {
		l.Loading.SetText(fmt.Sprintf("No evenings with %s yet: a letter is made from them.", p.Name))
		if filtered {
			l.Loading.SetText(fmt.Sprintf("No evenings with %s match the timeline's filters.", p.Name))
		}
		return
	}
	l.Loading.Hide()
	l.pickDefault()
	l.Evenings.Show()
	l.Evenings.Refresh()
	l.showChosen()
}

// pickDefault ticks a choice to start from: the last year's evenings with a
// moment of connection; failing that, the last year's evenings; failing
// that, the newest one.
func (l *LetterDialog) pickDefault() {
	since := journal.FormatUTC(l.m.now().AddDate(-1, 0, 0))
	for _, withMoment := range []bool{true, false} {
		for _, r := range l.rows {
			if r.Key.AtUTC >= since && (!withMoment || len(r.Moments) > 0) {
				l.picked[r.ID] = true
			}
		}
		if len(l.picked) > 0 {
			return
		}
	}
	l.picked[l.rows[0].ID] = true
}

// letterPickRow is one evening to tick: the box, the date, the connection
// moments, and the start of the text.
type letterPickRow struct {
	widget.BaseWidget
	Check   *rowCheck
	Moments *widget.Label
	Excerpt *widget.Label
	box     *fyne.Container
}

func newLetterPickRow() *letterPickRow {
	r := &letterPickRow{Check: newRowCheck("Tue 14 Oct 2026"), Moments: widget.NewLabel(""), Excerpt: widget.NewLabel("")}
	r.Moments.Importance = widget.LowImportance
	r.Moments.Truncation = fyne.TextTruncateEllipsis
	r.Excerpt.Truncation = fyne.TextTruncateEllipsis
	// The excerpt lines up under the date, past the box.
	indent := canvas.NewRectangle(color.Transparent)
	indent.SetMinSize(fyne.NewSize(theme.IconInlineSize()+theme.Padding(), 1))
	r.box = container.NewVBox(container.NewBorder(nil, nil, r.Check, nil, r.Moments),
		container.NewBorder(nil, nil, indent, nil, r.Excerpt))
	r.ExtendBaseWidget(r)
	return r
}

// rowCheck is a row's tick box that Tab passes by: the list holding the
// rows takes the keyboard (Up, Down, then Enter or Space ticks), so Tab
// goes from the list to what follows it, not through every box on screen.
type rowCheck struct{ widget.Check }

func newRowCheck(label string) *rowCheck {
	c := &rowCheck{}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// Disabled tells Fyne's focus order only (the box still ticks): it skips
// what reports itself disabled.
func (c *rowCheck) Disabled() bool { return true }

func (r *letterPickRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *letterPickRow) show(row *tlRow, on bool, changed func(bool)) {
	r.Check.OnChanged = nil
	r.Check.SetText(row.Day + " " + row.Month[len(row.Month)-4:])
	r.Check.SetChecked(on)
	r.Check.OnChanged = changed
	var labels []string
	for _, c := range row.Moments {
		labels = append(labels, c.Label)
	}
	moments := "no moments tagged"
	if len(labels) > 0 {
		moments = strings.Join(labels, " · ")
	}
	if row.Others != "" {
		moments += " · with friends"
	}
	r.Moments.SetText(moments)
	r.Excerpt.SetText(row.Excerpt)
}

func (l *LetterDialog) pick(id string, on bool) {
	if on {
		l.picked[id] = true
	} else {
		delete(l.picked, id)
	}
	l.showChosen()
}

func (l *LetterDialog) pickAll(on bool) {
	clear(l.picked)
	if on {
		for _, r := range l.rows {
			l.picked[r.ID] = true
		}
	}
	l.Evenings.Refresh()
	l.showChosen()
}

func (l *LetterDialog) showChosen() {
	chosen := fmt.Sprintf("%s of %s chosen", tlThousands(len(l.picked)), tlCountOf(len(l.rows), "evening", "evenings"))
	if l.filtered {
		chosen += " (as the timeline is filtered)"
	}
	l.Chosen.SetText(chosen)
	l.countPages()
}

// options reads the dialog.
func (l *LetterDialog) options() insights.LetterOptions {
	opt := insights.LetterOptions{PersonID: l.person.ID, Opening: l.Opening.Text, Closing: l.Closing.Text,
		WithChart: l.Chart.Checked, NoPhotos: !l.Photos.Checked, Now: l.m.now(), Author: insights.AccountName(), Paper: insights.PaperA4}
	if l.Paper.Selected == paperLetter {
		opt.Paper = insights.PaperLetter
	}
	// In the timeline's order, so the same choice makes the same letter.
	for _, r := range l.rows {
		if l.picked[r.ID] {
			opt.ReflectionIDs = append(opt.ReflectionIDs, r.ID)
		}
	}
	return opt
}

// countPages lays the letter out off the UI goroutine, without writing
// it, to say how many pages it will have.
func (l *LetterDialog) countPages() {
	if len(l.picked) == 0 {
		l.PageCount = 0
		l.Pages.SetText("Choose at least one evening.")
		return
	}
	if l.counting {
		l.recount = true
		return
	}
	l.counting = true
	l.Pages.SetText("Counting pages…")
	opt := l.options()
	ctx := l.countCtx
	l.m.run(func() {
		sum, err := insights.CountLetter(ctx, l.store, opt)
		fyne.Do(func() {
			l.counting = false
			if l.recount {
				l.recount = false
				l.countPages()
				return
			}
			if err != nil {
				l.PageCount = 0
				l.Pages.SetText("Cannot count pages: " + err.Error())
				return
			}
			l.PageCount = sum.Pages
			l.Pages.SetText("The letter will be " + tlCountOf(sum.Pages, "page", "pages") + ".")
		})
	})
}

// start checks the choice and writes the letter, asking first when a file
// of that name exists. It reports whether the dialog may close.
func (l *LetterDialog) start() bool {
	problem := func(s string) {
		l.Problem.SetText(s)
		l.Problem.Show()
	}
	if len(l.picked) == 0 {
		problem("Choose at least one evening for the letter.")
		return false
	}
	path, err := l.pdfTarget.path("letter")
	if err != nil {
		problem(err.Error())
		return false
	}
	l.Problem.Hide()
	opt := l.options()
	return l.m.writeOrAsk(l.md, path, "letter", problem, func(replace bool) { l.run(opt, path, replace) })
}

// letterProgressHook lets tests act while a letter is written.
var letterProgressHook func(l *LetterDialog, done, total int)

func (l *LetterDialog) run(opt insights.LetterOptions, path string, replace bool) {
	l.pdfRun = l.m.newPDFRun("Writing the letter", path)
	opt.Progress = func(done, total int) {
		l.progressTo(done, total)
		if letterProgressHook != nil {
			letterProgressHook(l, done, total)
		}
	}
	l.launch(l.m, func(ctx context.Context) (int, error) {
		sum, err := insights.ExportLetter(ctx, l.store, path, opt, replace)
		if err == nil {
			l.remember(path)
		}
		return sum.Pages, err
	}, func(pages int, err error) { l.Outcome = l.m.pdfOutcome(path, "letter", pages, err) })
}
