package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kindred/journal"
)

// sessions maps each open main window to its session, for the File menu.
var sessions = map[*MainWindow]*session{}

// session is the journal's life in the app: locked behind the lock screen,
// or open in the main window, and the steps between (unlock, lock, seal,
// unseal). One of its windows is always open; closing the main window
// quits the app, as closing the lock screen does.
type session struct {
	ctx context.Context
	a   fyne.App
	o   Options

	store *journal.Store
	main  *MainWindow

	lockWindow fyne.Window
	lock       *LockScreen
	// resume is where the user was when the journal locked (lock_place.go).
	resume *place

	// openingWindow shows a slow opening before any other window is there.
	openingWindow fyne.Window
	opening       *OpeningView

	idle idleWatch

	// soundBackup is the newest backup that passes its check, looked for
	// when the journal would not open as damaged.
	soundBackup *journal.BackupInfo

	// closing is closed once the journal closed last (closeStore) is:
	// what opens the file next waits for it.
	closing chan struct{}

	// now, work and tick are replaced by tests: the clock, how slow work
	// (key derivation, sealing) is run off the UI goroutine, and how often
	// the idle watch looks (0: only when checkIdle is called).
	now  func() time.Time
	work func(fn func())
	tick time.Duration
}

func newSession(ctx context.Context, a fyne.App, o Options) *session {
	return &session{ctx: ctx, a: a, o: o, now: time.Now, work: func(fn func()) { go fn() }, tick: idleTick}
}

// Start opens a plain journal, or shows a sealed one's lock screen (unless
// a passphrase given outside the window opens it). The journal opens off the
// UI goroutine; done is called on it, with nil once a window shows the
// journal or its lock screen, or with why the journal could not be opened.
func (s *session) Start(done func(error)) {
	path := s.o.JournalPath
	sealed, err := journal.IsSealedFile(path)
	if err != nil {
		done(err)
		return
	}
	if !sealed {
		s.open(func(ctx context.Context) (*journal.Store, error) {
			st, err := s.o.Open(ctx, path)
			if journal.ErrorCode(err) == journal.EDAMAGED {
				// Found here, off the UI goroutine: every backup is
				// checked whole before one is offered (offerRestore).
				s.soundBackup, _ = journal.NewestGoodBackup(ctx, path, nil)
			}
			return st, err
		},
			func(st *journal.Store, err error) {
				if err != nil {
					done(err) // shows a window of its own before the opening one closes
					s.closeOpening()
					return
				}
				s.showMain(st)
				done(nil)
			})
		return
	}
	var why error
	if s.o.Given != nil {
		sec, ok, err := s.o.Given()
		if err == nil && ok {
			s.open(func(ctx context.Context) (*journal.Store, error) { return s.o.Unlock(ctx, path, sec) },
				func(st *journal.Store, err error) {
					if err == nil {
						s.showMain(st)
					} else {
						s.showLock(err)
						s.closeOpening()
					}
					done(nil)
				})
			return
		}
		why = err
	}
	s.showLock(why)
	done(nil)
}

// Close closes the journal when the app quits.
func (s *session) Close() error {
	s.idle.stop()
	s.afterClose()()
	if s.main != nil {
		delete(sessions, s.main)
	}
	if s.store == nil {
		return nil
	}
	err := s.store.Close()
	s.store = nil
	return err
}

// showMain opens a new main window on st and closes whatever window was
// showing before it, in that order so that the app never has none.
func (s *session) showMain(st *journal.Store) {
	old := s.main
	s.store = st
	s.main = NewMainWindow(s.ctx, s.a, st)
	sessions[s.main] = s
	if st.Sealed() {
		s.idle.wrapper = nil
		s.addActivitySensor()
		// On the canvas, and among the keys the window's own entries pass on
		// (see installShortcuts), so Ctrl+L locks even while typing.
		s.main.Window.Canvas().AddShortcut(lockShortcut, func(fyne.Shortcut) { s.Lock() })
		s.main.keys[lockShortcut.ShortcutName()] = s.Lock
		s.watchIdle()
	} else {
		s.idle.stop()
	}
	m := s.main
	// The main window is not the app's master window, which would quit the
	// app when a lock closes it; closing it by hand still quits.
	m.Window.SetCloseIntercept(func() {
		m.Window.Close()
		s.a.Quit()
	})
	m.Window.Show()
	if s.resume != nil {
		m.restorePlace(*s.resume)
		s.resume = nil
	}
	if old != nil {
		delete(sessions, old)
		old.Window.Close()
	}
	if s.lockWindow != nil {
		s.lockWindow.Close()
		s.lockWindow, s.lock = nil, nil
	}
	s.closeOpening()
	if notice := st.SearchNotice(); notice != "" {
		s.main.inform("The search index was not updated", notice)
	}
	if damaged := st.Damaged(); damaged != nil {
		s.main.inform("The journal is damaged", journal.AsError(damaged).Message+
			" Kindred will save nothing to it. Restore a sound backup (File, Backups) or export what can be read.")
	}
}

