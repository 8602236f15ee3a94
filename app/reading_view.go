package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// readingStore is what the reading view reads from the journal.
type readingStore interface {
	Reflection(ctx context.Context, id string) (*journal.Reflection, error)
	TimelineAll(ctx context.Context, q journal.TimelineQuery) ([]journal.Reflection, error)
	photoReader
	ReflectionPhotos(ctx context.Context, reflectionID string) ([]journal.Photo, error)
}

var _ readingStore = (*journal.Store)(nil)

// readingLineChars is the longest line the reading view sets, in
// characters: longer lines tire the eye on a wide window.
const readingLineChars = 80

// Keys of the reading view (listed for the shared shortcut table): E or
// Ctrl+Shift+E edits, J or Alt+Right goes to the next (newer) evening, K or
// Alt+Left to the previous (older) one, Escape or Backspace goes back.
var (
	readingEditKey = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	readingNextKey = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}
	readingPrevKey = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
)

// ReadingView shows one evening to be reread: the text set at a readable
// measure, who was there and how close it felt, the moments with their
// notes and the questions asked. Edit opens it in the composer; the
// previous and next evenings are a key away. It takes the place of the
// tabs while it shows, and Back returns to them.
type ReadingView struct {
	widget.BaseWidget
	m     *MainWindow
	store readingStore

	Heading  *widget.Label
	Text     *widget.Label
	People   *fyne.Container // a line per person: name and closeness
	Details  *fyne.Container // moments with notes and questions, per person
	Back     *escButton
	Previous *escButton
	Next     *escButton
	Edit     *escButton
	Place    *widget.Label  // "12 of 288 evenings with Ana"
	Photos   *readingPhotos // the evening's photos, one at a time (reading_photos.go)

	scroll *container.Scroll
	page   *fyne.Container // the column of text the scroll holds

	// Reflection is the evening shown; seq the ids of the evenings that
	// previous and next walk through, oldest first.
	Reflection *journal.Reflection
	seq        []string
	seqPerson  string
	gen        int
}

var _ fyne.Focusable = (*ReadingView)(nil)

// NewReadingView builds the reading view of m.
func NewReadingView(m *MainWindow) *ReadingView {
	v := &ReadingView{m: m, store: m.store}
	v.Heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.Heading.SizeName = theme.SizeNameSubHeadingText
	v.Heading.Wrapping = fyne.TextWrapWord
	v.Text = widget.NewLabel("")
	v.Text.Wrapping = fyne.TextWrapWord
	v.People = container.NewVBox()
	v.Details = container.NewVBox()
	v.Back = newKeyButton("Back", theme.NavigateBackIcon(), func() { m.closeReading() })
	v.Back.Importance = widget.LowImportance
	v.Previous = newKeyButton("Older", theme.MoveDownIcon(), func() { v.step(-1) })
	v.Next = newKeyButton("Newer", theme.MoveUpIcon(), func() { v.step(1) })
	v.Edit = newKeyButton("Edit", theme.DocumentCreateIcon(), func() { v.edit() })
	v.Edit.Importance = widget.HighImportance
	v.Place = widget.NewLabel("")
	v.Place.Importance = widget.LowImportance
	v.Place.SizeName = theme.SizeNameCaptionText
	v.Photos = newReadingPhotos(v)
	v.page = container.NewVBox(v.Heading, v.People, v.Photos.box, widget.NewSeparator(), v.Text, widget.NewSeparator(), v.Details)
	v.scroll = container.NewVScroll(container.New(measureLayout{}, container.NewPadded(v.page)))
	v.ExtendBaseWidget(v)
	return v
}

func (v *ReadingView) CreateRenderer() fyne.WidgetRenderer {
	bar := container.NewHBox(v.Back, layout.NewSpacer(), v.Place, v.Previous, v.Next, v.Edit)
	return widget.NewSimpleRenderer(container.NewBorder(container.NewPadded(bar), nil, nil, nil, v.scroll))
}

// Open reads the evening id and shows it. The evenings previous and next
// walk through are personID's, or, when the evening is not theirs (or
// personID is ""), those of the evening's first person.
func (v *ReadingView) Open(id, personID string) {
	v.gen++
	gen := v.gen
	v.m.run(func() {
		r, err := v.store.Reflection(v.m.ctx, id)
		var photoErr error
		if err == nil && r.Photos == nil {
			// The words show even when the photos cannot be read.
			r.Photos, photoErr = v.store.ReflectionPhotos(v.m.ctx, id)
		}
		var seq []string
		who := personID
		if err == nil {
			if who == "" || r.Encounter(who) == nil {
				who = ""
				if len(r.Encounters) > 0 {
					who = r.Encounters[0].PersonID
				}
			}
			if who == v.seqPerson && slices.Contains(v.seq, id) {
				seq = v.seq
			} else if who != "" {
				var all []journal.Reflection
				if all, err = v.store.TimelineAll(v.m.ctx, journal.TimelineQuery{PersonID: who}); err != nil {
					err = fmt.Errorf("read the evenings around it: %w", err)
				}
				for i := range all {
					seq = append(seq, all[i].ID)
				}
			}
		}
		fyne.Do(func() {
			if gen != v.gen {
				return
			}
			if err != nil {
				v.m.ShowError("Could not open the evening", err)
				return
			}
			v.seq, v.seqPerson = seq, who
			v.show(r)
			v.Photos.set(r.Photos, photoErr)
		})
	})
}

