package markdown

import (
	"strings"
)

// Kind is what a block of text is.
type Kind uint8

const (
	Paragraph Kind = iota // a line of text
	Heading               // "# Title"; Level is 1-6
	Bullet                // "- item" or "* item"
	Numbered              // "1. item"; Number is as written
	Task                  // "- [ ] to do", "- [x] done", Day One's "-[]"
	Quote                 // "> words"
)

// Span is a run of text in one style.
type Span struct {
	Text   string
	Bold   bool
	Italic bool
}

// Block is one line of the text as it reads: a heading, a list item, a
// quote or a line of a paragraph.
type Block struct {
	Kind   Kind
	Level  int    // a heading's level (1-6), a list item's nesting (0 at the margin)
	Number string // a numbered item's number, as written
	Done   bool   // a task that is ticked
	Gap    bool   // an empty line stands before it
	Spans  []Span
}

// Text is the block's words without their styles.
func (b Block) Text() string {
	if len(b.Spans) == 1 {
		return b.Spans[0].Text
	}
	var s strings.Builder
	for _, sp := range b.Spans {
		s.WriteString(sp.Text)
	}
	return s.String()
}

// Parse reads text into blocks, one per line that is not empty. Text that
// is not Markdown reads as paragraphs of itself: nothing is ever dropped
// except the markup, and a link's address.
func Parse(text string) []Block {
	var out []Block
	gap := false
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" || isRule(line) {
			gap = len(out) > 0
			continue
		}
		b := parseLine(line)
		b.Gap = gap
		gap = false
		out = append(out, b)
	}
	return out
}

// parseLine reads one line that is not empty.
func parseLine(line string) Block {
	indent := 0
	for indent < len(line) && (line[indent] == ' ' || line[indent] == '\t') {
		indent++
	}
	// Nesting: two spaces or a tab a level, as editors indent lists.
	level := (len(strings.ReplaceAll(line[:indent], "\t", "  "))) / 2
	rest := line[indent:]
	switch c := rest[0]; {
	case c == '#':
		n := 0
		for n < len(rest) && n < 7 && rest[n] == '#' {
			n++
		}
		if n <= 6 && (n == len(rest) || rest[n] == ' ' || rest[n] == '\t') {
			title := strings.TrimSpace(rest[n:])
			// A closing run of #s is decoration: "## Title ##".
			if t := strings.TrimRight(title, "#"); t != title && (t == "" || strings.HasSuffix(t, " ")) {
				title = strings.TrimSpace(t)
			}
			return Block{Kind: Heading, Level: n, Spans: Inline(title)}
		}
	case c == '>':
		for len(rest) > 0 && rest[0] == '>' {
			rest = strings.TrimLeft(rest[1:], " \t")
		}
		return Block{Kind: Quote, Spans: Inline(rest)}
	case c == '-' || c == '*' || c == '+':
		body := rest[1:]
		trimmed := strings.TrimLeft(body, " \t")
		if done, item, ok := checkbox(trimmed); ok {
			return Block{Kind: Task, Level: level, Done: done, Spans: Inline(item)}
		}
		if len(trimmed) < len(body) && trimmed != "" {
			return Block{Kind: Bullet, Level: level, Spans: Inline(trimmed)}
		}
	case c >= '0' && c <= '9':
		n := 0
		for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n < len(rest)-1 && (rest[n] == '.' || rest[n] == ')') && (rest[n+1] == ' ' || rest[n+1] == '\t') {
			return Block{Kind: Numbered, Level: level, Number: rest[:n], Spans: Inline(strings.TrimLeft(rest[n+1:], " \t"))}
		}
	}
	return Block{Kind: Paragraph, Spans: Inline(strings.TrimLeft(line, " \t"))}
}

// checkbox reads what follows a list mark: "[ ] item", "[x] item", "[] item".
func checkbox(s string) (done bool, item string, ok bool) {
	if len(s) < 2 || s[0] != '[' {
		return false, "", false
	}
	var mark byte
	rest := s[1:]
	if rest[0] != ']' {
		mark, rest = rest[0], rest[1:]
		if len(rest) == 0 || rest[0] != ']' || (mark != ' ' && mark != 'x' && mark != 'X') {
			return false, "", false
		}
	}
	rest = rest[1:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return false, "", false
	}
	return mark == 'x' || mark == 'X', strings.TrimLeft(rest, " \t"), true
}

// isRule is a thematic break, "---" or "***": it separates, it says nothing.
func isRule(line string) bool {
	s := strings.ReplaceAll(strings.TrimSpace(line), " ", "")
	if len(s) < 3 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return s[0] == '-' || s[0] == '*' || s[0] == '_'
}
