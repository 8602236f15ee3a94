package assets

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"kindred/journal"
)

// deckGolden pins every released question: its id, its level and a hash of
// its text. Journals and exports store only ids, so an id must never change
// meaning. A question's text may be reworded only if it still asks the same
// thing (update its hash here and say so in the commit); its level never
// changes, and an id is never removed or reused. New questions are appended.
var deckGolden = []struct {
	id    string
	level journal.QuestionLevel
	hash  string // first 12 hex digits of the text's SHA-256
}{
	{"q01", journal.LevelLight, "7d2d18c5e0e8"},
	{"q02", journal.LevelLight, "da4364661a24"},
	{"q03", journal.LevelLight, "da7f55ad3b55"},
	{"q04", journal.LevelLight, "42e8cf24cd84"},
	{"q05", journal.LevelLight, "75ccd02fc58e"},
	{"q06", journal.LevelLight, "c8550c77fd8d"},
	{"q07", journal.LevelLight, "8c9c4ca11c37"},
	{"q08", journal.LevelLight, "63f727210519"},
	{"q09", journal.LevelLight, "5cd707603ad3"},
	{"q10", journal.LevelLight, "e69b268c3add"},
	{"q11", journal.LevelLight, "1579c31aa878"},
	{"q12", journal.LevelLight, "b215af0333ee"},
	{"q13", journal.LevelPersonal, "aae9aa8056d1"},
	{"q14", journal.LevelPersonal, "596fd5b917a4"},
	{"q15", journal.LevelPersonal, "a77ce74bc12a"},
	{"q16", journal.LevelPersonal, "28c440e41ce0"},
	{"q17", journal.LevelPersonal, "4b4ce644ef01"},
	{"q18", journal.LevelPersonal, "e850ce27a2d7"},
	{"q19", journal.LevelPersonal, "15707187ca2f"},
	{"q20", journal.LevelPersonal, "35e0f19b5a8f"},
	{"q21", journal.LevelPersonal, "7e15749c55de"},
	{"q22", journal.LevelPersonal, "87fc2e324035"},
	{"q23", journal.LevelPersonal, "17dee6e6c0cb"},
	{"q24", journal.LevelPersonal, "f3526beefb84"},
	{"q25", journal.LevelVulnerable, "43d34e95233b"},
	{"q26", journal.LevelVulnerable, "1ddfa64c47e5"},
	{"q27", journal.LevelVulnerable, "39586948e80d"},
	{"q28", journal.LevelVulnerable, "97786060f60f"},
	{"q29", journal.LevelVulnerable, "21b3b28d15fb"},
	{"q30", journal.LevelVulnerable, "a1680a99a594"},
	{"q31", journal.LevelVulnerable, "befc7803dc76"},
	{"q32", journal.LevelVulnerable, "1182a044dfef"},
	{"q33", journal.LevelVulnerable, "44b165beead8"},
	{"q34", journal.LevelVulnerable, "fc8593d7df24"},
	{"q35", journal.LevelVulnerable, "9c90f0485ba1"},
	{"q36", journal.LevelVulnerable, "ef9cdb656839"},
}

func TestQuestionDeckIsPinned(t *testing.T) {
	qs := Questions.Questions()
	if len(qs) < len(deckGolden) {
		t.Fatalf("deck has %d questions, want at least the %d released", len(qs), len(deckGolden))
	}
	for i, g := range deckGolden {
		q := qs[i]
		if q.ID != g.id || q.Level != g.level {
			t.Errorf("question %d: got %s (%s), want %s (%s)", i+1, q.ID, q.Level, g.id, g.level)
		}
		if h := fmt.Sprintf("%x", sha256.Sum256([]byte(q.Text)))[:12]; h != g.hash {
			t.Errorf("%s: text hash %s, want %s: reword only without changing the meaning, then update the hash", q.ID, h, g.hash)
		}
	}
}

func TestQuestionDeckShape(t *testing.T) {
	perLevel := map[journal.QuestionLevel]int{}
	for _, q := range Questions.Questions() {
		perLevel[q.Level]++
		if !strings.HasSuffix(q.Text, "?") {
			t.Errorf("%s does not end with a question mark: %q", q.ID, q.Text)
		}
	}
	for _, l := range []journal.QuestionLevel{journal.LevelLight, journal.LevelPersonal, journal.LevelVulnerable} {
		if perLevel[l] < 12 {
			t.Errorf("level %s has %d questions, want at least 12", l, perLevel[l])
		}
	}
	if journal.Deck() != Questions {
		t.Errorf("loading assets did not install its deck in the journal")
	}
}

func TestParseQuestionsRefusesBadDecks(t *testing.T) {
	for name, text := range map[string]string{
		"unknown level": "q01\tshallow\tWhat?\n",
		"duplicate id":  "q01\tlight\tWhat?\nq01\tlight\tWhy?\n",
		"bad id":        "question1\tlight\tWhat?\n",
		"shallower":     "q01\tpersonal\tWhat?\nq02\tlight\tWhy?\n",
		"no tabs":       "q01 light What?\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseQuestions(text); err == nil {
				t.Errorf("parseQuestions(%q) = nil error, want one", text)
			}
		})
	}
}
