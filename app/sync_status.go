package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// syncNow is the clock the sync status counts "2 min ago" from; tests fix it.
var syncNow = time.Now

// syncFooter is the line at the foot of the window that says how sync
// stands; pressing it opens the Sync panel. Hidden while the journal does
// not sync.
type syncFooter struct {
	widget.BaseWidget
	c      *syncCtl
	Button *escButton
	box    fyne.CanvasObject
}

func newSyncFooter(c *syncCtl) *syncFooter {
	f := &syncFooter{c: c}
	f.Button = newKeyButton("", theme.ViewRefreshIcon(), func() { c.showPanel() })
	f.Button.Importance = widget.LowImportance
	f.box = container.NewHBox(layout.NewSpacer(), f.Button)
	f.ExtendBaseWidget(f)
	f.Hide()
	return f
}

func (f *syncFooter) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(f.box)
}

// Text is what the footer says now.
func (f *syncFooter) Text() string { return f.Button.Text }

func (f *syncFooter) update() {
	c := f.c
	if !c.setUp() {
		f.Hide()
		return
	}
	text, warn := c.summary()
	f.Button.SetText(text)
	if warn {
		f.Button.Importance = widget.WarningImportance
	} else {
		f.Button.Importance = widget.LowImportance
	}
	f.Show()
	f.Button.Refresh()
}

// summary is the sync state in one line, and whether it needs the user.
func (c *syncCtl) summary() (string, bool) {
	st := c.status
	if c.trouble != "" {
		return "Sync: " + c.trouble, true
	}
	if n := len(c.conflictedEvenings()); n > 0 {
		return "Sync needs you: " + plural(n, "evening", "evenings") + " edited on two computers", true
	}
	if st.Problem != "" {
		return "Sync needs you: a problem with the folder", true
	}
	for _, p := range st.Computers {
		if p.Problem != "" {
			return "Sync needs you: a problem with " + computerName(p.Name), true
		}
	}
	if st.LastSynced.IsZero() {
		return "Syncing…", false
	}
	return "Synced " + agoText(st.LastSynced, syncNow()) + " \u00b7 " + plural(len(st.Computers)+1, "computer", "computers"), false
}

// conflictedEvenings lists each evening with another version once.
func (c *syncCtl) conflictedEvenings() []string {
	var ids []string
	for _, k := range c.conflicts {
		ids = append(ids, k.ReflectionID)
	}
	return uniqueStrings(ids)
}

// agoText says how long ago t was, for a status line: "just now", "2 min
// ago", "3 h ago", "on 4 Mar".
func agoText(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return "on " + t.Local().Format("2 Jan")
}

func computerName(name string) string {
	if strings.TrimSpace(name) == "" {
		return "a computer with no name"
	}
	return name
}

// syncPanel says everything sync knows: the folder, when it last synced,
// the computers seen, what needs the user; with Sync now and Stop syncing.
type syncPanel struct {
	c       *syncCtl
	md      *modal
	body    *fyne.Container
	SyncNow *escButton
	Stop    *escButton
	// Open holds a button per evening edited on two computers.
	Open []*escButton
}

// showPanel opens the Sync panel (or, before sync is set up, the dialog
// that sets it up).
func (c *syncCtl) showPanel() *syncPanel {
	if !c.setUp() {
		showSyncDialog(c.m)
		return nil
	}
	p := &syncPanel{c: c, body: container.NewVBox()}
	c.panel = p
	p.fill()
	p.md = c.m.newModal("Sync", container.New(fixedWidth(480), container.NewVScroll(p.body)))
	p.Stop = p.md.action("Stop syncing", widget.DangerImportance, func() bool {
		c.m.confirm("Stop syncing?", "This journal stops syncing with the folder. Everything in it stays, and so does the folder: "+
			"the other computers keep syncing with each other.", "Stop syncing", func() {
			p.md.close()
			c.forget()
		})
		return false
	})
	p.md.button("Close", widget.MediumImportance, nil)
	p.SyncNow = p.md.action("Sync now", widget.HighImportance, func() bool {
		c.requestRound()
		return false
	})
	p.md.onClose = func() {
		if c.panel == p {
			c.panel = nil
		}
	}
	p.md.show()
	p.md.resize(fyne.NewSize(520, 460))
	c.m.focus(p.SyncNow)
	return p
}

