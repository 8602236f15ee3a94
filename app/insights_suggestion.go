package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
	"kindred/journal"
)

// suggestionCard shows one suggestion. Tapping it opens the latest evening
// behind it; "Put aside" dismisses it for good (until the situation changes).
type suggestionCard struct {
	widget.BaseWidget
	s         insights.Suggestion
	open      func(reflectionID string)
	Dismiss   *escButton
	OpenFirst *escButton
	content   fyne.CanvasObject
}

var (
	_ fyne.Widget   = (*suggestionCard)(nil)
	_ fyne.Tappable = (*suggestionCard)(nil)
)

func newSuggestionCard(s insights.Suggestion, showName bool, open func(string), dismiss func(insights.Suggestion)) *suggestionCard {
	c := &suggestionCard{s: s, open: open}
	title := s.Title
	if showName {
		title = s.Person.Name + ": " + title
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord
	body := widget.NewLabel(s.Text)
	body.Wrapping = fyne.TextWrapWord
	technique := s.Technique
	if k, ok := journal.BuiltinKind(s.Technique); ok {
		technique = k.Label
	}
	evenings := "1 evening behind it"
	if n := len(s.ReflectionIDs); n != 1 {
		evenings = itoa(n) + " evenings behind it"
	}
	note := widget.NewLabelWithStyle("Technique: "+technique+" · "+evenings, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	note.Wrapping = fyne.TextWrapWord
	c.OpenFirst = newKeyButton("Open the evening", nil, c.openLatest)
	c.Dismiss = newKeyButton("Put aside", nil, func() { dismiss(s) })
	if len(s.ReflectionIDs) == 0 {
		c.OpenFirst.Disable()
	}
	c.content = widget.NewCard("", "", container.NewVBox(heading, body, note,
		container.NewHBox(c.OpenFirst, c.Dismiss)))
	c.ExtendBaseWidget(c)
	return c
}

func (c *suggestionCard) openLatest() {
	if len(c.s.ReflectionIDs) > 0 {
		c.open(c.s.ReflectionIDs[0])
	}
}

// Tapped opens the latest evening behind the suggestion.
func (c *suggestionCard) Tapped(*fyne.PointEvent) { c.openLatest() }

func (c *suggestionCard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(c.content)
}
