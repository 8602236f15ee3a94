package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Welcome greets an empty journal with two ways in: add the first person,
// or look around a sample journal kept in a file of its own.
type Welcome struct {
	widget.BaseWidget
	m *MainWindow

	Name     *textEntry
	AddFirst *escButton
	Problem  *widget.Label
	Sample   *escButton
	Progress *widget.ProgressBar
}

// NewWelcome builds the welcome for m.
func NewWelcome(m *MainWindow) *Welcome {
	w := &Welcome{m: m}
	w.Name = newTextEntry("Their name, for example Sam")
	w.Name.onShortcut = m.handleShortcut
	w.Name.OnSubmitted = func(string) { w.addFirst() }
	w.AddFirst = newKeyButton("Add the first person", theme.ContentAddIcon(), w.addFirst)
	w.AddFirst.Importance = widget.HighImportance
	w.Problem = errorLabel()
	w.Sample = newKeyButton("Explore a sample journal", theme.FolderOpenIcon(), func() { m.OpenSample() })
	w.Progress = widget.NewProgressBar()
	w.Progress.Hide()
	w.ExtendBaseWidget(w)
	return w
}

func (w *Welcome) CreateRenderer() fyne.WidgetRenderer {
	icon := canvas.NewImageFromResource(Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(88, 88))
	title := widget.NewLabelWithStyle("Welcome to Kindred", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := paragraph("A private journal of the people who matter to you. After an evening together, " +
		"write a few lines, tag what happened, and say how close you felt. Over time Kindred shows how each " +
		"relationship grows. Everything stays on this computer.")
	intro.Alignment = fyne.TextAlignCenter

	own := widget.NewCard("Start your journal", "Who would you like to begin with?",
		container.NewVBox(w.Name, w.Problem, w.AddFirst))
	sample := widget.NewCard("Look around first", "A made-up journal to explore",
		container.NewVBox(
			paragraph(sampleWords(time.Now())+" It is kept in a file of its own, "+
				"beside your journal, and never mixed with what you write."),
			w.Sample, w.Progress))
	body := container.NewVBox(
		container.NewCenter(icon), title, intro,
		container.NewGridWithColumns(2, own, sample),
	)
	return widget.NewSimpleRenderer(container.NewCenter(
		container.New(layout.NewGridWrapLayout(fyne.NewSize(720, body.MinSize().Height+120)), body)))
}

func paragraph(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// addFirst adds the person named and opens the composer with them in it.
func (w *Welcome) addFirst() {
	name := strings.TrimSpace(w.Name.Text)
	p, err := w.m.store.AddPerson(w.m.ctx, name)
	if err != nil {
		w.Problem.SetText(err.Error())
		w.Problem.Show()
		w.m.focus(w.Name)
		return
	}
	w.Problem.Hide()
	m := w.m
	ps := m.addKnownPerson(p)
	m.showTab(0)
	card := m.Reflect.Composer.AddPerson(ps)
	m.Reload()
	w.m.focus(card.Closeness)
}
