package insights

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"kindred/journal"
)

func TestUpcomingAnniversaries(t *testing.T) {
	kathmandu := time.FixedZone("+05:45", 5*3600+45*60)
	evs := []Evening{
		// A leap day's first adventure comes round on 28 February.
		ev("leap", time.Date(2024, 2, 29, 21, 0, 0, 0, paris), 5, journal.KindAdventure, "checked-phone"),
		// Just after midnight in Kathmandu: 9 March by its own clock, 8 March in UTC.
		ev("ktm", time.Date(2023, 3, 9, 0, 15, 0, 0, kathmandu), 5, journal.KindLabeledBond),
		// Five years before: the first laugh.
		ev("old", utc(2020, 3, 20), 4, journal.KindLaughed),
		// Four years is not marked; nor is a first misstep ("checked-phone" above).
		ev("four", utc(2021, 3, 1), 4, "board-games"),
		// Two firsts of one evening share a date.
		ev("pair", utc(2023, 3, 12), 4, journal.KindDeepTalk, journal.KindSharedBack),
		// Too far ahead.
		ev("late", utc(2024, 4, 30), 4, journal.KindInsideJoke),
	}
	asOf := time.Date(2025, 2, 20, 12, 0, 0, 0, paris)
	l := MomentLedger(evs, testKinds, Range{}, asOf)
	got := UpcomingAnniversaries(l, testKinds, asOf)
	want := []string{
		"2025-02-28 adventure 1 leap",
		"2025-03-09 labeled-bond 2 ktm",
		"2025-03-12 deep-talk 2 pair",
		"2025-03-12 shared-back 2 pair",
		"2025-03-20 laughed 5 old",
	}
	var lines []string
	for _, a := range got {
		lines = append(lines, strings.Join([]string{a.Date, a.Kind, strconv.Itoa(a.Years), a.First.ReflectionID}, " "))
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	line := AnniversaryLine(got)
	wantLine := "Coming up: 1 year since the first “Adventure” (Fri 28 Feb), 2 years since the first “Named the bond” (Sun 9 Mar), 2 years since the first “Went deep” and “I opened up too” (Wed 12 Mar), 5 years since the first “Laughed together” (Thu 20 Mar)."
	if line != wantLine {
		t.Errorf("line:\ngot  %s\nwant %s", line, wantLine)
	}

	// Today's anniversaries are the Remember card's, not coming up.
	if got := UpcomingAnniversaries(l, testKinds, time.Date(2025, 2, 28, 9, 0, 0, 0, paris)); len(got) == 0 || got[0].Kind == journal.KindAdventure {
		t.Errorf("on the day: got %+v, want the adventure left out", got)
	}
	if AnniversaryLine(nil) != "" {
		t.Error("no anniversaries: want no line")
	}
}
