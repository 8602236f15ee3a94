package app

import (
	"context"
	"fmt"
	"image"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// rememberStore is what a Remember card reads from the journal.
type rememberStore interface {
	Remember(ctx context.Context, q journal.RememberQuery) ([]journal.Memory, error)
	Reflections(ctx context.Context, ids []string) ([]journal.Reflection, error)
	Kinds(ctx context.Context) ([]journal.MomentKind, error)
	PhotosOf(ctx context.Context, reflectionIDs []string) (map[string][]journal.Photo, error)
	photoReader
}

var _ rememberStore = (*journal.Store)(nil)

// rememberFolded is how many memories a card shows before "Show more": a
// busy journal can remember dozens of evenings on one day, and the card sits
// above the composer.
const rememberFolded = 3

// RememberCard shows what the journal remembers today: evenings from past
// years on this day and anniversaries of firsts, each opening its evening.
// With nothing to remember it is hidden: no empty box.
type RememberCard struct {
	widget.BaseWidget

	Title *widget.Label
	Day   *widget.Label
	Rows  *fyne.Container // one row per memory shown
	// Opens holds, for each row in Rows, the button that opens its evening.
	Opens []*escButton
	More  *escButton
	// Unfold, beside the title of a folded card, shows its memories again.
	Unfold *escButton
	// Dismiss hides the card until tomorrow; nil where it cannot be.
	Dismiss *escButton
	// Memories are the ones shown, in order, one per evening.
	Memories []journal.Memory
	// moments names the moments of each memory's evening, by reflection:
	// what tells apart evenings that the same sentence remembers.
	moments map[string]string
	// photos are the first photo of each memory's evening that has one,
	// by reflection; Photos the images the rows show, in row order.
	photos map[string]image.Image
	Photos []*canvas.Image

	store    rememberStore
	thumbs   *photoCache
	ctx      context.Context
	run      offUIRunner
	now      func() time.Time
	open     func(reflectionID string)
	changed  func() // the owner lays out again when the card shows, hides or grows
	bg       *canvas.Rectangle
	personID string
	day      time.Time // the day the memories are of; zero before the first load
	gen      int
	expanded bool
	// folded shows the card as its title line alone, while the user writes.
	folded bool
	// foldAt is how many memories show before "Show more" (rememberFolded
	// unless the screen asks for fewer).
	foldAt int
	// dismissed is the day the user put the card away for.
	dismissed time.Time
}

var _ fyne.Widget = (*RememberCard)(nil)

// newRememberCard makes a card that reads through m's journal and runner.
// dismissable cards can be put away until tomorrow.
func newRememberCard(m *MainWindow, title string, dismissable bool, changed func()) *RememberCard {
	c := &RememberCard{store: m.store, thumbs: m.thumbs, ctx: m.ctx, run: m.run, now: m.now, open: m.OpenReflection, changed: changed, foldAt: rememberFolded}
	c.Title = widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.Day = widget.NewLabel("")
	c.Rows = container.NewVBox()
	c.More = newKeyButton("", nil, func() {
		c.expanded = !c.expanded
		c.fill()
	})
	c.Unfold = newKeyButton("", nil, func() {
		c.folded = false
		c.fill()
	})
	c.Unfold.Importance = widget.LowImportance
	c.Unfold.Hide()
	c.More.Importance = widget.LowImportance
	c.More.Alignment = widget.ButtonAlignLeading
	if dismissable {
		c.Dismiss = newKeyButton("", theme.CancelIcon(), func() {
			c.dismissed = c.day
			c.fill()
		})
		c.Dismiss.Importance = widget.LowImportance
	}
	c.bg = canvas.NewRectangle(themeColor(c, colorNameRemember))
	c.bg.CornerRadius = 8
	c.ExtendBaseWidget(c)
	c.Hide()
	return c
}

func (c *RememberCard) CreateRenderer() fyne.WidgetRenderer {
	head := container.NewBorder(nil, nil, nil, c.headRight(), container.NewHBox(c.Title, c.Day, c.Unfold))
	body := container.NewVBox(head, c.Rows, c.More)
	// The outer padding is the card's margin: a hidden card leaves no gap.
	return widget.NewSimpleRenderer(container.NewPadded(container.NewStack(c.bg, container.NewPadded(body))))
}

func (c *RememberCard) headRight() fyne.CanvasObject {
	if c.Dismiss == nil {
		return nil
	}
	return c.Dismiss
}

// Refresh follows the theme: the card's colour is our own.
func (c *RememberCard) Refresh() {
	c.bg.FillColor = themeColor(c, colorNameRemember)
	c.BaseWidget.Refresh()
}

// Load reads today's memories, for everyone or one person ("" for
// everyone), off the UI goroutine, and shows them.
func (c *RememberCard) Load(personID string) {
	c.gen++
	gen := c.gen
	c.personID = personID
	day := c.now()
	c.run(func() {
		ms, err := c.store.Remember(c.ctx, journal.RememberQuery{Date: day, PersonID: personID})
		var moments map[string]string
		if err == nil {
			moments, err = c.readMoments(ms)
		}
		var photos map[string]image.Image
		if err == nil {
			photos = c.readPhotos(ms)
		}
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			if err != nil {
				// A card of memories is a kindness, not a task: a journal
				// that cannot be read says so where the user is working.
				fyne.LogError("read what to remember", err)
				ms = nil
			}
			if !sameDate(c.day, day) {
				c.expanded = false
			}
			c.day = day
			c.moments = moments
			c.photos = photos
			c.Memories = oncePerEvening(ms)
			c.fill()
		})
	})
}

