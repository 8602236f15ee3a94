package app

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kindred/journal"
)

func TestTLExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 100)
	cases := []struct {
		text string
		max  int
		want string
	}{
		{"", 20, ""},
		{"  Short one.  ", 20, "Short one."},
		{"First line.\n\nSecond\tline.", 40, "First line. Second line."},
		{"We walked along the river and talked.", 20, "We walked along the…"},
		{"Supercalifragilisticexpialidocious indeed", 10, "Supercalif…"},
		{long, 23, "word word word word…"},
		{"Zoë, Søren, 美咲 and 😂 laughing", 14, "Zoë, Søren, 美咲…"},
	}
	for _, c := range cases {
		got := tlExcerpt(c.text, c.max)
		if got != c.want {
			t.Errorf("tlExcerpt(%q, %d) = %q, want %q", c.text, c.max, got, c.want)
		}
		if n := utf8.RuneCountInString(strings.TrimSuffix(got, "…")); n > c.max {
			t.Errorf("tlExcerpt(%q, %d) is %d runes long", c.text, c.max, n)
		}
	}
}

func TestTLRowValues(t *testing.T) {
	kathmandu := time.FixedZone("+05:45", 5*3600+45*60)
	kinds := append([]journal.MomentKind(nil), journal.BuiltinKinds...)
	kinds = append(kinds, journal.MomentKind{ID: "checked-phone", Label: "Checked my phone", Misstep: true, Color: "#b0b0b0"},
		journal.MomentKind{ID: "board-games", Label: "Board games", Color: "#607d8b"})
	people := []journal.Person{{ID: "z", Name: "Zoë"}, {ID: "o", Name: "Omar"}, {ID: "u", Name: "Una"}}
	c := newTLRowContext("z", kinds, people)
	r := journal.Reflection{
		ID: "r1", At: time.Date(2024, 3, 1, 0, 30, 0, 0, kathmandu), Text: "Board games night.\nI checked my phone.",
		Encounters: []journal.Encounter{
			{PersonID: "o", Moments: []journal.Moment{{Kind: journal.KindAdventure}}},
			{PersonID: "z", Closeness: 5, Moments: []journal.Moment{
				{Kind: "board-games"}, {Kind: journal.KindJudged}, {Kind: journal.KindLaughed}, {Kind: "checked-phone"}, {Kind: "gone-kind"}}},
			{PersonID: "u"},
			{PersonID: "x"},
		},
	}
	row := c.row(&r)
	if row.Month != "March 2024" || row.Day != "Fri 1 Mar" || row.Time != "00:30" {
		t.Errorf("date in the evening's own offset: got %q %q %q", row.Month, row.Day, row.Time)
	}
	if row.Key.AtUTC != "2024-02-29T18:45:00.000Z" || row.Key.ID != "r1" {
		t.Errorf("key: %+v", row.Key)
	}
	if got := chipLabels(row.Moments); !slices.Equal(got, []string{"Board games", "Laughed together", "gone-kind"}) {
		t.Errorf("moments: %q", got)
	}
	if got := chipLabels(row.Missteps); !slices.Equal(got, []string{"Judged", "Checked my phone"}) {
		t.Errorf("missteps apart: %q", got)
	}
	if row.Closeness != 5 || row.Excerpt != "Board games night. I checked my phone." {
		t.Errorf("closeness %d, excerpt %q", row.Closeness, row.Excerpt)
	}
	if row.Others != "with Omar, Una and someone no longer in the journal" {
		t.Errorf("others: %q", row.Others)
	}
}

func TestTLItemsGroupByMonth(t *testing.T) {
	rows := []tlRow{{Month: "May 2024"}, {Month: "May 2024"}, {Month: "April 2024"}, {Month: "May 2023"}, {Month: "May 2023"}}
	var got []string
	for _, it := range tlItems(rows) {
		if it.row < 0 {
			got = append(got, "# "+it.month)
		} else {
			got = append(got, rows[it.row].Month)
		}
	}
	want := []string{"# May 2024", "May 2024", "May 2024", "# April 2024", "April 2024", "# May 2023", "May 2023", "May 2023"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(tlItems(nil)) != 0 {
		t.Error("no rows, yet lines")
	}
}

func TestTLThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 8144: "8,144", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := tlThousands(n); got != want {
			t.Errorf("tlThousands(%d) = %q, want %q", n, got, want)
		}
	}
}
