package app

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/assets"
	"kindred/journal"
)

// Composer is the form for one evening's reflection: when, who was there,
// an encounter card per person, and the text under a rotating prompt. It
// holds the form's state; ReflectScreen saves it, keeps its drafts and
// opens stored reflections in it.
type Composer struct {
	widget.BaseWidget

	Heading    *widget.Label
	FormError  *widget.Label
	Date       *dateEntry
	Time       *textEntry
	DateError  *widget.Label
	People     *PeoplePicker
	CardsError *widget.Label
	Cards      []*EncounterCard
	Deck       *QuestionCard
	Prompt     *widget.Label
	PromptNext *escButton
	PromptHide *escButton
	PromptShow *escButton
	Text       *textEntry
	TextError  *widget.Label
	Save       *escButton
	Discard    *escButton
	Delete     *escButton
	DraftState *widget.Label
	// The evening's photos (composer_photos.go): a strip of tiles, the
	// button that adds more, and how adding goes.
	Photos        []*photoTile
	AddPhotos     *escButton
	PhotoStatus   *widget.Label
	PhotoProgress *widget.ProgressBar

	// ReflectionID is the stored reflection being edited, "" for a new one.
	ReflectionID string
	createdAt    time.Time
	loc          *time.Location

	promptIndex  int
	promptHidden bool

	kinds []journal.MomentKind
	// personQuestions are the stored questions of the evening being edited,
	// per person (see questionsFor).
	personQuestions map[string][]journal.AskedQuestion
	ix              *peopleIndex
	filling         bool // set while the form is filled in code: not the user's changes
	shortcut        func(fyne.Shortcut) bool
	// focus gives a widget the keyboard; the screen sets it to the window's.
	focus func(fyne.Focusable)
	// ask confirms something that would lose what was typed; the screen sets it.
	ask func(title, message, yes string, fn func())

	// Set by the screen.
	onChange  func()
	onSave    func()
	onDiscard func()
	onDelete  func()
	onAdd     func(name string)
	onNewKind func(*EncounterCard)
	onPeople  func(personIDs []string, reflectionID string)
	// onAddPhotos opens the picker; onPhotoShown loads a tile's thumbnail;
	// onPhotoRemoved offers to undo taking one out.
	onAddPhotos    func()
	onPhotoShown   func(*photoTile)
	onPhotoRemoved func(t *photoTile, at int)

	cardsBox, promptBar, photosBox *fyne.Container
}

// composerTextRows is the text box's height when the page has no room to
// spare; with room, it grows to fill the page.
const composerTextRows = 6

