package insights

import (
	"testing"
	"time"
)

func TestDayStartWhereMidnightIsSkipped(t *testing.T) {
	havana := mustZone("America/Havana") // summer time began at 00:00 on 10 March 2024
	for _, loc := range []*time.Location{havana, kathmandu, time.UTC} {
		d := DayStart(2024, time.March, 10, loc)
		if got := d.Format("2006-01-02"); got != "2024-03-10" {
			t.Errorf("%s: the day starts at %v, on %s", loc, d, got)
		}
		if got := DayEnd(d).Format("2006-01-02 15:04:05"); got != "2024-03-10 23:59:59" {
			t.Errorf("%s: the day ends at %s", loc, got)
		}
	}
}

func TestOwnDay(t *testing.T) {
	a := time.Date(2024, 7, 1, 0, 10, 0, 0, kathmandu)                     // 30 June 18:25 UTC
	b := time.Date(2024, 6, 30, 20, 0, 0, 0, mustZone("America/New_York")) // 1 July 00:00 UTC
	if ownDay(a) != ownDay(b)+1 {
		t.Errorf("1 July in Kathmandu is day %d, 30 June in New York day %d", ownDay(a), ownDay(b))
	}
	if got := ownDay(time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC)); got != -1 {
		t.Errorf("31 December 1969 is day %d, want -1", got)
	}
	evs := []Evening{ev("a", a, 5), ev("b", b, 5)} // in the order of instants
	sortByOwnDate(evs)
	if evs[0].ReflectionID != "b" || !inOwnDateOrder(evs) {
		t.Errorf("own-date order: %s then %s", evs[0].ReflectionID, evs[1].ReflectionID)
	}
}
