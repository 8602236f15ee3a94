package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"kindred/journal"
)

func init() {
	register(command{name: "add", summary: "record a reflection", run: runAdd})
}

func runAdd(e *env) error {
	fs := e.flags("add", "--person NAME [--person NAME]... [--date YYYY-MM-DD[THH:MM]] [--closeness 1-7] [--moment KIND]... [--asked QID]... [--answered-by them|me|both] [--text TEXT | --text-file FILE] [--photo FILE [--caption TEXT]]...")
	var people, moments, asked stringList
	fs.Var(&people, "person", "a `NAME` of someone who was there (repeatable; like every argument, other users of this computer can see it in the process list while add runs)")
	fs.Var(&moments, "moment", "a moment `KIND` id, for each person (repeatable)")
	fs.Var(&asked, "asked", "a deck question `QID` asked of each person, e.g. q03 (repeatable; see kindred questions)")
	answeredBy := fs.String("answered-by", "", "who answered the --asked questions: them, me or both (default neither)")
	date := fs.String("date", "", "when, YYYY-MM-DD or YYYY-MM-DDTHH:MM in local time (default now; a date alone is 20:00 that day)")
	closeness := fs.Int("closeness", 0, "closeness 1-7 on the IOS scale, for each person (default not rated)")
	text := fs.String("text", "", "the reflection's `TEXT`, or - to read it from standard input (text given here is visible to other users of this computer in the process list while add runs)")
	textFile := fs.String("text-file", "", "read the text from `FILE` (- for standard input)")
	var photos photoArgs
	fs.Var(photoFlag{&photos}, "photo", "a photo `FILE` of the evening, JPEG, PNG, HEIC, GIF or WebP (repeatable; more files may follow the flag)")
	fs.Var(captionFlag{&photos}, "caption", "the caption `TEXT` of the --photo before it")
	args, err := e.parse(fs)
	if err != nil {
		return err
	}
	if len(args) > 0 && len(photos) == 0 {
		return usagef("add takes no arguments besides its flags (got %q)", args[0])
	}
	for _, a := range args {
		// Files after --photo a.jpg: a shell's photos/*.jpg.
		photos = append(photos, photoArg{path: a})
	}
	var data [][]byte
	for _, p := range photos {
		b, err := journal.ReadPhotoFile(p.path)
		if err != nil {
			return err
		}
		data = append(data, b)
	}
	if len(people) == 0 {
		return usagef("add needs at least one --person")
	}
	if *text != "" && *textFile != "" {
		return usagef("use --text or --text-file, not both")
	}
	if *closeness != 0 && !journal.Closeness(*closeness).Rated() {
		return usagef("--closeness must be between 1 and 7")
	}
	questions, err := askedQuestions(asked, *answeredBy)
	if err != nil {
		return err
	}
	at := time.Now()
	if *date != "" {
		if at, err = parseDateTime(*date); err != nil {
			return usagef("%v", err)
		}
	}
	body := *text
	if *text == "-" {
		// Text typed on the command line is in /proc for every user to read;
		// from standard input it is not.
		*textFile = "-"
	}
	if *textFile != "" {
		var b []byte
		if *textFile == "-" {
			b, err = io.ReadAll(e.stdin)
		} else {
			b, err = os.ReadFile(*textFile)
		}
		if err != nil {
			return fmt.Errorf("read text: %w", err)
		}
		body = string(b)
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	r := &journal.Reflection{At: at, Text: body}
	for _, name := range people {
		p, err := s.FindPerson(e.ctx, name)
		if err != nil {
			return err
		}
		enc := journal.Encounter{PersonID: p.ID, Closeness: journal.Closeness(*closeness),
			Questions: append([]journal.AskedQuestion(nil), questions...)}
		for _, k := range moments {
			enc.Moments = append(enc.Moments, journal.Moment{Kind: k})
		}
		r.Encounters = append(r.Encounters, enc)
	}
	// One transaction: the evening is saved with all its photos, or nothing is.
	err = s.Batch(e.ctx, func(b *journal.Batch) error {
		for i, p := range photos {
			ph, err := b.AddPhoto(filepath.Base(p.path), data[i])
			if err != nil {
				return err
			}
			ph.Caption = p.caption
			r.Photos = append(r.Photos, *ph)
		}
		return b.SaveReflection(r)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, r.ID)
	return nil
}

// parseDateTime reads YYYY-MM-DD or YYYY-MM-DDTHH:MM in local time; a bare
// date means that evening at 20:00.
func parseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD or YYYY-MM-DDTHH:MM", s)
	}
	// 20:00 on the clock, not 20 hours after local midnight: on a day
	// summer time begins or ends those differ by an hour.
	return time.Date(d.Year(), d.Month(), d.Day(), 20, 0, 0, 0, time.Local), nil
}

// parseDate reads YYYY-MM-DD as that date's midnight on a zoneless (UTC)
// clock: timeline and remember compare it with each evening's own wall clock,
// and a zone whose summer time skips midnight (Havana) would otherwise turn
// the date into the evening before.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD or YYYY-MM-DDTHH:MM", s)
	}
	return t, nil
}
