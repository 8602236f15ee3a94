package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// tlJobs stands in for the goroutines screens start: the test runs the
// queued store work itself, in order, when it chooses. The work and what it
// shows are the screens' own.
type tlJobs struct{ queue []func() }

func (j *tlJobs) run(work func()) { j.queue = append(j.queue, work) }

// drain runs queued work, and work that work queues, until none is left;
// it returns how many pieces ran.
func (j *tlJobs) drain() int {
	n := 0
	for len(j.queue) > 0 {
		work := j.queue[0]
		j.queue = j.queue[1:]
		work()
		n++
	}
	return n
}

// tlWindow opens the main window on a journal in a test app, with the
// timeline and search screens' store work queued on jobs.
func tlWindow(t testing.TB, st *journal.Store) (*MainWindow, *tlJobs) {
	t.Helper()
	m := openWindow(t, test.NewTempApp(t), st)
	jobs := &tlJobs{}
	m.Timeline.run = jobs.run
	m.Search.run = jobs.run
	m.Window.Resize(fyne.NewSize(1100, 800))
	m.Window.Show()
	return m, jobs
}

// tlFixture is a journal with one long friendship and a few others.
type tlFixture struct {
	st          *journal.Store
	zoe, omar   *journal.Person
	lena        *journal.Person // no evenings
	phone       journal.MomentKind
	reflections []*journal.Reflection // Zoë's, oldest first
}

// tlEvenings is how many evenings the fixture has with Zoë: more than two
// pages, fewer than three.
const tlEvenings = 120

var tlStart = time.Date(2023, 1, 2, 20, 30, 0, 0, time.FixedZone("+01:00", 3600))

func newTLFixture(t testing.TB) *tlFixture {
	t.Helper()
	ctx := context.Background()
	f := &tlFixture{st: journaltest.MustOpen(t)}
	f.zoe = journaltest.MustAddPerson(t, f.st, "Zoë Okafor")
	f.omar = journaltest.MustAddPerson(t, f.st, "Omar Haddad")
	f.lena = journaltest.MustAddPerson(t, f.st, "Lena Weber")
	f.phone = journal.MomentKind{Label: "Checked my phone", Misstep: true, Color: "#b0b0b0"}
	err := f.st.Batch(ctx, func(b *journal.Batch) error {
		if err := b.AddKind(&f.phone); err != nil {
			return err
		}
		for i := 0; i < tlEvenings; i++ {
			r := tlEvening(i, f.zoe.ID, f.omar.ID, f.phone.ID)
			if err := b.SaveReflection(r); err != nil {
				return err
			}
			f.reflections = append(f.reflections, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// tlEvening is Zoë's i-th evening: every fourth day, with a pattern of
// moments and company that tests can count on.
func tlEvening(i int, zoe, omar, phone string) *journal.Reflection {
	enc := journal.Encounter{PersonID: zoe, Closeness: journal.Closeness(1 + i%7)}
	if i%3 == 0 {
		enc.Moments = append(enc.Moments, journal.Moment{Kind: journal.KindLaughed})
	}
	if i%5 == 0 {
		enc.Moments = append(enc.Moments, journal.Moment{Kind: journal.KindDeepTalk, Note: "the move abroad"})
	}
	if i%7 == 0 {
		enc.Moments = append(enc.Moments, journal.Moment{Kind: journal.KindJudged})
	}
	if i%11 == 0 {
		enc.Moments = append(enc.Moments, journal.Moment{Kind: phone})
	}
	r := &journal.Reflection{
		At:         tlStart.AddDate(0, 0, 4*i),
		Text:       fmt.Sprintf("Evening %d with Zoë.\n\nWe walked along the river and talked about everything and nothing.", i),
		Encounters: []journal.Encounter{enc},
	}
	if i%6 == 0 {
		r.Encounters = append(r.Encounters, journal.Encounter{PersonID: omar, Moments: []journal.Moment{{Kind: journal.KindAdventure}}})
	}
	return r
}

// visibleItems are the timeline lines the list has on screen, top to bottom.
func visibleItems(s *TimelineScreen) []*tlItemView {
	var out []*tlItemView
	for _, o := range test.LaidOutObjects(s.List) {
		if v, ok := o.(*tlItemView); ok && v.Visible() {
			out = append(out, v)
		}
	}
	// LaidOutObjects walks in drawing order, which is list order.
	return out
}

// describe is a line as text, for failure messages and comparisons.
func (v *tlItemView) describe() string {
	if v.isHeading {
		return "# " + v.heading.Text
	}
	return v.day.Text + " " + v.clock.Text + " | " + strings.Join(v.moments.Labels(), ",") + " | " + strings.Join(v.missteps.Labels(), ",") + " | " + v.others.Text + " | " + v.excerpt.Text
}
