package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kindred/journal/sealed"
	ksync "kindred/journal/sync"
	"kindred/journal/syncfolder"
)

func init() {
	fileMenuItems = append(fileMenuItems, func(m *MainWindow) *fyne.MenuItem {
		return fyne.NewMenuItem("Sync with a folder…", func() { m.sync.showPanel() })
	})
}

// syncDialog chooses the folder to sync through, then sets sync up there
// (the first computer) or joins the sync another computer set up.
type syncDialog struct {
	m  *MainWindow
	c  *syncCtl
	md *modal

	Folder     *textEntry
	Choose     *escButton
	Name       *textEntry
	Passphrase *textEntry // optional, when setting up: opens the folder too
	Key        *textEntry // the pairing key or passphrase, when joining
	Explain    *widget.Label
	Message    *widget.Label
	Progress   *widget.ProgressBar
	Setup      *escButton
	Join       *escButton
	Cancel     *escButton

	joining, busy bool
}

// lastSyncDialog is the dialog opened last, for tests.
var lastSyncDialog *syncDialog

func showSyncDialog(m *MainWindow) *syncDialog {
	d := &syncDialog{m: m, c: m.sync}
	lastSyncDialog = d
	d.Folder = newTextEntry("The folder your sync service shares")
	d.Folder.OnChanged = func(string) { d.check() }
	d.Choose = newKeyButton("Choose…", theme.FolderOpenIcon(), d.chooseFolder)
	d.Name = newTextEntry("This computer's name, as the others show it")
	if host, err := os.Hostname(); err == nil {
		d.Name.SetText(host)
	}
	d.Passphrase = newTextEntry("A passphrase that opens the folder too (optional)")
	d.Passphrase.Password = true
	d.Passphrase.OnChanged = func(string) { d.check() }
	d.Key = newTextEntry("The pairing key the first computer showed, or the folder's passphrase")
	d.Key.Password = true
	d.Key.OnChanged = func(string) { d.check() }
	for _, e := range []*textEntry{d.Folder, d.Name, d.Passphrase, d.Key} {
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.Explain = widget.NewLabel("")
	d.Explain.Wrapping = fyne.TextWrapWord
	d.Message = widget.NewLabel("")
	d.Message.Wrapping = fyne.TextWrapWord
	d.Message.Importance = widget.DangerImportance
	d.Progress = widget.NewProgressBar()
	d.Progress.Hide()

	intro := widget.NewLabel("Keep this journal in step with your other computers through a folder a sync service copies " +
		"between them. No server: every file Kindred puts there is sealed and reveals nothing.")
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(intro,
		container.NewBorder(nil, nil, nil, d.Choose, d.Folder),
		// The name is filled in from the host name, which hides its
		// placeholder: a label says what it is.
		d.Explain, container.NewBorder(nil, nil, widget.NewLabel("This computer is called"), nil, d.Name),
		d.Passphrase, d.Key, d.Progress, d.Message)
	d.md = m.newModal("Sync with a folder", container.New(fixedWidth(500), content))
	for _, e := range []*textEntry{d.Folder, d.Name, d.Passphrase, d.Key} {
		d.md.escapes(e)
	}
	d.Cancel = d.md.cancelButton("Cancel")
	d.Setup = d.md.action("Set up sync here (first computer)", widget.HighImportance, func() bool { d.setup(); return false })
	d.Join = d.md.action("Join", widget.HighImportance, func() bool { d.join(); return false })
	d.md.show()
	d.check()
	m.focus(d.Folder)
	return d
}

// submit is Enter in any of the dialog's fields: it presses the button that
// fits, once it can be pressed. Joining with no key typed yet, Enter goes on
// to the key's field.
func (d *syncDialog) submit() {
	switch {
	case d.busy:
	case d.joining && !d.Join.Disabled():
		d.Join.OnTapped()
	case d.joining:
		d.m.focus(d.Key)
	case !d.Setup.Disabled():
		d.Setup.OnTapped()
	}
}

func (d *syncDialog) chooseFolder() {
	fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			d.Folder.SetText(u.Path())
		}
	}, d.m.Window)
	fd.Show()
}

