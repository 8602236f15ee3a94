package app

import (
	"flag"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kindred/journal/journaltest"
)

var updateReadme = flag.Bool("update", false, "rewrite the README's list of keys from the table")

const (
	keysBegin = "<!-- keys:begin (made by: go test ./app -run TestReadmeListsEveryShortcut -update) -->\n"
	keysEnd   = "<!-- keys:end -->"
)

// The README lists exactly the keys of the table Help > Keyboard shortcuts
// shows; -update writes the list from the table.
func TestReadmeListsEveryShortcut(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, keysBegin), strings.Index(readme, keysEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no keys section between %q and %q", keysBegin, keysEnd)
	}
	got := readme[i+len(keysBegin) : j]
	want := "\n" + shortcutsMarkdown() + "\n"
	if got == want {
		return
	}
	if *updateReadme {
		if err := os.WriteFile(path, []byte(readme[:i+len(keysBegin)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's keys differ from app/keys_table.go; run go test ./app -run TestReadmeListsEveryShortcut -update\ngot:\n%s\nwant:\n%s", got, want)
}

// F1, Ctrl+? and Help > Keyboard shortcuts show every key of the table.
func TestTheKeysSheetShowsTheTable(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()
	sheetText := func() string {
		var b strings.Builder
		if top := m.Window.Canvas().Overlays().Top(); top != nil {
			for _, o := range test.LaidOutObjects(top) {
				if l, ok := o.(*widget.Label); ok {
					b.WriteString(l.Text + "\n")
				}
			}
		}
		return b.String()
	}
	check := func(how string) {
		t.Helper()
		text := sheetText()
		for _, s := range Shortcuts {
			if !strings.Contains(text, s.Keys) || !strings.Contains(text, s.What) {
				t.Errorf("%s: the sheet lacks %q, %q", how, s.Keys, s.What)
			}
		}
		m.closeTopDialog()
		if m.Window.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s: the sheet did not close", how)
		}
	}
	m.Window.Canvas().Focus(m.Sidebar.Filter)
	pressKey(m, fyne.KeyF1)
	check("F1 in the people filter")
	pressShortcut(m, &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	check("Ctrl+?")
	var help *fyne.MenuItem
	for _, menu := range m.Window.MainMenu().Items {
		if menu.Label == "Help" {
			help = menu.Items[0]
		}
	}
	if help == nil {
		t.Fatal("no Help menu")
	}
	help.Action()
	check("Help > Keyboard shortcuts")
}

// Ctrl+1..4 and Ctrl+Tab / Ctrl+Shift+Tab reach every tab, even from a text
// field; F10 opens the menus.
func TestTabsAndMenusHaveKeys(t *testing.T) {
	st := openJournal(t)
	journaltest.MustAddPerson(t, st, "Ana Lima")
	m := newWindow(t, st)
	m.Window.Show()
	m.Window.Canvas().Focus(m.Sidebar.Filter)
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4} {
		pressShortcut(m, ctrl(k))
		if m.Tabs.SelectedIndex() != i {
			t.Errorf("Ctrl+%s shows tab %d, want %d", k, m.Tabs.SelectedIndex(), i)
		}
	}
	pressShortcut(m, &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl})
	if m.Tabs.SelectedIndex() != 0 {
		t.Errorf("Ctrl+Tab from the last tab shows %d, want the first", m.Tabs.SelectedIndex())
	}
	pressShortcut(m, &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if m.Tabs.SelectedIndex() != 3 {
		t.Errorf("Ctrl+Shift+Tab from the first tab shows %d, want the last", m.Tabs.SelectedIndex())
	}
	m.Window.Canvas().Focus(m.Sidebar.Filter)
	pressKey(m, fyne.KeyF10)
	if m.menuPopUp == nil || !m.menuPopUp.Visible() {
		t.Fatal("F10 opened no menu")
	}
	var labels []string
	for _, o := range test.LaidOutObjects(m.menuPopUp) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
			labels = append(labels, tx.Text)
		}
	}
	if got := strings.Join(labels, ","); !strings.HasPrefix(got, "File,Go,Person,Help,") {
		t.Errorf("F10's menu offers %s, want File,Go,Person,Help", got)
	}
}

// Tab reaches the search results from the search field, the focused row is
// marked, and Enter opens its evening.
func TestSearchResultsOpenFromTheKeyboard(t *testing.T) {
	st, ana := letterJournal(t)
	m := newWindow(t, st)
	m.Window.Show()
	m.SelectPerson(ana.ID)
	m.ShowSearch()
	m.Search.Search("LetterB")
	if len(m.Search.hits) != 1 {
		t.Fatalf("%d results for LetterB, want 1", len(m.Search.hits))
	}
	c := m.Window.Canvas()
	c.Focus(m.Search.Entry)
	var reached bool
	for range 5 {
		c.FocusNext()
		if l, ok := c.Focused().(*keyList); ok && &l.List == m.Search.List {
			reached = true
			break
		}
	}
	if !reached {
		t.Fatalf("Tab from the search field never reached the results (stopped on %T)", c.Focused())
	}
	pressKey(m, fyne.KeyReturn)
	settle(m)
	if !m.ReadingShown() || m.Reading.Reflection == nil || m.Reading.Reflection.ID != m.Search.hits[0].ID {
		t.Errorf("Enter on the result: reading view shown %v; want the evening open to read", m.ReadingShown())
	}
}
