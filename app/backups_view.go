package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
)

func init() {
	fileMenuItems = append(fileMenuItems,
		func(m *MainWindow) *fyne.MenuItem {
			return fyne.NewMenuItem("Back Up Now", func() { m.backupNow() })
		},
		func(m *MainWindow) *fyne.MenuItem {
			return fyne.NewMenuItem("Backups…", func() { m.showBackups() })
		},
	)
}

// BackupsView lists the journal's backups, newest first, with what each
// holds, and restores the one the user picks.
type BackupsView struct {
	widget.BaseWidget
	m *MainWindow

	backups []journal.BackupInfo
	List    *widget.List
	Status  *widget.Label
	Restore *escButton
	Backup  *escButton

	selected int
}

// NewBackupsView builds the view; Load fills it.
func NewBackupsView(m *MainWindow) *BackupsView {
	v := &BackupsView{m: m, selected: -1}
	v.ExtendBaseWidget(v)
	v.Status = widget.NewLabel("Reading the backups…")
	v.Status.Wrapping = fyne.TextWrapWord
	v.List = widget.NewList(
		func() int { return len(v.backups) },
		func() fyne.CanvasObject {
			return container.NewVBox(
				widget.NewLabelWithStyle("Saturday 30 November 2026, 21:30", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				widget.NewLabel("Automatic · 12.3 MB · 200 people, 40000 reflections, 120000 moments"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := v.backups[i]
			rows := o.(*fyne.Container).Objects
			rows[0].(*widget.Label).SetText(b.Made.Format("Monday 2 January 2006, 15:04"))
			rows[1].(*widget.Label).SetText(backupLine(b))
		})
	v.List.OnSelected = func(i widget.ListItemID) {
		v.selected = i
		if v.backups[i].Problem == nil {
			v.Restore.Enable()
		} else {
			v.Restore.Disable()
		}
	}
	v.List.OnUnselected = func(widget.ListItemID) { v.selected = -1; v.Restore.Disable() }
	v.Restore = newKeyButton("Restore…", nil, func() { v.confirmRestore() })
	v.Restore.Importance = widget.WarningImportance
	v.Restore.Disable()
	v.Backup = newKeyButton("Back Up Now", nil, func() { v.backupNow() })
	return v
}

func (v *BackupsView) CreateRenderer() fyne.WidgetRenderer {
	intro := widget.NewLabel("Kindred backs up the journal when you open it and every day it stays open, and keeps the last 7 days and 8 weeks. Restoring keeps the journal as it is now as a backup too.")
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro, v.Status)
	bottom := container.NewHBox(v.Backup, layoutSpacer(), v.Restore)
	return widget.NewSimpleRenderer(container.NewBorder(top, bottom, nil, nil, v.List))
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// Load reads the backups off the UI goroutine and shows them.
func (v *BackupsView) Load() {
	st := v.m.store
	v.m.run(func() {
		list, err := st.Backups(v.m.ctx)
		fyne.Do(func() { v.show(list, err) })
	})
}

func (v *BackupsView) show(list []journal.BackupInfo, err error) {
	v.backups = list
	v.selected = -1
	v.List.UnselectAll()
	v.Restore.Disable()
	switch {
	case err != nil:
		v.Status.SetText("The backups cannot be listed: " + err.Error())
	case len(list) == 0:
		v.Status.SetText("No backups yet. Kindred makes one the first time the journal holds something.")
	default:
		v.Status.SetText(fmt.Sprintf("%d backups in %s. Choose one to restore it.", len(list), journal.BackupDir(v.m.store.Path())))
	}
	v.List.Refresh()
}

func backupLine(b journal.BackupInfo) string {
	size := humanSize(b.Size)
	switch {
	case b.Problem != nil:
		return fmt.Sprintf("%s · %s · cannot be read: %v", b.Kind.Label(), size, b.Problem)
	case b.Contents.Sealed:
		return fmt.Sprintf("%s · %s · sealed", b.Kind.Label(), size)
	}
	return fmt.Sprintf("%s · %s · %s", b.Kind.Label(), size, countsLine(b.Contents.Stats))
}

func countsLine(s journal.Stats) string {
	return fmt.Sprintf("%s, %s, %s", plural(s.People, "person", "people"), plural(s.Reflections, "reflection", "reflections"), plural(s.Moments, "moment", "moments"))
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (v *BackupsView) backupNow() {
	v.Backup.Disable()
	v.Status.SetText("Backing up…")
	st := v.m.store
	v.m.run(func() {
		b, err := st.BackupNow(v.m.ctx)
		fyne.Do(func() {
			v.Backup.Enable()
			if err != nil {
				v.Status.SetText("The backup could not be made: " + err.Error())
				return
			}
			v.Load()
			v.Status.SetText("Backed up: " + countsLine(b.Contents.Stats) + ".")
		})
	})
}

// confirmRestore asks before replacing the journal with the chosen backup.
func (v *BackupsView) confirmRestore() {
	if v.selected < 0 || v.selected >= len(v.backups) {
		return
	}
	b := v.backups[v.selected]
	msg := fmt.Sprintf("Replace your journal with the backup from %s?\n\nThe backup holds %s.\nThe journal as it is now will be kept as a backup, so nothing is lost.",
		b.Made.Format("Monday 2 January 2006, 15:04"), countsLine(b.Contents.Stats))
	d := dialog.NewConfirm("Restore this backup?", msg, func(ok bool) {
		if ok {
			v.m.restoreBackup(b.Path)
		}
	}, v.m.Window)
	d.SetConfirmText("Restore")
	d.SetDismissText("Cancel")
	d.Show()
}

// backupsWindows are the open Backups windows, by main window (UI goroutine only).
var backupsWindows = map[*MainWindow]fyne.Window{}

// showBackups opens the Backups view in a window of its own.
func (m *MainWindow) showBackups() {
	if w := backupsWindows[m]; w != nil {
		w.RequestFocus()
		return
	}
	w := fyne.CurrentApp().NewWindow("Kindred · Backups")
	v := NewBackupsView(m)
	w.SetContent(v)
	w.Resize(fyne.NewSize(640, 480))
	backupsWindows[m] = w
	w.SetOnClosed(func() { delete(backupsWindows, m) })
	w.Show()
	v.Load()
}

func (m *MainWindow) backupNow() {
	st := m.store
	m.run(func() {
		b, err := st.BackupNow(m.ctx)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("the backup could not be made: %w", err), m.Window)
				return
			}
			dialog.ShowInformation("Backed up", fmt.Sprintf("The journal is backed up and checked (%s).\n%s", countsLine(b.Contents.Stats), b.Path), m.Window)
		})
	})
}

