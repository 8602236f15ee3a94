package app

import "strings"

// Shortcut is one line of the keyboard sheet: the keys, what they do, and
// where they work.
type Shortcut struct {
	Keys, What, Where string
}

// Shortcuts is every key Kindred answers, in the order the sheet lists them.
// Help > Keyboard shortcuts shows it and the README's list is made from it
// (go test -run TestReadmeListsEveryShortcut -update), so the two cannot
// drift apart. Keys the window binds are bound from here too where they are
// plain shortcuts; a test checks that each one listed here does something.
var Shortcuts = []Shortcut{
	{"Ctrl+N", "Write a new reflection", "Anywhere"},
	{"Ctrl+S or Ctrl+Enter", "Save the reflection", "Reflect"},
	{"Ctrl+F", "Search the journal", "Anywhere"},
	{"Ctrl+K", "Jump to a person", "Anywhere"},
	{"Ctrl+1 … Ctrl+4", "Show Reflect, Timeline, Insights or Search", "Anywhere"},
	{"Ctrl+Tab, Ctrl+Shift+Tab", "Next or previous tab", "Anywhere"},
	{"F10 or Alt", "Open the menus; arrows move, Enter chooses, Escape closes", "Anywhere"},
	{"F1 or Ctrl+?", "Show this list of keys", "Anywhere"},
	{"Tab, Shift+Tab", "Move to the next or previous control", "Anywhere"},
	{"Enter or Space", "Press the focused button, tick the focused box or moment", "Anywhere"},
	{"Up, Down", "Move through a list: people, evenings, search results", "Lists"},
	{"Enter or Space", "Open the evening, or choose the person, the list is on", "Lists"},
	{"Menu or Shift+F10", "The person's menu (edit, hide, remove…)", "People"},
	{"Left, Right, Home, End", "Choose how close you felt; Backspace clears it", "Closeness scale"},
	{"Down", "From the name field, into the names offered", "Who was there"},
	{"Tab, then Enter or Space", "Open a person's moments, missteps and notes", "Reflect"},
	{"Ctrl+Shift+P", "Add photos to the evening (or drop them on the window)", "Reflect"},
	{"E or Ctrl+Shift+E", "Edit the evening", "Reading an evening"},
	{"J or Alt+Right, K or Alt+Left", "The next (newer) or previous (older) evening with them", "Reading an evening"},
	{"Escape or Backspace", "Back to where the evening was opened", "Reading an evening"},
	{"Left, Right or [, ]", "The previous or next photo of the evening", "Reading an evening"},
	{"Page Up, Page Down, Home, End", "Scroll a page, or to the first or last evening", "Reading, Timeline"},
	{"Ctrl+G", "A month of evenings with them: open one, or go to a date or year", "Timeline"},
	{"Escape", "Close the dialog, the calendar or the menu", "Dialogs"},
	{"Tab, Tab, arrows, Space", "To the files, then move, open a folder or choose a file", "File pickers"},
	{"Shift+Tab, Shift+Tab, Space", "From the files to Add (or Open, Read…), and press it", "File pickers"},
}

// shortcutsMarkdown is the README's list of keys, made from Shortcuts.
func shortcutsMarkdown() string {
	var b strings.Builder
	b.WriteString("| Keys | What they do | Where |\n|---|---|---|\n")
	for _, s := range Shortcuts {
		b.WriteString("| " + s.Keys + " | " + s.What + " | " + s.Where + " |\n")
	}
	return b.String()
}
