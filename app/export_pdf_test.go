package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/insights"
	"kindred/journal"
)

// exportJournal is a journal with Ana (two evenings) and Ben (one).
func exportJournal(t *testing.T) (*journal.Store, *journal.Person) {
	t.Helper()
	st := openJournal(t)
	ctx := context.Background()
	ana, err := st.AddPerson(ctx, "Ana Lima")
	if err != nil {
		t.Fatal(err)
	}
	ben, err := st.AddPerson(ctx, "Ben")
	if err != nil {
		t.Fatal(err)
	}
	for i, who := range []*journal.Person{ana, ana, ben} {
		r := &journal.Reflection{At: testNow.AddDate(0, 0, -10*(i+1)), Text: "An evening to export.",
			Encounters: []journal.Encounter{{PersonID: who.ID, Closeness: 5, Moments: []journal.Moment{{Kind: journal.KindLaughed}}}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	return st, ana
}

// exportsInline forgets the progress hook a test sets; exports already run
// in place in tests, through the window's runner.
func exportsInline(t *testing.T) {
	t.Cleanup(func() { exportProgressHook = nil })
}

// topButtons are the labels of the top dialog's buttons.
func topButtons(m *MainWindow) []string {
	if len(m.dialogs) == 0 {
		return nil
	}
	var out []string
	for _, b := range m.dialogs[len(m.dialogs)-1].buttons {
		out = append(out, b.(*escButton).Text)
	}
	return out
}

func tapTop(t *testing.T, m *MainWindow, label string) {
	t.Helper()
	for _, b := range m.dialogs[len(m.dialogs)-1].buttons {
		if eb := b.(*escButton); eb.Text == label {
			test.Tap(eb)
			return
		}
	}
	t.Fatalf("no %q button in the top dialog (%q)", label, topButtons(m))
}

func TestExportPDFFromInsightsScreen(t *testing.T) {
	st, ana := exportJournal(t)
	m := newWindow(t, st)
	exportsInline(t)
	m.Insights.RangeSelect.SetSelected(insights.PresetAll.String())
	m.SelectPerson(ana.ID)

	test.Tap(m.Insights.ExportPDF)
	if got := topButtons(m); strings.Join(got, ",") != "Cancel,Export" {
		t.Fatalf("the Insights button opened %q, want the export dialog", got)
	}
	m.closeTopDialog()

	e := m.openPDFExport()
	if !e.picked[ana.ID] || len(e.picked) != 1 {
		t.Errorf("picked %v, want just Ana, the person on screen", e.picked)
	}
	if want := "Kindred – Ana Lima – 2026-03-10.pdf"; e.FileName.Text != want {
		t.Errorf("file name %q, want %q", e.FileName.Text, want)
	}
	if !e.WithText.Checked || e.Paper.Selected != paperA4 {
		t.Errorf("defaults: text %v, paper %q", e.WithText.Checked, e.Paper.Selected)
	}
	dir := t.TempDir()
	e.folder = dir
	var steps []int
	exportProgressHook = func(_ *PDFExport, done, total int) { steps = append(steps, done) }
	test.Tap(e.Export)

	path := filepath.Join(dir, "Kindred – Ana Lima – 2026-03-10.pdf")
	st2, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no report written: %v (outcome %q)", err, e.Outcome)
	}
	if st2.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st2.Mode().Perm())
	}
	if head, _ := os.ReadFile(path); !strings.HasPrefix(string(head), "%PDF-") {
		t.Errorf("not a PDF")
	}
	if !strings.HasPrefix(e.Outcome, "Saved ") || len(steps) == 0 || e.Bar.Value != 1 {
		t.Errorf("outcome %q, progress %v (bar %.2f)", e.Outcome, steps, e.Bar.Value)
	}
	if got := topButtons(m); strings.Join(got, ",") != "Open,Close" {
		t.Errorf("after the export the window shows %q, want the done dialog", got)
	}
	if dirSetting, _ := st.Setting(context.Background(), exportFolderSetting); dirSetting != dir {
		t.Errorf("folder remembered as %q, want %q", dirSetting, dir)
	}
}

func TestExportPDFAsksBeforeReplacing(t *testing.T) {
	st, _ := exportJournal(t)
	m := newWindow(t, st)
	exportsInline(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, []byte("an older report"), 0o600); err != nil {
		t.Fatal(err)
	}
	open := func() *PDFExport {
		e := m.openPDFExport()
		e.folder = dir
		e.FileName.SetText("report") // .pdf is added
		return e
	}

	open()
	tapTop(t, m, "Export")
	if got := topButtons(m); strings.Join(got, ",") != "Cancel,Replace" {
		t.Fatalf("got %q, want a question before replacing", got)
	}
	tapTop(t, m, "Cancel")
	if b, _ := os.ReadFile(path); string(b) != "an older report" {
		t.Fatalf("the file changed without confirmation")
	}

	e := open()
	tapTop(t, m, "Export")
	tapTop(t, m, "Replace")
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("after Replace the file is not the new report (outcome %q)", e.Outcome)
	}
}

func TestExportPDFCancelLeavesNothing(t *testing.T) {
	st, _ := exportJournal(t)
	m := newWindow(t, st)
	exportsInline(t)
	dir := t.TempDir()
	e := m.openPDFExport()
	e.folder = dir
	exportProgressHook = func(e *PDFExport, done, total int) {
		if done == 1 {
			test.Tap(e.Cancel)
		}
	}
	test.Tap(e.Export)
	if !strings.HasPrefix(e.Outcome, "Export cancelled") {
		t.Errorf("outcome %q, want cancelled", e.Outcome)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled export left %v", entries)
	}
}

func TestExportPDFBadInputChangesNothing(t *testing.T) {
	st, _ := exportJournal(t)
	m := newWindow(t, st)
	exportsInline(t)
	dir := t.TempDir()
	for _, c := range []struct {
		from, to, name, want string
	}{
		{"last week", "", "r.pdf", "not a date"},
		{"2026-03-01", "2026-02-01", "r.pdf", "before the start"},
		{"", "", "  ", "file name"},
		{"", "", "sub/r.pdf", "file name"},
		{"2030-01-01", "", "r.pdf", "no evenings"},
	} {
		e := m.openPDFExport()
		e.folder = dir
		e.From.SetText(c.from)
		e.To.SetText(c.to)
		e.FileName.SetText(c.name)
		test.Tap(e.Export)
		problem := e.Problem.Text
		if !e.Problem.Visible() {
			problem = e.Outcome
		}
		if !strings.Contains(problem, c.want) {
			t.Errorf("from %q to %q name %q: got %q, want it to mention %q", c.from, c.to, c.name, problem, c.want)
		}
		for m.closeTopDialog() {
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("bad input left %v", entries)
	}
}

func TestExportPDFInFileMenu(t *testing.T) {
	st, _ := exportJournal(t)
	m := newWindow(t, st)
	for _, it := range m.Window.MainMenu().Items[0].Items {
		if it.Label == "Export PDF…" {
			if it.Shortcut == nil {
				t.Errorf("Export PDF… has no shortcut")
			}
			it.Action()
			if got := topButtons(m); strings.Join(got, ",") != "Cancel,Export" {
				t.Errorf("the menu entry opened %q", got)
			}
			return
		}
	}
	t.Errorf("no Export PDF… in the File menu")
}
