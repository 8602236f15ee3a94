package app

import (
	"context"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
)

// letterJournal: Ana with three evenings, newest first LetterC (alone,
// labeled-bond), LetterB (with Ben, named in the text; adventure and a
// misstep noted SecretNote), LetterA (alone, laughed).
func letterJournal(t *testing.T) (*journal.Store, *journal.Person) {
	t.Helper()
	st := openJournal(t)
	ctx := context.Background()
	ana, err := st.AddPerson(ctx, "Ana Lima")
	if err != nil {
		t.Fatal(err)
	}
	ben, err := st.AddPerson(ctx, "Ben Okafor")
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range []struct {
		text    string
		moments []journal.Moment
		withBen bool
	}{
		{"LetterC she said I'm her person", []journal.Moment{{Kind: journal.KindLabeledBond}}, false},
		{"LetterB Ben drove us to the lake", []journal.Moment{{Kind: journal.KindAdventure}, {Kind: journal.KindJudged, Note: "SecretNote"}}, true},
		{"LetterA a long walk", []journal.Moment{{Kind: journal.KindLaughed}}, false},
	} {
		r := &journal.Reflection{At: testNow.AddDate(0, 0, -10*(i+1)), Text: e.text,
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5, Moments: e.moments}}}
		if e.withBen {
			r.Encounters = append(r.Encounters, journal.Encounter{PersonID: ben.ID})
		}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	return st, ana
}

// pickRows are the dialog's evening rows on screen, top to bottom.
func pickRows(l *LetterDialog) []*letterPickRow {
	var out []*letterPickRow
	for _, o := range test.LaidOutObjects(l.Evenings) {
		if r, ok := o.(*letterPickRow); ok && r.Visible() {
			out = append(out, r)
		}
	}
	return out
}

func TestLetterDialogWritesTheChosenEvenings(t *testing.T) {
	st, ana := letterJournal(t)
	m := newWindow(t, st)
	t.Cleanup(func() { letterProgressHook = nil })

	if m.Timeline.Letter.Visible() {
		t.Errorf("the letter button shows before anyone is chosen")
	}
	m.SelectPerson(ana.ID)
	if !m.Timeline.Letter.Visible() {
		t.Fatalf("no letter button on Ana's timeline")
	}
	test.Tap(m.Timeline.Letter)
	if got := strings.Join(topButtons(m), ","); got != "Cancel,Save Letter" {
		t.Fatalf("the timeline's button opened %q, want the letter dialog", got)
	}
	m.closeTopDialog()

	l := m.openLetter(ana.ID, m.Timeline.query)
	rows := pickRows(l)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want Ana's 3 evenings", len(rows))
	}
	if got := rows[1].Moments.Text; got != "Adventure · with friends" {
		t.Errorf("the evening with Ben shows %q: want its connection moments, no misstep, no name", got)
	}
	if !strings.HasPrefix(rows[0].Excerpt.Text, "LetterC") {
		t.Errorf("first row %q, want the newest evening", rows[0].Excerpt.Text)
	}
	if l.Chosen.Text != "3 of 3 evenings chosen" {
		t.Errorf("the dialog starts with %q, want the last year's evenings with a moment of connection", l.Chosen.Text)
	}
	test.Tap(l.None)
	if l.PageCount != 0 || l.Pages.Text != "Choose at least one evening." {
		t.Errorf("before a choice: %q", l.Pages.Text)
	}

	rows = pickRows(l)
	test.Tap(rows[0].Check)
	test.Tap(rows[1].Check)
	if l.Chosen.Text != "2 of 3 evenings chosen" {
		t.Errorf("chosen: %q", l.Chosen.Text)
	}
	typeInto(m, l.Opening, "Dear Ana, OpeningWords.")
	l.Chart.SetChecked(true)
	if l.PageCount != 1 || l.Pages.Text != "The letter will be 1 page." {
		t.Fatalf("page count: %q", l.Pages.Text)
	}
	// A long closing spills onto more pages, on the smaller paper too.
	l.Closing.SetText(strings.Repeat("Thank you for every one of these evenings together.\n\n", 60))
	l.Paper.SetSelected(paperLetter)
	if l.PageCount < 3 || !strings.Contains(l.Pages.Text, "The letter will be") {
		t.Fatalf("page count with a long closing: %q", l.Pages.Text)
	}
	dir := t.TempDir()
	l.folder = dir
	l.FileName.SetText("for ana")
	var steps []int
	letterProgressHook = func(_ *LetterDialog, done, total int) { steps = append(steps, done) }
	test.Tap(l.Save)

	path := filepath.Join(dir, "for ana.pdf")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no letter written: %v (outcome %q)", err, l.Outcome)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if len(steps) == 0 || l.Bar.Value != 1 || !strings.HasPrefix(l.Outcome, "Saved for ana.pdf") {
		t.Errorf("outcome %q, progress %v (bar %.2f)", l.Outcome, steps, l.Bar.Value)
	}
	if got := strings.Join(topButtons(m), ","); got != "Open,Close" {
		t.Errorf("after saving the window shows %q, want the done dialog", got)
	}
	if pages := pdfPages(t, path); pages != l.PageCount {
		t.Errorf("the preview said %d pages, the letter has %d", l.PageCount, pages)
	}
	text := pdfText(t, path)
	for _, want := range []string{"For Ana Lima", "OpeningWords", "LetterC", "LetterB", "a friend drove us", "How close we grew"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	for _, not := range []string{"LetterA", "Ben", "SecretNote", "Judged"} {
		if strings.Contains(text, not) {
			t.Errorf("letter holds %q", not)
		}
	}
}

