package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"kindred/journal"
	ksync "kindred/journal/sync"
	"kindred/journal/syncfolder"
)

// syncWatch watches the sync folder; tests replace it to hold the callback
// and call it themselves, as fsnotify would.
var syncWatch = ksync.Watch

// syncAfterSave is how long the window waits after a save before it sends
// it: a few quick changes go in one file.
const syncAfterSave = 1500 * time.Millisecond

// syncTick is how often the window says again how long ago it synced, and
// tries again when the folder was missing (a USB stick put back). Tests
// set it to 0: no ticking.
var syncTick = time.Minute

// syncCtl runs the journal's sync for its window: a round at open, after
// each save, when files arrive and when asked; never two at once, always
// off the UI goroutine. Its fields belong to the UI goroutine.
type syncCtl struct {
	m   *MainWindow
	eng *ksync.Engine
	// ctx ends with the window; round and watch end too when sync stops.
	life    context.Context
	endLife context.CancelFunc
	ctx     context.Context
	cancel  context.CancelFunc

	status    *ksync.Status // as last read; nil before the first read
	conflicts []ksync.Conflict
	lastErr   error  // the last round's failure, nil after one that worked
	trouble   string // lastErr in a few words: "folder missing", "folder read-only"

	running, again bool
	watching       bool
	stopWatch      context.CancelFunc
	quiet          bool // the window is redrawing what a round brought: not a local change
	stopSave       func() bool
	closed         bool

	Footer      *syncFooter
	conflictBox *syncConflictBox // in the reading view, once shown
	panel       *syncPanel       // while open
}

func newSyncCtl(m *MainWindow) *syncCtl {
	life, endLife := context.WithCancel(m.ctx)
	ctx, cancel := context.WithCancel(life)
	c := &syncCtl{m: m, eng: ksync.New(m.store), life: life, endLife: endLife, ctx: ctx, cancel: cancel}
	c.Footer = newSyncFooter(c)
	return c
}

// start reads the sync state and, when the journal syncs, runs a first
// round and watches the folder.
func (c *syncCtl) start() {
	c.read(true)
	if syncTick > 0 {
		go func() {
			t := time.NewTicker(syncTick)
			defer t.Stop()
			for {
				select {
				case <-c.life.Done():
					return
				case <-t.C:
					fyne.Do(c.tick)
				}
			}
		}()
	}
}

func (c *syncCtl) tick() {
	if c.closed || c.status == nil || !c.status.SetUp {
		return
	}
	if c.lastErr != nil || !c.watching {
		c.requestRound()
	}
	c.Footer.update()
}

// stop ends watching and any round under way (a join stops where it is;
// the journal stays whole).
func (c *syncCtl) stop() {
	c.closed = true
	c.endLife()
	if c.stopSave != nil {
		c.stopSave()
	}
}

// setUp reports whether the journal syncs with a folder.
func (c *syncCtl) setUp() bool { return c.status != nil && c.status.SetUp }

// read loads the status and conflicts off the UI goroutine; then, if
// round and the journal syncs, runs a round.
func (c *syncCtl) read(round bool) {
	eng := c.eng
	c.work(func() {
		st, conf, err := c.readState(eng)
		fyne.Do(func() {
			if c.closed {
				return
			}
			if err != nil {
				c.lastErr, c.trouble = err, "could not read its state"
			} else {
				c.setState(st, conf)
			}
			c.Footer.update()
			if round && c.setUp() {
				c.requestRound()
			}
		})
	})
}

func (c *syncCtl) readState(eng *ksync.Engine) (*ksync.Status, []ksync.Conflict, error) {
	st, err := eng.Status(c.ctx)
	if err != nil {
		return nil, nil, err
	}
	conf, err := eng.Conflicts(c.ctx)
	return st, conf, err
}

func (c *syncCtl) setState(st *ksync.Status, conf []ksync.Conflict) {
	changed := !slices.EqualFunc(c.conflicts, conf, func(a, b ksync.Conflict) bool { return a.Seq == b.Seq })
	c.status, c.conflicts = st, conf
	if changed {
		c.m.Timeline.List.Refresh()
		c.reopenReading(nil)
	}
}

// work runs sync's store work off the UI goroutine; closing the window
// waits for it, so the journal is never closed under a round.
func (c *syncCtl) work(fn func()) {
	c.m.loading.Add(1)
	c.m.run(func() {
		defer c.m.loading.Done()
		fn()
	})
}

// localChange is called after the user changed the journal here: a round
// follows once things are quiet.
func (c *syncCtl) localChange() {
	if c.quiet || c.closed || !c.setUp() {
		return
	}
	if c.stopSave != nil {
		c.stopSave()
	}
	c.stopSave = afterFunc(syncAfterSave, func() { fyne.Do(c.requestRound) })
}

// arrived is what the folder watcher calls, off the UI goroutine, when
// files came in.
func (c *syncCtl) arrived() { fyne.Do(c.requestRound) }

