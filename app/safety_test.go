package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/exchange"
	"kindred/journal"
)

// synchronous makes the GUI's background work run at once, so a test sees
// its result on return instead of waiting for it.
func synchronous(t *testing.T) {
	t.Helper()
	saved := runAsync
	runAsync = func(f func()) { f() }
	t.Cleanup(func() { runAsync = saved })
}

// storeWith opens a journal in a temp dir with n evenings with Marta.
func storeWith(t *testing.T, n int) *journal.Store {
	t.Helper()
	ctx := context.Background()
	s, err := journal.Open(ctx, filepath.Join(t.TempDir(), "journal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.AddPerson(ctx, "Marta")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		r := &journal.Reflection{At: time.Date(2025, 2, 1+i, 20, 0, 0, 0, time.UTC), Text: "Tea and a long talk.",
			Encounters: []journal.Encounter{{PersonID: p.ID, Closeness: 4, Moments: []journal.Moment{{Kind: journal.KindDeepTalk}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// findButton finds a button by its text among o and everything inside it.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if b := findButton(c, text); b != nil {
			return b
		}
	}
	return nil
}

func topOverlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is showing")
	}
	b := findButton(top, text)
	if b == nil {
		t.Fatalf("the dialog has no %q button", text)
	}
	return b
}

func TestFileMenuHasBackupImportAndExport(t *testing.T) {
	test.NewTempApp(t)
	m := NewMainWindow(context.Background(), fyne.CurrentApp(), storeWith(t, 1))
	var labels []string
	for _, it := range m.mainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	all := strings.Join(labels, "|")
	for _, want := range []string{"Back Up Now", "Backups…", "Import…", "Export as JSON…", "Export as Markdown…"} {
		if !strings.Contains(all, want) {
			t.Errorf("the File menu lacks %q: %v", want, labels)
		}
	}
}

func TestBackupsViewRestoresWithConfirmation(t *testing.T) {
	synchronous(t)
	ctx := context.Background()
	test.NewTempApp(t)
	st := storeWith(t, 2)
	day := time.Date(2026, 5, 1, 9, 0, 0, 0, time.Local)
	st.Now = func() time.Time { return day }
	if _, err := st.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	people, _ := st.People(ctx, false)
	for i := 0; i < 3; i++ {
		r := &journal.Reflection{At: time.Date(2025, 3, 1+i, 20, 0, 0, 0, time.UTC), Encounters: []journal.Encounter{{PersonID: people[0].ID}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	m := NewMainWindow(ctx, fyne.CurrentApp(), st)
	m.Window.Resize(fyne.NewSize(900, 700))
	v := NewBackupsView(m)
	test.NewTempWindow(t, v)
	v.Load()
	if len(v.backups) != 1 || !strings.Contains(v.Status.Text, "1 backups") && !strings.Contains(v.Status.Text, "backups in") {
		t.Fatalf("listed %d backups, status %q", len(v.backups), v.Status.Text)
	}
	if line := backupLine(v.backups[0]); !strings.Contains(line, "Automatic") || !strings.Contains(line, "2 reflections") || !strings.Contains(line, "kB") {
		t.Errorf("the backup's line: %q", line)
	}
	test.Tap(v.Backup)
	if len(v.backups) != 2 {
		t.Fatalf("after Back Up Now: %d backups listed, want 2", len(v.backups))
	}
	if !v.Restore.Disabled() {
		t.Errorf("Restore is enabled with nothing chosen")
	}
	// Choose the automatic backup (the older one) and restore it.
	older := 1
	if v.backups[0].Kind == journal.BackupAutomatic {
		older = 0
	}
	v.List.Select(older)
	if v.Restore.Disabled() {
		t.Fatalf("Restore is disabled with a backup chosen")
	}
	test.Tap(v.Restore)
	// The confirmation says what will happen; cancelling changes nothing.
	test.Tap(topOverlayButton(t, m.Window, "Cancel"))
	if s, _ := st.Stats(ctx); s.Reflections != 5 {
		t.Fatalf("cancelled restore changed the journal: %d reflections", s.Reflections)
	}
	test.Tap(v.Restore)
	test.Tap(topOverlayButton(t, m.Window, "Restore"))

	c, err := journal.InspectImage(ctx, st.Path(), true)
	if err != nil || c.Reflections != 2 {
		t.Fatalf("after the restore the journal holds %d reflections (%v), want the backup's 2", c.Reflections, err)
	}
	kept, _ := filepath.Glob(filepath.Join(journal.BackupDir(st.Path()), "*before-restore*"))
	if len(kept) != 1 {
		t.Fatalf("the replaced journal was not kept: %v", kept)
	}
	if c, _ := journal.InspectImage(ctx, kept[0], false); c.Reflections != 5 {
		t.Errorf("the kept journal holds %d reflections, want 5", c.Reflections)
	}
	if session.store == nil || session.store == st {
		t.Errorf("the window did not move to the restored journal")
	}
	endSession()
}

func TestImportDialogMapsBeforeWriting(t *testing.T) {
	synchronous(t)
	ctx := context.Background()
	test.NewTempApp(t)
	st := storeWith(t, 0)
	m := NewMainWindow(ctx, fyne.CurrentApp(), st)
	path := filepath.Join("..", "exchange", "testdata", "jrnl", "journal.json")
	src, err := exchange.ReadFile(path, exchange.ReadOptions{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	kinds, _ := st.Kinds(ctx)
	people, _ := st.People(ctx, true)
	d := NewImportDialog(m, path, src, kinds, people)
	test.NewTempWindow(t, d)

	marta, jonas := d.Selects["marta"], d.Selects["jonas"]
	if marta == nil || jonas == nil || len(d.Selects) != 2 {
		t.Fatalf("name menus: %v; want marta and jonas (laughed and adventure are moments)", d.Selects)
	}
	if marta.Selected != "Marta" {
		t.Errorf("marta is preselected as %q, want the journal's Marta", marta.Selected)
	}
	if !d.Import.Disabled() {
		t.Fatalf("Import is enabled with an unreadable entry and jonas undecided")
	}
	test.Tap(d.SkipBad)
	if !d.Import.Disabled() || !strings.Contains(d.Status.Text, "Say who") {
		t.Fatalf("Import is enabled with jonas undecided (status %q)", d.Status.Text)
	}
	jonas.SetSelected(choiceNewPrefix + "jonas")
	if d.Import.Disabled() {
		t.Fatalf("Import is disabled with every choice made: %q", d.Status.Text)
	}
	if s, _ := st.Stats(ctx); s.Reflections != 0 || s.People != 1 {
		t.Fatalf("the preview wrote to the journal: %+v", s)
	}
	test.Tap(d.Import)
	if d.Summary == nil {
		t.Fatalf("no summary after Import: %q", d.Status.Text)
	}
	if !strings.Contains(d.Status.Text, "Added: 1 person, 3 reflections") || !strings.Contains(d.Status.Text, "Skipped: 1 entry") {
		t.Errorf("summary shown: %q", d.Status.Text)
	}
	if s, _ := st.Stats(ctx); s.Reflections != 3 || s.People != 2 {
		t.Errorf("after the import: %+v, want 3 reflections and 2 people", s)
	}
}

func TestExportFromTheWindow(t *testing.T) {
	synchronous(t)
	ctx := context.Background()
	test.NewTempApp(t)
	st := storeWith(t, 3)
	m := NewMainWindow(ctx, fyne.CurrentApp(), st)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.json")
	m.exportJSON(path, false)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format      string            `json:"format"`
		Reflections []json.RawMessage `json:"reflections"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Format != "kindred-journal" || len(doc.Reflections) != 3 {
		t.Errorf("the JSON export: %v, format %q, %d reflections", err, doc.Format, len(doc.Reflections))
	}
	m.exportMarkdown(filepath.Join(dir, "md"))
	if _, err := os.Stat(filepath.Join(dir, "md", "Marta.md")); err != nil {
		t.Errorf("the Markdown export: %v", err)
	}
}

func TestScheduledBackupOncePerDay(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	st := storeWith(t, 1)
	m := NewMainWindow(ctx, fyne.CurrentApp(), st)
	day := time.Date(2026, 6, 1, 23, 50, 0, 0, time.Local)
	st.Now = func() time.Time { return day }
	if b := m.scheduledBackup(ctx); b == nil {
		t.Fatalf("no backup on the first tick of the day")
	}
	if b := m.scheduledBackup(ctx); b != nil {
		t.Errorf("a second backup the same day: %s", b.Path)
	}
	// The window stays open past midnight: the next tick makes the next day's.
	day = day.Add(20 * time.Minute)
	b := m.scheduledBackup(ctx)
	if b == nil || !strings.Contains(b.Path, "2026-06-02") {
		t.Errorf("after midnight: got %v, want the backup of 2 June", b)
	}
}

func TestDamagedJournalOffersTheNewestSoundBackup(t *testing.T) {
	synchronous(t)
	ctx := context.Background()
	a := test.NewTempApp(t)
	st := storeWith(t, 4)
	path := st.Path()
	if _, err := st.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	b, _ := os.ReadFile(path)
	copy(b[100:600], make([]byte, 500)) // the schema page
	os.WriteFile(path, b, 0o600)

	_, openErr := journal.Open(ctx, path)
	if journal.ErrorCode(openErr) != journal.EDAMAGED {
		t.Fatalf("open: %v, want damaged", openErr)
	}
	good, err := journal.NewestGoodBackup(ctx, path, nil)
	if err != nil || good == nil {
		t.Fatalf("newest good backup: %v %v", good, err)
	}
	w := a.NewWindow("Kindred")
	o := Options{JournalPath: path, Open: journal.Open}
	d := newDamagedView(ctx, a, w, o, openErr, good)
	w.SetContent(d)
	if !strings.Contains(d.Message.Text, "damaged") || !strings.Contains(d.Message.Text, "has not changed it") || !strings.Contains(d.Message.Text, "4 reflections") {
		t.Errorf("the message: %q", d.Message.Text)
	}
	if after, _ := os.ReadFile(path); string(after) != string(b) {
		t.Fatalf("the damaged journal was written to")
	}
	test.Tap(d.Restore)
	if problems, err := journal.Check(ctx, path); err != nil || len(problems) > 0 {
		t.Fatalf("after the restore: %v %v", problems, err)
	}
	if session.store == nil {
		t.Fatalf("no journal is open after the restore")
	}
	if s, _ := session.store.Stats(ctx); s.Reflections != 4 {
		t.Errorf("the restored journal holds %d reflections, want 4", s.Reflections)
	}
	endSession()
}
