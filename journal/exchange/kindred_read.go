package exchange

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"kindred/journal"
)

// Document is a Kindred JSON export, read and checked; what could not be
// read is in the Source's problems, not here.
type Document struct {
	Version     int
	ExportedAt  time.Time
	People      []journal.Person
	Kinds       []DatedKind
	Reflections []NumberedReflection
	Drafts      []journal.Draft
	Dismissed   []Dismissed
	Settings    []Setting
	// PhotoFiles are where each photo's bytes are in the zip, by photo id.
	PhotoFiles map[string]zipPhoto
}

// DatedKind is a custom moment kind with the time it was first made.
type DatedKind struct {
	Kind    journal.MomentKind
	Created time.Time
}

// NumberedReflection is a reflection with its place in the file (1-based),
// so a problem found while writing it can say which one it was.
type NumberedReflection struct {
	Number int
	journal.Reflection
}

// Dismissed is a suggestion the user put aside.
type Dismissed struct {
	Key string
	At  time.Time
}

// Setting is one journal setting.
type Setting struct{ Key, Value string }

type rawDocument struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	ExportedAt  string            `json:"exported_at"`
	People      []json.RawMessage `json:"people"`
	MomentKinds []json.RawMessage `json:"moment_kinds"`
	Reflections []json.RawMessage `json:"reflections"`
	Drafts      []json.RawMessage `json:"drafts"`
	Dismissed   []json.RawMessage `json:"dismissed_suggestions"`
	Settings    []json.RawMessage `json:"settings"`
}

