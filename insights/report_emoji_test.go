package insights_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

// useEmojiFont gives the report the emoji font the program gives it (see
// main.go), for one test or benchmark.
func useEmojiFont(t testing.TB) {
	t.Helper()
	f := theme.DefaultEmojiFont()
	if f == nil {
		t.Fatal("Fyne bundles no emoji font")
	}
	insights.SetEmojiFont(f.Content())
	t.Cleanup(func() { insights.SetEmojiFont(nil) })
}

// emojiEvenings are reflections full of emoji: plain ones, with a variation
// selector, skin tones, a flag, ZWJ sequences, and one newer than the font.
var emojiEvenings = []string{
	"Dinner with Ana 😂😂 and then ☕ at hers ❤️",
	"Thumbs up 👍🏽 and a wave 👋🏿, the flag 🇫🇷, a family 👨‍👩‍👧 and a rainbow 🏳️‍🌈.",
	"Cold lake 🥶 and a parachute 🪂 (both too new for the font).",
	"So much laughing 😂 🎉 🌙 ✨ 🙏 🍜 🎤 😊",
}

func TestReportDrawsEmoji(t *testing.T) {
	useEmojiFont(t)
	ctx := context.Background()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return reportNow }
	ana := journaltest.MustAddPerson(t, s, "Ana 🌻")
	for i, text := range emojiEvenings {
		r := &journal.Reflection{At: reportNow.AddDate(0, 0, -10+i), Text: text,
			Encounters: []journal.Encounter{{PersonID: ana.ID, Closeness: 5, Moments: []journal.Moment{{Kind: journal.KindLaughed, Note: "🦄 the unicorn thing"}}}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if _, err := insights.ExportReport(ctx, s, path, insights.ReportOptions{Now: reportNow}, false); err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, path)

	text := pdfText(t, path, 0, 0)
	for _, want := range []string{"Dinner with Ana", "and then", "at hers", "Thumbs up", "and a wave", "the flag", "a family", "and a rainbow", "the unicorn thing", "So much laughing"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
	// Drawn emoji are shapes, not text: the only boxes left are for the two
	// emoji newer than the font (EmojiOne 2016).
	if n := strings.Count(text, "□"); n != 2 || !strings.Contains(text, "Cold lake □ and a parachute □ (both too new") {
		t.Errorf("got %d □ in the text, want 2, the newer emoji's:\n%s", n, text)
	}

	// Every emoji is one form XObject, however often it is drawn.
	qdf := filepath.Join(t.TempDir(), "report-qdf.pdf")
	if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	forms := len(regexp.MustCompile(`/Subtype /Form`).FindAll(raw, -1))
	// 😂 ☕ ❤ 👍🏽 👋🏿 🇫🇷 👨‍👩‍👧 🏳️‍🌈 🎉 🌙 ✨ 🙏 🍜 🎤 😊 🦄 🌻, each once (a
	// sequence the font cannot draw whole is drawn as its first emoji, which
	// may be one of the others).
	if forms < 14 || forms > 17 {
		t.Errorf("%d form XObjects, want one per distinct emoji (14 to 17)", forms)
	}
	uses := len(regexp.MustCompile(`/TPLE[0-9]+ Do`).FindAll(raw, -1))
	if uses <= forms {
		t.Errorf("%d placements of %d emoji: repeated emoji should reuse their XObject", uses, forms)
	}
}

// A letter shares the report's text path: its emoji are drawn too.
func TestLetterDrawsEmoji(t *testing.T) {
	useEmojiFont(t)
	f, zoe := letterFixture(t)
	path, _ := f.writeLetter(t, insights.LetterOptions{PersonID: zoe.ID, Opening: "Dear Zoë 🌻,", Closing: "Love ❤️"})
	text := pdfText(t, path, 0, 0)
	if !strings.Contains(text, "Then ice cream") || !strings.Contains(text, "Dear Zoë") {
		t.Fatalf("the letter lacks its text:\n%s", text)
	}
	if strings.Contains(text, "□") {
		t.Errorf("an emoji of the letter printed as □:\n%s", text)
	}
}
