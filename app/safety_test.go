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

	"kindred/journal"
	"kindred/journal/exchange"
)

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
	if b, ok := o.(*escButton); ok && b.Text == text {
		return &b.Button
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

// sessionOn starts a test session on the journal at path, its window's
// store work run in place.
func sessionOn(t *testing.T, a fyne.App, path string) *session {
	t.Helper()
	s := newTestSession(t, a, path)
	if err := startSession(t, s); err != nil {
		t.Fatal(err)
	}
	<-s.main.Loaded()
	s.main.run = runNow
	return s
}

func TestFileMenuHasBackupImportAndExport(t *testing.T) {
	m := newWindow(t, storeWith(t, 1))
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
	ctx := context.Background()
	a := test.NewTempApp(t)
	first := storeWith(t, 2)
	path := first.Path()
	day := time.Date(2026, 5, 1, 9, 0, 0, 0, time.Local)
	first.Now = func() time.Time { return day }
	if _, err := first.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	first.Close()
	s := sessionOn(t, a, path)
	m := s.main
	st := m.store
	people, _ := st.People(ctx, false)
	for i := 0; i < 3; i++ {
		r := &journal.Reflection{At: time.Date(2025, 3, 1+i, 20, 0, 0, 0, time.UTC), Encounters: []journal.Encounter{{PersonID: people[0].ID}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// Words not saved yet: the restore must not lose them.
	if err := st.SaveDraft(ctx, &journal.Draft{ID: "typing", Body: `{"text":"half a sentence"}`}); err != nil {
		t.Fatal(err)
	}
	v := NewBackupsView(m)
	test.NewTempWindow(t, v)
	v.Load()
	if len(v.backups) < 1 || !strings.Contains(v.Status.Text, "backups in") {
		t.Fatalf("listed %d backups, status %q", len(v.backups), v.Status.Text)
	}
	test.Tap(v.Backup)
	if len(v.backups) != 2 {
		t.Fatalf("after Back Up Now: %d backups listed, want 1 May's and the new one", len(v.backups))
	}
	older := -1
	for i, b := range v.backups {
		if b.Kind == journal.BackupAutomatic && b.Day.Day() == 1 && b.Day.Month() == time.May {
			older = i
		}
	}
	if older < 0 {
		t.Fatalf("1 May's backup is not listed")
	}
	if line := backupLine(v.backups[older]); !strings.Contains(line, "Automatic") || !strings.Contains(line, "2 reflections") || !strings.Contains(line, "kB") {
		t.Errorf("the backup's line: %q", line)
	}
	if !v.Restore.Disabled() {
		t.Errorf("Restore is enabled with nothing chosen")
	}
	v.List.Select(older)
	if v.Restore.Disabled() {
		t.Fatalf("Restore is disabled with a backup chosen")
	}
	test.Tap(v.Restore)
	// The confirmation says what will happen; cancelling changes nothing.
	test.Tap(topOverlayButton(t, m.Window, "Cancel"))
	if c, _ := st.Stats(ctx); c.Reflections != 5 {
		t.Fatalf("cancelled restore changed the journal: %d reflections", c.Reflections)
	}
	test.Tap(v.Restore)
	test.Tap(topOverlayButton(t, m.Window, "Restore"))

	if s.main == m || s.store == st || s.store == nil {
		t.Fatalf("the window did not move to the restored journal")
	}
	c, err := s.store.Stats(ctx)
	if err != nil || c.Reflections != 2 {
		t.Fatalf("after the restore the journal holds %d reflections (%v), want the backup's 2", c.Reflections, err)
	}
	drafts, _ := s.store.Drafts(ctx)
	if len(drafts) != 1 || drafts[0].Body != `{"text":"half a sentence"}` {
		t.Errorf("the unsaved words did not follow the restore: %+v", drafts)
	}
	kept, _ := filepath.Glob(filepath.Join(journal.BackupDir(path), "*before-restore*"))
	if len(kept) != 1 {
		t.Fatalf("the replaced journal was not kept: %v", kept)
	}
	if c, _ := journal.InspectImage(ctx, kept[0], false); c.Reflections != 5 {
		t.Errorf("the kept journal holds %d reflections, want 5", c.Reflections)
	}
}

func TestImportDialogMapsBeforeWriting(t *testing.T) {
	ctx := context.Background()
	st := storeWith(t, 0)
	m := newWindow(t, st)
	path := filepath.Join("..", "journal", "exchange", "testdata", "jrnl", "journal.json")
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
	m := newWindow(t, storeWith(t, 3))
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
	st := storeWith(t, 1)
	m := newWindow(t, st)
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

	s := newTestSession(t, a, path)
	openErr := startSession(t, s)
	if journal.ErrorCode(openErr) != journal.EDAMAGED {
		t.Fatalf("start: %v, want damaged", openErr)
	}
	good, err := journal.NewestGoodBackup(ctx, path, nil)
	if err != nil || good == nil {
		t.Fatalf("newest good backup: %v %v", good, err)
	}
	if s.soundBackup == nil || s.soundBackup.Path != good.Path {
		t.Fatalf("opening found %v to offer, want %s", s.soundBackup, good.Path)
	}
	w := a.NewWindow("Kindred")
	d := newDamagedView(s, w, openErr, good)
	w.SetContent(d)
	if !strings.Contains(d.Message.Text, "damaged") || !strings.Contains(d.Message.Text, "has not changed it") || !strings.Contains(d.Message.Text, "4 reflections") {
		t.Errorf("the message: %q", d.Message.Text)
	}
	if after, _ := os.ReadFile(path); string(after) != string(b) {
		t.Fatalf("the damaged journal was written to")
	}
	test.Tap(d.Restore)
	if s.main == nil || s.store == nil {
		t.Fatalf("no journal is open after the restore: %q", d.Message.Text)
	}
	if problems, err := journal.Check(ctx, path); err != nil || len(problems) > 0 {
		t.Fatalf("after the restore: %v %v", problems, err)
	}
	if c, _ := s.store.Stats(ctx); c.Reflections != 4 {
		t.Errorf("the restored journal holds %d reflections, want 4", c.Reflections)
	}
	if !offerRestore(s, openErr) {
		t.Errorf("offerRestore found nothing to offer")
	}
}

// The jrnl file's entry 3 has no tag or @name, and entry 2 names only jonas,
// left out here: the dialog can give both to a new person, named there, and
// importing again adds nothing.
func TestImportDialogGivesEntriesThatNameNoOneToSomeone(t *testing.T) {
	ctx := context.Background()
	st := storeWith(t, 0)
	m := newWindow(t, st)
	path := filepath.Join("..", "journal", "exchange", "testdata", "jrnl", "journal.json")
	src, err := exchange.ReadFile(path, exchange.ReadOptions{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	open := func() *ImportDialog {
		kinds, _ := st.Kinds(ctx)
		people, _ := st.People(ctx, true)
		d := NewImportDialog(m, path, src, kinds, people)
		test.NewTempWindow(t, d)
		test.Tap(d.SkipBad)
		d.Selects["jonas"].SetSelected(choiceLeaveOut)
		return d
	}
	d := open()
	if d.NoOne.Selected != choiceLeaveOut || d.NoOneName.Visible() {
		t.Fatalf("entries that name no one: %q (name field shown: %v), want them left out by default", d.NoOne.Selected, d.NoOneName.Visible())
	}
	d.NoOne.SetSelected(choiceNewNamed)
	if !d.NoOneName.Visible() || !d.Import.Disabled() || !strings.Contains(d.Status.Text, "Type the name") {
		t.Fatalf("a new person without a name: field shown %v, Import disabled %v, status %q", d.NoOneName.Visible(), d.Import.Disabled(), d.Status.Text)
	}
	test.Type(d.NoOneName, "Mum")
	if d.Import.Disabled() {
		t.Fatalf("Import is disabled with every choice made: %q", d.Status.Text)
	}
	test.Tap(d.Import)
	if d.Summary == nil {
		t.Fatalf("no summary after Import: %q", d.Status.Text)
	}
	if !strings.Contains(d.Status.Text, "Added: 1 person, 4 reflections") || !strings.Contains(d.Status.Text, "With Mum: 2 entries that named no one (entries 2, 3).") {
		t.Errorf("summary shown: %q", d.Status.Text)
	}
	mum, err := st.FindPerson(ctx, "Mum")
	if err != nil {
		t.Fatal(err)
	}

	// Again, choosing Mum, now a person of the journal: nothing new.
	d = open()
	d.NoOne.SetSelected("Mum")
	if got := d.Unattributed(); got.PersonID != mum.ID {
		t.Fatalf("choice: %+v, want Mum's id", got)
	}
	test.Tap(d.Import)
	if d.Summary == nil || !strings.Contains(d.Status.Text, "Nothing new to add.") {
		t.Errorf("second import: %q", d.Status.Text)
	}
	if s, _ := st.Stats(ctx); s.Reflections != 4 || s.People != 2 {
		t.Errorf("after importing twice: %+v, want 4 reflections and 2 people", s)
	}
}