func TestLetterDialogAsksAndRefuses(t *testing.T) {
	st, ana := letterJournal(t)
	m := newWindow(t, st)
	m.SelectPerson(ana.ID)
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.pdf")
	if err := os.WriteFile(path, []byte("an older letter"), 0o600); err != nil {
		t.Fatal(err)
	}

	l := m.openLetter(ana.ID, m.Timeline.query)
	l.folder = dir
	l.FileName.SetText("letter.pdf")
	test.Tap(l.None)
	test.Tap(l.Save)
	if !l.Problem.Visible() || !strings.Contains(l.Problem.Text, "at least one evening") {
		t.Errorf("no evening chosen: problem %q", l.Problem.Text)
	}
	test.Tap(l.All)
	if l.Chosen.Text != "3 of 3 evenings chosen" {
		t.Errorf("Choose all: %q", l.Chosen.Text)
	}
	test.Tap(l.Save)
	if got := strings.Join(topButtons(m), ","); got != "Cancel,Replace" {
		t.Fatalf("got %q, want a question before replacing", got)
	}
	tapTop(t, m, "Cancel")
	if b, _ := os.ReadFile(path); string(b) != "an older letter" {
		t.Errorf("the file changed though replacing was cancelled")
	}
	// Not replacing goes back to the letter as it was, not away from it.
	if !l.md.open || l.Chosen.Text != "3 of 3 evenings chosen" {
		t.Fatalf("after not replacing: dialog open %v, %q; want the letter dialog as it was", l.md.open, l.Chosen.Text)
	}
	tapTop(t, m, "Cancel")

	l = m.openLetter(ana.ID, m.Timeline.query)
	l.folder = dir
	l.FileName.SetText("letter.pdf")
	test.Tap(l.All)
	test.Tap(l.None)
	if l.Chosen.Text != "0 of 3 evenings chosen" || l.PageCount != 0 {
		t.Errorf("Choose none: %q, %d pages", l.Chosen.Text, l.PageCount)
	}
	// Choosing a row from the keyboard (or by a click beside the box)
	// ticks it, and again unticks it.
	l.Evenings.Select(1)
	if l.Chosen.Text != "1 of 3 evenings chosen" || !pickRows(l)[1].Check.Checked {
		t.Errorf("a row chosen from the keyboard: %q, box ticked %v", l.Chosen.Text, pickRows(l)[1].Check.Checked)
	}
	l.Evenings.Select(1)
	if l.Chosen.Text != "0 of 3 evenings chosen" {
		t.Errorf("the same row chosen again: %q", l.Chosen.Text)
	}
	test.Tap(pickRows(l)[2].Check)
	test.Tap(l.Save)
	tapTop(t, m, "Replace")
	if text := pdfText(t, path); !strings.Contains(text, "LetterA") || strings.Contains(text, "LetterC") {
		t.Errorf("after Replace the file is not the new letter (outcome %q)", l.Outcome)
	}
}

func TestLetterFromTheMenuNeedsAPerson(t *testing.T) {
	st, _ := letterJournal(t)
	m := newWindow(t, st)
	for _, it := range m.Window.MainMenu().Items[0].Items {
		if it.Label == "Write a Letter…" {
			it.Action()
			if got := strings.Join(topButtons(m), ","); got != "Close" {
				t.Errorf("with nobody chosen the menu opened %q, want a word about choosing someone", got)
			}
			return
		}
	}
	t.Errorf("no Write a Letter… in the File menu")
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// pdfPages is the page count pdfinfo reads.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed (poppler-utils)")
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			var n int
			for _, c := range strings.TrimSpace(v) {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count:\n%s", out)
	return 0
}

func TestLetterDialogFollowsTheTimelineFilters(t *testing.T) {
	st, ana := letterJournal(t)
	m := newWindow(t, st)
	l := m.openLetter(ana.ID, journal.TimelineQuery{Kinds: []string{journal.KindLaughed}})
	rows := pickRows(l)
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Excerpt.Text, "LetterA") {
		t.Errorf("filtered to laughter: %d rows, want LetterA alone", len(rows))
	}
	if l.Chosen.Text != "1 of 1 evening chosen (as the timeline is filtered)" {
		t.Errorf("chosen: %q", l.Chosen.Text)
	}
	m.closeTopDialog()

	nobody, err := st.AddPerson(context.Background(), "Chloé")
	if err != nil {
		t.Fatal(err)
	}
	l = m.openLetter(nobody.ID, journal.TimelineQuery{})
	if !l.Loading.Visible() || !strings.Contains(l.Loading.Text, "No evenings with Chloé yet") || l.Evenings.Visible() {
		t.Errorf("a person without evenings: %q", l.Loading.Text)
	}
	test.Tap(l.Save)
	if !strings.Contains(l.Problem.Text, "at least one evening") {
		t.Errorf("saving with nothing to choose: problem %q", l.Problem.Text)
	}
}