func (v *ReadingView) show(r *journal.Reflection) {
	v.Reflection = r
	v.Heading.SetText("The evening of " + eveningText(r.At))
	text := strings.TrimSpace(r.Text)
	if text == "" {
		text = "Nothing was written this evening."
	}
	v.Text.SetText(text)
	v.People.Objects = nil
	v.Details.Objects = nil
	for _, e := range r.Encounters {
		name := v.name(e.PersonID)
		line := name
		if e.Closeness.Rated() {
			line += fmt.Sprintf(" \u2014 %s (%d of 7)", e.Closeness.Label(), int(e.Closeness))
		}
		v.People.Add(widget.NewLabelWithStyle(line, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		v.addDetails(name, e)
	}
	if len(r.Encounters) == 0 {
		v.People.Add(widget.NewLabel("No one was named this evening."))
	}
	v.People.Refresh()
	v.Details.Refresh()
	i := slices.Index(v.seq, r.ID)
	v.Place.SetText("")
	if i >= 0 && v.seqPerson != "" {
		v.Place.SetText(fmt.Sprintf("%d of %d evenings with %s", i+1, len(v.seq), v.name(v.seqPerson)))
	}
	setEnabled(v.Previous, i > 0)
	setEnabled(v.Next, i >= 0 && i < len(v.seq)-1)
	v.m.sync.showConflicts(v)
	v.scroll.ScrollToTop()
	v.Refresh()
}

// addDetails lists one person's moments, with their notes, and the
// questions asked of them.
func (v *ReadingView) addDetails(name string, e journal.Encounter) {
	var lines []string
	for _, mo := range e.Moments {
		line := "\u2022 " + v.kindLabel(mo.Kind)
		if note := strings.TrimSpace(mo.Note); note != "" {
			line += ": " + note
		}
		lines = append(lines, line)
	}
	for _, q := range e.Questions {
		lines = append(lines, "\u2022 Asked "+askedText(q))
	}
	if len(lines) == 0 {
		return
	}
	v.Details.Add(caption("With " + name))
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	v.Details.Add(body)
}

func (v *ReadingView) name(id string) string {
	if p := v.m.people.person(id); p != nil {
		return p.Name
	}
	return "Someone no longer in the journal"
}

func (v *ReadingView) kindLabel(id string) string {
	for _, k := range v.m.kinds {
		if k.ID == id {
			return k.Label
		}
	}
	return id
}

// step shows the evening by (-1: older, 1: newer) in the sequence.
func (v *ReadingView) step(by int) {
	if v.Reflection == nil {
		return
	}
	i := slices.Index(v.seq, v.Reflection.ID) + by
	if i < 0 || i >= len(v.seq) || slices.Index(v.seq, v.Reflection.ID) < 0 {
		return
	}
	v.Open(v.seq[i], v.seqPerson)
}

func (v *ReadingView) edit() {
	if v.Reflection != nil {
		v.m.EditReflection(v.Reflection.ID)
	}
}

// scrollBy moves the page by dy, within its bounds.
func (v *ReadingView) scrollBy(dy float32) {
	bottom := v.scroll.Content.Size().Height - v.scroll.Size().Height
	y := max(0, min(v.scroll.Offset.Y+dy, bottom))
	v.scroll.ScrollToOffset(fyne.NewPos(0, y))
}

func (v *ReadingView) FocusGained() {}
func (v *ReadingView) FocusLost()   {}

func (v *ReadingView) TypedRune(r rune) {
	switch r {
	case 'e', 'E':
		v.edit()
	case 'j', 'J':
		v.step(1)
	case 'k', 'K':
		v.step(-1)
	case '[', ']':
		v.Photos.typedRune(r)
	case ' ':
		v.scrollBy(v.scroll.Size().Height * 0.9)
	}
}

func (v *ReadingView) TypedKey(ev *fyne.KeyEvent) {
	line := theme.TextSize() * 3
	page := v.scroll.Size().Height * 0.9
	if v.Photos.typedKey(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyBackspace:
		v.m.closeReading()
	case fyne.KeyDown:
		v.scrollBy(line)
	case fyne.KeyUp:
		v.scrollBy(-line)
	case fyne.KeyPageDown:
		v.scrollBy(page)
	case fyne.KeyPageUp:
		v.scrollBy(-page)
	case fyne.KeyHome:
		v.scroll.ScrollToTop()
	case fyne.KeyEnd:
		v.scroll.ScrollToBottom()
	}
}

// TypedShortcut takes the reading view's own keys and hands the window's on.
func (v *ReadingView) TypedShortcut(s fyne.Shortcut) {
	switch s.ShortcutName() {
	case readingEditKey.ShortcutName():
		v.edit()
	case readingNextKey.ShortcutName():
		v.step(1)
	case readingPrevKey.ShortcutName():
		v.step(-1)
	default:
		v.m.handleShortcut(s)
	}
}

// measureLayout centres its objects at a readable width: at most
// readingLineChars characters of body text, however wide the window.
type measureLayout struct{}

// readingWidth is the widest the reading column gets.
func readingWidth() float32 {
	sample := strings.Repeat("the quick brown fox jumps over a lazy dog ", 2)[:readingLineChars]
	w := fyne.MeasureText(sample, theme.TextSize(), fyne.TextStyle{}).Width
	return w + 4*theme.Padding()
}

func (measureLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (measureLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, readingWidth())
	for _, o := range objects {
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
	}
}

func setEnabled(b *escButton, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