// readKindred reads a Kindred JSON export. Items that cannot be read become
// problems; a file that is not such an export at all is an error. now bounds
// reflection dates as saving does.
func readKindred(data []byte, now time.Time) (*Document, []Problem, error) {
	var raw rawDocument
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, fmt.Errorf("this is not a Kindred JSON export: %w", jsonError(err))
	}
	if raw.Format != FormatName {
		return nil, nil, fmt.Errorf("this is not a Kindred JSON export (format %q)", raw.Format)
	}
	if raw.Version > FormatVersion {
		return nil, nil, journal.Errorf(journal.ENEWER, "This export was written by a newer version of Kindred (format version %d; this one reads up to %d). Update Kindred to import it.", raw.Version, FormatVersion)
	}
	if raw.Version < 1 {
		return nil, nil, fmt.Errorf("this Kindred JSON export has no valid version (%d)", raw.Version)
	}
	doc := &Document{Version: raw.Version}
	if raw.ExportedAt != "" {
		doc.ExportedAt, _ = parseTime(raw.ExportedAt)
	}
	var problems []Problem
	bad := func(what string, i int, format string, args ...any) {
		problems = append(problems, Problem{What: what, Number: i + 1, Reason: fmt.Sprintf(format, args...)})
	}

	personIDs := map[string]bool{}
	for i, msg := range raw.People {
		var jp jsonPerson
		if err := strictUnmarshal(msg, &jp); err != nil {
			bad("person", i, "%v", err)
			continue
		}
		p := journal.Person{ID: jp.ID, Name: strings.Join(strings.Fields(jp.Name), " "), Color: jp.Color, Archived: jp.Archived}
		if err := p.Validate(); err != nil {
			bad("person", i, "%v", err)
			continue
		}
		if p.ID == "" {
			bad("person", i, "%q has no id", p.Name)
			continue
		}
		if personIDs[p.ID] {
			bad("person", i, "the id of %q is used twice", p.Name)
			continue
		}
		var err error
		if p.CreatedAt, err = parseTime(jp.CreatedAt); err != nil {
			bad("person", i, "%q: %v", p.Name, err)
			continue
		}
		personIDs[p.ID] = true
		doc.People = append(doc.People, p)
	}

	kindIDs := map[string]bool{}
	for i, msg := range raw.MomentKinds {
		var jk jsonKind
		if err := strictUnmarshal(msg, &jk); err != nil {
			bad("moment kind", i, "%v", err)
			continue
		}
		k := journal.MomentKind{ID: jk.ID, Label: jk.Label, Color: jk.Color, Misstep: jk.Misstep}
		if err := journal.ValidateKind(&k); err != nil {
			bad("moment kind", i, "%v", err)
			continue
		}
		if _, builtin := journal.BuiltinKind(k.ID); builtin {
			bad("moment kind", i, "%q is a built-in kind", k.ID)
			continue
		}
		if kindIDs[k.ID] {
			bad("moment kind", i, "%q is listed twice", k.ID)
			continue
		}
		created, err := parseTime(jk.CreatedAt)
		if err != nil {
			bad("moment kind", i, "%q: %v", k.ID, err)
			continue
		}
		kindIDs[k.ID] = true
		doc.Kinds = append(doc.Kinds, DatedKind{Kind: k, Created: created})
	}

	reflectionIDs := map[string]bool{}
	momentIDs := map[string]bool{}
	doc.PhotoFiles = map[string]zipPhoto{}
	for i, msg := range raw.Reflections {
		var jr jsonReflection
		if err := strictUnmarshal(msg, &jr); err != nil {
			bad("reflection", i, "%v", err)
			continue
		}
		r, err := reflectionFromJSON(&jr, now)
		if err != nil {
			bad("reflection", i, "%v", err)
			continue
		}
		if reflectionIDs[r.ID] {
			bad("reflection", i, "the id %s is used twice", r.ID)
			continue
		}
		if reason := checkReferences(r, personIDs, kindIDs, momentIDs); reason != "" {
			bad("reflection", i, "%s", reason)
			continue
		}
		if reason := checkPhotos(jr.Photos, doc.PhotoFiles); reason != "" {
			bad("reflection", i, "%s", reason)
			continue
		}
		for _, jp := range jr.Photos {
			doc.PhotoFiles[jp.ID] = zipPhoto{file: jp.File, sha256: strings.ToLower(jp.SHA256)}
		}
		reflectionIDs[r.ID] = true
		for _, e := range r.Encounters {
			for _, m := range e.Moments {
				momentIDs[m.ID] = true
			}
		}
		doc.Reflections = append(doc.Reflections, NumberedReflection{Number: i + 1, Reflection: *r})
	}

	for i, msg := range raw.Drafts {
		var jd jsonDraft
		if err := strictUnmarshal(msg, &jd); err != nil {
			bad("draft", i, "%v", err)
			continue
		}
		if jd.ID == "" {
			bad("draft", i, "it has no id")
			continue
		}
		at, err := parseTime(jd.UpdatedAt)
		if err != nil {
			bad("draft", i, "%v", err)
			continue
		}
		doc.Drafts = append(doc.Drafts, journal.Draft{ID: jd.ID, ReflectionID: jd.ReflectionID, Body: jd.Body, UpdatedAt: at})
	}
	for i, msg := range raw.Dismissed {
		var jd jsonDismissed
		if err := strictUnmarshal(msg, &jd); err != nil {
			bad("dismissed suggestion", i, "%v", err)
			continue
		}
		at, err := parseTime(jd.DismissedAt)
		if jd.Key == "" || err != nil {
			bad("dismissed suggestion", i, "it needs a key and a time")
			continue
		}
		doc.Dismissed = append(doc.Dismissed, Dismissed{Key: jd.Key, At: at})
	}
	for i, msg := range raw.Settings {
		var js jsonSetting
		if err := strictUnmarshal(msg, &js); err != nil || js.Key == "" {
			bad("setting", i, "it needs a key and a value")
			continue
		}
		doc.Settings = append(doc.Settings, Setting{Key: js.Key, Value: js.Value})
	}
	return doc, problems, nil
}

