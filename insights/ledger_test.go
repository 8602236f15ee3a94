package insights

import (
	"fmt"
	"testing"
	"time"

	"kindred/journal"
)

func monthLine(m MonthMoments) string {
	s := fmt.Sprintf("%s:%d", m.Month, m.Evenings)
	for _, k := range testKinds {
		if n := m.Counts[k.ID]; n > 0 {
			s += fmt.Sprintf(" %s=%d", k.ID, n)
		}
	}
	return s
}

func kindLine(k KindRecord) string {
	first, last := "-", "-"
	if k.First != nil {
		first, last = k.First.ReflectionID, k.Last.ReflectionID
	}
	return fmt.Sprintf("%s %q n=%d first=%s last=%s days=%d", k.Kind, k.Label, k.Count, first, last, k.DaysSinceLast)
}

func TestMomentLedger(t *testing.T) {
	evs, asOf := fixture()
	tests := []struct {
		name   string
		evs    []Evening
		rng    Range
		asOf   time.Time
		months []string
		kinds  []string
	}{
		{
			name: "all time, with a quiet month, custom kinds and summer time", evs: evs, asOf: asOf,
			months: []string{
				"2024-01:2 deep-talk=1 shared-back=1 laughed=1 board-games=1",
				"2024-02:0",
				// e3 and e4 are both 31 March in UTC; e4 is April by its own clock.
				"2024-03:1 deep-talk=1 shared-back=1 inside-joke=1",
				"2024-04:1 laughed=1 checked-phone=1",
			},
			kinds: []string{
				// Last on 31 March, as of 11 April: 11 calendar days, though
				// summer time made it 10 days and 11.5 hours.
				`deep-talk "Went deep" n=2 first=e1 last=e3 days=11`,
				`shared-back "I opened up too" n=2 first=e2 last=e3 days=11`,
				`listened "Listened, didn't fix" n=0 first=- last=- days=-1`,
				`came-up-for-air "Came up for air" n=0 first=- last=- days=-1`,
				`laughed "Laughed together" n=2 first=e1 last=e4 days=10`,
				`inside-joke "Inside joke" n=1 first=e3 last=e3 days=11`,
				`us-vs-world "Us vs the world" n=0 first=- last=- days=-1`,
				`labeled-bond "Named the bond" n=0 first=- last=- days=-1`,
				`adventure "Adventure" n=0 first=- last=- days=-1`,
				`perfect-day "A whole day together" n=0 first=- last=- days=-1`,
				// 20 January to 11 April 2024, a leap year: 11+29+31+11.
				`board-games "Board games" n=1 first=e2 last=e2 days=82`,
				`checked-phone "Checked my phone" n=1 first=e4 last=e4 days=10`,
			},
		},
		{
			name: "a range counts its own evenings but first and last look at all before", evs: evs, asOf: asOf,
			rng:    Range{From: time.Date(2024, 3, 1, 0, 0, 0, 0, paris), To: asOf},
			months: []string{"2024-03:1 deep-talk=1 shared-back=1 inside-joke=1", "2024-04:1 laughed=1 checked-phone=1"},
			kinds: []string{
				`deep-talk "Went deep" n=1 first=e1 last=e3 days=11`,
				`shared-back "I opened up too" n=1 first=e2 last=e3 days=11`,
				`listened "Listened, didn't fix" n=0 first=- last=- days=-1`,
				`came-up-for-air "Came up for air" n=0 first=- last=- days=-1`,
				`laughed "Laughed together" n=1 first=e1 last=e4 days=10`,
				`inside-joke "Inside joke" n=1 first=e3 last=e3 days=11`,
				`us-vs-world "Us vs the world" n=0 first=- last=- days=-1`,
				`labeled-bond "Named the bond" n=0 first=- last=- days=-1`,
				`adventure "Adventure" n=0 first=- last=- days=-1`,
				`perfect-day "A whole day together" n=0 first=- last=- days=-1`,
				`board-games "Board games" n=0 first=e2 last=e2 days=82`,
				`checked-phone "Checked my phone" n=1 first=e4 last=e4 days=10`,
			},
		},
		{
			name: "a range ending in the past looks from its end", evs: evs, asOf: utc(2024, 1, 31),
			rng:    Range{To: utc(2024, 1, 31)},
			months: []string{"2024-01:2 deep-talk=1 shared-back=1 laughed=1 board-games=1"},
			kinds: []string{
				`deep-talk "Went deep" n=1 first=e1 last=e1 days=26`,
				`shared-back "I opened up too" n=1 first=e2 last=e2 days=11`,
				`listened "Listened, didn't fix" n=0 first=- last=- days=-1`,
				`came-up-for-air "Came up for air" n=0 first=- last=- days=-1`,
				`laughed "Laughed together" n=1 first=e1 last=e1 days=26`,
				`inside-joke "Inside joke" n=0 first=- last=- days=-1`,
				`us-vs-world "Us vs the world" n=0 first=- last=- days=-1`,
				`labeled-bond "Named the bond" n=0 first=- last=- days=-1`,
				`adventure "Adventure" n=0 first=- last=- days=-1`,
				`perfect-day "A whole day together" n=0 first=- last=- days=-1`,
				`board-games "Board games" n=1 first=e2 last=e2 days=11`,
			},
		},
		{
			name: "one evening only, and a kind the journal no longer knows",
			evs:  []Evening{ev("x", time.Date(2024, 1, 1, 1, 0, 0, 0, kathmandu), 3, journal.KindLabeledBond, "gone-kind")},
			asOf: time.Date(2024, 1, 2, 9, 0, 0, 0, kathmandu),
			// January by its own clock, though it was still 31 December in UTC.
			months: []string{"2024-01:1 labeled-bond=1"},
			kinds: []string{
				`deep-talk "Went deep" n=0 first=- last=- days=-1`,
				`shared-back "I opened up too" n=0 first=- last=- days=-1`,
				`listened "Listened, didn't fix" n=0 first=- last=- days=-1`,
				`came-up-for-air "Came up for air" n=0 first=- last=- days=-1`,
				`laughed "Laughed together" n=0 first=- last=- days=-1`,
				`inside-joke "Inside joke" n=0 first=- last=- days=-1`,
				`us-vs-world "Us vs the world" n=0 first=- last=- days=-1`,
				`labeled-bond "Named the bond" n=1 first=x last=x days=1`,
				`adventure "Adventure" n=0 first=- last=- days=-1`,
				`perfect-day "A whole day together" n=0 first=- last=- days=-1`,
				`gone-kind "gone-kind" n=1 first=x last=x days=1`,
			},
		},
		{
			name: "a gap of years shows every quiet month between",
			evs:  []Evening{ev("a", utc(2019, 11, 3), 4), ev("b", utc(2022, 2, 1), 5)},
			asOf: utc(2022, 2, 2),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := MomentLedger(tc.evs, testKinds, tc.rng, tc.asOf)
			if tc.months == nil {
				// 2019-11 to 2022-02: 2 + 12 + 12 + 2 months.
				if len(l.Months) != 28 || l.Months[0].Month.String() != "2019-11" || l.Months[27].Month.String() != "2022-02" {
					t.Fatalf("got %d months from %v, want 28 from 2019-11 to 2022-02", len(l.Months), l.Months[0].Month)
				}
				if l.Months[1].Evenings != 0 || l.Months[27].Evenings != 1 {
					t.Errorf("quiet months hold evenings: %v", l.Months[1])
				}
				return
			}
			if len(l.Months) != len(tc.months) {
				t.Fatalf("got %d months, want %d", len(l.Months), len(tc.months))
			}
			for i, want := range tc.months {
				if got := monthLine(l.Months[i]); got != want {
					t.Errorf("month %d: got %q, want %q", i, got, want)
				}
			}
			if len(l.Kinds) != len(tc.kinds) {
				for _, k := range l.Kinds {
					t.Log(kindLine(k))
				}
				t.Fatalf("got %d kinds, want %d", len(l.Kinds), len(tc.kinds))
			}
			for i, want := range tc.kinds {
				if got := kindLine(l.Kinds[i]); got != want {
					t.Errorf("kind %d: got %s, want %s", i, got, want)
				}
			}
		})
	}
}