// restoreBackup puts the backup in place of the journal, the journal as it
// is now kept as a backup, and shows the restored journal. The composer's
// words stay: its drafts go into the restored journal. A sealed journal is
// closed first and opens again at its lock screen, with the backup's
// passphrase.
func (m *MainWindow) restoreBackup(backup string) {
	s := sessions[m]
	if s == nil {
		return
	}
	path := m.store.Path()
	inspect := m.store.Inspector()
	if m.store.Sealed() {
		m.restoreSealed(s, backup, inspect)
		return
	}
	var kept string
	s.replaceJournal("Restoring the backup…", func(ctx context.Context, st *journal.Store) (*journal.Store, error) {
		// Checked while the journal is open: a sealed inspector needs its key.
		checked, err := inspect(ctx, backup, true)
		if err != nil {
			return st, fmt.Errorf("the backup cannot be restored: %w", err)
		}
		drafts, err := st.Drafts(ctx)
		if err != nil {
			return st, err
		}
		if err := st.Close(); err != nil {
			return reopen(ctx, s, path, fmt.Errorf("close the journal: %w", err))
		}
		kept, err = journal.RestoreBackup(ctx, path, backup, alreadyChecked(backup, checked), time.Now())
		if err != nil {
			return reopen(ctx, s, path, fmt.Errorf("the backup was not restored: %w", err))
		}
		next, err := s.o.Open(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("the backup is restored, but it cannot be opened: %w", err)
		}
		for i := range drafts {
			if err := next.SaveDraft(ctx, &drafts[i]); err != nil {
				return next, fmt.Errorf("the backup is restored, but your unsaved words could not be carried over: %w", err)
			}
		}
		return next, nil
	}, func() {
		msg := "The backup is restored."
		if kept != "" {
			msg += "\nThe journal as it was is kept as " + kept
		}
		dialog.ShowInformation("Restored", msg, s.main.Window)
	})
}

// reopen opens the journal again after a restore that did not happen.
func reopen(ctx context.Context, s *session, path string, why error) (*journal.Store, error) {
	st, err := s.o.Open(ctx, path)
	if err != nil {
		return nil, errors.Join(why, err)
	}
	return st, why
}

// alreadyChecked answers for the backup checked a moment ago, before the
// journal (and a sealed journal's key) was closed.
func alreadyChecked(path string, c journal.BackupContents) journal.InspectFunc {
	return func(ctx context.Context, p string, full bool) (journal.BackupContents, error) {
		if p == path {
			return c, nil
		}
		return journal.InspectImage(ctx, p, full)
	}
}

