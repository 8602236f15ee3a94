package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// maxSuggestions bounds the names offered under the picker.
const maxSuggestions = 6

// PeoplePicker chooses who was there by typing part of a name. Matching
// people are offered as buttons; Enter takes the first. A name nobody has is
// never added silently: the picker offers "Add ... as a new person" and only
// that button adds them.
type PeoplePicker struct {
	widget.BaseWidget
	Entry       *textEntry
	Suggestions []*escButton
	AddNew      *escButton
	Error       *widget.Label
	hint        *widget.Label
	row         *fyne.Container

	ix       *peopleIndex
	exclude  map[string]bool
	OnPicked func(p journal.PersonSummary)
	OnAdd    func(name string)
	// OnTyped runs when the typed text changes (the draft keeps it).
	OnTyped func(text string)
}

// NewPeoplePicker builds a picker over no one; setPeople fills it.
func NewPeoplePicker() *PeoplePicker {
	p := &PeoplePicker{ix: newPeopleIndex(nil), exclude: map[string]bool{}}
	p.Entry = newTextEntry("Who was there? Type part of a name")
	p.Entry.OnChanged = func(s string) {
		p.update()
		if p.OnTyped != nil {
			p.OnTyped(s)
		}
	}
	p.Entry.OnSubmitted = func(string) { p.pickFirst() }
	p.Entry.onDown = func() {
		if len(p.Suggestions) > 0 && p.Suggestions[0].Visible() {
			requestFocus(p.Suggestions[0])
		} else if p.AddNew.Visible() {
			requestFocus(p.AddNew)
		}
	}
	p.AddNew = newKeyButton("", theme.ContentAddIcon(), func() {
		name := strings.TrimSpace(p.Entry.Text)
		if name != "" && p.OnAdd != nil {
			p.OnAdd(name)
		}
	})
	p.AddNew.Importance = widget.LowImportance
	p.Error = widget.NewLabel("")
	p.Error.Importance = widget.DangerImportance
	p.Error.Wrapping = fyne.TextWrapWord
	p.Error.Hide()
	p.hint = widget.NewLabel("")
	p.hint.Importance = widget.LowImportance
	p.hint.SizeName = theme.SizeNameCaptionText
	p.hint.Hide()
	p.row = container.New(newFlowLayout(4))
	p.ExtendBaseWidget(p)
	p.update()
	return p
}

func (p *PeoplePicker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(p.Entry, p.row, p.hint, p.Error))
}

// setPeople changes who can be picked.
func (p *PeoplePicker) setPeople(ix *peopleIndex) {
	p.ix = ix
	p.update()
}

// setExcluded hides people already chosen from the suggestions.
func (p *PeoplePicker) setExcluded(ids []string) {
	p.exclude = make(map[string]bool, len(ids))
	for _, id := range ids {
		p.exclude[id] = true
	}
	p.update()
}

// SetError shows a problem with the people chosen, or clears it.
func (p *PeoplePicker) SetError(msg string) {
	p.Error.SetText(msg)
	p.Error.Hidden = msg == ""
	p.Refresh()
}

func (p *PeoplePicker) matches() []journal.PersonSummary {
	q := strings.TrimSpace(p.Entry.Text)
	if q == "" {
		return nil
	}
	var out []journal.PersonSummary
	for _, ps := range p.ix.match(q, true) {
		if p.exclude[ps.ID] {
			continue
		}
		out = append(out, ps)
		if len(out) == maxSuggestions {
			break
		}
	}
	return out
}

func (p *PeoplePicker) update() {
	q := strings.TrimSpace(p.Entry.Text)
	matches := p.matches()
	p.Suggestions = p.Suggestions[:0]
	objs := make([]fyne.CanvasObject, 0, len(matches)+1)
	for _, ps := range matches {
		ps := ps
		label := ps.Name
		if ps.Archived {
			label += " (archived)"
		}
		b := newKeyButton(label, nil, func() { p.pick(ps) })
		p.Suggestions = append(p.Suggestions, b)
		objs = append(objs, b)
	}
	exact := p.ix.exact(q)
	switch {
	case q == "":
		p.AddNew.Hide()
		p.hint.Hide()
	case exact != nil && p.exclude[exact.ID]:
		p.AddNew.Hide()
		p.hint.SetText(exact.Name + " is already in this reflection.")
		p.hint.Show()
	case exact != nil:
		p.AddNew.Hide()
		p.hint.Hide()
	default:
		p.AddNew.SetText(fmt.Sprintf("Add %q as a new person", q))
		p.AddNew.Show()
		objs = append(objs, p.AddNew)
		if len(matches) == 0 {
			p.hint.SetText("No one by that name in the journal yet.")
			p.hint.Show()
		} else {
			p.hint.Hide()
		}
	}
	p.row.Objects = objs
	p.row.Refresh()
	p.Refresh()
}

func (p *PeoplePicker) pick(ps journal.PersonSummary) {
	p.Entry.SetText("")
	if p.OnPicked != nil {
		p.OnPicked(ps)
	}
}

// pickFirst takes the best match for what is typed; it never adds anyone.
func (p *PeoplePicker) pickFirst() {
	q := strings.TrimSpace(p.Entry.Text)
	if q == "" {
		return
	}
	if ex := p.ix.exact(q); ex != nil && !p.exclude[ex.ID] {
		p.pick(*ex)
		return
	}
	if m := p.matches(); len(m) > 0 {
		p.pick(m[0])
	}
}
