package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// inView reports whether o lies wholly inside the window's canvas.
func inView(m *MainWindow, o fyne.CanvasObject) (fyne.Position, bool) {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	c := m.Window.Canvas().Size()
	return p, o.Visible() && p.Y >= 0 && p.Y+o.Size().Height <= c.Height && p.X+o.Size().Width <= c.Width
}

// composerWindow is the main window at 1100x720 with people to choose.
func composerWindow(t *testing.T, people ...string) (*MainWindow, []*journal.Person) {
	t.Helper()
	st := openJournal(t)
	var ps []*journal.Person
	for _, n := range people {
		ps = append(ps, journaltest.MustAddPerson(t, st, n))
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newThemeVariant(theme.VariantDark))
	m := openWindow(t, a, st)
	m.Window.Resize(fyne.NewSize(1100, 720))
	m.Window.Show()
	return m, ps
}

// Writing comes first: the text box is in view when the composer opens and
// with three people chosen, at 1100x720, and it fills the room there is.
func TestComposerTextInViewWithThreePeople(t *testing.T) {
	m, ps := composerWindow(t, "Ana Lima", "Ben Okafor", "Chidi Lindqvist")
	c := m.Reflect.Composer
	settle(m)
	if _, ok := inView(m, c.Text); !ok {
		t.Errorf("on opening the text box is out of view")
	}
	empty := c.Text.Size().Height
	rows := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height * composerTextRows
	if empty < 1.5*rows {
		t.Errorf("with nobody chosen the text box is %v tall above empty space, want it to fill the page", empty)
	}
	for _, p := range ps {
		card := c.AddPerson(*m.people.person(p.ID))
		card.Closeness.SetValue(5)
	}
	settle(m)
	if at, ok := inView(m, c.Text); !ok {
		t.Errorf("with three people chosen the text box at %v (%v tall) is out of the %v window", at, c.Text.Size().Height, m.Window.Canvas().Size())
	}
	if m.Reflect.scroll.Offset.Y != 0 {
		t.Errorf("the page scrolled to %v", m.Reflect.scroll.Offset.Y)
	}
	// Each card's moments wait until they are wanted, one click away.
	card := c.Cards[0]
	if card.details.Visible() {
		t.Errorf("a new card shows its moments unasked")
	}
	test.Tap(card.Moments)
	if !card.details.Visible() {
		t.Errorf("Moments did not open the card's moments")
	}
	card.Toggle(journal.KindLaughed)
	if card.Moments.Text != "Moments (1)" {
		t.Errorf("the Moments button says %q", card.Moments.Text)
	}
	m.Window.Canvas().Unfocus()
	test.Tap(card.Moments)
	settle(m)
	if dateLayout() == "02/01/2006" {
		test.AssertImageMatches(t, "composer_three_people.png", m.Window.Canvas().Capture())
	}
}

// After a save the fresh form is at the top with the keyboard in its first
// field, however far down the page was.
func TestSaveReturnsToTheTopOfTheForm(t *testing.T) {
	m, ps := composerWindow(t, "Ana Lima")
	c := m.Reflect.Composer
	card := c.AddPerson(*m.people.person(ps[0].ID))
	card.Closeness.SetValue(4)
	test.Tap(card.Moments)
	c.Text.SetText(strings.Repeat("A long evening, a long page.\n", 60))
	m.Window.Resize(fyne.NewSize(1100, 500))
	settle(m)
	m.Reflect.scroll.ScrollToBottom()
	if m.Reflect.scroll.Offset.Y == 0 {
		t.Fatal("the page did not scroll")
	}
	if !m.Reflect.Save() {
		t.Fatal("the reflection was not saved")
	}
	if y := m.Reflect.scroll.Offset.Y; y != 0 {
		t.Errorf("after the save the page is scrolled to %v, want the top", y)
	}
	if f := m.Window.Canvas().Focused(); f != c.People.Entry {
		t.Errorf("after the save the keyboard is in %T, want the people field", f)
	}
	if _, ok := inView(m, c.People.Entry); !ok {
		t.Errorf("the people field is out of view after the save")
	}
}

// The wheel over a text box scrolls the page while the box has nothing
// more to show, and the box while it has.
func TestWheelOverTheTextScrollsThePage(t *testing.T) {
	m, ps := composerWindow(t, "Ana Lima", "Ben Okafor", "Chidi Lindqvist")
	c := m.Reflect.Composer
	for _, p := range ps {
		test.Tap(c.AddPerson(*m.people.person(p.ID)).Moments)
	}
	settle(m)
	page := m.Reflect.scroll
	if page.Content.Size().Height <= page.Size().Height {
		t.Fatal("the page has nothing to scroll")
	}
	wheel := func(e *textEntry, dy float32) {
		// The driver hands the wheel to the last scrollable object under
		// the pointer: over an entry, the catcher laid over it.
		var target fyne.Scrollable
		for _, obj := range test.LaidOutObjects(e) {
			if s, ok := obj.(fyne.Scrollable); ok {
				target = s
			}
		}
		_, ok := target.(*wheelCatcher)
		if !ok {
			t.Fatalf("the last scrollable object over the text box is %T", target)
		}

		target.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}})
	}
	wheel(c.Text, -60)
	if page.Offset.Y == 0 {
		t.Errorf("the wheel over an empty text box did not scroll the page")
	}
	// A text longer than its box scrolls itself.
	page.ScrollToTop()
	c.Text.SetText(strings.Repeat("line\n", 200))
	settle(m)
	wheel(c.Text, -60)
	if page.Offset.Y != 0 {
		t.Errorf("the wheel over a long text scrolled the page to %v, want the text to scroll", page.Offset.Y)
	}
}

// Tab into a card below the fold scrolls the page to it.
func TestFocusIsScrolledIntoView(t *testing.T) {
	m, ps := composerWindow(t, "Ana Lima", "Ben Okafor", "Chidi Lindqvist")
	c := m.Reflect.Composer
	for _, p := range ps {
		test.Tap(c.AddPerson(*m.people.person(p.ID)).Moments)
	}
	m.Window.Resize(fyne.NewSize(1100, 480))
	settle(m)
	last := c.Cards[2].Remove
	if _, ok := inView(m, last); ok {
		t.Fatal("the last card is already in view")
	}
	m.Window.Canvas().Focus(last)
	m.followFocus()
	if at, ok := inView(m, last); !ok {
		t.Errorf("the focused button is at %v, out of view", at)
	}
}
