package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// EncounterCard is the part of the composer about one person: how close the
// evening felt, the moments that happened (connection moments, then a
// quieter row of missteps), and a short note for each moment.
type EncounterCard struct {
	widget.BaseWidget
	Person    journal.PersonSummary
	Closeness *ClosenessScale
	Chips     map[string]*Chip      // by kind id
	Notes     map[string]*textEntry // by kind id; shown while the chip is on
	Remove    *escButton
	NewKind   *escButton
	// Moments shows or hides the moments, missteps and notes: a card is one
	// line, its name and closeness, until they are wanted.
	Moments *escButton

	kinds     []journal.MomentKind
	momentIDs map[string]string // kind -> the stored moment's id, when editing
	onChange  func()
	shortcut  func(fyne.Shortcut) bool

	moments, missteps, notes *fyne.Container
	details                  *fyne.Container
	content                  *fyne.Container
}

// NewEncounterCard builds a card for a person with nothing tagged yet.
func NewEncounterCard(p journal.PersonSummary, kinds []journal.MomentKind, onChange func(), onRemove func(), onNewKind func(*EncounterCard), shortcut func(fyne.Shortcut) bool) *EncounterCard {
	c := &EncounterCard{
		Person:    p,
		Chips:     map[string]*Chip{},
		Notes:     map[string]*textEntry{},
		momentIDs: map[string]string{},
		onChange:  onChange,
		shortcut:  shortcut,
	}
	c.Closeness = NewClosenessScale(func(journal.Closeness) { c.changed() })
	c.Closeness.Other = parseHex(p.Color)
	c.Remove = newKeyButton("Remove", theme.ContentRemoveIcon(), onRemove)
	c.Remove.Importance = widget.LowImportance
	c.NewKind = newKeyButton("Your own kind…", theme.ContentAddIcon(), func() { onNewKind(c) })
	c.NewKind.Importance = widget.LowImportance
	c.moments = container.New(newFlowLayout(6))
	c.missteps = container.New(newFlowLayout(6))
	c.notes = container.NewVBox()
	c.Moments = newKeyButton("Moments", theme.MenuExpandIcon(), func() { c.showDetails(!c.details.Visible()) })
	c.Moments.Importance = widget.LowImportance
	misstepsLabel := widget.NewLabelWithStyle("Missteps, for you to notice (not to judge)", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	misstepsLabel.SizeName = theme.SizeNameCaptionText
	c.details = container.NewVBox(caption("What happened"), c.moments, misstepsLabel, c.missteps, c.notes)
	c.details.Hide()
	c.ExtendBaseWidget(c)
	c.setKinds(kinds)
	return c
}

func (c *EncounterCard) changed() {
	if c.onChange != nil {
		c.onChange()
	}
}

// setKinds rebuilds the chips for a new list of kinds, keeping what is on.
func (c *EncounterCard) setKinds(kinds []journal.MomentKind) {
	c.kinds = kinds
	var moments, missteps []fyne.CanvasObject
	for _, k := range kinds {
		chip := c.Chips[k.ID]
		if chip == nil {
			k := k
			chip = NewChip(k, func(on bool) { c.toggled(k, on) })
			c.Chips[k.ID] = chip
		}
		if k.Misstep {
			missteps = append(missteps, chip)
		} else {
			moments = append(moments, chip)
		}
	}
	moments = append(moments, c.NewKind)
	c.moments.Objects = moments
	c.missteps.Objects = missteps
	c.moments.Refresh()
	c.missteps.Refresh()
	c.layoutNotes()
}

// showDetails opens or folds the moments part of the card.
func (c *EncounterCard) showDetails(on bool) {
	if on == c.details.Visible() {
		return
	}
	if on {
		c.details.Show()
		c.Moments.SetIcon(theme.MenuDropDownIcon())
	} else {
		c.details.Hide()
		c.Moments.SetIcon(theme.MenuExpandIcon())
	}
	c.Refresh()
}

// countMoments says on the Moments button how many are tagged.
func (c *EncounterCard) countMoments() {
	n := 0
	for _, chip := range c.Chips {
		if chip.On {
			n++
		}
	}
	if n == 0 {
		c.Moments.SetText("Moments")
	} else {
		c.Moments.SetText(fmt.Sprintf("Moments (%d)", n))
	}
}

func (c *EncounterCard) toggled(k journal.MomentKind, on bool) {
	if on && c.Notes[k.ID] == nil {
		c.Notes[k.ID] = c.newNoteEntry(k)
	}
	c.layoutNotes()
	c.changed()
}

func (c *EncounterCard) newNoteEntry(k journal.MomentKind) *textEntry {
	e := newTextEntry(fmt.Sprintf("A note on “%s”, if you like", k.Label))
	e.onShortcut = c.shortcut
	e.OnChanged = func(string) { c.changed() }
	return e
}

// layoutNotes shows a note entry under the chips for each moment that is on.
func (c *EncounterCard) layoutNotes() {
	var objs []fyne.CanvasObject
	for _, k := range c.kinds {
		if chip := c.Chips[k.ID]; chip != nil && chip.On {
			if c.Notes[k.ID] == nil {
				c.Notes[k.ID] = c.newNoteEntry(k)
			}
			objs = append(objs, c.Notes[k.ID])
		}
	}
	c.notes.Objects = objs
	c.notes.Hidden = len(objs) == 0
	c.countMoments()
	if len(objs) > 0 {
		c.showDetails(true)
	}
	c.notes.Refresh()
	c.Refresh()
}

// Toggle switches a moment kind on or off, as a click on its chip does.
func (c *EncounterCard) Toggle(kind string) {
	if chip := c.Chips[kind]; chip != nil {
		chip.toggle()
	}
}

// setEncounter shows a stored or drafted encounter.
func (c *EncounterCard) setEncounter(e journal.Encounter) {
	c.Closeness.SetValue(e.Closeness)
	for _, chip := range c.Chips {
		chip.SetOn(false)
	}
	c.momentIDs = map[string]string{}
	for _, m := range e.Moments {
		chip := c.Chips[m.Kind]
		if chip == nil {
			// A kind the journal no longer lists: keep it rather than lose it.
			k := journal.MomentKind{ID: m.Kind, Label: m.Kind, Color: "#808080"}
			c.kinds = append(c.kinds, k)
			chip = NewChip(k, func(on bool) { c.toggled(k, on) })
			c.Chips[m.Kind] = chip
		}
		chip.SetOn(true)
		if c.Notes[m.Kind] == nil {
			c.Notes[m.Kind] = c.newNoteEntry(chip.Kind)
		}
		c.Notes[m.Kind].SetText(m.Note)
		if m.ID != "" {
			c.momentIDs[m.Kind] = m.ID
		}
	}
	c.setKinds(c.kinds)
}

// Encounter is what the card holds, moments in the order kinds are listed.
func (c *EncounterCard) Encounter() journal.Encounter {
	e := journal.Encounter{PersonID: c.Person.ID, Closeness: c.Closeness.Value}
	for _, k := range c.kinds {
		chip := c.Chips[k.ID]
		if chip == nil || !chip.On {
			continue
		}
		m := journal.Moment{ID: c.momentIDs[k.ID], Kind: k.ID}
		if n := c.Notes[k.ID]; n != nil {
			m.Note = strings.TrimSpace(n.Text)
		}
		e.Moments = append(e.Moments, m)
	}
	return e
}

func (c *EncounterCard) CreateRenderer() fyne.WidgetRenderer {
	name := widget.NewLabelWithStyle(c.Person.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	who := container.NewBorder(nil, nil, container.NewCenter(NewPersonBadge(&c.Person.Person, 28)), nil,
		container.NewVBox(layout.NewSpacer(), name, layout.NewSpacer()))
	// One line a person: a name column of one width, so the scales of
	// several cards line up, then how close it felt, then the moments.
	line := container.NewBorder(nil, nil, container.New(fixedWidth(cardNameWidth), who),
		container.NewHBox(container.NewCenter(c.Moments), container.NewCenter(c.Remove)), container.NewHBox(c.Closeness))
	c.content = container.NewVBox(line, c.details)
	bg := canvas.NewRectangle(themeColor(c, theme.ColorNameInputBackground))
	bg.CornerRadius = themeSize(c, theme.SizeNameInputRadius) * 2
	bg.StrokeColor = themeColor(c, theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	return &cardRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(c.content))), c: c, bg: bg}
}

// cardRenderer recolours the card's background when the theme changes.
type cardRenderer struct {
	fyne.WidgetRenderer
	c  *EncounterCard
	bg *canvas.Rectangle
}

func (r *cardRenderer) Refresh() {
	r.bg.FillColor = themeColor(r.c, theme.ColorNameInputBackground)
	r.bg.StrokeColor = themeColor(r.c, theme.ColorNameSeparator)
	r.bg.Refresh()
	r.WidgetRenderer.Refresh()
}

// cardNameWidth is the width of the name column of an encounter card.
const cardNameWidth = 190

// caption is a small heading inside a form.
func caption(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameCaptionText
	return l
}
