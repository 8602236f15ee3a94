package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	// Total is how many entries the file holds, readable or not.
	Total int
	// Media are the attachments of the entries that are left out (videos,
	// audio, other files, and photos missing from the export).
	Media Media
	// archive is the zip the photos are read from at import; nil for a
	// plain JSON file.
	archive *zipArchive
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
		return nil, openError(path, err)
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
		zr, err := zip.NewReader(f, info.Size())
		if err != nil {
			return nil, fmt.Errorf("%s: the zip cannot be read: %w", path, err)
		}
		archive := &zipArchive{open: func() (*zip.Reader, io.Closer, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, nil, openError(path, err)
			}
			info, err := f.Stat()
			if err != nil {
				f.Close()
				return nil, nil, err
			}
			zr, err := zip.NewReader(f, info.Size())
			if err != nil {
				f.Close()
				return nil, nil, fmt.Errorf("%s: the zip cannot be read: %w", path, err)
			}
			return zr, f, nil
		}}
		src, err := readZip(zr, archive, o)
		var wf *WrongFormatError
		if errors.As(err, &wf) {
			wf.File = path
			return nil, wf
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return src, nil
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	src, err := Read(data, o)
	var wf *WrongFormatError
	if errors.As(err, &wf) {
		wf.File = path
	}
	return src, err
}

// readZip reads an export zip: Kindred's (journal.json and its photos) or
// Day One's (a .json per journal and its photos folder).
func readZip(zr *zip.Reader, archive *zipArchive, o ReadOptions) (*Source, error) {
	doc, problems, isKindred, err := readKindredZip(zr, o.now())
	if err != nil {
		return nil, err
	}
	if isKindred {
		if o.Format != "" && o.Format != FormatKindred {
			return nil, &WrongFormatError{Asked: o.Format, Is: FormatKindred}
		}
		return &Source{Format: FormatKindred, Kindred: doc, Problems: problems, archive: archive}, nil
	}
	{
		files, err := jsonInZipFiles(zr)
		if err != nil {
			return nil, err
		}
		if o.Format != "" && o.Format != FormatDayOne {
			return nil, &WrongFormatError{Asked: o.Format, Is: FormatDayOne}
		}
		src := &Source{Format: FormatDayOne, archive: archive}
		for _, zf := range files {
			e, p, err := readDayOneJSON(zf.data, len(src.Entries)+len(src.Problems))
			if err != nil {
				return nil, fmt.Errorf("%s in the zip: %w", zf.name, err)
			}
			src.Entries = append(src.Entries, e...)
			src.Problems = append(src.Problems, p...)
		}
		src.findDayOnePhotos(zr)
		src.checkEntries(o.now())
		return src, nil
	}
}

// openError says in one line why an import file cannot be opened; the
// os error already names the file, so it is not said twice.
func openError(path string, err error) error {
	var pe *fs.PathError
	reason := err
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: there is no such file", path)
	}
	return fmt.Errorf("%s cannot be opened: %v", path, reason)
}

// WrongFormatError refuses a file that is plainly in another format than
// the one asked for.
type WrongFormatError struct {
	File      string
	Asked, Is string
}

func (e *WrongFormatError) Error() string {
	file := "this file"
	if e.File != "" {
		file = e.File
	}
	return fmt.Sprintf("%s is a %s export, not %s: nothing was imported. Leave out --format, or give --format %s",
		file, FormatLabel(e.Is), FormatLabel(e.Asked), e.Is)
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
	// Editors on Windows start UTF-8 files with a byte-order mark; JSON has none.
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if isZip(data) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, fmt.Errorf("the zip cannot be read: %w", err)
		}
		return readZip(zr, &zipArchive{open: func() (*zip.Reader, io.Closer, error) { return zr, nopCloser{}, nil }}, o)
	}
	format := o.Format
	detected, detectErr := Detect(data)
	switch {
	case format == "" && detectErr != nil:
		return nil, detectErr
	case format == "":
		format = detected
	case detectErr == nil && detected != format:
		return nil, &WrongFormatError{Asked: format, Is: detected}
	}
	src := &Source{Format: format}
	var err error
	switch format {
	case FormatKindred:
		src.Kindred, src.Problems, err = readKindred(data, o.now())
		if err == nil && len(src.Kindred.PhotoFiles) > 0 {
			return nil, fmt.Errorf("this Kindred JSON names %d photos but is not the zip they came in: import the .zip export", len(src.Kindred.PhotoFiles))
		}
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

const utf8BOM = "\xef\xbb\xbf"

// entryList reads an export's "entries", which must be a list.
func entryList(raw json.RawMessage) ([]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil, nil
	}
	if trimmed[0] != '[' {
		return nil, fmt.Errorf("its \"entries\" is not a list of entries")
	}
	var list []json.RawMessage
	if err := json.Unmarshal(trimmed, &list); err != nil {
		return nil, jsonError(err)
	}
	return list, nil
}

// Photos is how many photos the import brings in.
func (src *Source) Photos() int {
	if src.Kindred != nil {
		return len(src.Kindred.PhotoFiles)
	}
	n := 0
	for _, e := range src.Entries {
		for _, p := range e.Photos {
			if p.File != "" {
				n++
			}
		}
	}
	return n
}

// checkEntries moves entries that could never be saved to the problems.
func (src *Source) checkEntries(now time.Time) {
	src.Total = len(src.Entries) + len(src.Problems)
	kept := src.Entries[:0]
	for _, e := range src.Entries {
		src.Media.add(e.Media)
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
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte(utf8BOM)), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: it is not a JSON object or a zip")
	}
	var top struct {
		Format   json.RawMessage `json:"format"`
		Metadata json.RawMessage `json:"metadata"`
		Tags     json.RawMessage `json:"tags"`
		Entries  json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: %w", jsonError(err))
	}
	var format string
	_ = json.Unmarshal(top.Format, &format)
	if format == FormatName {
		return FormatKindred, nil
	}
	entries, err := entryList(top.Entries)
	switch {
	case err != nil:
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: %w", err)
	case entries == nil:
		return "", fmt.Errorf("this is not a Kindred, Day One or jrnl export: it has no entries")
	case top.Metadata != nil:
		return FormatDayOne, nil
	}
	for _, e := range entries {
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
