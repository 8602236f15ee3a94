package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestComposerSavesWhatWasTypedWithCtrlS(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	c := m.Reflect.Composer

	typeInto(m, c.People.Entry, "ana")
	if len(c.People.Suggestions) != 1 || c.People.Suggestions[0].Text != "Ana Lima" {
		t.Fatalf("suggestions for %q: got %d, want Ana Lima alone", "ana", len(c.People.Suggestions))
	}
	pressKey(m, fyne.KeyReturn)
	if len(c.Cards) != 1 || c.Cards[0].Person.ID != ana.ID {
		t.Fatalf("cards after picking: got %d, want one for Ana", len(c.Cards))
	}
	card := c.Cards[0]
	if got := card.Closeness.Caption(); !strings.HasPrefix(got, "Not rated") {
		t.Errorf("a new card's closeness: got %q, want it to say not rated", got)
	}
	if m.Window.Canvas().Focused() != card.Closeness {
		t.Fatal("after picking a person the keyboard is not on their closeness")
	}
	typeText(m, "5") // the key picks closeness
	test.Tap(card.Chips[journal.KindDeepTalk])
	test.Tap(card.Chips[journal.KindLaughed])
	test.Tap(card.Chips[journal.KindTriedToFix])
	typeInto(m, card.Notes[journal.KindDeepTalk], "about her father")
	typeInto(m, c.Text, "We walked by the river until dark.")
	pressShortcut(m, ctrl(fyne.KeyS))

	got := reflections(t, st)
	if len(got) != 1 {
		t.Fatalf("reflections in the journal: got %d, want 1", len(got))
	}
	r := got[0]
	if r.ID == "" {
		t.Error("the saved reflection has no id")
	}
	if !r.At.Equal(testNow) {
		t.Errorf("At: got %v, want %v (the composer's default, now)", r.At, testNow)
	}
	if r.Text != "We walked by the river until dark." {
		t.Errorf("Text: got %q", r.Text)
	}
	if !r.CreatedAt.Equal(testNow) || !r.UpdatedAt.Equal(testNow) {
		t.Errorf("CreatedAt, UpdatedAt: got %v, %v, want %v", r.CreatedAt, r.UpdatedAt, testNow)
	}
	if len(r.Encounters) != 1 {
		t.Fatalf("encounters: got %d, want 1", len(r.Encounters))
	}
	e := r.Encounters[0]
	if e.PersonID != ana.ID || e.Closeness != 5 {
		t.Errorf("encounter: got person %s closeness %d, want %s and 5", e.PersonID, e.Closeness, ana.ID)
	}
	want := []journal.Moment{
		{Kind: journal.KindDeepTalk, Note: "about her father"},
		{Kind: journal.KindLaughed},
		{Kind: journal.KindTriedToFix},
	}
	if len(e.Moments) != len(want) {
		t.Fatalf("moments: got %+v, want %+v", e.Moments, want)
	}
	for i, m := range e.Moments {
		if m.Kind != want[i].Kind || m.Note != want[i].Note || m.ID == "" {
			t.Errorf("moment %d: got %+v, want kind %q note %q and an id", i, m, want[i].Kind, want[i].Note)
		}
	}

	// A confirmation, and a fresh composer.
	if !m.Reflect.notice.Visible() || !strings.Contains(m.Reflect.Notice.Text, "Saved the evening of Tue 10 Mar 2026, 21:40 with Ana Lima") {
		t.Errorf("confirmation: got %q (visible %v)", m.Reflect.Notice.Text, m.Reflect.notice.Visible())
	}
	if c.Text.Text != "" || len(c.Cards) != 0 || c.ReflectionID != "" {
		t.Errorf("after saving the composer holds text %q and %d cards, want a fresh one", c.Text.Text, len(c.Cards))
	}
	if drafts, _ := st.Drafts(context.Background()); len(drafts) != 0 {
		t.Errorf("drafts after saving: got %d, want 0", len(drafts))
	}
}

