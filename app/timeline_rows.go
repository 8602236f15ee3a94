package app

import (
	"strings"
	"unicode"

	"kindred/journal"
	"kindred/journal/markdown"
)

// tlRow is one reflection as a timeline row shows it. Everything is worked
// out once, when its page arrives, so drawing a row while scrolling only
// copies strings; and only these few strings are kept, not the reflection.
type tlRow struct {
	ID        string
	Key       journal.Cursor // where it sorts: newest first by (time, id)
	Month     string         // "October 2026", the group it is shown in
	Day       string         // "Tue 14 Oct"
	Time      string         // "21:30"
	Closeness journal.Closeness
	Moments   []tlChipValue // connection moments, and the journal's own kinds
	Missteps  []tlChipValue // shown apart
	Excerpt   string        // the first lines of the text, without markup
	// ExcerptSpans are the excerpt in the styles of its Markdown; nil when
	// the text has no markup.
	ExcerptSpans []markdown.Span
	Others       string // "with Una and Omar · asked “…”", or ""
	// Photo is the evening's first photo that can be shown, "" for none:
	// the page read the photos with the evening, so the thumbnail loader
	// need not ask again.
	Photo string
}

// tlRowContext is what turning reflections into rows needs to know about
// the journal. It is built off the UI goroutine and never changed after,
// so page loads may share it.
type tlRowContext struct {
	personID string
	kinds    map[string]journal.MomentKind
	names    map[string]string
}

func newTLRowContext(personID string, kinds []journal.MomentKind, people []journal.Person) *tlRowContext {
	c := &tlRowContext{personID: personID, kinds: make(map[string]journal.MomentKind, len(kinds)), names: make(map[string]string, len(people))}
	for _, k := range kinds {
		c.kinds[k.ID] = k
	}
	for _, p := range people {
		c.names[p.ID] = p.Name
	}
	return c
}

// tlExcerptRunes bounds the excerpt: two lines of a wide row, no more.
const tlExcerptRunes = 240

// rows turns a page of reflections into rows.
func (c *tlRowContext) rows(rs []journal.Reflection) []tlRow {
	out := make([]tlRow, len(rs))
	for i := range rs {
		out[i] = c.row(&rs[i])
	}
	return out
}

func (c *tlRowContext) row(r *journal.Reflection) tlRow {
	row := tlRow{
		ID:    r.ID,
		Key:   journal.Cursor{AtUTC: journal.FormatUTC(r.At), ID: r.ID},
		Month: r.At.Format("January 2006"),
		Day:   r.At.Format("Mon 2 Jan"),
		Time:  r.At.Format("15:04"),
		Photo: firstViewableID(r.Photos),
	}
	row.Excerpt, row.ExcerptSpans = mdExcerpt(r.Text, tlExcerptRunes)
	var others []string
	asked := ""
	for _, e := range r.Encounters {
		if e.PersonID != c.personID {
			others = append(others, c.name(e.PersonID))
			continue
		}
		row.Closeness = e.Closeness
		asked = tlAsked(e.Questions)
		for _, m := range e.Moments {
			k, ok := c.kinds[m.Kind]
			if !ok {
				// A kind the journal no longer lists still shows, by its id.
				k = journal.MomentKind{ID: m.Kind, Label: m.Kind}
			}
			chip := tlChipValue{Label: k.Label, Color: k.Color}
			if k.Misstep {
				row.Missteps = append(row.Missteps, chip)
			} else {
				row.Moments = append(row.Moments, chip)
			}
		}
	}
	var footer []string
	if len(others) > 0 {
		footer = append(footer, "with "+journal.JoinNames(others))
	}
	if asked != "" {
		footer = append(footer, asked)
	}
	row.Others = strings.Join(footer, " \u00b7 ")
	return row
}

func (c *tlRowContext) name(id string) string {
	if n, ok := c.names[id]; ok {
		return n
	}
	return "someone no longer in the journal"
}

// tlExcerpt is the start of a text on at most max runes: its lines joined
// by spaces, cut at a word with an ellipsis when there is more.
func tlExcerpt(text string, max int) string {
	var b strings.Builder
	n := 0
	space := false
	cut, atWord := false, false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			if n+1 >= max {
				cut, atWord = true, true
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= max {
			cut = true
			break
		}
		b.WriteRune(r)
		n++
	}
	s := b.String()
	if !cut {
		return s
	}
	// Cut back to the last whole word when there is one in the second half.
	if i := strings.LastIndexByte(s, ' '); !atWord && i > len(s)/2 {
		s = s[:i]
	}
	return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }) + "…"
}

// tlItem is one line of the timeline's list: a month heading, or a row.
type tlItem struct {
	month string
	row   int // index into the rows; -1 for a heading
}

// tlItems groups rows (newest first) by month, a heading before each month.
func tlItems(rows []tlRow) []tlItem {
	items := make([]tlItem, 0, len(rows)+len(rows)/8+1)
	for i := range rows {
		if i == 0 || rows[i-1].Month != rows[i].Month {
			items = append(items, tlItem{month: rows[i].Month, row: -1})
		}
		items = append(items, tlItem{row: i})
	}
	return items
}

// tlNewer reports whether key a sorts before b in a timeline (newest first).
func tlNewer(a, b journal.Cursor) bool {
	if a.AtUTC != b.AtUTC {
		return a.AtUTC > b.AtUTC
	}
	return a.ID > b.ID
}
