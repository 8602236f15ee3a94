package exchange

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Entry is one entry of another journal app's export, as read: no people
// and no moments yet, only the words that may become them.
type Entry struct {
	Number   int    // 1-based place in the file
	SourceID string // the app's own id for the entry, if it has one
	At       time.Time
	Created  time.Time
	Modified time.Time
	Text     string
	// Tags are the entry's tags and Mentions the @Names in its text, as
	// written and without the @. Either may name a person or a moment kind.
	Tags     []string
	Mentions []string
	// Photos are the entry's photos, in order; those with a File come in
	// with it from the export's zip.
	Photos []EntryPhoto
	// Media are the entry's attachments that are left out: videos, audio,
	// other files, and photos the export does not hold.
	Media Media
}

// EntryPhoto is a photo of another app's entry.
type EntryPhoto struct {
	Identifier string // the app's own id (Day One's, in the text's links)
	MD5        string // Day One names the file after it
	Type       string // "jpeg", "heic", "png"...
	File       string // its path in the zip; "" when the export lacks it
}

// Media counts an export's attachments that are left out: photos the export
// does not hold (and videos), audio recordings and other files.
type Media struct {
	Photos, Audio, Files int
}

func (m *Media) add(o Media) { m.Photos += o.Photos; m.Audio += o.Audio; m.Files += o.Files }

// String names the attachments: "14 photos and videos, 2 audio recordings".
func (m Media) String() string {
	var parts []string
	if m.Photos > 0 {
		parts = append(parts, plural(m.Photos, "photo or video", "photos and videos"))
	}
	if m.Audio > 0 {
		parts = append(parts, plural(m.Audio, "audio recording", "audio recordings"))
	}
	if m.Files > 0 {
		parts = append(parts, plural(m.Files, "attached file", "attached files"))
	}
	return strings.Join(parts, ", ")
}

// Problem is an item of an import file that cannot be read.
type Problem struct {
	What   string // "entry", "reflection", "person"...
	Number int    // 1-based place in the file's list
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s %d: %s", p.What, p.Number, p.Reason) }

// mentionPattern finds @Name in text: a letter or digit after the @, and
// not part of an e-mail address.
var mentionPattern = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_@.])@([\p{L}\p{N}_][\p{L}\p{N}_.'’-]*)`)

// mentions lists the distinct @Names in text, in order.
func mentions(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range mentionPattern.FindAllStringSubmatch(text, -1) {
		name := strings.TrimRight(m[1], ".'’-")
		if name == "" || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		out = append(out, name)
	}
	return out
}

// cleanTag trims a tag and its leading @ or #.
func cleanTag(tag string) string {
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(tag), "@#"))
}