func TestComposerSavesWithCtrlEnterFromTheText(t *testing.T) {
	st := openJournal(t)
	ben := journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	typeInto(m, c.People.Entry, "oka")
	test.Tap(c.People.Suggestions[0])
	typeInto(m, c.Text, "Quiet dinner.")
	pressShortcut(m, ctrl(fyne.KeyReturn))
	got := reflections(t, st)
	if len(got) != 1 || got[0].Text != "Quiet dinner." || got[0].Encounters[0].PersonID != ben.ID {
		t.Fatalf("after Ctrl+Enter: got %+v, want one reflection about Ben", got)
	}
	if got[0].Encounters[0].Closeness != journal.NotRated || len(got[0].Encounters[0].Moments) != 0 {
		t.Errorf("an untouched card: got closeness %d and %d moments, want not rated and none",
			got[0].Encounters[0].Closeness, len(got[0].Encounters[0].Moments))
	}
}

func TestSavingWithNoPersonShowsWhyAndKeepsTheText(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	typeInto(m, c.Text, "Words I do not want to lose.")
	pressShortcut(m, ctrl(fyne.KeyS))

	if n := len(reflections(t, st)); n != 0 {
		t.Fatalf("reflections: got %d, want none", n)
	}
	if !c.People.Error.Visible() || c.People.Error.Text != "Choose at least one person who was there." {
		t.Errorf("message beside the people field: got %q (visible %v)", c.People.Error.Text, c.People.Error.Visible())
	}
	if c.Text.Text != "Words I do not want to lose." {
		t.Errorf("text after the failed save: got %q", c.Text.Text)
	}
	if c.FormError.Visible() || c.DateError.Visible() {
		t.Error("the problem is shown somewhere else than beside the people field")
	}

	// Adding a person clears the message and the save goes through.
	typeInto(m, c.People.Entry, "Ana Lima")
	pressKey(m, fyne.KeyReturn)
	if c.People.Error.Visible() {
		t.Error("the people message is still shown after choosing someone")
	}
	pressShortcut(m, ctrl(fyne.KeyS))
	if got := reflections(t, st); len(got) != 1 || got[0].Text != "Words I do not want to lose." {
		t.Fatalf("after choosing someone: got %+v", got)
	}
}

func TestAFarFutureDateIsRefusedBesideTheDate(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	typeInto(m, c.People.Entry, "ana")
	pressKey(m, fyne.KeyReturn)
	typeInto(m, c.Text, "Tomorrow's dinner, written too early.")
	later := testNow.AddDate(0, 0, 10)
	c.Date.SetDate(&later)
	pressShortcut(m, ctrl(fyne.KeyS))

	if n := len(reflections(t, st)); n != 0 {
		t.Fatalf("reflections: got %d, want none", n)
	}
	if !c.DateError.Visible() || !strings.Contains(c.DateError.Text, "in the future") {
		t.Errorf("date message: got %q (visible %v)", c.DateError.Text, c.DateError.Visible())
	}
	if c.Text.Text != "Tomorrow's dinner, written too early." || len(c.Cards) != 1 {
		t.Error("the failed save lost what was typed")
	}

	// A time that cannot be read is refused beside the date too.
	c.Date.SetDate(&testNow)
	c.Time.SetText("25:99")
	pressShortcut(m, ctrl(fyne.KeyS))
	if !c.DateError.Visible() || !strings.Contains(c.DateError.Text, "25:99") {
		t.Errorf("time message: got %q", c.DateError.Text)
	}
	if n := len(reflections(t, st)); n != 0 {
		t.Fatalf("reflections: got %d, want none", n)
	}
}

