package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/insights"
)

func itoa(n int) string { return strconv.Itoa(n) }

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// link is a tappable line that wraps, so a long name or reason never
// widens the window (a button would).
func link(text string, onTap func()) *widget.Hyperlink {
	l := widget.NewHyperlink(text, nil)
	l.Wrapping = fyne.TextWrapWord
	l.OnTapped = onTap
	return l
}

func rangeWords(r insights.Range, asOf string) string {
	switch {
	case r.From.IsZero() && r.To.IsZero():
		return "all time, as of " + asOf
	case r.From.IsZero():
		return "up to " + r.To.Format("2 Jan 2006")
	}
	return r.From.Format("2 Jan 2006") + " to " + asOf
}

// chartSection is a chart under its title, with an optional hint.
func (s *InsightsScreen) chartSection(kind insights.ChartKind, data insights.ChartData, hint string) fyne.CanvasObject {
	c := s.Charts[kind]
	c.SetData(data)
	top := fyne.CanvasObject(heading(kind.String()))
	if hint != "" {
		note := widget.NewLabelWithStyle(hint, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		note.Wrapping = fyne.TextWrapWord
		top = container.NewVBox(heading(kind.String()), note)
	}
	return container.NewBorder(top, nil, nil, nil, c)
}

// suggestionsSection is the suggestions shown, then those put aside (that
// still hold), folded away, each with a way to bring it back.
func (s *InsightsScreen) suggestionsSection(list, aside []insights.Suggestion, showNames bool) fyne.CanvasObject {
	box := container.NewVBox(heading("Suggestions"))
	if len(list) == 0 {
		box.Add(wrapped("Nothing to suggest right now. Suggestions appear when the evenings show a pattern worth a gentle nudge."))
	}
	for _, sg := range list {
		card := newSuggestionCard(sg, showNames, s.openReflection, s.dismiss)
		s.Suggestions = append(s.Suggestions, card)
		box.Add(card)
	}
	if len(aside) == 0 {
		return box
	}
	rows := container.NewVBox()
	for _, sg := range aside {
		title := sg.Title
		if showNames {
			title = sg.Person.Name + ": " + title
		}
		back := newKeyButton("Bring back", nil, func() { s.bringBack(sg) })
		s.BringBack = append(s.BringBack, back)
		rows.Add(container.NewBorder(nil, nil, nil, back, wrapped(title)))
	}
	item := widget.NewAccordionItem(fmt.Sprintf("Put aside (%d)", len(aside)), rows)
	item.Open = s.asideOpen
	s.PutAside = widget.NewAccordion(item)
	box.Add(s.PutAside)
	return box
}

// scoreSection is the depth score, always with its ingredients beside it.
func (s *InsightsScreen) scoreSection(sc insights.DepthScore) fyne.CanvasObject {
	big := canvas.NewText(itoa(sc.Score), theme.Color(theme.ColorNamePrimary))
	big.TextSize = 48
	big.TextStyle = fyne.TextStyle{Bold: true}
	s.ScoreText = wrapped(fmt.Sprintf("Depth score %d out of 100, as of %s", sc.Score, sc.AsOf.Format("2 Jan 2006")))
	grid := container.New(layout.NewFormLayout())
	for _, part := range sc.Parts() {
		value := wrapped(fmt.Sprintf("%.0f of %.0f points · %s", part.Points, part.Weight*100, part.Detail))
		s.Ingredients = append(s.Ingredients, value)
		grid.Add(widget.NewLabelWithStyle(part.Name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(value)
	}
	how := wrapped("The score weighs how close you have felt lately (40%), how many kinds of moments you shared in the last 90 days (20%), " +
		"whether opening up went both ways in the last 180 days (20%) and how recently you met (20%).")
	return container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(big), nil, container.NewVBox(s.ScoreText, grid)), how)
}

func ago(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return itoa(days) + " days ago"
}

func (s *InsightsScreen) personView(pi *insights.PersonInsights) []fyne.CanvasObject {
	name := pi.Person.Name
	asOf := pi.AsOf.Format("2 Jan 2006")
	summary := wrapped(fmt.Sprintf("%d evenings with %s, %s.", pi.Evenings, name, rangeWords(pi.Range, asOf)))
	if pi.Last == nil {
		return []fyne.CanvasObject{summary, wrapped("No evenings with " + name + " yet. Write one in Reflect and their insights will start to grow here.")}
	}
	out := []fyne.CanvasObject{summary, s.scoreSection(pi.Score), widget.NewSeparator(),
		s.suggestionsSection(pi.Suggestions, pi.PutAside, false), widget.NewSeparator()}
	out = append(out, s.chartSection(insights.ChartCloseness, pi.ChartData(), "tap a point to open that evening"))
	if c := pi.Closeness; c.Latest > 0 {
		line := fmt.Sprintf("Closeness %s; %d in this period. The trend is a mean of every rating so far, a month-old one weighing half as much as the latest", c.TrendWords(), len(c.Points))
		if n := len(c.Points); n > 0 {
			line += fmt.Sprintf("; the last rating, the figure beside %s's name, was %d", firstWord(name), c.Points[n-1].Closeness)
		}
		out = append(out, wrapped(line+"."))
	}
	out = append(out, s.chartSection(insights.ChartMoments, pi.ChartData(), ""),
		s.chartSection(insights.ChartBalance, pi.ChartData(), ""))
	r, b := pi.Reciprocity, pi.Balance
	out = append(out, wrapped(fmt.Sprintf("%d deep and %d light moments. %s opened up on %s, you on %s, both of you on %s.",
		b.Deep, b.Light, firstWord(name), eveningCount(r.TheyOpened), eveningCount(r.IOpened), eveningCount(r.Both))))
	if pi.Deck.Level > 0 {
		out = append(out, wrapped("The deck of questions: "+pi.Deck.Summary()))
	}
	out = append(out, s.chartSection(insights.ChartHeatMap, pi.ChartData(), ""), heading("Moments, first and last"))
	ledger := container.New(layout.NewFormLayout())
	for _, k := range pi.Ledger.Kinds {
		line := "not yet"
		if k.Last != nil {
			line = fmt.Sprintf("%d in this period · last %s · first %s", k.Count, ago(k.DaysSinceLast), k.First.At.Format("2 Jan 2006"))
		}
		ledger.Add(widget.NewLabelWithStyle(k.Label, fyne.TextAlignTrailing, fyne.TextStyle{}))
		ledger.Add(wrapped(line))
	}
	out = append(out, ledger)
	if line := insights.AnniversaryLine(pi.Anniversaries); line != "" {
		out = append(out, wrapped(line))
	}
	return out
}

func firstWord(name string) string {
	for i, r := range name {
		if r == ' ' {
			return name[:i]
		}
	}
	return name
}

func (s *InsightsScreen) trendList(title string, list []insights.PersonTrend, empty string) fyne.CanvasObject {
	box := container.NewVBox(heading(title))
	if len(list) == 0 {
		box.Add(wrapped(empty))
	}
	for _, t := range list {
		id := t.Person.ID
		b := link(t.Person.Name+": "+t.Reason, func() { s.SetPerson(id) })
		s.Trends = append(s.Trends, b)
		box.Add(b)
	}
	return box
}

func (s *InsightsScreen) journalView(ji *insights.JournalInsights) []fyne.CanvasObject {
	asOf := ji.AsOf.Format("2 Jan 2006")
	summary := wrapped(fmt.Sprintf("%d evenings with %d people, %s.", ji.Evenings, ji.People, rangeWords(ji.Range, asOf)))
	if ji.Evenings == 0 && len(ji.Year.Kinds) == 0 {
		return []fyne.CanvasObject{summary, wrapped("Nothing to show for this period yet. Once you write about a few evenings, this is where the picture builds up.")}
	}
	out := []fyne.CanvasObject{summary,
		container.NewGridWithColumns(2,
			s.trendList("Growing closer", ji.Growing, "Nobody's closeness rose markedly in this period."),
			s.trendList("Drifting", ji.Drifting, "Nobody seems to be drifting.")),
		widget.NewSeparator(), s.suggestionsSection(ji.Suggestions, ji.PutAside, true), widget.NewSeparator(),
		s.chartSection(insights.ChartHeatMap, ji.ChartData(), ""),
		s.chartSection(insights.ChartMoments, ji.ChartData(), ""),
		s.chartSection(insights.ChartBalance, ji.ChartData(), ""),
	}
	y := ji.Year
	year := container.NewVBox(heading("The year in moments"),
		wrapped(fmt.Sprintf("%s to %s: %d evenings with %d people, %d moments.",
			y.Range.From.Format("2 Jan 2006"), y.Range.To.Format("2 Jan 2006"), y.Evenings, y.People, y.Moments)))
	if words := y.BusiestWords(); words != "" {
		year.Add(widget.NewLabel(words))
	}
	counts := container.New(layout.NewFormLayout())
	for _, k := range y.Kinds {
		counts.Add(widget.NewLabelWithStyle(k.Label, fyne.TextAlignTrailing, fyne.TextStyle{}))
		counts.Add(widget.NewLabel(itoa(k.Count)))
	}
	year.Add(counts)
	if len(y.Firsts) > 0 {
		year.Add(heading("Firsts this year"))
		const shown = 8
		for i, f := range y.Firsts {
			if i == shown {
				year.Add(widget.NewLabel(fmt.Sprintf("…and %d more", len(y.Firsts)-shown)))
				break
			}
			id := f.ReflectionID
			year.Add(link(fmt.Sprintf("%s · %s, for the first time with %s", f.At.Format("2 Jan"), f.Label, f.Person.Name),
				func() { s.openReflection(id) }))
		}
	}
	return append(out, year)
}

// eveningCount is "1 evening", "3 evenings".
func eveningCount(n int) string {
	if n == 1 {
		return "1 evening"
	}
	return fmt.Sprintf("%d evenings", n)
}