// Fold shows the card as its title line alone (on) or in full: it steps
// aside while an evening is being written, one click from coming back.
func (c *RememberCard) Fold(on bool) {
	if on == c.folded {
		return
	}
	c.folded = on
	c.fill()
}

// readMoments names the moments of the memories' evenings.
func (c *RememberCard) readMoments(ms []journal.Memory) (map[string]string, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	ids := make([]string, len(ms))
	for i := range ms {
		ids[i] = ms[i].ReflectionID
	}
	rs, err := c.store.Reflections(c.ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read the evenings remembered: %w", err)
	}
	kinds, err := c.store.Kinds(c.ctx)
	if err != nil {
		return nil, fmt.Errorf("read the kinds of moments: %w", err)
	}
	label := make(map[string]string, len(kinds))
	for _, k := range kinds {
		label[k.ID] = k.Label
	}
	out := make(map[string]string, len(rs))
	for _, r := range rs {
		var names []string
		for _, e := range r.Encounters {
			for _, mo := range e.Moments {
				l := label[mo.Kind]
				if l == "" {
					l = mo.Kind
				}
				if !slices.Contains(names, l) {
					names = append(names, l)
				}
			}
		}
		out[r.ID] = strings.Join(names, ", ")
	}
	return out, nil
}

// readPhotos reads the thumbnail of each remembered evening's first photo.
// A memory is worth showing without its photo: problems are only logged.
func (c *RememberCard) readPhotos(ms []journal.Memory) map[string]image.Image {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for i := range ms {
		ids[i] = ms[i].ReflectionID
	}
	ps, err := c.store.PhotosOf(c.ctx, ids)
	if err != nil {
		fyne.LogError("read the photos of the evenings remembered", err)
		return nil
	}
	out := make(map[string]image.Image, len(ps))
	for id, list := range ps {
		if p := firstViewable(list); p != nil {
			if img, err := c.thumbs.load(c.ctx, c.store, p.ID, journal.PhotoThumb); err == nil {
				out[id] = img
			}
		}
	}
	return out
}

// Clear hides the card and forgets what it showed (nobody is chosen).
func (c *RememberCard) Clear() {
	c.gen++
	c.personID, c.Memories = "", nil
	c.fill()
}

// Stale reports whether the day has changed since the card was loaded.
func (c *RememberCard) Stale() bool { return !c.day.IsZero() && !sameDate(c.day, c.now()) }

// Reload reads the card again for the person it shows.
func (c *RememberCard) Reload() { c.Load(c.personID) }

