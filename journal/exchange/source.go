package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"kindred/journal"
)

// Import formats.
const (
	FormatKindred = "kindred"
	FormatDayOne  = "dayone"
	FormatJrnl    = "jrnl"
)

// FormatLabel is how a format is named to the user.
func FormatLabel(format string) string {
	switch format {
	case FormatKindred:
		return "Kindred JSON"
	case FormatDayOne:
		return "Day One"
	case FormatJrnl:
		return "jrnl"
	}
	return format
}

// Source is an import file, read and checked; nothing is written yet.
type Source struct {
	Format   string
	Kindred  *Document // for FormatKindred
	Entries  []Entry   // for Day One and jrnl
	Problems []Problem // what cannot be read, by place in the file
}

// ReadOptions tune reading an import file.
type ReadOptions struct {
	Format   string         // "" detects it
	Now      time.Time      // dates after Now (plus the usual skew) are refused; zero: the clock
	Location *time.Location // the zone of jrnl's zoneless times; nil: the computer's
}

// maxImportFile bounds an import file that is read whole (a zip is read in place).
const maxImportFile = 1 << 30

// ReadFile reads an import file: Kindred JSON, a Day One export (.json or
// its .zip) or a jrnl JSON export.
func ReadFile(path string, o ReadOptions) (*Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s is a folder; choose the exported file", path)
	}
	if info.Size() > maxImportFile && !looksZip(f) {
		return nil, fmt.Errorf("%s is larger than %d MB; that is not a journal export", path, maxImportFile>>20)
	}
	if looksZip(f) {
		files, err := jsonInZipReader(f, info.Size())
		if err != nil {
			return nil, err
		}
		if o.Format != "" && o.Format != FormatDayOne {
			return nil, fmt.Errorf("%s is a zip; only Day One exports come zipped", path)
		}
		src := &Source{Format: FormatDayOne}
		for _, zf := range files {
			e, p, err := readDayOneJSON(zf.data, len(src.Entries)+len(src.Problems))
			if err != nil {
				return nil, fmt.Errorf("%s in the zip: %w", zf.name, err)
			}
			src.Entries = append(src.Entries, e...)
			src.Problems = append(src.Problems, p...)
		}
		src.checkEntries(o.now())
		return src, nil
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return Read(data, o)
}

func looksZip(f *os.File) bool {
	head := make([]byte, 4)
	n, _ := f.ReadAt(head, 0)
	return isZip(head[:n])
}

func (o ReadOptions) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// Read reads an import file held in memory; see ReadFile.
func Read(data []byte, o ReadOptions) (*Source, error) {
	format := o.Format
	if format == "" {
		var err error
		if format, err = Detect(data); err != nil {
			return nil, err
		}
	}
	src := &Source{Format: format}
	var err error
	switch format {
	case FormatKindred:
		src.Kindred, src.Problems, err = readKindred(data, o.now())
		return src, err
	case FormatDayOne:
		src.Entries, src.Problems, err = readDayOne(data)
	case FormatJrnl:
		loc := o.Location
		if loc == nil {
			loc = time.Local
		}
		src.Entries, src.Problems, err = readJrnl(data, loc)
	default:
		return nil, fmt.Errorf("unknown import format %q (known: kindred, dayone, jrnl)", format)
	}
	if err != nil {
		return nil, err
	}
	src.checkEntries(o.now())
	return src, nil
}

// checkEntries moves entries that could never be saved to the problems.
func (src *Source) checkEntries(now time.Time) {
	kept := src.Entries[:0]
	for _, e := range src.Entries {
		reason := ""
		switch {
		case e.At.Year() < 1900:
			reason = fmt.Sprintf("the date %s is too far in the past", e.At.Format("2 Jan 2006"))
		case e.At.After(now.Add(journal.MaxFutureSkew)):
			reason = fmt.Sprintf("the date %s is in the future", e.At.Format("2 Jan 2006"))
		case len(e.Text) > journal.MaxTextLength:
			reason = fmt.Sprintf("the text is longer than %d MB", journal.MaxTextLength>>20)
		case !utf8.ValidString(e.Text):
			reason = "the text is not valid UTF-8"
		}
		if reason != "" {
			src.Problems = append(src.Problems, Problem{What: "entry", Number: e.Number, Reason: reason})
			continue
		}
		kept = append(kept, e)
	}
	src.Entries = kept
}

// Detect tells Kindred, Day One and jrnl exports apart by their content.
func Detect(data []byte) (string, error) {
	if isZip(data) {
		return FormatDayOne, nil
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: it is not a JSON object or a zip")
	}
	var top struct {
		Format   string            `json:"format"`
		Metadata json.RawMessage   `json:"metadata"`
		Tags     json.RawMessage   `json:"tags"`
		Entries  []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: %w", jsonError(err))
	}
	switch {
	case top.Format == FormatName:
		return FormatKindred, nil
	case top.Entries == nil:
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: it has no entries")
	case top.Metadata != nil:
		return FormatDayOne, nil
	}
	for _, e := range top.Entries {
		var probe struct {
			CreationDate *string `json:"creationDate"`
			Date         *string `json:"date"`
		}
		if json.Unmarshal(e, &probe) != nil {
			continue
		}
		if probe.CreationDate != nil {
			return FormatDayOne, nil
		}
		if probe.Date != nil {
			return FormatJrnl, nil
		}
	}
	if top.Tags != nil {
		return FormatJrnl, nil
	}
	return "", fmt.Errorf("this export's entries are neither Day One's nor jrnl's; give --format")
}