func reflectionFromJSON(jr *jsonReflection, now time.Time) (*journal.Reflection, error) {
	if jr.ID == "" {
		return nil, fmt.Errorf("it has no id")
	}
	r := &journal.Reflection{ID: jr.ID, Text: jr.Text}
	var err error
	if r.At, err = parseTime(jr.At); err != nil {
		return nil, err
	}
	if jr.CreatedAt != "" {
		if r.CreatedAt, err = parseTime(jr.CreatedAt); err != nil {
			return nil, err
		}
	}
	if jr.UpdatedAt != "" {
		if r.UpdatedAt, err = parseTime(jr.UpdatedAt); err != nil {
			return nil, err
		}
	}
	for _, je := range jr.Encounters {
		e := journal.Encounter{PersonID: je.PersonID}
		if je.Closeness != nil {
			e.Closeness = journal.Closeness(*je.Closeness)
			if !e.Closeness.Rated() {
				return nil, fmt.Errorf("closeness %d is not between 1 and 7", *je.Closeness)
			}
		}
		for _, jm := range je.Moments {
			if jm.ID == "" {
				return nil, fmt.Errorf("a moment has no id")
			}
			e.Moments = append(e.Moments, journal.Moment{ID: jm.ID, Kind: jm.Kind, Note: jm.Note})
		}
		for _, jq := range je.Questions {
			e.Questions = append(e.Questions, journal.AskedQuestion{ID: jq.ID, TheyAnswered: jq.TheyAnswered, IAnswered: jq.IAnswered})
		}
		r.Encounters = append(r.Encounters, e)
	}
	for _, jp := range jr.Photos {
		r.Photos = append(r.Photos, journal.Photo{ID: jp.ID, ReflectionID: r.ID, Position: jp.Position, Caption: jp.Caption,
			Format: jp.Format, Name: jp.Name, KeepMetadata: jp.KeepMetadata, Print: jp.Print})
	}
	slices.SortStableFunc(r.Photos, func(a, b journal.Photo) int { return a.Position - b.Position })
	if err := r.Validate(now); err != nil {
		return nil, err
	}
	return r, nil
}

// checkReferences makes sure a reflection names only people and custom kinds
// the file holds, and moment ids no earlier reflection used.
func checkReferences(r *journal.Reflection, people, kinds, moments map[string]bool) string {
	for _, e := range r.Encounters {
		if !people[e.PersonID] {
			return fmt.Sprintf("it names a person (%s) who is not in the file", e.PersonID)
		}
		for _, m := range e.Moments {
			if _, builtin := journal.BuiltinKind(m.Kind); !builtin && !kinds[m.Kind] {
				return fmt.Sprintf("moment kind %q is not in the file", m.Kind)
			}
			if moments[m.ID] {
				return fmt.Sprintf("the moment id %s is used twice", m.ID)
			}
		}
	}
	return ""
}

// checkPhotos makes sure an evening's photos each have an id used once in
// the file and name a file of the zip's photos folder with its SHA-256.
func checkPhotos(photos []jsonPhoto, seen map[string]zipPhoto) string {
	for _, p := range photos {
		switch {
		case p.ID == "":
			return "a photo has no id"
		case seen[p.ID] != zipPhoto{}:
			return fmt.Sprintf("the photo id %s is used twice", p.ID)
		case !strings.HasPrefix(p.File, zipPhotosDir) || strings.Contains(p.File, "..") || strings.Count(p.File, "/") != 1:
			return fmt.Sprintf("photo %s: %q is not a file of the zip's photos folder", p.ID, p.File)
		case len(p.SHA256) != 64:
			return fmt.Sprintf("photo %s has no SHA-256", p.ID)
		}
		seen[p.ID] = zipPhoto{file: p.File}
	}
	return ""
}

// strictUnmarshal reads one item; a field of the wrong type is an error
// naming the field.
func strictUnmarshal(msg json.RawMessage, v any) error {
	if err := json.Unmarshal(msg, v); err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonError rewords encoding/json's errors for people.
func jsonError(err error) error {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Errorf("the JSON is broken near byte %d (%v)", e.Offset, e)
	case *json.UnmarshalTypeError:
		if e.Field != "" {
			return fmt.Errorf("%q should be %s, not %s", e.Field, e.Type, e.Value)
		}
		return fmt.Errorf("expected %s, found %s", e.Type, e.Value)
	}
	return err
}