// NewComposer builds an empty composer dated now.
func NewComposer(now time.Time, shortcut func(fyne.Shortcut) bool) *Composer {
	c := &Composer{ix: newPeopleIndex(nil), loc: now.Location(), shortcut: shortcut, focus: requestFocus}
	c.Heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.Heading.SizeName = theme.SizeNameSubHeadingText
	c.FormError = errorLabel()
	c.Date = newDateEntry()
	c.Date.onShortcut = shortcut
	c.Date.onEdited = c.changed
	c.Date.OnChanged = func(*time.Time) { c.changed() } // a day picked from the calendar
	c.Time = newTextEntry("21:30")
	c.Time.onShortcut = shortcut
	c.Time.OnChanged = func(string) { c.changed() }
	c.DateError = errorLabel()
	c.People = NewPeoplePicker()
	c.People.Entry.onShortcut = shortcut
	// After a pick the keys 1-7 rate the evening at once; Shift+Tab goes back
	// to the people field for someone else.
	c.People.OnPicked = func(p journal.PersonSummary) { c.focus(c.AddPerson(p).Closeness) }
	c.People.OnAdd = func(name string) {
		if c.onAdd != nil {
			c.onAdd(name)
		}
	}
	c.People.OnTyped = func(string) { c.changed() }
	c.CardsError = errorLabel()
	c.cardsBox = container.NewVBox()
	c.Deck = NewQuestionCard(c.changed)
	c.Prompt = widget.NewLabel("")
	c.Prompt.Wrapping = fyne.TextWrapWord
	c.Prompt.TextStyle = fyne.TextStyle{Italic: true}
	c.PromptNext = newKeyButton("Another", theme.ViewRefreshIcon(), c.nextPrompt)
	c.PromptNext.Importance = widget.LowImportance
	c.PromptHide = newKeyButton("Hide", theme.CancelIcon(), func() { c.setPromptHidden(true) })
	c.PromptHide.Importance = widget.LowImportance
	c.PromptShow = newKeyButton("Show a prompt", theme.QuestionIcon(), func() { c.setPromptHidden(false) })
	c.PromptShow.Importance = widget.LowImportance
	c.Text = newMultiLineTextEntry("How was the evening? Write as much or as little as you like.")
	c.Text.SetMinRowsVisible(composerTextRows)
	c.Text.onShortcut = shortcut
	c.Text.OnChanged = func(string) { c.changed() }
	c.TextError = errorLabel()
	c.Save = newKeyButton("Save reflection", theme.DocumentSaveIcon(), func() {
		if c.onSave != nil {
			c.onSave()
		}
	})
	c.Save.Importance = widget.HighImportance
	c.Discard = newKeyButton("Discard", theme.CancelIcon(), func() {
		if c.onDiscard != nil {
			c.onDiscard()
		}
	})
	c.Discard.Importance = widget.LowImportance
	c.Delete = newKeyButton("Delete reflection", theme.DeleteIcon(), func() {
		if c.onDelete != nil {
			c.onDelete()
		}
	})
	c.Delete.Importance = widget.DangerImportance
	c.AddPhotos = newKeyButton("Add photos…", theme.FileImageIcon(), func() {
		if c.onAddPhotos != nil {
			c.onAddPhotos()
		}
	})
	c.AddPhotos.Importance = widget.LowImportance
	c.PhotoStatus = widget.NewLabel("")
	c.PhotoStatus.Wrapping = fyne.TextWrapWord
	c.PhotoStatus.Hide()
	c.PhotoProgress = widget.NewProgressBar()
	c.PhotoProgress.Hide()
	c.photosBox = container.New(newFlowLayout(theme.Padding() * 2))
	c.photosBox.Hide()
	c.DraftState = widget.NewLabel("")
	c.DraftState.Importance = widget.LowImportance
	c.DraftState.SizeName = theme.SizeNameCaptionText
	c.promptBar = container.NewBorder(nil, nil, nil, container.NewHBox(c.PromptNext, c.PromptHide), c.Prompt)
	c.ExtendBaseWidget(c)
	c.Reset(now, 0)
	return c
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func (c *Composer) CreateRenderer() fyne.WidgetRenderer {
	when := container.NewHBox(
		container.New(layout.NewGridWrapLayout(fyne.NewSize(190, c.Date.MinSize().Height)), c.Date),
		container.New(layout.NewGridWrapLayout(fyne.NewSize(90, c.Time.MinSize().Height)), c.Time),
	)
	actions := container.NewHBox(c.Delete, c.Discard, c.AddPhotos, layout.NewSpacer(), c.DraftState, c.Save)
	// Writing comes first: who and when share a line, each person is one
	// line (name and closeness) until their moments are opened, and the text
	// box comes next and takes whatever height the page has left. The deck
	// of questions, which grows as it is used, follows it.
	who := container.NewBorder(caption("Who was there"), nil, nil, nil, c.People)
	whenBox := container.NewBorder(caption("When"), nil, nil, nil, when)
	top := container.NewVBox(
		c.Heading,
		c.FormError,
		container.New(whenBeside{}, whenBox, who), c.DateError,
		c.CardsError,
		c.cardsBox,
		c.promptBar, c.PromptShow,
	)
	below := container.NewVBox(
		c.TextError,
		c.photosBox,
		c.PhotoStatus,
		c.PhotoProgress,
		actions,
		c.Deck,
	)
	return widget.NewSimpleRenderer(container.NewPadded(container.NewBorder(top, below, nil, nil, c.Text)))
}

func (c *Composer) changed() {
	if c.filling {
		return
	}
	if c.onChange != nil {
		c.onChange()
	}
}

// fill runs f with change events muted: what it sets is not the user's typing.
func (c *Composer) fill(f func()) {
	was := c.filling
	c.filling = true
	defer func() { c.filling = was }()
	f()
}

// setPeople changes who can be picked and refreshes the cards' names.
func (c *Composer) setPeople(ix *peopleIndex) {
	c.ix = ix
	c.People.setPeople(ix)
}

// setKinds changes the moment kinds every card offers.
func (c *Composer) setKinds(kinds []journal.MomentKind) {
	c.kinds = kinds
	for _, card := range c.Cards {
		card.setKinds(kinds)
	}
}

// Reset empties the form for a new reflection dated now, showing prompt
// number prompt.
func (c *Composer) Reset(now time.Time, prompt int) {
	c.fill(func() {
		c.ReflectionID = ""
		c.createdAt = time.Time{}
		c.loc = now.Location()
		c.setWhen(now)
		c.People.Entry.SetText("")
		c.loadQuestions(nil, false, nil)
		c.setCards(nil)
		c.Text.SetText("")
		c.setPhotos(nil)
		c.setPhotoStatus("", -1)
		c.promptIndex = prompt
		c.setPromptHidden(false)
		c.showPrompt()
		c.ClearErrors()
		c.DraftState.SetText("")
		c.updateMode()
	})
}

// Load shows a stored reflection for editing.
func (c *Composer) Load(r *journal.Reflection) {
	c.fill(func() {
		c.ReflectionID = r.ID
		c.createdAt = r.CreatedAt
		c.loc = r.At.Location()
		c.setWhen(r.At)
		c.People.Entry.SetText("")
		c.loadQuestions(r.Encounters, false, nil)
		c.setCards(r.Encounters)
		c.setText(r.Text)
		c.setPhotos(r.Photos)
		c.setPhotoStatus("", -1)
		c.ClearErrors()
		c.DraftState.SetText("")
		c.updateMode()
	})
}

func (c *Composer) updateMode() {
	if c.ReflectionID == "" {
		c.Heading.SetText("A new reflection")
		c.Delete.Hide()
		c.Discard.SetText("Discard")
		c.Save.SetText("Save reflection")
	} else {
		if at, err := c.at(); err == nil {
			c.Heading.SetText("Editing the evening of " + eveningText(at))
		} else {
			c.Heading.SetText("Editing a reflection")
		}
		c.Delete.Show()
		c.Discard.SetText("Stop editing")
		c.Save.SetText("Save changes")
	}
}

func (c *Composer) setWhen(t time.Time) {
	c.Date.SetDate(&t)
	c.Time.SetText(t.Format("15:04"))
}

func (c *Composer) setCards(encounters []journal.Encounter) {
	c.Cards = nil
	for _, e := range encounters {
		p := c.ix.person(e.PersonID)
		if p == nil {
			// Someone the sidebar does not know (yet): show their id's card
			// rather than drop their part of the evening.
			p = &journal.PersonSummary{Person: journal.Person{ID: e.PersonID, Name: "Someone no longer in the journal"}}
		}
		card := c.newCard(*p)
		card.setEncounter(e)
		c.Cards = append(c.Cards, card)
	}
	c.layoutCards()
}

func (c *Composer) newCard(p journal.PersonSummary) *EncounterCard {
	var card *EncounterCard
	card = NewEncounterCard(p, c.kinds, c.changed, func() { c.askRemoveCard(card) }, func(card *EncounterCard) {
		if c.onNewKind != nil {
			c.onNewKind(card)
		}
	}, c.shortcut)
	return card
}

// AddPerson adds an encounter card for p, unless p already has one.
func (c *Composer) AddPerson(p journal.PersonSummary) *EncounterCard {
	for _, card := range c.Cards {
		if card.Person.ID == p.ID {
			return card
		}
	}
	card := c.newCard(p)
	c.Cards = append(c.Cards, card)
	c.layoutCards()
	c.People.SetError("")
	c.changed()
	return card
}

// askRemoveCard removes a card, asking first if it holds anything.
func (c *Composer) askRemoveCard(card *EncounterCard) {
	e := card.Encounter()
	if e.Closeness == journal.NotRated && len(e.Moments) == 0 || c.ask == nil {
		c.removeCard(card)
		return
	}
	c.ask("Remove "+card.Person.Name+"?",
		"The closeness and the moments you tagged for "+card.Person.Name+" this evening will not be kept.",
		"Remove", func() { c.removeCard(card) })
}

func (c *Composer) removeCard(card *EncounterCard) {
	for i, cc := range c.Cards {
		if cc == card {
			c.Cards = append(c.Cards[:i:i], c.Cards[i+1:]...)
			break
		}
	}
	c.layoutCards()
	c.changed()
	c.focus(c.People.Entry)
}

func (c *Composer) layoutCards() {
	objs := make([]fyne.CanvasObject, len(c.Cards))
	ids := make([]string, len(c.Cards))
	for i, card := range c.Cards {
		objs[i] = card
		ids[i] = card.Person.ID
	}
	c.cardsBox.Objects = objs
	c.cardsBox.Refresh()
	c.People.setExcluded(ids)
	c.peopleChosen()
}

// setText fills the text with the cursor at its end, where writing goes on.
func (c *Composer) setText(text string) {
	c.Text.SetText(text)
	lines := strings.Split(text, "\n")
	c.Text.CursorRow = len(lines) - 1
	c.Text.CursorColumn = len([]rune(lines[len(lines)-1]))
	c.Text.Refresh()
}

// Card returns the card for a person, or nil.
func (c *Composer) Card(personID string) *EncounterCard {
	for _, card := range c.Cards {
		if card.Person.ID == personID {
			return card
		}
	}
	return nil
}

func (c *Composer) showPrompt() {
	if len(assets.Prompts) == 0 {
		c.promptBar.Hide()
		c.PromptShow.Hide()
		return
	}
	c.promptIndex = (c.promptIndex%len(assets.Prompts) + len(assets.Prompts)) % len(assets.Prompts)
	c.Prompt.SetText(assets.Prompts[c.promptIndex])
}

func (c *Composer) nextPrompt() {
	c.promptIndex++
	c.showPrompt()
	c.changed()
}

func (c *Composer) setPromptHidden(hidden bool) {
	c.promptHidden = hidden
	if hidden {
		c.promptBar.Hide()
		c.PromptShow.Show()
	} else {
		c.promptBar.Show()
		c.PromptShow.Hide()
	}
	c.changed()
}

// IsEmpty reports whether nothing has been written: no people, no text, no
// name being typed. (The date alone is not worth a draft.)
func (c *Composer) IsEmpty() bool {
	return len(c.Cards) == 0 && len(c.Photos) == 0 && strings.TrimSpace(c.Text.Text) == "" && strings.TrimSpace(c.People.Entry.Text) == ""
}

// dateLayout is the layout the date field reads and writes, which depends on
// the locale: formatting Go's reference date gives the layout itself.
var dateLayout = sync.OnceValue(func() string {
	probe := widget.NewDateEntry()
	ref := time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)
	probe.SetDate(&ref)
	return probe.Text
})

