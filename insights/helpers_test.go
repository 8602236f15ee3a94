package insights

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has

	"kindred/journal"
)

var (
	paris     = mustZone("Europe/Paris")
	kathmandu = mustZone("Asia/Kathmandu")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testKinds are the built-in kinds and two of the journal's own.
var testKinds = append(append([]journal.MomentKind(nil), journal.BuiltinKinds...),
	journal.MomentKind{ID: "board-games", Label: "Board games", Color: "#607d8b", Technique: journal.TechniqueCustom},
	journal.MomentKind{ID: "checked-phone", Label: "Checked my phone", Color: "#b0b0b0", Misstep: true, Technique: journal.TechniqueMisstep},
)

func ev(id string, at time.Time, c journal.Closeness, kinds ...string) Evening {
	return Evening{ReflectionID: id, At: at, Closeness: c, Kinds: kinds}
}

// utc is 20:00 UTC on a day.
func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 20, 0, 0, 0, time.UTC) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func person(id, name string) journal.Person {
	return journal.Person{ID: id, Name: name, Color: "#5b6ee1"}
}

// fixture is a small journal with Ana, built by hand for the ledger, balance,
// reciprocity and score tests: a custom kind and a custom misstep, a quiet
// February, and two evenings either side of midnight in Paris on the night
// summer time began, one in March and one in April by their own clocks,
// though both are 31 March in UTC.
func fixture() ([]Evening, time.Time) {
	return []Evening{
		ev("e1", utc(2024, 1, 5), 4, journal.KindDeepTalk, journal.KindLaughed),
		ev("e2", utc(2024, 1, 20), 5, journal.KindSharedBack, "board-games"),
		ev("e3", time.Date(2024, 3, 31, 23, 30, 0, 0, paris), 5, journal.KindDeepTalk, journal.KindSharedBack, journal.KindInsideJoke),
		ev("e4", time.Date(2024, 4, 1, 0, 30, 0, 0, paris), 0, journal.KindLaughed, "checked-phone"),
	}, time.Date(2024, 4, 11, 12, 0, 0, 0, paris)
}

func ids(s []string) string {
	out := ""
	for i, id := range s {
		if i > 0 {
			out += ","
		}
		out += id
	}
	return out
}

func rulesOf(sugs []Suggestion) []SuggestionRule {
	out := []SuggestionRule{}
	for _, s := range sugs {
		out = append(out, s.Rule)
	}
	return out
}

func checkNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
