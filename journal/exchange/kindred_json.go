// Package exchange moves journals in and out of Kindred: its own JSON format
// (lossless, see docs/json-format.md), a readable Markdown export, and
// imports from Day One and jrnl. Reading a file never writes anything;
// Import writes in one transaction, all or nothing.
package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"kindred/journal"
)

// FormatName and FormatVersion identify Kindred's JSON export. A reader
// refuses versions above the one it knows. Version 2 added the deck
// questions asked on each encounter; a version 1 reader would drop them
// silently, so the version moved rather than only gaining a field.
//
// Version 3 added photos; only a zip export (kindred_zip.go) is version 3,
// a journal without photos is still written as version 2, as before.
const (
	FormatName    = "kindred-journal"
	FormatVersion = 3
	plainVersion  = 2
)

// timeLayout keeps the offset a time was written in ("+05:45", "Z") and the
// milliseconds the journal stores.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func formatTime(t time.Time) string { return t.Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q is not of the form 2006-01-02T15:04:05.000+01:00", s)
	}
	return t, nil
}

type jsonPerson struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Color     string `json:"color"`
	Archived  bool   `json:"archived"`
	CreatedAt string `json:"created_at"`
}

type jsonKind struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Color     string `json:"color"`
	Misstep   bool   `json:"misstep"`
	CreatedAt string `json:"created_at"`
}

type jsonMoment struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Note string `json:"note,omitempty"`
}

type jsonQuestion struct {
	ID           string `json:"id"`
	TheyAnswered bool   `json:"they_answered"`
	IAnswered    bool   `json:"i_answered"`
}

type jsonEncounter struct {
	PersonID  string         `json:"person_id"`
	Closeness *int           `json:"closeness"` // null: not rated
	Moments   []jsonMoment   `json:"moments"`
	Questions []jsonQuestion `json:"questions,omitempty"` // since version 2
}

type jsonReflection struct {
	ID         string          `json:"id"`
	At         string          `json:"at"`
	Text       string          `json:"text"`
	CreatedAt  string          `json:"created_at"`
	UpdatedAt  string          `json:"updated_at"`
	Encounters []jsonEncounter `json:"encounters"`
	Photos     []jsonPhoto     `json:"photos,omitempty"` // since version 3
}

type jsonDraft struct {
	ID           string `json:"id"`
	ReflectionID string `json:"reflection_id,omitempty"`
	Body         string `json:"body"`
	UpdatedAt    string `json:"updated_at"`
}

type jsonDismissed struct {
	Key         string `json:"key"`
	DismissedAt string `json:"dismissed_at"`
}

type jsonSetting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// sections are the lists of a document, in the order they are written.
var sections = []string{"people", "moment_kinds", "reflections", "drafts", "dismissed_suggestions", "settings"}

// WriteJSON writes the whole journal to w in Kindred's JSON format, from one
// consistent snapshot. progress, if set, gets the share done (0-1). A
// journal with photos cannot be written as plain JSON: ExportJSON writes it
// as a zip with its photos.
func WriteJSON(ctx context.Context, s *journal.Store, w io.Writer, progress func(float64)) error {
	err := writeDoc(ctx, s, w, progress, nil)
	if errors.Is(err, errPhotosChanged) {
		return journal.Errorf(journal.EINVALID, "This journal has photos, which plain JSON cannot hold: export it as a zip (kindred export json --out FILE.zip).")
	}
	return err
}