// at reads the date and time fields.
func (c *Composer) at() (time.Time, error) {
	dateText := strings.TrimSpace(c.Date.Text)
	if dateText == "" {
		return time.Time{}, &journal.Error{Code: journal.EINVALID, Field: "date", Message: "A reflection needs a date."}
	}
	d, err := parseDayText(dateText, time.Now(), c.loc)
	if err != nil {
		return time.Time{}, &journal.Error{Code: journal.EINVALID, Field: "date", Message: err.Error()}
	}
	timeText := strings.TrimSpace(c.Time.Text)
	var hh, mm int
	if timeText != "" {
		t, err := time.Parse("15:04", strings.ReplaceAll(timeText, ".", ":"))
		if err != nil {
			return time.Time{}, &journal.Error{Code: journal.EINVALID, Field: "date",
				Message: fmt.Sprintf("%q is not a time Kindred can read: write hours and minutes, like 21:30.", timeText)}
		}
		hh, mm = t.Hour(), t.Minute()
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, c.loc), nil
}

// Reflection is what the form holds, or the first problem that stops it
// from being read (a date it cannot parse).
func (c *Composer) Reflection() (*journal.Reflection, error) {
	at, err := c.at()
	if err != nil {
		return nil, err
	}
	r := &journal.Reflection{ID: c.ReflectionID, At: at, Text: c.Text.Text, CreatedAt: c.createdAt}
	for _, card := range c.Cards {
		e := card.Encounter()
		e.Questions = c.questionsFor(card.Person.ID)
		r.Encounters = append(r.Encounters, e)
	}
	for i, t := range c.Photos {
		r.Photos = append(r.Photos, t.photo(i))
	}
	return r, nil
}

