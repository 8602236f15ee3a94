package journal_test

import (
	"context"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

func TestSearchFindsEmoji(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	ana := journaltest.MustAddPerson(t, s, "Ana")
	texts := map[string]string{
		"cried":    "他说要搬家了😭 we both cried",
		"party":    "All packed up finally 🎉 dinner with Ana",
		"thumbs":   "Good talk 👍🏽",
		"no emoji": "A quiet walk, nothing else :)",
	}
	ids := map[string]string{}
	for i, name := range []string{"cried", "party", "thumbs", "no emoji"} {
		r := &journal.Reflection{At: base.AddDate(0, 0, i), Text: texts[name], Encounters: []journal.Encounter{{PersonID: ana.ID}}}
		if err := s.SaveReflection(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids[r.ID] = name
	}
	for query, want := range map[string]string{"😭": "cried", "🎉": "party", "👍": "thumbs", "👍🏽": "thumbs", "dinner 🎉": "party"} {
		if len(journal.ParseSearch(query)) == 0 {
			t.Errorf("ParseSearch(%q) has nothing to search for", query)
			continue
		}
		got := searchAll(t, s, query, 10)
		if len(got) != 1 || ids[got[0].ID] != want {
			var names []string
			for _, r := range got {
				names = append(names, ids[r.ID])
			}
			t.Errorf("search %q found %v, want [%s]", query, names, want)
		}
	}
	runs := journal.ParseSearch("😭").Highlight(texts["cried"])
	var marked string
	for _, r := range runs {
		if r.Match {
			marked += r.Text
		}
	}
	if marked != "😭" {
		t.Errorf("highlight of 😭 marks %q", marked)
	}
}

func TestSearchIgnoresMarkdown(t *testing.T) {
	s := journaltest.MustOpen(t)
	ctx := context.Background()
	ana := journaltest.MustAddPerson(t, s, "Ana")
	r := &journal.Reflection{At: base, Text: "# Erste Schritte\n[**Weitere Informationen**](premium) und **Park**",
		Encounters: []journal.Encounter{{PersonID: ana.ID}}}
	if err := s.SaveReflection(ctx, r); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{"premium": 0, "Weitere Informationen": 1, `"Erste Schritte"`: 1, "park": 1} {
		if got := len(searchAll(t, s, query, 10)); got != want {
			t.Errorf("search %q: %d found, want %d", query, got, want)
		}
	}
}