func TestEditingAReflectionKeepsItsIdentity(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 20, 15, 0, 0, time.FixedZone("+05:45", 5*3600+45*60))
	r := &journal.Reflection{At: at, Text: "First version.", Encounters: []journal.Encounter{{
		PersonID: ana.ID, Closeness: 3,
		Moments: []journal.Moment{{Kind: journal.KindListened, Note: "she needed it"}},
	}}}
	if err := st.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	old, _ := st.Reflection(ctx, r.ID)
	m := newWindow(t, st)
	m.EditReflection(r.ID)
	c := m.Reflect.Composer
	if c.ReflectionID != r.ID || c.Text.Text != "First version." || len(c.Cards) != 1 {
		t.Fatalf("the composer did not open the reflection: id %q text %q", c.ReflectionID, c.Text.Text)
	}
	card := c.Cards[0]
	if card.Closeness.Value != 3 || !card.Chips[journal.KindListened].On || card.Notes[journal.KindListened].Text != "she needed it" {
		t.Fatal("the card does not show the stored encounter")
	}
	if !c.Delete.Visible() {
		t.Error("editing shows no Delete button")
	}
	typeInto(m, c.Text, " Then more.") // the cursor waits at the end
	typeInto(m, card.Closeness, "6")
	pressShortcut(m, ctrl(fyne.KeyS))

	got, err := st.Reflection(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "First version. Then more." || got.Encounters[0].Closeness != 6 {
		t.Errorf("after editing: got text %q closeness %d", got.Text, got.Encounters[0].Closeness)
	}
	if !got.At.Equal(at) || got.At.Format("-07:00") != "+05:45" {
		t.Errorf("At: got %v, want %v in its own offset", got.At, at)
	}
	if got.Encounters[0].Moments[0].ID != old.Encounters[0].Moments[0].ID {
		t.Error("editing gave the moment a new id")
	}
	if !got.CreatedAt.Equal(old.CreatedAt) {
		t.Errorf("CreatedAt: got %v, want %v", got.CreatedAt, old.CreatedAt)
	}
	if n := len(reflections(t, st)); n != 1 {
		t.Errorf("reflections: got %d, want 1 (edited, not added)", n)
	}
}

func TestDeletingAsksThenOffersUndo(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	ctx := context.Background()
	r := &journal.Reflection{At: testNow.Add(-24 * time.Hour), Text: "To be deleted.", Encounters: []journal.Encounter{{
		PersonID: ana.ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindAdventure, Note: "kayak"}}}}}
	if err := st.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Reflection(ctx, r.ID)
	m := newWindow(t, st)
	m.EditReflection(r.ID)
	test.Tap(m.Reflect.Composer.Delete)
	if len(m.dialogs) != 1 {
		t.Fatalf("open dialogs after Delete: got %d, want a confirmation", len(m.dialogs))
	}
	if n := len(reflections(t, st)); n != 1 {
		t.Fatal("deleted before the user confirmed")
	}
	pressKey(m, fyne.KeyEscape)
	if len(m.dialogs) != 0 || len(reflections(t, st)) != 1 {
		t.Fatal("Escape did not cancel the deletion")
	}

	test.Tap(m.Reflect.Composer.Delete)
	confirm := m.dialogs[0].buttons[1].(*escButton)
	if confirm.Text != "Delete" {
		t.Fatalf("second button: got %q, want Delete", confirm.Text)
	}
	test.Tap(confirm)
	if n := len(reflections(t, st)); n != 0 {
		t.Fatalf("reflections after confirming: got %d, want 0", n)
	}
	if m.Reflect.Composer.ReflectionID != "" {
		t.Error("the composer still edits the deleted reflection")
	}
	if m.Reflect.NoticeAction.Text != "Undo" || !m.Reflect.notice.Visible() {
		t.Fatalf("after deleting: notice %q action %q, want an Undo", m.Reflect.Notice.Text, m.Reflect.NoticeAction.Text)
	}
	test.Tap(m.Reflect.NoticeAction)
	after, err := st.Reflection(ctx, r.ID)
	if err != nil {
		t.Fatalf("after undo: %v", err)
	}
	if after.Text != before.Text || !after.At.Equal(before.At) || !after.CreatedAt.Equal(before.CreatedAt) ||
		!after.UpdatedAt.Equal(before.UpdatedAt) || after.Encounters[0].Closeness != 4 ||
		after.Encounters[0].Moments[0] != before.Encounters[0].Moments[0] {
		t.Errorf("after undo: got %+v, want %+v", after, before)
	}
}

