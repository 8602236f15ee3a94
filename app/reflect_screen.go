package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"kindred/journal"
)

// reflectStore is what the reflect tab needs from the journal.
type reflectStore interface {
	Reflection(ctx context.Context, id string) (*journal.Reflection, error)
	SaveReflection(ctx context.Context, r *journal.Reflection) error
	SaveReflectionAndDiscardDraft(ctx context.Context, r *journal.Reflection, draftID string) error
	DeleteReflection(ctx context.Context, id string) (*journal.Reflection, error)
	SaveDraft(ctx context.Context, d *journal.Draft) error
	Drafts(ctx context.Context) ([]journal.Draft, error)
	DeleteDraft(ctx context.Context, id string) error
	AddPerson(ctx context.Context, name string) (*journal.Person, error)
	AddKind(ctx context.Context, k *journal.MomentKind) error
	NextQuestions(ctx context.Context, personIDs []string, except string) ([]journal.Question, error)
	photoStore
}

// ReflectScreen is the reflect tab: the composer, with what happens around
// it: saving, the confirmation and a fresh form, drafts kept in the journal
// while the user types, editing stored reflections, deleting with undo.
//
// Store calls here run on the UI goroutine on purpose: each is one small
// write the user is waiting for (a save they asked for, a draft after they
// paused), and doing it in place keeps the form and the journal in step.
type ReflectScreen struct {
	widget.BaseWidget
	m     *MainWindow
	store reflectStore

	Composer     *Composer
	Remember     *RememberCard // on this day, above everything
	Notice       *widget.Label
	NoticeAction *escButton
	notice       *noticeBar
	scroll       *container.Scroll

	draftID string
	dirty   bool
	drafts  debouncer
	prompts int // how many fresh composers were shown: the prompt rotates
	// questionGen drops an offer of questions for people no longer chosen.
	questionGen int
	// addingPhotos counts photo adds on their way (reflect_photos.go).
	addingPhotos int
}

// NewReflectScreen builds the reflect tab.
func NewReflectScreen(m *MainWindow) *ReflectScreen {
	s := &ReflectScreen{m: m, store: m.store, draftID: uuid.NewString()}
	s.drafts = debouncer{delay: draftDelay, fire: func() { s.SaveDraftNow() }}
	if m.store != nil && m.store.Sealed() {
		s.drafts.delay, s.drafts.batch = sealedDraftEvery, true
	}
	now := m.now()
	s.prompts = now.YearDay()
	s.Composer = NewComposer(now, m.handleShortcut)
	s.Composer.Reset(now, s.prompts)
	c := s.Composer
	c.focus = m.focus
	c.ask = func(title, message, yes string, fn func()) { m.confirm(title, message, yes, fn) }
	c.onChange = s.changed
	c.onSave = func() { s.Save() }
	c.onDiscard = s.discard
	c.onDelete = s.delete
	c.onAdd = s.addNewPerson
	c.onNewKind = s.askNewKind
	c.onPeople = s.offerQuestions
	c.onAddPhotos = s.pickPhotos
	c.onPhotoShown = s.loadTileThumb
	c.onPhotoRemoved = s.photoRemoved

	s.notice = newNoticeBar()
	s.scroll = newPageScroll(s.Composer)
	s.Notice, s.NoticeAction = s.notice.Text, s.notice.Action
	s.Remember = newRememberCard(m, "On this day", true, s.Refresh)
	// Above the composer one memory shows, and the rest a click away, so
	// that the page opens with the text box in view (1100x720).
	s.Remember.foldAt = 1
	s.ExtendBaseWidget(s)
	return s
}

func (s *ReflectScreen) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewVBox(s.Remember, container.NewPadded(s.notice))
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, s.scroll))
}

// showNotice puts a message above the composer, with an optional action.
func (s *ReflectScreen) showNotice(msg, action string, fn func()) {
	s.notice.show(msg, action, fn)
}

func (s *ReflectScreen) hideNotice() { s.notice.hide() }

func (s *ReflectScreen) changed() {
	s.foldRemember()
	s.dirty = true
	s.Composer.DraftState.SetText("")
	s.drafts.poke()
}

// SaveDraftNow keeps what the composer holds as a draft in the journal. The
// debounce calls it once typing pauses; tests call it directly.
func (s *ReflectScreen) SaveDraftNow() error {
	s.drafts.cancel()
	if !s.dirty {
		return nil
	}
	c := s.Composer
	var err error
	if c.IsEmpty() && c.ReflectionID == "" {
		// Everything was erased: there is nothing left to keep.
		err = s.store.DeleteDraft(s.m.ctx, s.draftID)
	} else {
		var body string
		if body, err = encodeDraft(c.draft()); err == nil {
			err = s.store.SaveDraft(s.m.ctx, &journal.Draft{ID: s.draftID, ReflectionID: c.ReflectionID, Body: body})
		}
	}
	if err != nil {
		c.DraftState.SetText("Could not keep a draft: " + err.Error())
		return err
	}
	s.dirty = false
	if !c.IsEmpty() || c.ReflectionID != "" {
		c.DraftState.SetText("Draft kept " + s.m.now().Format("15:04"))
	}
	return nil
}

