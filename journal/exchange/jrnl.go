package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// jrnl's JSON export (jrnl --export json): {"tags": {"@anna": 3, ...},
// "entries": [...]}, each entry with a title (its first sentence), a body,
// a date "2024-05-01" and a time "21:30" in the writer's local time, its
// @tags with the @, and starred. Entries of a Day One backed jrnl also have
// a uuid.
type jrnlEntry struct {
	Title string   `json:"title"`
	Body  string   `json:"body"`
	Date  string   `json:"date"`
	Time  string   `json:"time"`
	Tags  []string `json:"tags"`
	UUID  string   `json:"uuid"`
}

type jrnlFile struct {
	Entries json.RawMessage `json:"entries"`
}

// readJrnl reads a jrnl JSON export; its times are read in loc, since jrnl
// keeps none.
func readJrnl(data []byte, loc *time.Location) ([]Entry, []Problem, error) {
	var f jrnlFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("this is not a jrnl JSON export: %w", jsonError(err))
	}
	list, err := entryList(f.Entries)
	if err != nil {
		return nil, nil, fmt.Errorf("this is not a jrnl JSON export: %w", err)
	}
	if list == nil {
		return nil, nil, fmt.Errorf("this is not a jrnl JSON export (it has no entries)")
	}
	var entries []Entry
	var problems []Problem
	for i, msg := range list {
		var je jrnlEntry
		if err := strictUnmarshal(msg, &je); err != nil {
			problems = append(problems, Problem{What: "entry", Number: i + 1, Reason: err.Error()})
			continue
		}
		e, err := jrnlToEntry(&je, loc)
		if err != nil {
			problems = append(problems, Problem{What: "entry", Number: i + 1, Reason: err.Error()})
			continue
		}
		e.Number = i + 1
		entries = append(entries, e)
	}
	return entries, problems, nil
}

func jrnlToEntry(je *jrnlEntry, loc *time.Location) (Entry, error) {
	var e Entry
	clock := je.Time
	if clock == "" {
		clock = "00:00"
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", je.Date+" "+clock, loc)
	if err != nil {
		return e, fmt.Errorf("date %q and time %q are not YYYY-MM-DD and HH:MM", je.Date, je.Time)
	}
	e.At, e.Created, e.Modified = at, at.UTC(), at.UTC()
	e.Text = jrnlText(je.Title, je.Body)
	if je.UUID != "" {
		e.SourceID = "uuid:" + strings.ToUpper(je.UUID)
	} else {
		// Without an id, the entry's own content names it, so the same
		// export imported twice adds nothing.
		h := sha256.Sum256([]byte(je.Date + " " + je.Time + "\n" + je.Title + "\n" + je.Body))
		e.SourceID = "sha256:" + hex.EncodeToString(h[:16])
	}
	seen := map[string]bool{}
	for _, t := range je.Tags {
		t = cleanTag(t)
		if t != "" && !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			e.Tags = append(e.Tags, t)
		}
	}
	return e, nil
}

// jrnlText puts the title back in front of the body on a line of its own:
// jrnl splits the first sentence off as the title, and the body would run
// into it ("Entry the first. Lorem...") if they were joined on one line.
func jrnlText(title, body string) string {
	title = strings.TrimSpace(title)
	body = strings.TrimRight(body, " \t\r\n")
	switch {
	case body == "":
		return title
	case title == "":
		return strings.TrimSpace(body)
	case strings.HasPrefix(strings.TrimLeft(body, " \t"), "\n"):
		return title + strings.TrimLeft(body, " \t")
	}
	return title + "\n" + strings.TrimLeft(body, " \t")
}