// showLock shows the lock screen, with why the journal is not open yet if
// there is a reason to say.
func (s *session) showLock(why error) {
	if s.lockWindow == nil {
		s.lockWindow = s.a.NewWindow("Kindred")
		s.lock = NewLockScreen(s.o.JournalPath, s.unlock)
		s.lockWindow.SetContent(s.lock)
		// The lock screen stands where the journal was, at its size: the
		// window does not shrink and grow back around a lock.
		size := fyne.NewSize(560, 460)
		if s.resume != nil && s.resume.size.Width > 0 {
			size = s.resume.size
		}
		s.lockWindow.Resize(size)
	}
	s.lock.Reset()
	if why == nil {
		why = journal.CheckSealedFile(s.o.JournalPath)
	}
	if why != nil {
		s.lock.ShowError(why)
	}
	s.lockWindow.Show()
	s.lockWindow.Canvas().Focus(s.lock.Passphrase)
}

// Lock closes the sealed journal and shows the lock screen. Nothing stays
// in memory but what the lock screen needs.
func (s *session) Lock() {
	if s.main == nil || s.store == nil || !s.store.Sealed() {
		return
	}
	p := s.main.place()
	s.resume = &p
	s.closeMain()
	s.showLock(nil)
}

// closeMain closes the main window, which keeps the composer's words as a
// draft, then the journal. The lock screen is shown first: closing the last
// window would quit the app.
func (s *session) closeMain() {
	m := s.main
	s.idle.stop()
	if s.lockWindow == nil {
		s.showLock(nil)
	}
	delete(sessions, m)
	s.main = nil
	m.Window.Close()
	s.closeStore()
}

// closeStore closes the journal off the UI goroutine: closing a sealed
// journal compacts its log into a new base, a fraction of a second on a large
// journal, which would freeze the lock screen as it appears.
func (s *session) closeStore() {
	st, prev := s.store, s.closing
	if st == nil {
		return
	}
	s.store = nil
	done := make(chan struct{})
	s.closing = done
	s.work(func() {
		defer close(done)
		if prev != nil {
			<-prev
		}
		if err := st.Close(); err != nil {
			fyne.LogError("close journal", err)
		}
	})
}

// afterClose, called on the UI goroutine, returns a wait for the journal
// closed last to be closed, to be called off it before the file is opened or
// replaced again.
func (s *session) afterClose() (wait func()) {
	ch := s.closing
	return func() {
		if ch != nil {
			<-ch
		}
	}
}

// saveDraft keeps the composer's words as a draft, for an app that quits
// without closing its window.
func (s *session) saveDraft() {
	if s.main != nil && s.store != nil {
		s.main.Reflect.SaveDraftNow()
	}
}

// unlock is the lock screen's request: open the journal with sec and, after
// a recovery key, set the new passphrase. done reports a failure to the lock
// screen; success replaces it with the main window.
func (s *session) unlock(sec journal.Secret, newPassphrase string, done func(error)) {
	closed := s.afterClose()
	s.open(func(ctx context.Context) (*journal.Store, error) {
		closed()
		st, err := s.o.Unlock(ctx, s.o.JournalPath, sec)
		if err == nil && newPassphrase != "" {
			if err = st.ChangePassphrase(s.ctx, newPassphrase, s.o.Seal); err != nil {
				st.Close()
				st = nil
			}
		}
		return st, err
	}, func(st *journal.Store, err error) {
		if err != nil {
			done(err)
			return
		}
		s.showMain(st)
		if notice := st.SealedNotice(); notice != "" {
			dialog.ShowInformation("A save was cut short", notice, s.main.Window)
		}
	})
}

// replaceJournal runs change off the UI goroutine (seal, unseal), then shows
// the journal it returns, which on failure is the journal as it was, open
// again, with the error to show. With no journal to show, it says why and
// lets the user quit.
func (s *session) replaceJournal(title string, change func(ctx context.Context, st *journal.Store) (*journal.Store, error), done func()) {
	m := s.main
	if err := m.Reflect.SaveDraftNow(); err != nil {
		dialog.ShowError(err, m.Window)
		return
	}
	busy := showBusy(m.Window, title)
	st := s.store
	s.idle.stop()
	s.work(func() {
		next, err := change(s.ctx, st)
		fyne.Do(func() {
			busy.Hide()
			if next == nil {
				s.store, s.main = nil, nil
				delete(sessions, m)
				s.showProblem(err)
				m.Window.Close()
				return
			}
			if next != st {
				s.showMain(next)
			} else if st.Sealed() {
				s.watchIdle()
			}
			if err != nil {
				dialog.ShowError(err, s.main.Window)
				return
			}
			if done != nil {
				done()
			}
		})
	})
}

// showProblem says why no journal could be opened, in a window of its own.
func (s *session) showProblem(err error) {
	w := s.a.NewWindow("Kindred")
	w.SetContent(problemContent(err, func() { w.Close() }))
	w.Resize(fyne.NewSize(520, 200))
	w.Show()
}
