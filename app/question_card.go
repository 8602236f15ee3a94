package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

// Who answered, as the card's choices say it.
const (
	answeredThem = "Them"
	answeredMe   = "Me"
	answeredBoth = "Both"
)

var answerChoices = []string{answeredThem, answeredMe, answeredBoth}

func answerChoice(q journal.AskedQuestion) string {
	switch q.Answers() {
	case "them":
		return answeredThem
	case "me":
		return answeredMe
	case "both":
		return answeredBoth
	}
	return ""
}

func answersFromChoice(choice string, q *journal.AskedQuestion) {
	q.TheyAnswered = choice == answeredThem || choice == answeredBoth
	q.IAnswered = choice == answeredMe || choice == answeredBoth
}

// QuestionCard is the composer's deck of deep questions: it offers the next
// question none of the evening's people has been asked, lightest first, and
// lists the questions recorded for this evening with who answered them.
// What it records is saved with the evening, in the same transaction.
type QuestionCard struct {
	widget.BaseWidget

	Level    *widget.Label      // "Light question · q04 of 36"
	Question *widget.Label      // the question on offer
	Answered *widget.RadioGroup // who answered the question on offer
	Asked    *escButton         // "Asked it": record the question on offer
	Another  *escButton         // skip to the next question
	Done     *widget.Label      // shown when every question was asked
	// Rows are the recorded questions, each with who answered and a way
	// to take it back.
	Rows []*AskedQuestionRow

	offered  []journal.Question // not asked of these people on another evening
	index    int                // the one on offer, among those not recorded
	anyone   bool               // someone is chosen: there is an offer to make
	recorded []journal.AskedQuestion
	// touched is set once the user changes what is recorded: until then an
	// edited evening keeps each person's own questions as stored.
	touched  bool
	onChange func()

	offer, rows *fyne.Container
}

// AskedQuestionRow is one question recorded for the evening.
type AskedQuestionRow struct {
	ID       string
	Text     *widget.Label
	Answered *widget.RadioGroup
	Remove   *escButton
	row      fyne.CanvasObject
}

// NewQuestionCard builds an empty card; it shows once people are chosen and
// the deck has something to offer or record.
func NewQuestionCard(onChange func()) *QuestionCard {
	c := &QuestionCard{onChange: onChange}
	c.Level = widget.NewLabel("")
	c.Level.SizeName = theme.SizeNameCaptionText
	c.Question = widget.NewLabel("")
	c.Question.Wrapping = fyne.TextWrapWord
	c.Question.TextStyle = fyne.TextStyle{Italic: true}
	c.Answered = widget.NewRadioGroup(answerChoices, nil)
	c.Answered.Horizontal = true
	c.Asked = newKeyButton("Asked it", theme.ConfirmIcon(), c.recordOffered)
	c.Another = newKeyButton("Another question", theme.MediaSkipNextIcon(), c.skip)
	c.Another.Importance = widget.LowImportance
	c.Done = widget.NewLabel("Every question in the deck has been asked of them.")
	c.Done.Importance = widget.LowImportance
	c.Done.Hide()
	c.offer = container.NewVBox(c.Question,
		container.NewHBox(widget.NewLabel("Who answered:"), c.Answered, layout.NewSpacer(), c.Asked, c.Another))
	c.rows = container.NewVBox()
	c.ExtendBaseWidget(c)
	c.Hide()
	return c
}

func (c *QuestionCard) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(themeColor(c, theme.ColorNameInputBackground))
	bg.CornerRadius = themeSize(c, theme.SizeNameInputRadius) * 2
	bg.StrokeColor = themeColor(c, theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	head := container.NewHBox(caption("A question to go deeper"), c.Level)
	content := container.NewVBox(head, c.rows, c.offer, c.Done)
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(content)))
}

// setOffered is what the deck can offer the chosen people, in order of depth.
func (c *QuestionCard) setOffered(qs []journal.Question, people int) {
	c.offered = qs
	c.index = 0
	c.anyone = people > 0
	c.showOffer()
}

// available are the offered questions not recorded on this evening.
func (c *QuestionCard) available() []journal.Question {
	out := make([]journal.Question, 0, len(c.offered))
	for _, q := range c.offered {
		if !c.isRecorded(q.ID) {
			out = append(out, q)
		}
	}
	return out
}

