package insights_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// A short closing never stands alone on a page: wherever the page ends,
// it shares its page with the end of the last evening before it.
func TestLetterKeepsAShortClosingWithTheTextBeforeIt(t *testing.T) {
	st := journaltest.MustOpen(t)
	st.Now = func() time.Time { return reportNow }
	ctx := context.Background()
	ana, err := st.AddPerson(ctx, "Ana Lima")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("We walked by the river and talked about the year and what comes next. ", 8)
	for i, text := range []string{long, long + "It ended well ENDMARK"} {
		r := &journal.Reflection{At: reportNow.AddDate(0, 0, -10+i), Text: text,
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5}}}
		if err := st.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	alone := 0
	for k := 0; k < 48; k += 1 {
		var opening []string
		for i := range k {
			opening = append(opening, fmt.Sprintf("Opening line %d.", i))
		}
		path := filepath.Join(dir, fmt.Sprintf("l%d.pdf", k))
		sum, err := insights.ExportLetter(ctx, st, path, insights.LetterOptions{PersonID: ana.ID, Now: reportNow,
			Opening: strings.Join(opening, "\n"), Closing: "With love, CLOSINGWORDS"}, false)
		if err != nil {
			t.Fatal(err)
		}
		for p := 1; p <= sum.Pages; p++ {
			text := pdfText(t, path, p, p)
			if strings.Contains(text, "CLOSINGWORDS") && !strings.Contains(text, "ENDMARK") {
				alone++
				if alone == 1 {
					t.Errorf("with %d opening lines the closing is on page %d without the end of the last evening:\n%s", k, p, text)
				}
			}
		}
	}
	if alone > 0 {
		t.Errorf("the closing stood apart in %d of 48 letters", alone)
	}
}