// fill shows the loaded memories, folded or not.
func (c *RememberCard) fill() {
	show := len(c.Memories) > 0 && !sameDate(c.dismissed, c.day)
	rowsBefore := len(c.Rows.Objects)
	visibleBefore := c.Visible()
	c.Rows.Objects = nil
	c.Opens = nil
	c.Photos = nil
	if show {
		c.Day.SetText(c.day.Format("Monday 2 January"))
		n := len(c.Memories)
		if !c.expanded {
			n = min(n, c.foldAt)
		}
		if c.folded {
			n = 0
		}
		for i := range n {
			c.Rows.Add(c.row(&c.Memories[i]))
		}
		c.Unfold.Hidden = !c.folded
		c.Unfold.SetText("Show " + plural(len(c.Memories), "memory", "memories"))
		switch rest := len(c.Memories) - c.foldAt; {
		case rest <= 0 || c.folded:
			c.More.Hide()
		case c.expanded:
			c.More.SetText("Show fewer")
			c.More.Show()
		default:
			c.More.SetText(fmt.Sprintf("Show %d more", rest))
			c.More.Show()
		}
	}
	c.Rows.Refresh()
	if show != c.Visible() {
		if show {
			c.Show()
		} else {
			c.Hide()
		}
	}
	c.Refresh()
	// Laying the screen out again costs the list beside the card its scroll
	// position: only when the card's height may have changed.
	if c.changed != nil && (show != visibleBefore || len(c.Rows.Objects) != rowsBefore) {
		c.changed()
	}
}

// row is one memory: its sentence, the start of what was written that
// evening, and a button that opens it.
func (c *RememberCard) row(m *journal.Memory) fyne.CanvasObject {
	text := widget.NewLabel(m.Text)
	text.Wrapping = fyne.TextWrapWord
	id := m.ReflectionID
	open := newKeyButton("Open", theme.NavigateNextIcon(), func() { c.open(id) })
	open.Importance = widget.LowImportance
	open.IconPlacement = widget.ButtonIconTrailingText
	c.Opens = append(c.Opens, open)
	lines := container.NewVBox(text)
	// The same sentence can remember several evenings: when it was and what
	// happened tell them apart.
	detail := eveningText(m.At)
	if mo := c.moments[m.ReflectionID]; mo != "" {
		detail += " \u00b7 " + mo
	}
	when := widget.NewLabel(detail)
	when.Truncation = fyne.TextTruncateEllipsis
	when.SizeName = theme.SizeNameCaptionText
	when.Importance = widget.LowImportance
	lines.Add(when)
	if excerpt := tlExcerpt(m.Written, 140); excerpt != "" {
		quote := widget.NewLabelWithStyle("“"+excerpt+"”", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		quote.Truncation = fyne.TextTruncateEllipsis
		quote.SizeName = theme.SizeNameCaptionText
		lines.Add(quote)
	}
	var left fyne.CanvasObject
	if img := c.photos[m.ReflectionID]; img != nil {
		pic := canvas.NewImageFromImage(img)
		pic.FillMode = canvas.ImageFillContain
		pic.SetMinSize(fyne.NewSize(rememberPhotoSide, rememberPhotoSide))
		c.Photos = append(c.Photos, pic)
		left = container.NewCenter(pic)
	}
	return container.NewBorder(nil, nil, left, container.NewCenter(open), lines)
}

// rememberPhotoSide is the size of the photo beside a memory: enough to
// know the evening again, small enough that the card stays a few lines.
const rememberPhotoSide float32 = 72

// oncePerEvening keeps the first memory of each evening: the anniversary
// of a first says more than "an evening with" the same people, and two
// lines that open the same evening would only crowd the card.
func oncePerEvening(ms []journal.Memory) []journal.Memory {
	seen := make(map[string]bool, len(ms))
	out := ms[:0:0]
	for _, m := range ms {
		if !seen[m.ReflectionID] {
			seen[m.ReflectionID] = true
			out = append(out, m)
		}
	}
	return out
}

// sameDate reports whether two times fall on the same calendar day, each
// as it is written.
func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
