package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// tlHeader is the top of a person's timeline: who, since when, how many
// evenings, how close it feels now, and the firsts, each a button that
// opens the evening it happened.
type tlHeader struct {
	Name          *widget.Label
	Facts         *widget.Label
	Closeness     *ClosenessGlyph
	ClosenessText *widget.Label
	Firsts        *fyne.Container // one button per first
	firstsNone    *widget.Label
	// FirstIDs holds, for each button in Firsts, the reflection it opens.
	FirstIDs []string

	box  *fyne.Container
	open func(reflectionID string)
}

func newTLHeader(open func(reflectionID string)) *tlHeader {
	h := &tlHeader{
		Name:          widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Facts:         widget.NewLabel(""),
		Closeness:     NewClosenessGlyph(journal.NotRated, ""),
		ClosenessText: widget.NewLabel(""),
		Firsts:        container.NewHBox(),
		firstsNone:    widget.NewLabel("No connection moments tagged yet: the first of each kind will show here."),
		open:          open,
	}
	h.Name.SizeName = theme.SizeNameHeadingText
	h.Facts.Truncation = fyne.TextTruncateEllipsis
	h.firstsNone.Importance = widget.LowImportance
	firstsTitle := widget.NewLabelWithStyle("Firsts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	closeness := container.NewHBox(h.Closeness, h.ClosenessText)
	h.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, closeness, h.Name),
		h.Facts,
		container.NewBorder(nil, nil, firstsTitle, nil, container.NewStack(h.firstsNone, container.NewHScroll(h.Firsts))),
	)
	return h
}

// show fills the header for a person.
func (h *tlHeader) show(o *journal.PersonOverview, kinds map[string]journal.MomentKind) {
	h.Name.SetText(o.Name)
	facts := "In the journal since " + o.Since().Format("2 January 2006") + " · " + tlCountOf(o.Evenings, "evening", "evenings")
	if !o.LastAt.IsZero() {
		facts += " · latest " + o.LastAt.Format("Mon 2 Jan 2006")
	}
	h.Facts.SetText(facts)
	h.Closeness.Set(o.Closeness, o.Color)
	if o.Closeness.Rated() {
		h.ClosenessText.SetText(fmt.Sprintf("Last rating: %s (%d of 7)", o.Closeness.Label(), int(o.Closeness)))
	} else {
		h.ClosenessText.SetText("Closeness not rated yet")
	}
	h.Firsts.Objects = nil
	h.FirstIDs = nil
	for _, f := range o.Firsts {
		k, ok := kinds[f.Kind]
		if !ok {
			k = journal.MomentKind{ID: f.Kind, Label: f.Kind}
		}
		if k.Misstep {
			// Firsts celebrate connection; a first misstep is nothing to pin up.
			continue
		}
		id := f.ReflectionID
		b := newKeyButton(k.Label+" · "+f.At.Format("2 Jan 2006"), nil, func() { h.open(id) })
		b.Importance = widget.LowImportance
		h.Firsts.Add(b)
		h.FirstIDs = append(h.FirstIDs, id)
	}
	h.firstsNone.Hidden = len(h.FirstIDs) > 0
	h.Firsts.Refresh()
	h.box.Refresh()
}

// tlCountOf gives "1 evening", "8,144 evenings".
func tlCountOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return tlThousands(n) + " " + many
}

// tlThousands writes n with thousands separated by commas.
func tlThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + tlThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