func TestDepthBalance(t *testing.T) {
	evs, asOf := fixture()
	tests := []struct {
		name        string
		evs         []Evening
		rng         Range
		months      string
		deep, light int
		share       float64
	}{
		{name: "no evenings", months: ""},
		{name: "all time", evs: evs, months: "2024-01:2/1 2024-02:0/0 2024-03:2/1 2024-04:0/1", deep: 4, light: 3, share: 4.0 / 7},
		{name: "april by its own clock", evs: evs, rng: Range{From: time.Date(2024, 4, 1, 0, 0, 0, 0, paris)},
			months: "2024-04:0/1", deep: 0, light: 1, share: 0},
		{name: "neither deep nor light", evs: []Evening{ev("a", utc(2024, 4, 1), 5, journal.KindAdventure, "board-games")},
			months: "2024-04:0/0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := DepthBalance(tc.evs, tc.rng, asOf)
			got := ""
			for i, m := range b.Months {
				if i > 0 {
					got += " "
				}
				got += fmt.Sprintf("%s:%d/%d", m.Month, m.Deep, m.Light)
			}
			if got != tc.months {
				t.Errorf("months %q, want %q", got, tc.months)
			}
			if b.Deep != tc.deep || b.Light != tc.light || !near(b.DeepShare, tc.share) {
				t.Errorf("got deep %d light %d share %.4f, want %d %d %.4f", b.Deep, b.Light, b.DeepShare, tc.deep, tc.light, tc.share)
			}
		})
	}
}

func TestReciprocityOf(t *testing.T) {
	evs, asOf := fixture()
	d := func(id string, kinds ...string) Evening { return ev(id, utc(2024, 2, 1), 4, kinds...) }
	tests := []struct {
		name string
		evs  []Evening
		want Reciprocity
	}{
		{name: "no evenings", want: Reciprocity{}},
		{name: "the fixture: one each, and one evening both", evs: evs, want: Reciprocity{TheyOpened: 2, IOpened: 2, Both: 1, Evenness: 1}},
		{name: "only they opened up", evs: []Evening{d("a", journal.KindDeepTalk), d("b", journal.KindDeepTalk)},
			want: Reciprocity{TheyOpened: 2}},
		{name: "I opened up once for their three", evs: []Evening{d("a", journal.KindDeepTalk), d("b", journal.KindDeepTalk),
			d("c", journal.KindDeepTalk, journal.KindSharedBack)}, want: Reciprocity{TheyOpened: 3, IOpened: 1, Both: 1, Evenness: 1.0 / 3}},
		{name: "listening is not opening up", evs: []Evening{d("a", journal.KindListened)}, want: Reciprocity{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ReciprocityOf(tc.evs, Range{}, asOf)
			if got.TheyOpened != tc.want.TheyOpened || got.IOpened != tc.want.IOpened || got.Both != tc.want.Both || !near(got.Evenness, tc.want.Evenness) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
