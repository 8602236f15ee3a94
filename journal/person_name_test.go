package journal_test

import (
	"context"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// TestPersonNameMustBeUTF8: a name with invalid UTF-8 is refused like text
// is, on adding and on renaming, and nothing is written.
func TestPersonNameMustBeUTF8(t *testing.T) {
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	bad := "Zo\xeb"
	if _, err := s.AddPerson(ctx, bad); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("AddPerson(%q): got %v, want invalid", bad, err)
	}
	p := journaltest.MustAddPerson(t, s, "Zoë")
	if err := s.RenamePerson(ctx, p.ID, bad); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("RenamePerson(%q): got %v, want invalid", bad, err)
	}
	people, err := s.PeopleSummaries(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 1 || people[0].Name != "Zoë" {
		t.Errorf("people: got %+v, want only Zoë", people)
	}
}
