package app

import (
	"encoding/json"
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"kindred/journal"
)

// draftDelay is how long the composer waits after the last change before it
// keeps a draft: soon enough that a crash loses a sentence at most, late
// enough not to write on every key.
const draftDelay = 2 * time.Second

// sealedDraftEvery is how often a sealed journal's composer keeps a draft
// while the user types: at most once in this time, counted from the first
// change, however the typing pauses. Each draft is a 16 KiB record appended
// to the file, and one per pause would show anyone who watches the file the
// rhythm of the writing. A crash loses at most this much typing; saving,
// closing and locking keep the draft at once.
const sealedDraftEvery = 30 * time.Second

// afterFunc starts the debounce timer; tests replace it with a clock they
// drive by hand.
var afterFunc = func(d time.Duration, f func()) (stop func() bool) {
	return time.AfterFunc(d, f).Stop
}

// debouncer runs fire on the UI goroutine once changes have paused for its
// delay. A generation number drops a timer that fired while being stopped.
type debouncer struct {
	delay time.Duration
	fire  func()
	stop  func() bool
	gen   int
	// batch makes it fire delay after the first change of a batch, not
	// after the last: changes while it waits join the batch.
	batch bool
}

// poke (re)starts the wait.
func (d *debouncer) poke() {
	if d.stop != nil {
		if d.batch {
			return
		}
		d.stop()
	}
	d.gen++
	gen := d.gen
	d.stop = afterFunc(d.delay, func() {
		fyne.Do(func() {
			if gen == d.gen {
				d.stop = nil
				d.fire()
			}
		})
	})
}

// cancel forgets a pending wait.
func (d *debouncer) cancel() {
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
	d.gen++
}

// pending reports whether a wait is running.
func (d *debouncer) pending() bool { return d.stop != nil }

// draftBody is the composer's state as a draft keeps it: everything typed,
// including what does not parse yet, so a restored draft is what was left.
type draftBody struct {
	Version      int              `json:"v"`
	ReflectionID string           `json:"reflection_id,omitempty"`
	CreatedAt    time.Time        `json:"created_at,omitzero"`
	Date         string           `json:"date"` // as typed in the date field
	Time         string           `json:"time"` // as typed in the time field
	Offset       int              `json:"offset"`
	Zone         string           `json:"zone,omitempty"`
	Picker       string           `json:"picker,omitempty"` // a name being typed
	Encounters   []draftEncounter `json:"encounters,omitempty"`
	Text         string           `json:"text"`
	Prompt       int              `json:"prompt"`
	PromptHidden bool             `json:"prompt_hidden,omitempty"`
	// Questions are the deck questions the card records; QuestionsTouched
	// says the user changed them (see Composer.questionsFor).
	Questions        []draftQuestion `json:"questions,omitempty"`
	QuestionsTouched bool            `json:"questions_touched,omitempty"`
	// Photos are the evening's photos, already kept in the journal by
	// AddPhoto, in order: a crash keeps them with the words.
	Photos []draftPhoto `json:"photos,omitempty"`
}

// draftPhoto is one photo of a draft: its id in the journal, what the user
// set, and enough to show its tile before the journal is read again.
type draftPhoto struct {
	ID      string `json:"id"`
	Caption string `json:"caption,omitempty"`
	NoPrint bool   `json:"no_print,omitempty"` // printing in the letter is the default
	Keep    bool   `json:"keep_metadata,omitempty"`
	Name    string `json:"name,omitempty"`
	Format  string `json:"format,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
}

func photoToDraft(p journal.Photo) draftPhoto {
	return draftPhoto{ID: p.ID, Caption: p.Caption, NoPrint: !p.Print, Keep: p.KeepMetadata, Name: p.Name, Format: p.Format, Width: p.Width, Height: p.Height}
}

func (d draftPhoto) photo(position int) journal.Photo {
	return journal.Photo{ID: d.ID, Caption: d.Caption, Print: !d.NoPrint, KeepMetadata: d.Keep, Name: d.Name, Format: d.Format, Width: d.Width, Height: d.Height, Position: position}
}

type draftQuestion struct {
	ID   string `json:"id"`
	They bool   `json:"they,omitempty"`
	Me   bool   `json:"me,omitempty"`
}

func questionsToDraft(qs []journal.AskedQuestion) []draftQuestion {
	var out []draftQuestion
	for _, q := range qs {
		out = append(out, draftQuestion{ID: q.ID, They: q.TheyAnswered, Me: q.IAnswered})
	}
	return out
}

func questionsFromDraft(qs []draftQuestion) []journal.AskedQuestion {
	var out []journal.AskedQuestion
	for _, q := range qs {
		out = append(out, journal.AskedQuestion{ID: q.ID, TheyAnswered: q.They, IAnswered: q.Me})
	}
	return out
}

type draftEncounter struct {
	PersonID  string        `json:"person_id"`
	Closeness int           `json:"closeness,omitempty"`
	Moments   []draftMoment `json:"moments,omitempty"`
	// Questions are the person's own stored questions (see Composer.questionsFor).
	Questions []draftQuestion `json:"questions,omitempty"`
}

type draftMoment struct {
	ID   string `json:"id,omitempty"`
	Kind string `json:"kind"`
	Note string `json:"note,omitempty"`
}

const draftVersion = 1

func encodeDraft(b draftBody) (string, error) {
	b.Version = draftVersion
	out, err := json.Marshal(b)
	if err != nil {
		return "", fmt.Errorf("encode draft: %w", err)
	}
	return string(out), nil
}

func decodeDraft(s string) (draftBody, error) {
	var b draftBody
	if err := json.Unmarshal([]byte(s), &b); err != nil {
		return b, fmt.Errorf("read draft: %w", err)
	}
	if b.Version > draftVersion {
		return b, fmt.Errorf("read draft: written by a newer Kindred (version %d)", b.Version)
	}
	return b, nil
}

// location is the time zone the draft's date was written in.
func (b draftBody) location(fallback *time.Location) *time.Location {
	if b.Zone == "" {
		return fallback
	}
	if b.Zone == fallback.String() {
		return fallback
	}
	return time.FixedZone(b.Zone, b.Offset)
}

func encounterToDraft(e journal.Encounter) draftEncounter {
	d := draftEncounter{PersonID: e.PersonID, Closeness: int(e.Closeness)}
	for _, m := range e.Moments {
		d.Moments = append(d.Moments, draftMoment{ID: m.ID, Kind: m.Kind, Note: m.Note})
	}
	d.Questions = questionsToDraft(e.Questions)
	return d
}

func (d draftEncounter) encounter() journal.Encounter {
	e := journal.Encounter{PersonID: d.PersonID, Closeness: journal.Closeness(d.Closeness)}
	for _, m := range d.Moments {
		e.Moments = append(e.Moments, journal.Moment{ID: m.ID, Kind: m.Kind, Note: m.Note})
	}
	e.Questions = questionsFromDraft(d.Questions)
	return e
}