func TestAnUnknownNameIsAddedOnlyWhenAsked(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	typeInto(m, c.People.Entry, "Zoë Martin")
	if !c.People.AddNew.Visible() || c.People.AddNew.Text != `Add "Zoë Martin" as a new person` {
		t.Fatalf("add button: got %q (visible %v)", c.People.AddNew.Text, c.People.AddNew.Visible())
	}
	pressKey(m, fyne.KeyReturn)
	people, _ := st.People(context.Background(), true)
	if len(people) != 1 || len(c.Cards) != 0 {
		t.Fatalf("Enter on an unknown name: got %d people and %d cards, want nobody added", len(people), len(c.Cards))
	}
	test.Tap(c.People.AddNew)
	people, _ = st.People(context.Background(), true)
	if len(people) != 2 {
		t.Fatalf("people after the explicit add: got %d, want 2", len(people))
	}
	if len(c.Cards) != 1 || c.Cards[0].Person.Name != "Zoë Martin" || c.People.Entry.Text != "" {
		t.Errorf("after adding: %d cards, entry %q", len(c.Cards), c.People.Entry.Text)
	}

	// The same name again, spelt differently, is someone already there.
	typeInto(m, c.People.Entry, "zoe martin")
	if c.People.AddNew.Visible() {
		t.Error(`"zoe martin" offers to add a new person although Zoë Martin exists`)
	}
}

func TestCustomKindsAreOfferedAndSaved(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	card := c.AddPerson(*m.people.person(ana.ID))
	test.Tap(card.NewKind)
	if len(m.dialogs) != 1 {
		t.Fatal("no dialog for a new kind")
	}
	typeText(m, "Board games")
	pressKey(m, fyne.KeyReturn)
	if len(m.dialogs) != 0 {
		t.Fatal("the dialog stayed open after adding the kind")
	}
	chip := card.Chips["board-games"]
	if chip == nil || !chip.On {
		t.Fatal("the new kind is not tagged on the card")
	}
	pressShortcut(m, ctrl(fyne.KeyS))
	got := reflections(t, st)
	if len(got) != 1 || len(got[0].Encounters[0].Moments) != 1 || got[0].Encounters[0].Moments[0].Kind != "board-games" {
		t.Fatalf("saved: %+v, want one board-games moment", got)
	}
	// A second card offers it too.
	journaltest.MustAddPerson(t, st, "Ben Okafor")
	<-m.reload()
	ben := c.AddPerson(*m.people.exact("Ben Okafor"))
	if ben.Chips["board-games"] == nil {
		t.Error("a new card does not offer the custom kind")
	}
}

// The composer must come back exactly as left when built on the same journal.
func TestADraftComesBackAfterTheWindowIsGone(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	a := test.NewTempApp(t)
	m := openWindow(t, a, st)
	c := m.Reflect.Composer
	typeInto(m, c.People.Entry, "ana")
	pressKey(m, fyne.KeyReturn)
	typeInto(m, c.Cards[0].Closeness, "6")
	test.Tap(c.Cards[0].Chips[journal.KindLabeledBond])
	typeInto(m, c.Text, "Half a thought")
	test.Tap(c.PromptNext)
	prompt := c.Prompt.Text
	if err := m.Reflect.SaveDraftNow(); err != nil {
		t.Fatal(err)
	}
	m.Window.Close()

	m2 := openWindow(t, a, st)
	c2 := m2.Reflect.Composer
	if c2.Text.Text != "Half a thought" {
		t.Fatalf("text after reopening: got %q", c2.Text.Text)
	}
	if len(c2.Cards) != 1 || c2.Cards[0].Person.ID != ana.ID || c2.Cards[0].Closeness.Value != 6 ||
		!c2.Cards[0].Chips[journal.KindLabeledBond].On {
		t.Error("the card did not come back as it was")
	}
	if c2.Prompt.Text != prompt {
		t.Errorf("prompt: got %q, want %q", c2.Prompt.Text, prompt)
	}
	// Saving it removes the draft.
	pressShortcut(m2, ctrl(fyne.KeyS))
	if drafts, _ := st.Drafts(context.Background()); len(drafts) != 0 {
		t.Errorf("drafts after saving the restored one: got %d", len(drafts))
	}
	if n := len(reflections(t, st)); n != 1 {
		t.Errorf("reflections: got %d, want 1", n)
	}
}