// restoreDraft reopens the newest draft left in the journal, if any, unless
// the user has already started typing.
func (s *ReflectScreen) restoreDraft(drafts []journal.Draft) {
	if len(drafts) == 0 || s.dirty || !s.Composer.IsEmpty() {
		return
	}
	d := drafts[0]
	b, err := decodeDraft(d.Body)
	if err != nil {
		s.showNotice("A draft in the journal could not be read ("+err.Error()+"); it was left as it is.", "", nil)
		return
	}
	s.draftID = d.ID
	s.Composer.restore(b, s.m.now().Location())
	s.Composer.DraftState.SetText("Draft from " + d.UpdatedAt.In(s.m.now().Location()).Format("Mon 2 Jan, 15:04"))
	s.dirty = false
	if missing := s.dropMissingPhotos(); missing != "" {
		s.showNotice("Your unsaved reflection is back. "+missing, "", nil)
		return
	}
	s.showNotice("Your unsaved reflection is back, as you left it.", "", nil)
}

// foldRemember folds the Remember card to its title while an evening is
// being written, so the text box keeps its place on screen.
func (s *ReflectScreen) foldRemember() {
	s.Remember.Fold(s.Composer.ReflectionID != "" || !s.Composer.IsEmpty())
}

// Focus puts the keyboard in the composer: the people field of a new
// reflection, the text of one that has people.
func (s *ReflectScreen) Focus() {
	s.foldRemember()
	if len(s.Composer.Cards) == 0 {
		s.m.focus(s.Composer.People.Entry)
	} else {
		s.m.focus(s.Composer.Text)
	}
}

// New shows the composer for a new reflection. A new reflection already in
// progress is kept; one being edited is kept as a draft.
func (s *ReflectScreen) New() {
	if s.Composer.ReflectionID == "" {
		s.Focus()
		return
	}
	s.SaveDraftNow()
	s.startNew(true)
}

// startNew empties the composer; with resume it reopens a draft of a new
// reflection left in the journal, if there is one.
func (s *ReflectScreen) startNew(resume bool) {
	s.drafts.cancel()
	s.dirty = false
	s.draftID = uuid.NewString()
	s.prompts++
	s.Composer.Reset(s.m.now(), s.prompts)
	// A fresh form starts at its top, where the first field has the keyboard.
	s.scroll.ScrollToTop()
	if resume {
		if drafts, err := s.store.Drafts(s.m.ctx); err == nil {
			for _, d := range drafts {
				if d.ReflectionID == "" {
					s.restoreDraft([]journal.Draft{d})
					break
				}
			}
		}
	}
	s.Focus()
}

// Edit opens a stored reflection in the composer. Unsaved edits of it left
// in a draft come back; what the composer held before is kept as a draft.
func (s *ReflectScreen) Edit(id string) {
	if s.Composer.ReflectionID == id {
		s.Focus()
		return
	}
	if err := s.SaveDraftNow(); err != nil {
		s.m.ShowError("Could not keep the reflection you were writing", err)
		return
	}
	drafts, err := s.store.Drafts(s.m.ctx)
	if err != nil {
		s.m.ShowError("Could not open the reflection", err)
		return
	}
	for _, d := range drafts {
		if d.ReflectionID == id {
			s.drafts.cancel()
			b, err := decodeDraft(d.Body)
			if err == nil {
				s.draftID = d.ID
				s.dirty = false
				s.Composer.restore(b, s.m.now().Location())
				s.Composer.DraftState.SetText("Unsaved changes from " + d.UpdatedAt.In(s.m.now().Location()).Format("Mon 2 Jan, 15:04"))
				if missing := s.dropMissingPhotos(); missing != "" {
					s.showNotice(missing, "", nil)
				}
				s.Focus()
				return
			}
		}
	}
	r, err := s.store.Reflection(s.m.ctx, id)
	if err == nil && r.Photos == nil {
		// Saving links the photos the form lists and lets go of the rest:
		// the form must hold every photo the evening has.
		r.Photos, err = s.store.ReflectionPhotos(s.m.ctx, id)
	}
	if err != nil {
		s.m.ShowError("Could not open the reflection", err)
		return
	}
	s.drafts.cancel()
	s.dirty = false
	s.draftID = uuid.NewString()
	s.Composer.Load(r)
	s.scroll.ScrollToTop()
	s.hideNotice()
	s.Focus()
}

