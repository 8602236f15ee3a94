package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/exchange"
)

func init() {
	fileMenuItems = append(fileMenuItems, func(m *MainWindow) *fyne.MenuItem {
		return fyne.NewMenuItem("Import…", func() { m.chooseImport() })
	})
}

// Choices in a name's menu besides the journal's people.
const (
	choiceLeaveOut  = "— Leave out —"
	choiceNewPrefix = "+ New person: "
	// choiceNewNamed asks for the new person's name (entries that name no one).
	choiceNewNamed = "+ New person…"
)

func (m *MainWindow) chooseImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, m.Window)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.openImport(path)
	}, m.Window)
	d.SetTitleText("Import a Kindred, Day One or jrnl export")
	d.SetConfirmText("Read")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".zip"}))
	d.Show()
}

// openImport reads the file off the UI goroutine, then shows its preview.
// Nothing is written until the user says Import there.
func (m *MainWindow) openImport(path string) {
	st := m.store
	m.run(func() {
		src, err := exchange.ReadFile(path, exchange.ReadOptions{})
		var kinds []journal.MomentKind
		var people []journal.Person
		if err == nil {
			if kinds, err = st.Kinds(m.ctx); err == nil {
				people, err = st.People(m.ctx, true)
			}
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s cannot be imported: %w", path, err), m.Window)
				return
			}
			w := fyne.CurrentApp().NewWindow("Kindred · Import")
			d := NewImportDialog(m, path, src, kinds, people)
			d.close = w.Close
			w.SetContent(d)
			w.Resize(fyne.NewSize(640, 560))
			w.Show()
		})
	})
}

// ImportDialog previews an import: what the file holds, the entries that
// cannot be read, and for Day One and jrnl the tags and @names to map to
// people. It writes only when Import is pressed, in one transaction.
type ImportDialog struct {
	widget.BaseWidget
	m      *MainWindow
	path   string
	src    *exchange.Source
	names  []exchange.Name
	people []journal.Person

	Selects map[string]*widget.Select // by Name.Key()
	// NoOne says who the entries that name no one are about, NoOneName
	// the name of a new person for them.
	NoOne     *widget.Select
	NoOneName *widget.Entry
	SkipBad   *widget.Check
	Import    *escButton
	Preview   *escButton
	Close     *escButton
	LeaveOut  *escButton
	Status    *widget.Label
	// Summary is what the import did, once it is done.
	Summary *exchange.Summary
	// Previewed is what the import would do with the choices made when
	// Preview was last pressed; nothing was written.
	Previewed *exchange.Summary

	content fyne.CanvasObject
	close   func()
}

