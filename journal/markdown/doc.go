// Package markdown reads the small Markdown that Day One writes and Kindred
// shows: headings, bold, italic, lists, checkboxes, links shown as their
// text, quotes and backslash escapes. It knows nothing of how text is drawn.
package markdown
