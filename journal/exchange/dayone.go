package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	// Day One names each entry's time zone (Europe/Berlin); the zone data is
	// built in so an import does not depend on the system's.
	_ "time/tzdata"
)

// Day One's JSON export: {"metadata": {"version": "1.0"}, "entries": [...]},
// each entry with a uuid (32 hex digits), creationDate and modifiedDate in
// UTC ("2024-05-01T19:30:00Z"), the IANA timeZone it was written in, its
// Markdown text, and tags. The app exports it as a zip holding one .json per
// journal beside a photos folder.
type dayOneEntry struct {
	UUID         string   `json:"uuid"`
	CreationDate string   `json:"creationDate"`
	ModifiedDate string   `json:"modifiedDate"`
	TimeZone     string   `json:"timeZone"`
	Text         string   `json:"text"`
	Tags         []string `json:"tags"`
	// Photos come in from the zip's photos folder; the other attachments
	// are counted so the summary can say what was left out.
	Photos         []dayOnePhoto     `json:"photos"`
	Audios         []json.RawMessage `json:"audios"`
	Videos         []json.RawMessage `json:"videos"`
	PDFAttachments []json.RawMessage `json:"pdfAttachments"`
}

// dayOnePhoto is a photo of an entry: the text refers to it by identifier
// (dayone-moment://ID), the zip holds it as photos/<md5>.<type>.
type dayOnePhoto struct {
	Identifier   string `json:"identifier"`
	MD5          string `json:"md5"`
	Type         string `json:"type"`
	OrderInEntry *int   `json:"orderInEntry"`
}

type dayOneFile struct {
	Metadata *struct {
		Version string `json:"version"`
	} `json:"metadata"`
	Entries json.RawMessage `json:"entries"`
}

// maxZipJSON bounds what one .json in a zip may unpack to.
const maxZipJSON = 512 << 20

// readDayOne reads a Day One export: the .json, or the zip it came in.
func readDayOne(data []byte) ([]Entry, []Problem, error) {
	if isZip(data) {
		files, err := jsonInZip(data)
		if err != nil {
			return nil, nil, err
		}
		var entries []Entry
		var problems []Problem
		for _, f := range files {
			e, p, err := readDayOneJSON(f.data, len(entries))
			if err != nil {
				return nil, nil, fmt.Errorf("%s in the zip: %w", f.name, err)
			}
			entries = append(entries, e...)
			problems = append(problems, p...)
		}
		return entries, problems, nil
	}
	return readDayOneJSON(data, 0)
}

// readDayOneJSON reads one Day One journal; numbers continue after first.
func readDayOneJSON(data []byte, first int) ([]Entry, []Problem, error) {
	var f dayOneFile
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("this is not a Day One JSON export: %w", jsonError(err))
	}
	list, err := entryList(f.Entries)
	if err != nil {
		return nil, nil, fmt.Errorf("this is not a Day One JSON export: %w", err)
	}
	if list == nil {
		return nil, nil, fmt.Errorf("this is not a Day One JSON export (it has no entries)")
	}
	var entries []Entry
	var problems []Problem
	for i, msg := range list {
		n := first + i + 1
		var de dayOneEntry
		if err := strictUnmarshal(msg, &de); err != nil {
			problems = append(problems, Problem{What: "entry", Number: n, Reason: err.Error()})
			continue
		}
		e, err := dayOneToEntry(&de)
		if err != nil {
			problems = append(problems, Problem{What: "entry", Number: n, Reason: err.Error()})
			continue
		}
		e.Number = n
		entries = append(entries, e)
	}
	return entries, problems, nil
}

func dayOneToEntry(de *dayOneEntry) (Entry, error) {
	var e Entry
	if de.CreationDate == "" {
		return e, fmt.Errorf("it has no creationDate")
	}
	created, err := time.Parse(time.RFC3339, de.CreationDate)
	if err != nil {
		return e, fmt.Errorf("creationDate %q is not a date and time", de.CreationDate)
	}
	loc := time.UTC
	if de.TimeZone != "" {
		if loc, err = loadZone(de.TimeZone); err != nil {
			return e, fmt.Errorf("unknown time zone %q", de.TimeZone)
		}
	}
	e.SourceID = strings.ToUpper(de.UUID)
	if e.SourceID == "" {
		// Without an id, the entry's own content names it.
		h := sha256.Sum256([]byte(de.CreationDate + "\n" + de.Text))
		e.SourceID = "sha256:" + hex.EncodeToString(h[:16])
	}
	e.At = created.In(loc)
	e.Created = created.UTC()
	e.Modified = e.Created
	if de.ModifiedDate != "" {
		if m, err := time.Parse(time.RFC3339, de.ModifiedDate); err == nil && !m.Before(created) {
			e.Modified = m.UTC()
		}
	}
	e.Photos = dayOnePhotos(de.Photos, de.Text)
	e.Text = dayOneText(de.Text)
	for _, t := range de.Tags {
		if t = cleanTag(t); t != "" {
			e.Tags = append(e.Tags, t)
		}
	}
	e.Mentions = mentions(e.Text)
	// Until a zip's photos folder is found, the photos count as left out.
	e.Media = Media{Photos: len(e.Photos) + len(de.Videos), Audio: len(de.Audios), Files: len(de.PDFAttachments)}
	return e, nil
}

