package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kindred/journal"
	"kindred/journal/exchange"
)

func init() {
	fileMenuItems = append(fileMenuItems,
		func(m *MainWindow) *fyne.MenuItem {
			return fyne.NewMenuItem("Export as JSON…", func() { m.chooseJSONExport() })
		},
		func(m *MainWindow) *fyne.MenuItem {
			return fyne.NewMenuItem("Export as Markdown…", func() { m.chooseMarkdownExport() })
		},
	)
}

// plainTextWarning goes with every export: an export is never sealed.
const plainTextWarning = "The export is plain text: anyone who can open the file can read your journal, even if the journal itself is sealed. Keep it somewhere private."

// chooseJSONExport asks for a folder, not a file: Fyne's save dialog
// empties the file it was given before Kindred sees its name, and that file
// could be the journal itself.
func (m *MainWindow) chooseJSONExport() {
	var keep *widget.Check
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, m.Window)
			return
		}
		if dir == nil {
			return
		}
		m.exportJSONKeeping(dir.Path(), keep != nil && keep.Checked)
	}, m.Window)
	d.SetTitleText("Export the journal as JSON: choose a folder")
	d.SetConfirmText("Export Here")
	d.Show()
	_, keep = m.beforeJSONExport()
}

// keepPhotoMetadataText is the export's choice to write every photo as
// added (the command line's --keep-photo-metadata).
const keepPhotoMetadataText = "Keep every photo's place and camera (EXIF)"

// beforeJSONExport says what an export is, over the folder picker; a
// journal with photos gets the choice to keep their metadata, off unless
// ticked (photos marked "Keep place and camera" keep it either way).
func (m *MainWindow) beforeJSONExport() (*modal, *widget.Check) {
	msg := widget.NewLabel(plainTextWarning)
	msg.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(msg)
	var keep *widget.Check
	if has, err := m.store.HasPhotos(m.ctx); err == nil && has {
		note := widget.NewLabel("Photos are written without their place, camera and time, unless a photo is marked to keep them.")
		note.Wrapping = fyne.TextWrapWord
		keep = widget.NewCheck(keepPhotoMetadataText, nil)
		content.Add(note)
		content.Add(keep)
	}
	md := m.newModal("Before you export", content)
	md.button("OK", widget.HighImportance, nil)
	md.show()
	md.resize(fyne.NewSize(460, content.MinSize().Height+120))
	return md, keep
}

// exportJSONInto writes kindred-DATE.json (.zip with photos) into dir, asking before it
// replaces a file of that name; an output that would land on the journal or
// its backups is refused.
func (m *MainWindow) exportJSONInto(dir string) { m.exportJSONKeeping(dir, false) }

// exportJSONKeeping is exportJSONInto; keepMeta writes every photo as added.
func (m *MainWindow) exportJSONKeeping(dir string, keepMeta bool) {
	path, err := exchange.JSONExportPath(m.ctx, m.store, filepath.Join(dir, "kindred-"+m.now().Format("2006-01-02")+".json"))
	if err != nil {
		dialog.ShowError(err, m.Window)
		return
	}
	if err := journal.CheckOutputPath(m.store.Path(), path); err != nil {
		dialog.ShowError(errors.New(outputProblem(err)), m.Window)
		return
	}
	if _, err := os.Stat(path); err == nil {
		m.confirm("Replace the file?", fmt.Sprintf("%s already exists in %s. Replace it with the new export?",
			filepath.Base(path), dir), "Replace", func() { m.writeJSONExport(path, false, keepMeta) })
		return
	}
	m.writeJSONExport(path, false, keepMeta)
}

func (m *MainWindow) chooseMarkdownExport() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, m.Window)
			return
		}
		if dir == nil {
			return
		}
		m.exportMarkdown(dir.Path())
	}, m.Window)
	d.SetTitleText("Export as Markdown: choose a folder")
	d.SetConfirmText("Export Here")
	d.Show()
	dialog.ShowInformation("Before you export", "Kindred writes one file per person into the folder you choose.\n\n"+plainTextWarning, m.Window)
}

// exportJSON writes the export with a progress bar; created says the file
// was made empty by the save dialog and is removed again if the export fails.
func (m *MainWindow) exportJSON(path string, created bool) { m.writeJSONExport(path, created, false) }

func (m *MainWindow) writeJSONExport(path string, created, keepMeta bool) {
	progress := dialog.NewProgress("Exporting", "Writing the journal to "+path, m.Window)
	progress.Show()
	st := m.store
	m.run(func() {
		// A journal with photos is written as a zip beside: kindred-DATE.zip.
		out, err := exchange.ExportJSON(m.ctx, st, path, exchange.JSONExport{KeepMetadata: keepMeta, Progress: func(done float64) { fyne.Do(func() { progress.SetValue(done) }) }})
		if err != nil && created {
			if fi, statErr := os.Stat(path); statErr == nil && fi.Size() == 0 {
				os.Remove(path)
			}
		}
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				dialog.ShowError(fmt.Errorf("the export was not written: %w", err), m.Window)
				return
			}
			what := "The whole journal is in " + out.Path
			if out.Zip {
				what += ", with its " + plural(out.Photos, "photo", "photos")
			}
			dialog.ShowInformation("Exported", what+".", m.Window)
		})
	})
}

func (m *MainWindow) exportMarkdown(dir string) {
	if err := journal.CheckOutputDir(m.store.Path(), dir); err != nil {
		dialog.ShowError(errors.New(outputProblem(err)), m.Window)
		return
	}
	progress := dialog.NewProgress("Exporting", "Writing one file per person into "+dir, m.Window)
	progress.Show()
	st := m.store
	m.run(func() {
		files, err := exchange.WriteMarkdown(m.ctx, st, dir, func(done float64) { fyne.Do(func() { progress.SetValue(done) }) })
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				dialog.ShowError(errors.Join(fmt.Errorf("the export stopped after %d files", len(files)), err), m.Window)
				return
			}
			dialog.ShowInformation("Exported", fmt.Sprintf("%s written into %s.", plural(len(files), "file", "files"), dir), m.Window)
		})
	})
}