// writeDoc writes the document; files are the photos already in the zip
// by id, or nil for plain JSON. A photo not among them stops it with
// errPhotosChanged.
func writeDoc(ctx context.Context, s *journal.Store, w io.Writer, progress func(float64), files map[string]zipPhoto) error {
	jw := &docWriter{w: w}
	version := plainVersion
	if files != nil {
		version = FormatVersion
	}
	fmt.Fprintf(jw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"journal_version\": %d,\n  \"exported_at\": %q",
		FormatName, version, journal.SchemaVersion(), formatTime(s.Now()))
	err := s.Walk(ctx, journal.Walk{
		Person: func(p *journal.Person) error {
			return jw.item(0, jsonPerson{ID: p.ID, Name: p.Name, Color: p.Color, Archived: p.Archived, CreatedAt: formatTime(p.CreatedAt)})
		},
		Kind: func(k *journal.MomentKind, created time.Time) error {
			return jw.item(1, jsonKind{ID: k.ID, Label: k.Label, Color: k.Color, Misstep: k.Misstep, CreatedAt: formatTime(created.UTC())})
		},
		Reflection: func(r *journal.Reflection) error {
			jr := reflectionJSON(r)
			for _, p := range r.Photos {
				f, ok := files[p.ID]
				if !ok {
					return errPhotosChanged
				}
				jr.Photos = append(jr.Photos, jsonPhoto{ID: p.ID, Caption: p.Caption, Position: p.Position, Format: p.Format,
					Name: p.Name, File: f.file, SHA256: f.sha256, KeepMetadata: p.KeepMetadata, Print: p.Print})
			}
			return jw.item(2, jr)
		},
		Draft: func(d *journal.Draft) error {
			return jw.item(3, jsonDraft{ID: d.ID, ReflectionID: d.ReflectionID, Body: d.Body, UpdatedAt: formatTime(d.UpdatedAt.UTC())})
		},
		Dismissed: func(key string, at time.Time) error {
			return jw.item(4, jsonDismissed{Key: key, DismissedAt: formatTime(at.UTC())})
		},
		Setting:  func(k, v string) error { return jw.item(5, jsonSetting{Key: k, Value: v}) },
		Progress: progress,
	})
	if errors.Is(err, errPhotosChanged) {
		return err
	}
	if err != nil {
		return fmt.Errorf("export journal: %w", err)
	}
	jw.enter(len(sections))
	fmt.Fprint(jw, "\n}\n")
	return jw.err
}

func reflectionJSON(r *journal.Reflection) jsonReflection {
	out := jsonReflection{ID: r.ID, At: formatTime(r.At), Text: r.Text,
		CreatedAt: formatTime(r.CreatedAt.UTC()), UpdatedAt: formatTime(r.UpdatedAt.UTC()),
		Encounters: make([]jsonEncounter, 0, len(r.Encounters))}
	for _, e := range r.Encounters {
		je := jsonEncounter{PersonID: e.PersonID, Moments: make([]jsonMoment, 0, len(e.Moments))}
		if e.Closeness.Rated() {
			c := int(e.Closeness)
			je.Closeness = &c
		}
		for _, m := range e.Moments {
			je.Moments = append(je.Moments, jsonMoment{ID: m.ID, Kind: m.Kind, Note: m.Note})
		}
		for _, q := range e.Questions {
			je.Questions = append(je.Questions, jsonQuestion{ID: q.ID, TheyAnswered: q.TheyAnswered, IAnswered: q.IAnswered})
		}
		out.Encounters = append(out.Encounters, je)
	}
	return out
}

// docWriter writes the document's lists one item at a time, so an export
// never holds the whole journal in memory. Sections are opened in order;
// one with no items is written as [].
type docWriter struct {
	w       io.Writer
	err     error
	section int // the open section, -1 before the first
	items   int // items written in the open section
	started bool
	buf     bytes.Buffer
}

func (d *docWriter) Write(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.w.Write(p)
	d.err = err
	return n, err
}

// enter closes the open section and opens every one up to i.
func (d *docWriter) enter(i int) {
	if !d.started {
		d.started, d.section = true, -1
	}
	for d.section < i {
		if d.section >= 0 {
			if d.items > 0 {
				fmt.Fprint(d, "\n  ]")
			} else {
				fmt.Fprint(d, "]")
			}
		}
		d.section++
		d.items = 0
		if d.section < len(sections) {
			fmt.Fprintf(d, ",\n  %q: [", sections[d.section])
		}
	}
}

func (d *docWriter) item(section int, v any) error {
	d.enter(section)
	d.buf.Reset()
	enc := json.NewEncoder(&d.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if d.items > 0 {
		fmt.Fprint(d, ",")
	}
	fmt.Fprint(d, "\n    ")
	d.Write(bytes.TrimRight(d.buf.Bytes(), "\n"))
	d.items++
	return d.err
}