func TestTypingSchedulesOneDraftSave(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	testTimers.fire() // nothing left from window building
	c := m.Reflect.Composer
	typeInto(m, c.Text, "One")
	typeText(m, " two")
	if n := testTimers.count(); n != 1 {
		t.Fatalf("pending draft saves while typing: got %d, want 1", n)
	}
	if drafts, _ := st.Drafts(context.Background()); len(drafts) != 0 {
		t.Fatal("a draft was written before the pause")
	}
	testTimers.fire()
	drafts, err := st.Drafts(context.Background())
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts after the pause: got %d (%v), want 1", len(drafts), err)
	}
	b, err := decodeDraft(drafts[0].Body)
	if err != nil || b.Text != "One two" {
		t.Errorf("draft text: got %q (%v)", b.Text, err)
	}
	if !strings.HasPrefix(c.DraftState.Text, "Draft kept") {
		t.Errorf("draft state: got %q", c.DraftState.Text)
	}

	// Erasing everything removes the draft rather than keep an empty one.
	c.Text.SetText("")
	testTimers.fire()
	if drafts, _ := st.Drafts(context.Background()); len(drafts) != 0 {
		t.Errorf("drafts after erasing: got %d, want 0", len(drafts))
	}
}

// Opening a stored reflection while a new one is in progress loses nothing:
// the new one waits as a draft and comes back after the edit is saved.
func TestEditingSetsANewReflectionAsideAndBringsItBack(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	ctx := context.Background()
	old := &journal.Reflection{At: testNow.Add(-48 * time.Hour), Text: "Stored.", Encounters: []journal.Encounter{{PersonID: ana.ID}}}
	if err := st.SaveReflection(ctx, old); err != nil {
		t.Fatal(err)
	}
	m := newWindow(t, st)
	c := m.Reflect.Composer
	typeInto(m, c.Text, "A new one, half written")
	m.EditReflection(old.ID)
	if c.Text.Text != "Stored." || !strings.HasPrefix(c.Heading.Text, "Editing the evening of Sun 8 Mar 2026") {
		t.Fatalf("composer: text %q heading %q", c.Text.Text, c.Heading.Text)
	}
	typeInto(m, c.Text, " Edited.")
	pressShortcut(m, ctrl(fyne.KeyS))
	if got, _ := st.Reflection(ctx, old.ID); got.Text != "Stored. Edited." {
		t.Errorf("stored text: got %q", got.Text)
	}
	if c.Text.Text != "A new one, half written" || c.ReflectionID != "" {
		t.Errorf("after saving the edit: text %q, editing %q; want the new reflection back", c.Text.Text, c.ReflectionID)
	}
}

func TestRemovingACardWithRatingsAsksFirst(t *testing.T) {
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	ben := journaltest.MustAddPerson(t, st, "Ben Okafor")
	m := newWindow(t, st)
	c := m.Reflect.Composer
	empty := c.AddPerson(*m.people.person(ana.ID))
	rated := c.AddPerson(*m.people.person(ben.ID))
	rated.Closeness.SetValue(6)
	test.Tap(empty.Remove)
	if len(c.Cards) != 1 || len(m.dialogs) != 0 {
		t.Fatalf("an empty card: %d cards, %d dialogs; want it gone without asking", len(c.Cards), len(m.dialogs))
	}
	test.Tap(rated.Remove)
	if len(c.Cards) != 1 || len(m.dialogs) != 1 {
		t.Fatalf("a rated card: %d cards, %d dialogs; want a question first", len(c.Cards), len(m.dialogs))
	}
	test.Tap(m.dialogs[0].buttons[1].(*escButton))
	if len(c.Cards) != 0 {
		t.Error("confirming did not remove the card")
	}
}