// NewImportDialog builds the preview of src.
func NewImportDialog(m *MainWindow, path string, src *exchange.Source, kinds []journal.MomentKind, people []journal.Person) *ImportDialog {
	d := &ImportDialog{m: m, path: path, src: src, people: people, Selects: map[string]*widget.Select{}, close: func() {}}
	d.ExtendBaseWidget(d)
	d.Status = widget.NewLabel("")
	d.Status.Wrapping = fyne.TextWrapWord
	d.Import = newKeyButton("Import", nil, d.start)
	d.Import.Importance = widget.HighImportance
	d.Preview = newKeyButton("Preview", nil, d.preview)
	d.Close = newKeyButton("Cancel", nil, func() { d.close() })
	d.SkipBad = widget.NewCheck(fmt.Sprintf("Leave out the %s that cannot be read", plural(len(src.Problems), "entry", "entries")), func(bool) { d.update() })
	d.LeaveOut = newKeyButton("Leave Out the Rest", nil, d.leaveOutRest)

	body := container.NewVBox(widget.NewLabelWithStyle(d.heading(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if src.Format == exchange.FormatKindred {
		body.Add(d.kindredPreview())
	} else {
		d.names = src.Names(kinds, people)
		body.Add(d.namesForm(kinds))
		body.Add(d.noOneCard())
	}
	if len(src.Problems) > 0 {
		var lines []string
		for i, p := range src.Problems {
			if i == 50 {
				lines = append(lines, fmt.Sprintf("and %d more", len(src.Problems)-50))
				break
			}
			lines = append(lines, p.String())
		}
		problems := widget.NewLabel(strings.Join(lines, "\n"))
		problems.Wrapping = fyne.TextWrapWord
		body.Add(widget.NewCard("Entries that cannot be read", "Import them all or none: leave these out, or cancel and fix the file.", container.NewVBox(problems, d.SkipBad)))
	}
	buttons := container.NewHBox(d.Close, layoutSpacer(), d.Preview, d.Import)
	d.content = container.NewBorder(nil, container.NewVBox(d.Status, buttons), nil, nil, container.NewVScroll(body))
	d.update()
	return d
}

func (d *ImportDialog) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.content)
}

func (d *ImportDialog) heading() string {
	if d.src.Format == exchange.FormatKindred {
		k := d.src.Kindred
		h := fmt.Sprintf("Kindred JSON: %s, %s", plural(len(k.People), "person", "people"), plural(len(k.Reflections), "reflection", "reflections"))
		if n := d.src.Photos(); n > 0 {
			h += ", " + plural(n, "photo", "photos")
		}
		return h
	}
	h := fmt.Sprintf("%s export: %s", exchange.FormatLabel(d.src.Format), plural(d.src.Total, "entry", "entries"))
	if bad := d.src.Total - len(d.src.Entries); bad > 0 {
		h += fmt.Sprintf(" (%d cannot be read)", bad)
	}
	if n := d.src.Photos(); n > 0 {
		h += "\n" + plural(n, "photo comes", "photos come") + " in with the entries"
	}
	if media := d.src.Media.String(); media != "" {
		// Saying what is left out before the import is fairer than after it.
		h += "\n" + media + ": these are left out (videos, audio and other attachments are not kept, nor photos the export does not hold)"
	}
	return h
}

// kindredPreview lists the file's people and whether the journal has them.
func (d *ImportDialog) kindredPreview() fyne.CanvasObject {
	byID := map[string]string{}
	byName := map[string]string{}
	for _, p := range d.people {
		byID[p.ID] = p.Name
		byName[journal.FoldName(p.Name)] = p.Name
	}
	var lines []string
	for _, p := range d.src.Kindred.People {
		switch {
		case byID[p.ID] != "":
			lines = append(lines, p.Name+": already in the journal")
		case byName[journal.FoldName(p.Name)] != "":
			lines = append(lines, p.Name+": joins "+byName[journal.FoldName(p.Name)]+", already in the journal under this name")
		default:
			lines = append(lines, p.Name+": new")
		}
	}
	if len(lines) == 0 {
		lines = []string{"No people."}
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	return widget.NewCard("People", "Evenings already in the journal are left as they are.", l)
}

// namesForm has a menu for each tag and @name: a person of the journal, a
// new person, or left out. Names of moment kinds become moments.
func (d *ImportDialog) namesForm(kinds []journal.MomentKind) fyne.CanvasObject {
	labels := map[string]string{}
	for _, k := range kinds {
		labels[k.ID] = k.Label
	}
	personNames := make([]string, 0, len(d.people))
	nameByID := map[string]string{}
	for _, p := range d.people {
		personNames = append(personNames, p.Name)
		nameByID[p.ID] = p.Name
	}
	form := widget.NewForm()
	var moments []string
	for _, n := range d.names {
		word := n.Name
		if n.Mention && !n.Tag {
			word = "@" + word
		}
		label := fmt.Sprintf("%s (%s)", word, plural(n.Entries, "entry", "entries"))
		if n.Kind != "" {
			moments = append(moments, fmt.Sprintf("%s becomes the moment “%s”", label, labels[n.Kind]))
			continue
		}
		options := append([]string{choiceLeaveOut, choiceNewPrefix + n.Name}, personNames...)
		sel := widget.NewSelect(options, func(string) { d.update() })
		sel.PlaceHolder = "Who is this?"
		if n.PersonID != "" {
			sel.SetSelected(nameByID[n.PersonID])
		}
		d.Selects[n.Key()] = sel
		form.Append(label, sel)
	}
	box := container.NewVBox()
	if len(d.Selects) > 0 {
		box.Add(widget.NewCard("Who are these?", "Tags and @names that may be people. Kindred adds no one you have not chosen.", container.NewVBox(form, container.NewHBox(d.LeaveOut))))
	}
	if len(moments) > 0 {
		l := widget.NewLabel(strings.Join(moments, "\n"))
		l.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard("Moments", "Tags that name a kind of moment; each person of the entry gets it.", l))
	}
	if len(d.names) == 0 {
		box.Add(widget.NewLabel("This file has no tags or @names: say below who its entries are about, or nothing will be imported."))
	}
	return box
}

// noOneCard asks who the entries that name no one are about: they are
// left out unless the user chooses someone.
func (d *ImportDialog) noOneCard() fyne.CanvasObject {
	untagged := 0
	for _, e := range d.src.Entries {
		if len(e.Tags) == 0 && len(e.Mentions) == 0 {
			untagged++
		}
	}
	options := []string{choiceLeaveOut}
	for _, p := range d.people {
		options = append(options, p.Name)
	}
	options = append(options, choiceNewNamed)
	d.NoOneName = widget.NewEntry()
	d.NoOneName.SetPlaceHolder("Their name")
	d.NoOneName.OnChanged = func(string) { d.update() }
	d.NoOneName.Hide()
	d.NoOne = widget.NewSelect(options, func(choice string) {
		if choice == choiceNewNamed {
			d.NoOneName.Show()
			if c := fyne.CurrentApp().Driver().CanvasForObject(d.NoOneName); c != nil {
				c.Focus(d.NoOneName)
			}
		} else {
			d.NoOneName.Hide()
		}
		d.update()
	})
	d.NoOne.SetSelected(choiceLeaveOut)
	what := fmt.Sprintf("%s no tag or @name.", plural(untagged, "entry has", "entries have"))
	l := widget.NewLabel(what + " Entries whose names are all left out or moments name no one either. Kindred leaves them out unless you say who they are about.")
	l.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem("About", d.NoOne), widget.NewFormItem("", d.NoOneName))
	return widget.NewCard("Entries that name no one", "", container.NewVBox(l, form))
}