// requestRound runs a round now, or once the one under way is done.
func (c *syncCtl) requestRound() {
	if c.closed || !c.setUp() {
		return
	}
	if c.running {
		c.again = true
		return
	}
	c.running = true
	eng := c.eng
	c.work(func() {
		rep, err := eng.Round(c.ctx)
		st, conf, rerr := c.readState(eng)
		trouble := troubleOf(err, st)
		fyne.Do(func() { c.roundDone(rep, err, trouble, st, conf, rerr) })
	})
}

func (c *syncCtl) roundDone(rep *ksync.Report, err error, trouble string, st *ksync.Status, conf []ksync.Conflict, rerr error) {
	c.running = false
	if c.closed {
		return
	}
	if err == nil && rerr != nil {
		err, trouble = rerr, "could not sync"
	}
	c.lastErr, c.trouble = err, trouble
	if trouble == "folder missing" && c.watching {
		// The watch ended with the folder; it starts again once it is back.
		c.stopWatch()
		c.watching = false
	}
	if rerr == nil {
		c.setState(st, conf)
	}
	if rep != nil && (rep.Received > 0 || len(rep.Evenings) > 0 || len(rep.Renamed) > 0) {
		c.refreshScreens(rep)
	}
	if err == nil && !c.watching {
		c.watch()
	}
	c.Footer.update()
	if c.panel != nil {
		c.panel.fill()
	}
	if c.again {
		c.again = false
		c.requestRound()
	}
}

// watch starts watching the folder; when it cannot (the folder is
// missing), the next round that works tries again.
func (c *syncCtl) watch() {
	if c.status == nil || !c.status.SetUp {
		return
	}
	ctx, cancel := context.WithCancel(c.ctx)
	if err := syncWatch(ctx, c.status.Folder, c.arrived); err != nil {
		cancel()
		return
	}
	c.watching, c.stopWatch = true, cancel
}

// syncManyEvenings is how many changed evenings a round may bring before
// the timeline is read again whole rather than row by row.
const syncManyEvenings = 20

// refreshScreens shows what a round brought the way a local save is shown:
// the people, the changed evenings where they are, the open evening.
func (c *syncCtl) refreshScreens(rep *ksync.Report) {
	c.quiet = true
	defer func() { c.quiet = false }()
	m := c.m
	m.Reload()
	if len(rep.Evenings) > syncManyEvenings {
		if m.Timeline.personID != "" {
			m.Timeline.reload(true)
		}
		m.Search.ReflectionChanged("")
		m.Reflect.Remember.Reload()
	} else {
		for _, id := range uniqueStrings(rep.Evenings) {
			m.ReflectionChanged(id)
		}
	}
	m.Insights.reload()
	c.reopenReading(rep.Evenings)
}

// reopenReading reads the open evening again when it is among ids (nil:
// whatever it is), to show its new text or its conflict.
func (c *syncCtl) reopenReading(ids []string) {
	v := c.m.Reading
	if v == nil || v.Reflection == nil || !c.m.ReadingShown() {
		return
	}
	if ids != nil && !slices.Contains(ids, v.Reflection.ID) {
		return
	}
	if ids == nil {
		c.showConflicts(v)
		return
	}
	// Deleted on another computer: back to where it was opened, not an
	// error about an evening that is gone.
	id, person, st := v.Reflection.ID, v.seqPerson, c.m.store
	c.work(func() {
		_, err := st.Reflection(c.ctx, id)
		fyne.Do(func() {
			if c.closed || c.m.Reading != v || v.Reflection == nil || v.Reflection.ID != id || !c.m.ReadingShown() {
				return
			}
			if journal.ErrorCode(err) == journal.ENOTFOUND {
				c.m.closeReading()
				return
			}
			v.Open(id, person)
		})
	})
}

func uniqueStrings(s []string) []string {
	seen := make(map[string]bool, len(s))
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// conflictsFor lists the other versions of one evening, as last read.
func (c *syncCtl) conflictsFor(id string) []ksync.Conflict {
	var out []ksync.Conflict
	for _, k := range c.conflicts {
		if k.ReflectionID == id {
			out = append(out, k)
		}
	}
	return out
}

// troubleOf says in a few words what kept a round from working, or "";
// it looks at the folder, so it runs off the UI goroutine.
func troubleOf(err error, st *ksync.Status) string {
	if err == nil || errors.Is(err, context.Canceled) {
		return ""
	}
	if st != nil && st.Folder != "" {
		if _, serr := os.Stat(st.Folder); serr != nil || errors.Is(err, syncfolder.ErrNoFolder) {
			return "folder missing"
		}
		if !writableDir(filepath.Join(st.Folder, syncfolder.Dir)) {
			return "folder read-only"
		}
	}
	return "could not sync"
}

// writableDir reports whether a file can be made in dir.
func writableDir(dir string) bool {
	f, err := os.CreateTemp(dir, ".tmp-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}