// fill writes the panel's lines from what sync knows now.
func (p *syncPanel) fill() {
	c := p.c
	st := c.status
	p.body.Objects = nil
	p.Open = nil
	line := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		p.body.Add(l)
	}
	if st == nil || !st.SetUp {
		line("This journal does not sync with a folder.", widget.MediumImportance)
		p.body.Refresh()
		return
	}
	line("Folder: "+st.Folder, widget.MediumImportance)
	last := "not yet"
	if !st.LastSynced.IsZero() {
		last = agoText(st.LastSynced, syncNow()) + " (" + st.LastSynced.Local().Format("2 Jan 15:04") + ")"
	}
	if c.running {
		last += "; syncing now…"
	}
	line("Last synced: "+last, widget.MediumImportance)
	if c.trouble != "" {
		line(troubleText(c.trouble, st.Folder, c.lastErr), widget.DangerImportance)
	}
	if st.Problem != "" {
		line(st.Problem, widget.WarningImportance)
	}
	p.body.Add(caption("Computers"))
	line(computerName(st.This.Name)+" (this computer)", widget.MediumImportance)
	for _, k := range st.Computers {
		text := computerName(k.Name)
		if k.Wall != "" {
			text += " \u2014 last seen " + wallText(k.Wall)
		}
		line(text, widget.MediumImportance)
		if k.Problem != "" {
			line(computerName(k.Name)+": "+k.Problem, widget.WarningImportance)
		}
	}
	if len(st.Computers) == 0 {
		line("No other computer has synced yet: on the other computer, choose File > Sync with a folder… and join with the pairing key.", widget.LowImportance)
	}
	if st.Pending > 0 {
		line(plural(st.Pending, "change", "changes")+" made here not sent yet.", widget.LowImportance)
	}
	if ids := c.conflictedEvenings(); len(ids) > 0 {
		p.body.Add(caption("Edited on two computers"))
		line("Both versions are kept. Open the evening to choose one.", widget.MediumImportance)
		for _, id := range ids {
			id := id
			label := "An evening"
			if ks := c.conflictsFor(id); len(ks) > 0 && ks[0].Reflection != nil {
				label = "The evening of " + eveningText(ks[0].Reflection.At)
			}
			b := newKeyButton(label, nil, func() {
				p.md.close()
				c.m.OpenReflection(id)
			})
			p.Open = append(p.Open, b)
			p.body.Add(b)
		}
	}
	p.body.Refresh()
}

// troubleText says what went wrong in a sentence.
func troubleText(trouble, folder string, err error) string {
	switch trouble {
	case "folder missing":
		return "The folder " + folder + " is not there. Is the drive connected, or the sync service running? " +
			"Kindred tries again every minute and keeps every change until then."
	case "folder read-only":
		return "The folder " + folder + " cannot be written. Kindred keeps every change until it can."
	}
	if err != nil {
		return "Could not sync: " + err.Error()
	}
	return "Could not sync."
}

// wallText shows another computer's clock as it wrote its last file.
func wallText(wall string) string {
	t, err := time.Parse(time.RFC3339, wall)
	if err != nil {
		t, err = time.Parse(time.RFC3339Nano, wall)
	}
	if err != nil {
		return wall
	}
	return t.Local().Format("2 Jan 15:04") + " (its clock)"
}

// forget stops syncing; the journal and the folder stay as they are.
func (c *syncCtl) forget() {
	eng := c.eng
	c.work(func() {
		err := eng.Forget(c.ctx)
		fyne.Do(func() {
			if err != nil {
				c.m.ShowError("Could not stop syncing", err)
				return
			}
			c.cancel()
			ctx, cancel := context.WithCancel(c.life)
			c.ctx, c.cancel = ctx, cancel
			c.watching = false
			c.lastErr, c.trouble = nil, ""
			c.read(false)
		})
	})
}