// Unattributed is who the entries that name no one are about.
func (d *ImportDialog) Unattributed() exchange.Target {
	if d.NoOne == nil {
		return exchange.Target{}
	}
	switch choice := d.NoOne.Selected; choice {
	case "", choiceLeaveOut:
		return exchange.Target{}
	case choiceNewNamed:
		return exchange.Target{NewName: strings.TrimSpace(d.NoOneName.Text)}
	default:
		for _, p := range d.people {
			if p.Name == choice {
				return exchange.Target{PersonID: p.ID}
			}
		}
	}
	return exchange.Target{}
}

// Mapping is the user's choices so far.
func (d *ImportDialog) Mapping() exchange.Mapping {
	m := exchange.Mapping{}
	byName := map[string]string{}
	for _, p := range d.people {
		byName[p.Name] = p.ID
	}
	for key, sel := range d.Selects {
		switch choice := sel.Selected; {
		case choice == "":
		case choice == choiceLeaveOut:
			m[key] = exchange.Target{}
		case strings.HasPrefix(choice, choiceNewPrefix):
			m[key] = exchange.Target{NewName: strings.TrimPrefix(choice, choiceNewPrefix)}
		default:
			m[key] = exchange.Target{PersonID: byName[choice]}
		}
	}
	return m
}

func (d *ImportDialog) leaveOutRest() {
	for _, sel := range d.Selects {
		if sel.Selected == "" {
			sel.SetSelected(choiceLeaveOut)
		}
	}
	d.update()
}

// update enables Import once every choice is made, and says what is missing.
func (d *ImportDialog) update() {
	if d.Summary != nil {
		return
	}
	undecided := 0
	for _, sel := range d.Selects {
		if sel.Selected == "" {
			undecided++
		}
	}
	defer func() {
		if d.Import.Disabled() {
			d.Preview.Disable()
		} else {
			d.Preview.Enable()
		}
	}()
	switch {
	case len(d.src.Problems) > 0 && !d.SkipBad.Checked:
		d.Import.Disable()
		d.Status.SetText("Some entries cannot be read: leave them out to import the rest, or cancel.")
	case undecided > 0:
		d.Import.Disable()
		d.Status.SetText(fmt.Sprintf("Say who %s: a person of the journal, a new person, or leave it out.", plural(undecided, "name is", "names are")))
	case d.NoOne != nil && d.NoOne.Selected == choiceNewNamed && strings.TrimSpace(d.NoOneName.Text) == "":
		d.Import.Disable()
		d.Status.SetText("Type the name of the new person the entries that name no one are about.")
	default:
		d.Import.Enable()
		d.Status.SetText("Nothing is written until you press Import; then everything is, or nothing. Preview says what it would do.")
	}
	if undecided == 0 {
		d.LeaveOut.Disable()
	} else {
		d.LeaveOut.Enable()
	}
}

// preview runs the import with the choices made and rolls it back, off
// the UI goroutine, and says what it would add, map, change and leave out.
func (d *ImportDialog) preview() {
	d.Import.Disable()
	d.Preview.Disable()
	d.Status.SetText("Working out what the import would do…")
	opts := exchange.ImportOptions{SkipBad: d.SkipBad.Checked, Mapping: d.Mapping(), Unattributed: d.Unattributed(), DryRun: true}
	st := d.m.store
	d.m.run(func() {
		sum, err := exchange.Import(d.m.ctx, st, d.src, opts)
		fyne.Do(func() {
			d.update()
			if err != nil {
				d.Status.SetText("The import would not go through: " + err.Error())
				return
			}
			d.Previewed = sum
			d.Status.SetText(sum.String())
		})
	})
}

// start imports with the choices made, off the UI goroutine.
func (d *ImportDialog) start() {
	d.Import.Disable()
	d.Preview.Disable()
	d.Close.Disable()
	d.Status.SetText("Importing…")
	opts := exchange.ImportOptions{SkipBad: d.SkipBad.Checked, Mapping: d.Mapping(), Unattributed: d.Unattributed()}
	st := d.m.store
	d.m.run(func() {
		sum, err := exchange.Import(d.m.ctx, st, d.src, opts)
		fyne.Do(func() {
			d.Close.Enable()
			if err != nil {
				d.update()
				d.Status.SetText("Nothing was imported: " + err.Error())
				return
			}
			d.Summary = sum
			d.Status.SetText(sum.String())
			d.Close.SetText("Close")
			d.m.Reload()
		})
	})
}