func (m *MainWindow) restoreSealed(s *session, backup string, inspect journal.InspectFunc) {
	path := m.store.Path()
	if err := m.Reflect.SaveDraftNow(); err != nil {
		dialog.ShowError(err, m.Window)
		return
	}
	busy := showBusy(m.Window, "Restoring the backup…")
	s.work(func() {
		checked, err := inspect(s.ctx, backup, true)
		fyne.Do(func() {
			busy.Hide()
			if err != nil {
				dialog.ShowError(fmt.Errorf("the backup cannot be restored: %w", err), m.Window)
				return
			}
			s.closeMain()
			closed := s.afterClose()
			s.work(func() {
				closed()
				kept, err := journal.RestoreBackup(s.ctx, path, backup, alreadyChecked(backup, checked), time.Now())
				fyne.Do(func() {
					if err != nil {
						s.showLock(fmt.Errorf("the backup was not restored: %w", err))
						return
					}
					s.showLock(journal.Errorf(journal.EINVALID, "The backup is restored; the journal as it was is kept as %s. Unlock it with the passphrase it was sealed with.", kept))
				})
			})
		})
	})
}

// backupEvery is how often an open journal looks for today's backup.
const backupEvery = 30 * time.Minute

// startBackupSchedule makes the day's backup while the journal stays open,
// so a window left open for days still gets one a day. It returns a stop
// function.
func startBackupSchedule(ctx context.Context) func() {
	ctx, cancel := context.WithCancel(ctx)
	ticker := time.NewTicker(backupEvery)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				var open []*MainWindow
				fyne.DoAndWait(func() {
					for m := range sessions {
						open = append(open, m)
					}
				})
				for _, m := range open {
					m.scheduledBackup(ctx)
				}
			}
		}
	}()
	return cancel
}

// scheduledBackup makes today's automatic backup if there is none; it runs
// off the UI goroutine and tells the user only when something is wrong.
func (m *MainWindow) scheduledBackup(ctx context.Context) *journal.BackupInfo {
	b, err := m.store.AutoBackup(ctx)
	if err == nil || ctx.Err() != nil {
		return b
	}
	fyne.Do(func() {
		if journal.ErrorCode(err) == journal.EDAMAGED {
			dialog.ShowConfirm("The journal may be damaged",
				"Today's backup found a problem in the journal: "+err.Error()+"\n\nSave nothing more for now. Open the backups to restore a sound one?",
				func(ok bool) {
					if ok {
						m.showBackups()
					}
				}, m.Window)
			return
		}
		dialog.ShowError(fmt.Errorf("today's automatic backup could not be made: %w", err), m.Window)
	})
	return nil
}

// offerRestore is shown instead of the main window when the journal is
// damaged: it says so and offers the newest backup that passes its check.
// It returns false when there is none to offer.
func offerRestore(s *session, openErr error) bool {
	good := s.soundBackup
	if good == nil {
		return false
	}
	w := s.a.NewWindow("Kindred")
	w.SetContent(newDamagedView(s, w, openErr, good))
	w.Resize(fyne.NewSize(560, 280))
	w.Show()
	return true
}

// damagedView says the journal is damaged and offers a sound backup.
type damagedView struct {
	widget.BaseWidget
	Message *widget.Label
	Restore *escButton
	Quit    *escButton
	content fyne.CanvasObject
}

func newDamagedView(s *session, w fyne.Window, openErr error, good *journal.BackupInfo) *damagedView {
	d := &damagedView{}
	d.ExtendBaseWidget(d)
	problem := openErr.Error()
	if je := journal.AsError(openErr); je != nil {
		problem = je.Message
	}
	d.Message = widget.NewLabel(fmt.Sprintf("%s\n\nKindred has not changed it. The newest backup that passes its check is from %s and holds %s. Restoring it keeps the damaged journal as a backup too.",
		problem, good.Made.Format("Monday 2 January 2006, 15:04"), countsLine(good.Contents.Stats)))
	d.Message.Wrapping = fyne.TextWrapWord
	d.Quit = newKeyButton("Quit", nil, func() { s.a.Quit() })
	d.Restore = newKeyButton("Restore This Backup", nil, nil)
	d.Restore.Importance = widget.HighImportance
	d.Restore.OnTapped = func() {
		d.Restore.Disable()
		d.Message.SetText("Restoring…")
		s.work(func() {
			_, err := journal.RestoreBackup(s.ctx, s.o.JournalPath, good.Path, nil, time.Now())
			var st *journal.Store
			if err == nil {
				st, err = s.o.Open(s.ctx, s.o.JournalPath)
			}
			fyne.Do(func() {
				if err != nil {
					d.Message.SetText("The backup could not be restored: " + err.Error())
					d.Restore.Enable()
					return
				}
				s.showMain(st)
				w.Close()
			})
		})
	}
	d.content = container.NewBorder(nil, container.NewHBox(d.Quit, layoutSpacer(), d.Restore), nil, nil, container.NewVScroll(d.Message))
	return d
}

func (d *damagedView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.content)
}