// The dialog starts with the last year's evenings that had a moment of
// connection ticked; older ones and those without a moment are left for
// the user to add.
func TestLetterDialogStartsWithTheLastYearsMoments(t *testing.T) {
	st, ana := letterJournal(t)
	ctx := context.Background()
	for _, r := range []*journal.Reflection{
		{At: testNow.AddDate(-2, 0, 0), Text: "LetterOld long ago",
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5, Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}},
		{At: testNow.AddDate(0, 0, -5), Text: "LetterPlain no moment",
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 3}}},
	} {
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	m := newWindow(t, st)
	l := m.openLetter(ana.ID, journal.TimelineQuery{})
	var got []string
	for _, r := range l.rows {
		if l.picked[r.ID] {
			got = append(got, strings.Fields(r.Excerpt)[0])
		}
	}
	if strings.Join(got, ",") != "LetterC,LetterB,LetterA" {
		t.Errorf("ticked at the start: %v, want LetterC, LetterB, LetterA", got)
	}
	test.Tap(l.None)
	if len(l.picked) != 0 {
		t.Errorf("Choose none left %d ticked", len(l.picked))
	}
}

// In the letter dialog Tab goes from the evenings to the Opening, from the
// Opening to the Closing, and Shift+Tab back; Tab is never typed into them.
func TestLetterDialogTabOrder(t *testing.T) {
	st, ana := letterJournal(t)
	m := newWindow(t, st)
	m.Window.Show()
	l := m.openLetter(ana.ID, journal.TimelineQuery{})
	c := m.Window.Canvas()
	c.Focus(l.Evenings)
	c.FocusNext()
	if c.Focused() != l.Opening {
		t.Fatalf("Tab from the evenings went to %T, want the Opening", c.Focused())
	}
	if l.Opening.AcceptsTab() {
		t.Error("the Opening takes Tab as text")
	}
	c.FocusNext()
	if c.Focused() != l.Closing {
		t.Errorf("Tab from the Opening went to %T, want the Closing", c.Focused())
	}
	c.FocusPrevious()
	c.FocusPrevious()
	if c.Focused() != l.Evenings {
		t.Errorf("Shift+Tab twice from the Closing went to %T, want the evenings", c.Focused())
	}
	c.FocusPrevious()
	if c.Focused() != l.None {
		t.Errorf("Shift+Tab from the evenings went to %T, want Choose none", c.Focused())
	}
	// Enter on a focused button presses it.
	c.Focus(l.None)
	pressKey(m, fyne.KeyReturn)
	if len(l.picked) != 0 {
		t.Errorf("Enter on Choose none left %d ticked", len(l.picked))
	}
	c.Focus(l.Evenings)
	pressKey(m, fyne.KeyEnter)
	if len(l.picked) != 1 {
		t.Errorf("Enter on the evenings' first row ticked %d, want 1", len(l.picked))
	}
}

// The letter prints the evenings' photos by default; its check box leaves
// them out, and the page count follows.
func TestLetterDialogChoosesPhotos(t *testing.T) {
	ctx := context.Background()
	st, ana := letterJournal(t)
	page, err := st.Timeline(ctx, journal.TimelineQuery{PersonID: ana.ID})
	if err != nil {
		t.Fatal(err)
	}
	for i := range page.Reflections {
		r, err := st.Reflection(ctx, page.Reflections[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		r.Photos = mustAddPhotos(t, st, color.RGBA{uint8(40 * i), 120, 200, 255})
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	m := newWindow(t, st)
	l := m.openLetter(ana.ID, journal.TimelineQuery{PersonID: ana.ID})
	if !l.Photos.Checked || l.options().NoPhotos {
		t.Fatalf("photos are not in the letter by default")
	}
	with := l.PageCount
	l.Photos.SetChecked(false)
	if !l.options().NoPhotos || l.PageCount >= with {
		t.Errorf("without photos: NoPhotos %v, %d pages (with them %d); want fewer pages", l.options().NoPhotos, l.PageCount, with)
	}
}
