package insights_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"kindred/insights"
	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestMain(m *testing.M) {
	// pdfcpu would otherwise write a configuration folder under $HOME.
	api.DisableConfigDir()
	os.Exit(m.Run())
}

// reportZone is where the fixture's evenings were written.
var reportZone = time.FixedZone("CET", 3600)

// reportNow is the fixture's clock.
var reportNow = time.Date(2025, 1, 15, 10, 0, 0, 0, reportZone)

// fixtureEvening is one reflection of the fixture journal. Every text holds
// a marker word ("Mark07") so tests can tell exactly which ones a report has.
type fixtureEvening struct {
	day       string // 2006-01-02
	people    []string
	closeness journal.Closeness
	moments   map[string]string // kind -> note
	text      string
}

var fixturePeople = []string{"Zoë Ångström", "Дмитрий Соколов", "王芳", "Νίκος Παπαδόπουλος", "Ana 🌻"}

var fixtureEvenings = []fixtureEvening{
	{"2024-01-12", []string{"Zoë Ångström"}, 3, map[string]string{journal.KindDeepTalk: "", journal.KindLaughed: "the crème brûlée"},
		"Mark01 We walked along the river to the café. Zoë told me about her grandmother's farm near Århus; I listened."},
	{"2024-02-03", []string{"Zoë Ångström", "Дмитрий Соколов"}, 4, map[string]string{journal.KindAdventure: "Night kayaking under the bridge"},
		"Mark02 Kayaks at night! Дмитрий sang «Катюша» off key and we could not stop laughing 😂😂."},
	{"2024-03-15", []string{"Дмитрий Соколов"}, 5, map[string]string{journal.KindDeepTalk: "", journal.KindSharedBack: ""},
		"Mark03 Долгий разговор о его отце. Я рассказал про своего. Тихий вечер, чай с лимоном."},
	{"2024-04-20", []string{"王芳"}, 4, map[string]string{journal.KindPerfectDay: "From the tea house to the night market"},
		"Mark04 我们一起去爬山，然后在茶馆聊了很久。A whole day together, 一整天。"},
	{"2024-05-05", []string{"Νίκος Παπαδόπουλος"}, 5, map[string]string{journal.KindLabeledBond: "Είπε «είσαι αδερφός μου»"},
		"Mark05 Καλημέρα! Nikos said I'm like a brother to him and I said the same back. Ουρανός, θάλασσα."},
	{"2024-06-18", []string{"Ana 🌻"}, 6, map[string]string{journal.KindInsideJoke: "🦄 the unicorn thing", journal.KindLaughed: ""},
		"Mark06 Ana's family emoji 👨‍👩‍👧 and the flag 🇫🇷 and a thumbs up 👍🏽 and a keycap 1️⃣ — all in one line."},
	{"2024-08-09", []string{"Zoë Ångström"}, 6, map[string]string{journal.KindLabeledBond: "She said I'm her person", journal.KindDeepTalk: ""},
		"Mark07 Zoë said it first: that I'm her person. I said it back. Then ice cream 🍦."},
	{"2024-10-30", []string{"Zoë Ångström", "王芳"}, 5, map[string]string{journal.KindAdventure: "Climbing gym, first time"},
		"Mark08 First time at the climbing gym with Zoë and 王芳. Sore hands, big grins."},
	{"2024-12-20", []string{"Zoë Ångström"}, 7, map[string]string{journal.KindPerfectDay: "Christmas market all day", journal.KindCameUpForAir: ""},
		"Mark09 The whole day at the Christmas market. Glühwein, Lebkuchen, and a very long talk on the bench.\n\nA second paragraph: we planned the spring."},
}

// fixture is the small journal the report tests read, with people by name.
type fixture struct {
	store  *journal.Store
	people map[string]*journal.Person
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	s := journaltest.MustOpen(t)
	s.Now = func() time.Time { return reportNow }
	f := &fixture{store: s, people: map[string]*journal.Person{}}
	for _, name := range fixturePeople {
		f.people[name] = journaltest.MustAddPerson(t, s, name)
	}
	for _, e := range fixtureEvenings {
		day, err := time.ParseInLocation("2006-01-02", e.day, reportZone)
		if err != nil {
			t.Fatal(err)
		}
		r := &journal.Reflection{At: day.Add(20*time.Hour + 30*time.Minute), Text: e.text}
		for _, name := range e.people {
			enc := journal.Encounter{PersonID: f.people[name].ID, Closeness: e.closeness}
			for _, k := range journal.BuiltinKinds {
				if note, ok := e.moments[k.ID]; ok {
					enc.Moments = append(enc.Moments, journal.Moment{Kind: k.ID, Note: note})
				}
			}
			r.Encounters = append(r.Encounters, enc)
		}
		if err := s.SaveReflection(context.Background(), r); err != nil {
			t.Fatalf("save %s: %v", e.day, err)
		}
	}
	return f
}

func (f *fixture) ids(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, f.people[n].ID)
	}
	return out
}

// writeReport exports a report of the fixture and checks it is a valid PDF.
func (f *fixture) writeReport(t *testing.T, opt insights.ReportOptions) string {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = reportNow
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if _, err := insights.ExportReport(context.Background(), f.store, path, opt, false); err != nil {
		t.Fatalf("export report: %v", err)
	}
	if err := api.ValidateFile(path, model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu says the report is not a valid PDF: %v", err)
	}
	if _, err := exec.LookPath("qpdf"); err == nil || os.Getenv("CI") == "true" {
		qpdfCheck(t, path)
	}
	return path
}

// pdfText is the text of pages first to last (0, 0 for all) as pdftotext reads it.
func pdfText(t *testing.T, path string, first, last int) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils; .ci/install-deps installs it)")
	}
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	var out, errb bytes.Buffer
	cmd := exec.Command("pdftotext", append(args, path, "-")...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, errb.String())
	}
	return out.String()
}

// pageCount is the report's page count as pdfcpu reads it.
func pageCount(t *testing.T, path string) int {
	t.Helper()
	n, err := api.PageCountFile(path)
	if err != nil {
		t.Fatalf("page count: %v", err)
	}
	return n
}

// outline is the report's bookmarks, flattened as "title@page", children
// indented by two spaces per level.
func outline(t *testing.T, path string) []string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	bms, err := api.Bookmarks(fh, model.NewDefaultConfiguration())
	if err != nil {
		t.Fatalf("read outline: %v", err)
	}
	var out []string
	var walk func(bs []pdfcpu.Bookmark, depth int)
	walk = func(bs []pdfcpu.Bookmark, depth int) {
		for _, b := range bs {
			out = append(out, fmt.Sprintf("%s%s@%d", strings.Repeat("  ", depth), b.Title, b.PageFrom))
			walk(b.Kids, depth+1)
		}
	}
	walk(bms, 0)
	return out
}