// Save stores the composer's reflection. Problems show beside their field
// and leave everything as typed; success shows a confirmation and a fresh
// composer. It reports whether the reflection was saved.
func (s *ReflectScreen) Save() bool {
	c := s.Composer
	c.ClearErrors()
	if s.addingPhotos > 0 {
		c.ShowError(&journal.Error{Code: journal.EINVALID, Message: "Photos are still being added: save again once they show."})
		return false
	}
	missing := s.dropMissingPhotos()
	r, err := c.Reflection()
	if err == nil {
		err = r.Validate(s.m.now())
	}
	if err == nil {
		err = s.store.SaveReflectionAndDiscardDraft(s.m.ctx, r, s.draftID)
	}
	if err != nil {
		if missing != "" {
			s.showNotice(missing, "", nil)
		}
		if journal.ErrorCode(err) == journal.EINVALID || journal.ErrorField(err) != "" {
			c.ShowError(err)
		} else {
			s.m.ShowError("The reflection was not saved", err)
		}
		return false
	}
	editing := c.ReflectionID != ""
	// After an edit, a new reflection left aside for it comes back.
	s.startNew(editing)
	verb := "Saved"
	if editing {
		verb = "Saved your changes to"
	}
	id := r.ID
	msg := fmt.Sprintf("%s the evening of %s with %s.", verb, eveningText(r.At), s.names(r))
	if missing != "" {
		msg += " " + missing
	}
	s.showNotice(msg, "Open it", func() { s.Edit(id) })
	s.m.Reload()
	s.m.ReflectionChanged(id)
	return true
}

// names lists the people of a reflection for a message.
func (s *ReflectScreen) names(r *journal.Reflection) string {
	var names []string
	for _, e := range r.Encounters {
		if p := s.m.people.person(e.PersonID); p != nil {
			names = append(names, p.Name)
		}
	}
	switch len(names) {
	case 0:
		return "no one"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func (s *ReflectScreen) discard() {
	c := s.Composer
	if c.ReflectionID != "" {
		if !s.dirty && c.DraftState.Text == "" {
			s.startNew(true)
			return
		}
		s.m.confirm("Stop editing?", "The changes you made to this reflection will not be kept. The reflection stays as it was saved.", "Drop my changes", func() {
			s.dropDraft()
			s.startNew(true)
		})
		return
	}
	if c.IsEmpty() {
		s.dropDraft()
		s.startNew(false)
		return
	}
	s.m.confirm("Discard this reflection?", "What you wrote here has not been saved and will not be kept.", "Discard", func() {
		s.dropDraft()
		s.startNew(false)
	})
}

// dropDraft forgets the composer's draft, in the journal too.
func (s *ReflectScreen) dropDraft() {
	s.drafts.cancel()
	s.dirty = false
	if err := s.store.DeleteDraft(s.m.ctx, s.draftID); err != nil {
		s.m.ShowError("Could not remove the draft", err)
	}
}

func (s *ReflectScreen) delete() {
	id := s.Composer.ReflectionID
	if id == "" {
		return
	}
	s.m.confirm("Delete this reflection?", "It is removed from the journal with its moments and notes. You can undo this right after.", "Delete", func() {
		s.DeleteNow(id)
	})
}

// DeleteNow deletes a reflection without asking and offers undo.
func (s *ReflectScreen) DeleteNow(id string) {
	old, err := s.store.DeleteReflection(s.m.ctx, id)
	if err != nil {
		s.m.ShowError("The reflection was not deleted", err)
		return
	}
	if s.Composer.ReflectionID == id {
		s.dropDraft()
		s.startNew(true)
	}
	s.showNotice(fmt.Sprintf("Deleted the evening of %s.", eveningText(old.At)), "Undo", func() { s.undoDelete(old) })
	s.m.Reload()
	s.m.ReflectionChanged(id)
}

func (s *ReflectScreen) undoDelete(old *journal.Reflection) {
	if err := s.store.SaveReflection(s.m.ctx, old); err != nil {
		s.m.ShowError("The reflection could not be put back", err)
		return
	}
	id := old.ID
	s.showNotice(fmt.Sprintf("The evening of %s is back.", eveningText(old.At)), "Open it", func() { s.Edit(id) })
	s.m.Reload()
	s.m.ReflectionChanged(id)
}

// addNewPerson adds someone the user typed and chose to add explicitly.
func (s *ReflectScreen) addNewPerson(name string) {
	p, err := s.store.AddPerson(s.m.ctx, name)
	if err != nil {
		s.Composer.People.SetError(err.Error())
		return
	}
	ps := s.m.addKnownPerson(p)
	s.Composer.People.Entry.SetText("")
	card := s.Composer.AddPerson(ps)
	s.m.Reload()
	s.m.focus(card.Closeness)
}

// askNewKind lets the user add a moment kind of their own and tags it.
func (s *ReflectScreen) askNewKind(card *EncounterCard) {
	label := newTextEntry("Board games, A long walk…")
	misstep := widget.NewCheck("It is a misstep: something of mine that got in the way", nil)
	problem := errorLabel()
	content := container.NewVBox(widget.NewLabel("A name for the kind of moment:"), label, misstep, problem)
	md := s.m.newModal("Your own kind of moment", content)
	md.escapes(label)
	add := func() bool {
		k := &journal.MomentKind{Label: strings.TrimSpace(label.Text), Misstep: misstep.Checked}
		if err := s.store.AddKind(s.m.ctx, k); err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return false
		}
		s.m.addKind(*k)
		card.Toggle(k.ID)
		return true
	}
	label.OnSubmitted = func(string) {
		if add() {
			md.close()
		}
	}
	md.cancelButton("Cancel")
	md.action("Add and tag it", widget.HighImportance, add)
	md.show()
	md.resize(fyne.NewSize(420, 260))
	s.m.focus(label)
}