// dir is the folder typed, with ~ for the home folder.
func (d *syncDialog) dir() string {
	dir := strings.TrimSpace(d.Folder.Text)
	if home, err := os.UserHomeDir(); err == nil && (dir == "~" || strings.HasPrefix(dir, "~/")) {
		dir = filepath.Join(home, dir[1:])
	}
	// The sync's own folder chosen: the folder it is in was meant.
	if dir != "" && filepath.Base(dir) == syncfolder.Dir {
		if _, err := os.Stat(filepath.Join(dir, "keys")); err == nil {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}

// check shows what the folder asks for (set up or join) and enables the
// button that fits.
func (d *syncDialog) check() {
	if d.busy {
		return
	}
	dir := d.dir()
	d.joining = false
	problem, explain := "", ""
	if dir != "" {
		st, err := os.Stat(dir)
		switch {
		case err != nil:
			problem = "There is no folder at " + dir + "."
		case !st.IsDir():
			problem = dir + " is a file, not a folder."
		default:
			if _, err := os.Stat(filepath.Join(dir, syncfolder.Dir)); err == nil {
				d.joining = true
				explain = "This folder already holds a Kindred sync. Type the pairing key the first computer showed " +
					"(or the passphrase the folder was set up with) to join it: this journal takes everything written there, " +
					"and sends what it has."
			} else {
				explain = "No Kindred sync here yet: this computer sets it up, and shows the pairing key the others join with."
			}
		}
	}
	d.Message.SetText(problem)
	d.Explain.SetText(explain)
	show(d.Explain, explain != "")
	show(d.Passphrase, !d.joining)
	show(d.Key, d.joining)
	show(d.Setup, !d.joining)
	show(d.Join, d.joining)
	pass := d.Passphrase.Text
	setEnabled(d.Setup, dir != "" && problem == "" && (pass == "" || sealed.CheckPassphrase(pass) == nil))
	if pass != "" && problem == "" {
		if err := sealed.CheckPassphrase(pass); err != nil {
			d.Message.SetText(err.Error())
		}
	}
	setEnabled(d.Join, d.joining && strings.TrimSpace(d.Key.Text) != "")
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// setBusy disables the dialog while the engine works.
func (d *syncDialog) setBusy(on bool, what string) {
	d.busy = on
	for _, w := range []fyne.Disableable{d.Folder, d.Name, d.Passphrase, d.Key, d.Choose, d.Setup, d.Join, d.Cancel} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	d.Message.Importance = widget.MediumImportance
	d.Message.SetText(what)
	if !on {
		d.Message.Importance = widget.DangerImportance
		d.Progress.Hide()
		d.check()
	}
}

func (d *syncDialog) options() ksync.SetupOptions {
	return ksync.SetupOptions{Name: strings.TrimSpace(d.Name.Text), Passphrase: d.Passphrase.Text}
}

// setup makes the folder a sync folder for this journal and shows the
// pairing key, once.
func (d *syncDialog) setup() {
	dir, o := d.dir(), d.options()
	c := d.c
	d.setBusy(true, "Setting up sync…")
	c.running = true
	c.work(func() {
		pairing, _, err := c.eng.Setup(c.ctx, dir, o)
		fyne.Do(func() {
			c.running = false
			if pairing == "" {
				d.setBusy(false, "")
				d.Message.SetText("Sync was not set up: " + err.Error())
				return
			}
			d.md.close()
			showPairingKey(c.m, pairing, dir)
			c.read(true)
		})
	})
}

// join takes the folder's sync with the key typed; a big journal shows its
// progress as the files are taken.
func (d *syncDialog) join() {
	dir, key, o := d.dir(), strings.TrimSpace(d.Key.Text), d.options()
	o.Passphrase = ""
	c := d.c
	d.setBusy(true, "Joining: reading what the other computers wrote…")
	d.Progress.SetValue(0)
	d.Progress.Show()
	c.running = true
	c.work(func() {
		rep, err := c.eng.Join(c.ctx, dir, key, o, func(done, total int) {
			fyne.Do(func() {
				if total > 0 {
					d.Progress.Max = float64(total)
					d.Progress.SetValue(float64(done))
				}
			})
		})
		st, conf, rerr := c.readState(c.eng)
		trouble := troubleOf(err, st)
		fyne.Do(func() {
			c.running = false
			if c.closed {
				return
			}
			if rerr != nil || !st.SetUp {
				d.setBusy(false, "")
				if errors.Is(err, syncfolder.ErrWrongKey) {
					d.Message.SetText("That key does not open this sync folder. Type the pairing key the first computer showed, or the folder's passphrase.")
				} else if err != nil {
					d.Message.SetText("Could not join: " + err.Error())
				}
				return
			}
			d.md.close()
			// Joined: what the first round brought shows as a round's would.
			c.roundDone(rep, err, trouble, st, conf, nil)
			got := 0
			if rep != nil {
				got = rep.Received
			}
			c.m.inform("Joined", fmt.Sprintf("This journal now syncs with %s: %s taken from the other computers. "+
				"From now on, what you write here goes there and what they write shows here.", dir, plural(got, "thing", "things")))
		})
	})
}

// pairingKeyDialog shows a new sync folder's pairing key, once.
type pairingKeyDialog struct {
	Key     *widget.Label
	Copy    *escButton
	Path    *textEntry
	Save    *escButton
	Message *widget.Label
	Done    *escButton
	md      *modal
}

// lastPairingKeyDialog is the dialog shown last, for tests.
var lastPairingKeyDialog *pairingKeyDialog

func showPairingKey(m *MainWindow, key, syncDir string) *pairingKeyDialog {
	p := &pairingKeyDialog{}
	lastPairingKeyDialog = p
	p.Key = widget.NewLabelWithStyle(key, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	p.Key.Selectable = true
	p.Copy = newKeyButton("Copy", theme.ContentCopyIcon(), func() { copySecret(m.app, key) })
	explain := widget.NewLabel("Sync is set up. On the other computer, once the sync service has copied the folder there, choose " +
		"File > Sync with a folder…, pick the folder and type this pairing key. Kindred shows it only now and keeps no copy. " +
		"Keep it secret: with it and the folder, anyone can read the journal.")
	explain.Wrapping = fyne.TextWrapWord
	p.Path = newTextEntry("A file to keep the key in")
	if home, err := os.UserHomeDir(); err == nil {
		p.Path.SetText(filepath.Join(home, "Kindred pairing key.txt"))
	}
	p.Message = widget.NewLabel("")
	p.Message.Wrapping = fyne.TextWrapWord
	p.Save = newKeyButton("Save to this file", theme.DocumentSaveIcon(), func() {
		p.Message.SetText(savePairingKey(strings.TrimSpace(p.Path.Text), key, syncDir))
	})
	content := container.NewVBox(explain, container.NewBorder(nil, nil, nil, p.Copy, p.Key),
		widget.NewLabel("Or keep it in a file only you can read:"), container.NewBorder(nil, nil, nil, p.Save, p.Path), p.Message)
	p.md = m.newModal("The pairing key", container.New(fixedWidth(520), content))
	p.md.escapes(p.Path)
	p.Done = p.md.button("I have kept it", widget.HighImportance, nil)
	p.md.show()
	m.focus(p.Copy)
	return p
}

// savePairingKey writes the key to a new file only its owner can read, and
// says how it went. It never writes over a file, nor into the sync folder.
func savePairingKey(path, key, syncDir string) string {
	if path == "" {
		return "Type where to save it."
	}
	if abs, err := filepath.Abs(path); err == nil {
		if dir, err := filepath.Abs(syncDir); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return "Not in the sync folder: beside the key, the folder would be open to anyone who has it."
			}
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return "A file is already there: choose another name."
	}
	if err != nil {
		return "Not saved: " + err.Error()
	}
	_, err = f.WriteString(key + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "Not saved: " + err.Error()
	}
	return "Saved to " + path + " (only you can read it)."
}
