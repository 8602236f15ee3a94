package app

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// tlFilters narrow a timeline: by moment kinds (any of several), by a date
// range, and to the evenings with a misstep. They combine.
type tlFilters struct {
	KindsButton *escButton // opens KindChecks in a pop-up
	KindChecks  *widget.CheckGroup
	From, To    *dateEntry // optional: empty is no error
	Missteps    *widget.Check
	Clear       *escButton

	box      *fyne.Container
	popUp    *widget.PopUp
	optionID map[string]string // check label -> kind id
	changed  func()
	quiet    bool // set while the filters are reset, so a reset is one query
}

func newTLFilters(changed func()) *tlFilters {
	f := &tlFilters{changed: changed, optionID: map[string]string{}}
	f.KindChecks = widget.NewCheckGroup(nil, func([]string) {
		f.setKindsText()
		f.notify()
	})
	f.KindsButton = newKeyButton("Any moment", theme.MenuDropDownIcon(), f.showKinds)
	f.KindsButton.IconPlacement = widget.ButtonIconTrailingText
	f.From = newDateEntry()
	f.From.SetPlaceHolder("From")
	f.From.OnChanged = func(*time.Time) { f.notify() }
	f.To = newDateEntry()
	f.To.SetPlaceHolder("To")
	f.To.OnChanged = func(*time.Time) { f.notify() }
	f.Missteps = widget.NewCheck("Only missteps", func(bool) { f.notify() })
	f.Clear = newKeyButton("Clear", theme.ContentClearIcon(), func() {
		f.reset()
		f.changed()
	})
	f.Clear.Importance = widget.LowImportance
	f.Clear.Disable()
	// Fixed-width date fields always show a whole date; the bar wraps onto
	// a second line in a narrow window rather than widening it past the
	// screen (800 points wide and up).
	dateSize := fyne.NewSize(tlDateWidth, f.From.MinSize().Height)
	f.box = container.New(newFlowLayout(theme.Padding()), f.KindsButton, container.NewGridWrap(dateSize, f.From), container.NewGridWrap(dateSize, f.To), f.Missteps, f.Clear)
	return f
}

// tlDateWidth fits a date and the calendar button.
const tlDateWidth float32 = 150

func (f *tlFilters) notify() {
	if f.quiet {
		return
	}
	f.updateClear()
	f.changed()
}

func (f *tlFilters) updateClear() {
	if len(f.KindChecks.Selected) > 0 || f.From.Date != nil || f.To.Date != nil || f.Missteps.Checked {
		f.Clear.Enable()
	} else {
		f.Clear.Disable()
	}
}

// reset clears every filter without running a query for each.
func (f *tlFilters) reset() {
	f.quiet = true
	defer func() { f.quiet = false }()
	// A check group redraws every box on any change: leave an empty one be.
	if len(f.KindChecks.Selected) > 0 {
		f.KindChecks.SetSelected(nil)
	}
	f.setKindsText()
	f.From.SetDate(nil)
	f.To.SetDate(nil)
	f.Missteps.SetChecked(false)
	f.updateClear()
}

// setKinds offers the journal's kinds: connection moments, then missteps.
func (f *tlFilters) setKinds(kinds []journal.MomentKind) {
	var connection, missteps []string
	f.optionID = map[string]string{}
	for _, k := range kinds {
		label := k.Label
		if _, taken := f.optionID[label]; taken {
			label = fmt.Sprintf("%s (%s)", k.Label, k.ID)
		}
		f.optionID[label] = k.ID
		if k.Misstep {
			missteps = append(missteps, label)
		} else {
			connection = append(connection, label)
		}
	}
	options := append(connection, missteps...)
	if slices.Equal(options, f.KindChecks.Options) {
		return
	}
	f.quiet = true
	f.KindChecks.Options = options
	f.KindChecks.Selected = nil
	f.quiet = false
	f.KindChecks.Refresh()
	f.setKindsText()
}

// setKindsText names the chosen kinds on the button; the bar is laid out
// again, as the button's width changes with its text.
func (f *tlFilters) setKindsText() {
	if text := f.kindsSummary(); text != f.KindsButton.Text {
		f.KindsButton.SetText(text)
		if f.box != nil {
			f.box.Refresh()
		}
	}
}

// SelectKinds ticks the kinds with these ids, as the pop-up would.
func (f *tlFilters) SelectKinds(ids ...string) {
	var labels []string
	for label, id := range f.optionID {
		for _, want := range ids {
			if id == want {
				labels = append(labels, label)
			}
		}
	}
	sort.Strings(labels)
	f.KindChecks.SetSelected(labels)
}

func (f *tlFilters) kindsSummary() string {
	switch n := len(f.KindChecks.Selected); n {
	case 0:
		return "Any moment"
	case 1:
		return f.KindChecks.Selected[0]
	default:
		return fmt.Sprintf("%d kinds of moment", n)
	}
}

func (f *tlFilters) showKinds() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.KindsButton)
	if c == nil {
		return
	}
	if f.popUp == nil {
		hint := widget.NewLabel("Evenings with any of these:")
		hint.Importance = widget.LowImportance
		done := newKeyButton("Done", nil, func() { f.popUp.Hide() })
		none := newKeyButton("Any moment", nil, func() { f.KindChecks.SetSelected(nil) })
		f.popUp = widget.NewPopUp(container.NewBorder(hint, container.NewHBox(none, done), nil, nil,
			container.NewVScroll(f.KindChecks)), c)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.KindsButton)
	pos.Y += f.KindsButton.Size().Height
	size := f.KindChecks.MinSize()
	f.popUp.Resize(fyne.NewSize(max(size.Width+40, 260), min(size.Height+100, c.Size().Height-pos.Y-8)))
	f.popUp.ShowAtPosition(pos)
}

// query is the timeline query the filters make for a person, or a problem
// to explain instead.
func (f *tlFilters) query(personID string) (journal.TimelineQuery, string) {
	q := journal.TimelineQuery{PersonID: personID, OnlyMissteps: f.Missteps.Checked}
	for _, label := range f.KindChecks.Selected {
		q.Kinds = append(q.Kinds, f.optionID[label])
	}
	if d := f.From.Date; d != nil {
		q.From = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	if d := f.To.Date; d != nil {
		q.To = time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 999e6, time.UTC)
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, "The start date is after the end date: choose dates the other way round."
	}
	return q, ""
}

// sortKindsByLabel orders kinds by label, ignoring case.
func sortKindsByLabel(ks []journal.MomentKind) {
	sort.SliceStable(ks, func(i, j int) bool { return strings.ToLower(ks[i].Label) < strings.ToLower(ks[j].Label) })
}