// ClearErrors hides every validation message.
func (c *Composer) ClearErrors() {
	for _, l := range []*widget.Label{c.FormError, c.DateError, c.CardsError, c.TextError} {
		l.SetText("")
		l.Hide()
	}
	c.People.SetError("")
}

// ShowError puts a problem beside the field it is about; nothing typed is
// touched.
func (c *Composer) ShowError(err error) {
	msg := err.Error()
	var l *widget.Label
	switch journal.ErrorField(err) {
	case "date":
		l = c.DateError
	case "people":
		c.People.SetError(msg)
		c.focus(c.People.Entry)
		return
	case "moments", "closeness", "questions":
		l = c.CardsError
	case "text":
		l = c.TextError
	default:
		l = c.FormError
	}
	l.SetText(msg)
	l.Show()
	c.Refresh()
}

// draft is the form's state as a draft keeps it.
func (c *Composer) draft() draftBody {
	_, off := time.Now().In(c.loc).Zone()
	b := draftBody{
		ReflectionID: c.ReflectionID,
		CreatedAt:    c.createdAt,
		Date:         c.Date.Text,
		Time:         c.Time.Text,
		Offset:       off,
		Zone:         c.loc.String(),
		Picker:       c.People.Entry.Text,
		Text:         c.Text.Text,
		Prompt:       c.promptIndex,
		PromptHidden: c.promptHidden,
	}
	for _, card := range c.Cards {
		e := card.Encounter()
		e.Questions = c.personQuestions[card.Person.ID]
		b.Encounters = append(b.Encounters, encounterToDraft(e))
	}
	b.Questions, b.QuestionsTouched = questionsToDraft(c.Deck.Recorded()), c.Deck.touched
	for i, t := range c.Photos {
		b.Photos = append(b.Photos, photoToDraft(t.photo(i)))
	}
	return b
}

// restore fills the form from a draft.
func (c *Composer) restore(b draftBody, fallback *time.Location) {
	c.fill(func() {
		c.ReflectionID = b.ReflectionID
		c.createdAt = b.CreatedAt
		c.loc = b.location(fallback)
		c.Date.SetText(b.Date)
		c.Time.SetText(b.Time)
		c.People.Entry.SetText(b.Picker)
		encounters := make([]journal.Encounter, len(b.Encounters))
		for i, e := range b.Encounters {
			encounters[i] = e.encounter()
		}
		c.loadQuestions(encounters, b.QuestionsTouched, questionsFromDraft(b.Questions))
		c.setCards(encounters)
		c.setText(b.Text)
		photos := make([]journal.Photo, len(b.Photos))
		for i, p := range b.Photos {
			photos[i] = p.photo(i)
		}
		c.setPhotos(photos)
		c.setPhotoStatus("", -1)
		c.promptIndex = b.Prompt
		c.showPrompt()
		c.setPromptHidden(b.PromptHidden)
		c.ClearErrors()
		c.updateMode()
	})
}
