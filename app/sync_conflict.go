package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	ksync "kindred/journal/sync"
)

// syncMarkText marks an evening edited on two computers, on its timeline
// row and in the reading view.
const syncMarkText = "Edited on two computers"

// markRow marks a timeline row whose evening has another version.
func (c *syncCtl) markRow(v *tlItemView, id string) {
	if c == nil || len(c.conflicts) == 0 || !slices.ContainsFunc(c.conflicts, func(k ksync.Conflict) bool { return k.ReflectionID == id }) {
		if v.others.Importance == widget.WarningImportance {
			v.others.Importance = widget.MediumImportance
			v.others.Refresh()
		}
		return
	}
	text := syncMarkText
	if v.others.Text != "" {
		text += " \u00b7 " + v.others.Text
	}
	v.others.Importance = widget.WarningImportance
	v.others.SetText(text)
}

// syncConflictBox is the reading view's part about another version of
// the evening: what happened and the choices.
type syncConflictBox struct {
	Box       *fyne.Container
	Note      *widget.Label
	ShowOther *escButton
	KeepThis  *escButton
	KeepOther *escButton
}

// showConflicts puts the evening's other version, if it has one, at the
// top of the reading view.
func (c *syncCtl) showConflicts(v *ReadingView) {
	if c.conflictBox == nil {
		c.conflictBox = &syncConflictBox{Box: container.NewVBox()}
	}
	b := c.conflictBox
	if !slices.Contains(v.page.Objects, fyne.CanvasObject(b.Box)) {
		v.page.Objects = slices.Insert(v.page.Objects, min(1, len(v.page.Objects)), fyne.CanvasObject(b.Box))
	}
	b.Box.Objects = nil
	b.Note, b.ShowOther, b.KeepThis, b.KeepOther = nil, nil, nil, nil
	var ks []ksync.Conflict
	if v.Reflection != nil {
		ks = c.conflictsFor(v.Reflection.ID)
	}
	if len(ks) == 0 {
		b.Box.Hide()
		v.page.Refresh()
		return
	}
	k := ks[len(ks)-1] // the newest other version; the others follow once it is settled
	who := computerName(k.DeviceName)
	note := syncMarkText + ": this is the version kept in view; the other was written on " + who + "."
	if k.Deleted {
		note = "Deleted on " + who + "; kept here because it was edited."
	}
	if len(ks) > 1 {
		note += fmt.Sprintf(" (%d other versions wait.)", len(ks))
	}
	b.Note = widget.NewLabel(note)
	b.Note.Wrapping = fyne.TextWrapWord
	b.Note.Importance = widget.WarningImportance
	b.KeepThis = newKeyButton("Keep this one", nil, func() { c.resolve(k, ksync.KeepShown) })
	if k.Deleted {
		b.KeepOther = newKeyButton("Delete it", nil, func() { c.resolve(k, ksync.KeepOther) })
	} else {
		b.KeepOther = newKeyButton("Keep the other", nil, func() { c.resolve(k, ksync.KeepOther) })
		b.ShowOther = newKeyButton("Show the other version", nil, func() { c.showOther(v, k) })
	}
	row := container.NewHBox()
	if b.ShowOther != nil {
		row.Add(b.ShowOther)
	}
	row.Add(b.KeepThis)
	row.Add(b.KeepOther)
	b.Box.Objects = []fyne.CanvasObject{b.Note, row, widget.NewSeparator()}
	b.Box.Show()
	b.Box.Refresh()
	v.page.Refresh()
}

// otherVersion is the read-only view of another computer's version.
type otherVersion struct {
	Heading, People, Text *widget.Label
	md                    *modal
}

// lastOtherVersion is the view opened last, for tests.
var lastOtherVersion *otherVersion

// showOther shows the other version of the evening, to read, with the
// same two choices.
func (c *syncCtl) showOther(v *ReadingView, k ksync.Conflict) *otherVersion {
	r := k.Reflection
	if r == nil {
		c.m.inform("The other version", "The other version cannot be read in this version of Kindred; it is kept until you choose.")
		return nil
	}
	o := &otherVersion{}
	lastOtherVersion = o
	o.Heading = widget.NewLabelWithStyle("The evening of "+eveningText(r.At)+", as written on "+computerName(k.DeviceName),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.Heading.Wrapping = fyne.TextWrapWord
	var people []string
	for _, e := range r.Encounters {
		line := v.name(e.PersonID)
		if e.Closeness.Rated() {
			line += fmt.Sprintf(" \u2014 %s (%d of 7)", e.Closeness.Label(), int(e.Closeness))
		}
		people = append(people, line)
	}
	if len(people) == 0 {
		people = append(people, "No one was named this evening.")
	}
	o.People = widget.NewLabel(strings.Join(people, "\n"))
	o.People.Wrapping = fyne.TextWrapWord
	text := strings.TrimSpace(r.Text)
	if text == "" {
		text = "Nothing was written this evening."
	}
	o.Text = widget.NewLabel(text)
	o.Text.Wrapping = fyne.TextWrapWord
	o.Text.Selectable = true
	body := container.NewVBox(o.Heading, o.People, widget.NewSeparator(), o.Text)
	o.md = c.m.newModal("The other version", container.New(fixedWidth(520), container.NewVScroll(body)))
	o.md.button("Keep the other", widget.MediumImportance, func() { c.resolve(k, ksync.KeepOther) })
	o.md.button("Keep the one shown", widget.MediumImportance, func() { c.resolve(k, ksync.KeepShown) })
	close := o.md.button("Close", widget.HighImportance, nil)
	o.md.show()
	o.md.resize(fyne.NewSize(560, 480))
	c.m.focus(close)
	return o
}

// resolve settles one conflict through the engine, shows the evening as
// it now is and sends the choice.
func (c *syncCtl) resolve(k ksync.Conflict, keep ksync.Keep) {
	eng := c.eng
	c.work(func() {
		err := eng.ResolveConflict(c.ctx, k.Seq, keep)
		st, conf, rerr := c.readState(eng)
		fyne.Do(func() {
			if c.closed {
				return
			}
			if err != nil {
				c.m.ShowError("The choice was not kept", err)
				return
			}
			if rerr == nil {
				c.status, c.conflicts = st, conf
			}
			c.m.Reload()
			c.m.ReflectionChanged(k.ReflectionID)
			c.m.Timeline.List.Refresh()
			if v := c.m.Reading; v != nil && c.m.ReadingShown() && v.Reflection != nil && v.Reflection.ID == k.ReflectionID {
				if keep == ksync.KeepOther && k.Deleted {
					c.m.closeReading()
				} else {
					v.Open(k.ReflectionID, v.seqPerson)
				}
			}
			c.Footer.update()
			c.requestRound()
		})
	})
}
