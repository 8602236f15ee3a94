package insights_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kindred/assets"
	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// Emoji newer than EmojiOne (Unicode 10 to 15) are drawn in colour from
// Noto Color Emoji: no box is left, each picture is written once however
// often it is drawn, and the PDF passes qpdf --check.
func TestReportDrawsNewerEmojiInColour(t *testing.T) {
	useEmojiFont(t)
	insights.SetColorEmojiFont(assets.ColorEmoji)
	t.Cleanup(func() { insights.SetColorEmojiFont(nil) })
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return reportNow }
	ana := journaltest.MustAddPerson(t, s, "Ana Lima")
	for i, text := range []string{
		"Cold lake 🥶 and a parachute 🪂, again 🥶🥶.",
		"A melting face 🫠 (Unicode 14) and a shaking face 🫨 (Unicode 15), and a plain laugh 😂.",
	} {
		r := &journal.Reflection{At: reportNow.AddDate(0, 0, -10+i), Text: text,
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, write := range []struct {
		name string
		fn   func(path string) error
	}{
		{"report", func(path string) error {
			_, err := insights.ExportReport(ctx, s, path, insights.ReportOptions{Now: reportNow}, false)
			return err
		}},
		{"letter", func(path string) error {
			_, err := insights.ExportLetter(ctx, s, path, insights.LetterOptions{PersonID: ana.ID, Now: reportNow}, false)
			return err
		}},
	} {
		t.Run(write.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.pdf")
			if err := write.fn(path); err != nil {
				t.Fatal(err)
			}
			qpdfCheck(t, path)
			text := pdfText(t, path, 0, 0)
			if n := strings.Count(text, "□"); n != 0 {
				t.Errorf("%d □ left in the text:\n%s", n, text)
			}
			for _, want := range []string{"Cold lake", "and a parachute", "A melting face", "a shaking face"} {
				if !strings.Contains(text, want) {
					t.Errorf("the text lacks %q", want)
				}
			}
			qdf := filepath.Join(t.TempDir(), "qdf.pdf")
			if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --qdf: %v\n%s", err, out)
			}
			raw, err := os.ReadFile(qdf)
			if err != nil {
				t.Fatal(err)
			}
			// 🥶 🪂 🫠 🫨 as pictures (each once, with its alpha mask);
			// 😂 stays EmojiOne's outline.
			// 🥶 (three times), 🪂, 🫠 and 🫨 are four pictures, 136 by 128
			// pixels, each written once (their alpha masks aside); 😂 stays
			// EmojiOne's outline.
			n := 0
			for _, obj := range strings.Split(string(raw), "endobj") {
				if strings.Contains(obj, "/Subtype /Image") && strings.Contains(obj, "/Width 136") && !strings.Contains(obj, "/DeviceGray") {
					n++
				}
			}
			if n != 4 {
				t.Errorf("%d emoji pictures in the PDF, want 4", n)
			}
		})
	}
}