func (c *QuestionCard) isRecorded(id string) bool {
	for _, r := range c.recorded {
		if r.ID == id {
			return true
		}
	}
	return false
}

// Offered is the question on offer, if any.
func (c *QuestionCard) Offered() (journal.Question, bool) {
	av := c.available()
	if len(av) == 0 {
		return journal.Question{}, false
	}
	return av[c.index%len(av)], true
}

// showOffer shows the question on offer; the card is hidden while nobody is
// chosen.
func (c *QuestionCard) showOffer() {
	if !c.anyone {
		c.offer.Hide()
		c.Done.Hide()
		// What was recorded stays in sight until it is saved or taken back.
		if len(c.recorded) == 0 {
			c.Hide()
		} else {
			c.Show()
		}
		return
	}
	q, ok := c.Offered()
	if !ok {
		c.offer.Hide()
		c.Done.Show()
	} else {
		c.Done.Hide()
		c.Level.SetText(fmt.Sprintf("%s \u00b7 %s", q.Level.Label(), q.ID))
		c.Question.SetText(q.Text)
		c.Answered.SetSelected("")
		c.offer.Show()
	}
	c.Show()
	c.Refresh()
}

// recordOffered records the question on offer as asked this evening, with
// who answered it, and offers the next.
func (c *QuestionCard) recordOffered() {
	q, ok := c.Offered()
	if !ok {
		return
	}
	a := journal.AskedQuestion{ID: q.ID}
	answersFromChoice(c.Answered.Selected, &a)
	c.recorded = append(c.recorded, a)
	c.touched = true
	c.index = 0
	c.layoutRows()
	c.showOffer()
	c.changed()
}

// skip offers the next question; after the deepest it comes back round.
func (c *QuestionCard) skip() {
	c.index++
	if n := len(c.available()); n > 0 {
		c.index %= n
	}
	c.showOffer()
}

func (c *QuestionCard) changed() {
	if c.onChange != nil {
		c.onChange()
	}
}

// setRecorded shows the questions recorded for an evening; touched says
// whether they are the user's changes rather than what was stored.
func (c *QuestionCard) setRecorded(qs []journal.AskedQuestion, touched bool) {
	c.recorded = append([]journal.AskedQuestion(nil), qs...)
	c.touched = touched
	c.index = 0
	c.layoutRows()
	if len(c.recorded) > 0 {
		c.Show()
	}
}

// Recorded is what the card records for each person of the evening.
func (c *QuestionCard) Recorded() []journal.AskedQuestion {
	return append([]journal.AskedQuestion(nil), c.recorded...)
}

func (c *QuestionCard) layoutRows() {
	c.Rows = c.Rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(c.recorded))
	for _, q := range c.recorded {
		r := c.newRow(q)
		c.Rows = append(c.Rows, r)
		objs = append(objs, r.row)
	}
	c.rows.Objects = objs
	c.rows.Refresh()
}

func (c *QuestionCard) newRow(q journal.AskedQuestion) *AskedQuestionRow {
	r := &AskedQuestionRow{ID: q.ID}
	r.Text = widget.NewLabel("Asked: " + deckText(q.ID))
	r.Text.Wrapping = fyne.TextWrapWord
	r.Answered = widget.NewRadioGroup(answerChoices, nil)
	r.Answered.Horizontal = true
	r.Answered.SetSelected(answerChoice(q))
	r.Answered.OnChanged = func(choice string) { c.setAnswers(r.ID, choice) }
	r.Remove = newKeyButton("Not asked", theme.ContentRemoveIcon(), func() { c.remove(r.ID) })
	r.Remove.Importance = widget.LowImportance
	r.row = container.NewVBox(r.Text,
		container.NewHBox(widget.NewLabel("Who answered:"), r.Answered, layout.NewSpacer(), r.Remove))
	return r
}

func (c *QuestionCard) setAnswers(id, choice string) {
	for i := range c.recorded {
		if c.recorded[i].ID == id {
			answersFromChoice(choice, &c.recorded[i])
		}
	}
	c.touched = true
	c.changed()
}

func (c *QuestionCard) remove(id string) {
	kept := c.recorded[:0]
	for _, q := range c.recorded {
		if q.ID != id {
			kept = append(kept, q)
		}
	}
	c.recorded = kept
	c.touched = true
	c.index = 0
	c.layoutRows()
	c.showOffer()
	c.changed()
}