// dayOnePhotos orders an entry's photos as its text shows them, then by
// Day One's orderInEntry, then as listed.
func dayOnePhotos(list []dayOnePhoto, text string) []EntryPhoto {
	out := make([]EntryPhoto, 0, len(list))
	type ranked struct {
		p         EntryPhoto
		at, order int
	}
	var rs []ranked
	for i, p := range list {
		if p.MD5 == "" {
			continue
		}
		at := -1
		if p.Identifier != "" {
			at = strings.Index(strings.ToUpper(text), "DAYONE-MOMENT://"+strings.ToUpper(p.Identifier))
		}
		if at < 0 {
			at = len(text) + 1
		}
		order := i
		if p.OrderInEntry != nil {
			order = *p.OrderInEntry
		}
		typ := strings.ToLower(p.Type)
		if typ == "" {
			typ = "jpeg"
		}
		rs = append(rs, ranked{p: EntryPhoto{Identifier: p.Identifier, MD5: strings.ToLower(p.MD5), Type: typ}, at: at, order: order})
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].at != rs[j].at {
			return rs[i].at < rs[j].at
		}
		return rs[i].order < rs[j].order
	})
	for _, r := range rs {
		out = append(out, r.p)
	}
	return out
}

// findDayOnePhotos matches each entry's photos to the files of the zip's
// photos folder, by md5 and type; those found come in with their entry,
// those missing stay counted as left out.
func (src *Source) findDayOnePhotos(zr *zip.Reader) {
	files := map[string]string{}
	for _, f := range zr.File {
		dir, base := path.Split(f.Name)
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || !strings.EqualFold(path.Base(strings.TrimSuffix(dir, "/")), "photos") {
			continue
		}
		files[strings.ToLower(base)] = f.Name
	}
	for i := range src.Entries {
		e := &src.Entries[i]
		for j := range e.Photos {
			p := &e.Photos[j]
			for _, ext := range dayOneExts(p.Type) {
				if name, ok := files[p.MD5+"."+ext]; ok {
					p.File = name
					e.Media.Photos--
					break
				}
			}
		}
	}
}

// dayOneExts are the extensions Day One gives a photo of a type.
func dayOneExts(typ string) []string {
	switch typ {
	case "jpeg", "jpg":
		return []string{"jpeg", "jpg"}
	case "heic", "heif":
		return []string{"heic", "heif"}
	}
	return []string{typ}
}

// loadZone loads an IANA zone name; names with odd characters are refused
// before the zone database sees them.
func loadZone(name string) (*time.Location, error) {
	if len(name) > 64 || strings.Contains(name, "..") || strings.HasPrefix(name, "/") {
		return nil, fmt.Errorf("bad zone name")
	}
	return time.LoadLocation(name)
}

var (
	// dayOneMedia are the references Day One leaves where a photo or other
	// attachment was: ![](dayone-moment://4A5F...).
	dayOneMedia = regexp.MustCompile(`!\[[^\]]*\]\(dayone-moment:/*[^)]*\)`)
	// mdEscape is a backslash before ASCII punctuation, which Day One adds
	// to plain text in its Markdown ("Hello\!").
	mdEscape = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
	// blankLines are what is left where an attachment stood alone.
	blankLines = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)
)

func dayOneText(s string) string {
	s = dayOneMedia.ReplaceAllString(s, "")
	s = mdEscape.ReplaceAllString(s, "$1")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

type zipJSON struct {
	name string
	data []byte
}

func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// jsonInZip returns the .json files of a zip, outside hidden and macOS folders.
func jsonInZip(data []byte) ([]zipJSON, error) {
	return jsonInZipReader(bytes.NewReader(data), int64(len(data)))
}

func jsonInZipReader(r io.ReaderAt, size int64) ([]zipJSON, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("the zip cannot be read: %w", err)
	}
	return jsonInZipFiles(zr)
}

func jsonInZipFiles(zr *zip.Reader) ([]zipJSON, error) {
	var out []zipJSON
	for _, f := range zr.File {
		name := f.Name
		base := path.Base(name)
		if f.FileInfo().IsDir() || !strings.EqualFold(path.Ext(name), ".json") ||
			strings.HasPrefix(base, ".") || strings.HasPrefix(name, "__MACOSX/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s in the zip cannot be read: %w", name, err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxZipJSON+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s in the zip cannot be read: %w", name, err)
		}
		if len(b) > maxZipJSON {
			return nil, fmt.Errorf("%s in the zip is larger than %d MB", name, maxZipJSON>>20)
		}
		out = append(out, zipJSON{name: name, data: b})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the zip holds no .json journal")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}
