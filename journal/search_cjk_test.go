package journal_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
	"kindred/journal/sample"
	"kindred/journal/sealed"
)

func TestParseSearchCJK(t *testing.T) {
	cases := []struct {
		text string
		want journal.SearchTerms
	}{
		{"释然", journal.SearchTerms{{Words: []string{"释然"}, Prefix: true}}},
		{"回到正轨", journal.SearchTerms{{Words: []string{"回到", "到正", "正轨"}, Prefix: true}}},
		{`"回到正轨"`, journal.SearchTerms{{Words: []string{"回到", "到正", "正轨"}}}},
		// One character is a prefix of the pairs it starts, even quoted.
		{"然", journal.SearchTerms{{Words: []string{"然"}, Prefix: true}}},
		{`"然"`, journal.SearchTerms{{Words: []string{"然"}, Prefix: true}}},
		// A run followed by another word must end the run: its last
		// character alone follows its pairs in the index.
		{"日記kind", journal.SearchTerms{{Words: []string{"日記", "記", "kind"}, Prefix: true}}},
		{"kind日記", journal.SearchTerms{{Words: []string{"kind", "日記"}, Prefix: true}}},
		{"커피 Zoë", journal.SearchTerms{{Words: []string{"커피"}, Prefix: true}, {Words: []string{"zoe"}, Prefix: true}}},
	}
	for _, c := range cases {
		if got := journal.ParseSearch(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseSearch(%q) = %+v, want %+v", c.text, got, c.want)
		}
	}
}

func TestHighlightCJK(t *testing.T) {
	const diary = "心情3分。终于送走母亲觉得一阵释然。"
	cases := []struct{ query, text, want string }{
		{"释然", diary, "心情3分。终于送走母亲觉得一阵[释然]。"},
		{"母亲", diary, "心情3分。终于送走[母亲]觉得一阵释然。"},
		{"心情", diary, "[心情]3分。终于送走母亲觉得一阵释然。"},
		{"母亲 释然", diary, "心情3分。终于送走[母亲]觉得一阵[释然]。"},
		{"然", diary, "心情3分。终于送走母亲觉得一阵释[然]。"},
		{"母", diary, "心情3分。终于送走[母]亲觉得一阵释然。"},
		{"回到正轨", "这周终于回到正轨了", "这周终于[回到正轨]了"},
		{"家族", "about 家族 and", "about [家族] and"},
		{"コーヒー", "朝、友達とコーヒーを飲んだ。", "朝、友達と[コーヒー]を飲んだ。"},
		{"友達", "朝、友達とコーヒーを飲んだ。", "朝、[友達]とコーヒーを飲んだ。"},
		{"커피", "친구와 커피를 마셨다", "친구와 [커피]를 마셨다"},
		{"kayak 湖", "kayak在湖上", "[kayak]在[湖]上"},
		{"释然 释", "释然", "[释然]"},
		{"lau", "我们laughed了", "我们[laughed]了"},
		{"终于", "终于终于", "[终于终于]"},
	}
	for _, c := range cases {
		runs := journal.ParseSearch(c.query).Highlight(c.text)
		if got := render(runs); got != c.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", c.query, c.text, got, c.want)
		}
	}
}

func TestSearchCJK(t *testing.T) {
	s := journaltest.MustOpen(t)
	mei := journaltest.MustAddPerson(t, s, "王美玲")
	misaki := journaltest.MustAddPerson(t, s, "佐藤美咲")
	jiwoo := journaltest.MustAddPerson(t, s, "김지우")
	named := map[string]*journal.Reflection{}
	add := func(name, personID string, day int, text string) {
		named[name] = mustSave(t, s, personID, evening{at: base.AddDate(0, 0, day), text: text})
	}
	add("mother", mei.ID, 0, "心情3分。终于送走母亲觉得一阵释然。")
	add("cold", mei.ID, 1, "感冒了，在家休息。")
	add("back on track", mei.ID, 2, "这周终于回到正轨，心情不错。")
	add("coffee", misaki.ID, 3, "朝、友達とコーヒーを飲んだ。とても楽しかった。")
	add("coffee ko", jiwoo.ID, 4, "친구와 커피를 마셨다. 정말 즐거웠다.")
	add("mixed", mei.ID, 5, "Went kayaking; 我们在湖上聊了很久 about Zoë.")

	cases := []struct {
		query string
		want  []string
	}{
		{"释然", []string{"mother"}},
		{"母亲", []string{"mother"}},
		{"回到正轨", []string{"back on track"}},
		{"心情", []string{"mother", "back on track"}},
		{"感冒", []string{"cold"}},
		{`"释然"`, []string{"mother"}},
		{"释然 感冒", nil},
		{"然", []string{"mother"}}, // a run's last character
		{"母", []string{"mother"}}, // inside a run
		{"正轨回到", nil},             // the pairs must follow each other
		{"亲觉得一阵释然", []string{"mother"}},
		{"コーヒー", []string{"coffee"}},
		{"友達", []string{"coffee"}},
		{"楽しかった", []string{"coffee"}},
		{"飲んだ", []string{"coffee"}},
		{"커피", []string{"coffee ko"}},
		{"즐거웠다", []string{"coffee ko"}},
		{"마셨", []string{"coffee ko"}},
		{"美", []string{"mother", "cold", "back on track", "coffee", "mixed"}}, // in two names
		{"美咲", []string{"coffee"}},
		{"지우", []string{"coffee ko"}},
		{"湖上 kayak", []string{"mixed"}},
		{"kay 湖", []string{"mixed"}},
		{"zoe 聊", []string{"mixed"}},
		{`"kayaking 我们"`, []string{"mixed"}},
		{`"kayaking 湖上"`, nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var want []*journal.Reflection
			for _, name := range c.want {
				want = append(want, named[name])
			}
			got := ids(searchAll(t, s, c.query, 2))
			if w := newestFirst(want); !slices.Equal(got, w) {
				t.Fatalf("got %v, want %v", textsOf(named, got), textsOf(named, w))
			}
		})
	}
}

// makeOldCJKIndex writes the index the way version 2 did (a CJK run as one
// word) and forgets its version, as a journal from before this build has it.
func makeOldCJKIndex(t *testing.T, s *journal.Store, version string) {
	t.Helper()
	db := s.DB()
	if _, err := db.Exec("UPDATE reflection_search SET text = '心情3分 终于送走母亲觉得一阵释然'"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE settings SET value = ? WHERE key = 'search_index_version'", version); err != nil {
		t.Fatal(err)
	}
	if got := searchAll(t, s, "释然", 10); len(got) != 0 {
		t.Fatalf("before the upgrade: got %v, want nothing (the test did not make an old index)", ids(got))
	}
}

func backupsOfKind(t *testing.T, path string, kind journal.BackupKind) []journal.BackupInfo {
	t.Helper()
	list, err := journal.ListBackups(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []journal.BackupInfo
	for _, b := range list {
		if b.Kind == kind {
			out = append(out, b)
		}
	}
	return out
}

func TestOldSearchIndexIsUpgradedOnOpenAfterABackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := journaltest.MustAddPerson(t, s, "王美玲")
	r := mustSave(t, s, p.ID, evening{at: base, text: "心情3分。终于送走母亲觉得一阵释然。"})
	makeOldCJKIndex(t, s, "2")
	s.Close()
	if got := backupsOfKind(t, path, journal.BackupBeforeUpgrade); len(got) != 0 {
		t.Fatalf("before the upgrade: %d before-upgrade backups, want none", len(got))
	}

	// A window opening it is told the slow step, before it starts.
	var steps []journal.OpenStep
	s, err = journal.Open(journal.WithOpenProgress(ctx, func(st journal.OpenStep) {
		if n := len(backupsOfKind(t, path, journal.BackupBeforeUpgrade)); n != 0 {
			t.Errorf("told after the backup was made")
		}
		steps = append(steps, st)
	}), path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(steps, []journal.OpenStep{journal.StepSearchIndex}) {
		t.Errorf("steps told: got %v, want the search index", steps)
	}
	if got := ids(searchAll(t, s, "释然", 10)); !slices.Equal(got, []string{r.ID}) {
		t.Fatalf("after the upgrade: got %v, want %v", got, []string{r.ID})
	}
	s.Close()
	backups := backupsOfKind(t, path, journal.BackupBeforeUpgrade)
	if len(backups) != 1 {
		t.Fatalf("got %d before-upgrade backups, want 1", len(backups))
	}
	if b := backups[0]; b.Problem != nil || b.Contents.Reflections != 1 || b.Kind.Label() != "Journal before an upgrade" {
		t.Errorf("backup: got %d reflections, %v, label %q; want the journal's one reflection", b.Contents.Reflections, b.Problem, b.Kind.Label())
	}

	// The index now records its version: opening again rebuilds and backs up nothing.
	steps = nil
	s, err = journal.Open(journal.WithOpenProgress(ctx, func(st journal.OpenStep) { steps = append(steps, st) }), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if len(steps) != 0 {
		t.Errorf("a second opening told %v, want nothing", steps)
	}
	if got := backupsOfKind(t, path, journal.BackupBeforeUpgrade); len(got) != 1 {
		t.Errorf("after a second opening: %d before-upgrade backups, want still 1", len(got))
	}
}

// TestUpgradeWithoutABackupSaysSo: when the backup before the upgrade
// cannot be made, the journal opens as it was, with a notice saying what
// search misses meanwhile, and the next opening upgrades it.
func TestUpgradeWithoutABackupSaysSo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := journaltest.MustAddPerson(t, s, "王美玲")
	r := mustSave(t, s, p.ID, evening{at: base, text: "心情3分。终于送走母亲觉得一阵释然。"})
	makeOldCJKIndex(t, s, "2")
	s.Close()
	// A file where the backups folder goes: no backup can be made.
	if err := os.RemoveAll(journal.BackupDir(path)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(journal.BackupDir(path), []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatalf("open without a possible backup: %v", err)
	}
	if n := s.SearchNotice(); !strings.Contains(n, "not brought up to date") || !strings.Contains(n, "Chinese") {
		t.Errorf("notice %q, want it to say the index was not updated and what that misses", n)
	}
	if got := searchAll(t, s, "释然", 10); len(got) != 0 {
		t.Errorf("the index changed without a backup: found %v", ids(got))
	}
	s.Close()

	os.Remove(journal.BackupDir(path))
	s, err = journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := s.SearchNotice(); n != "" {
		t.Errorf("notice after the upgrade: %q", n)
	}
	if got := ids(searchAll(t, s, "释然", 10)); !slices.Equal(got, []string{r.ID}) {
		t.Errorf("after the upgrade: got %v", got)
	}
}

func TestEmptyJournalIsNotBackedUpForAnUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	journaltest.MustAddPerson(t, s, "王美玲")
	if _, err := s.DB().Exec("DELETE FROM settings WHERE key = 'search_index_version'"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	told := false
	s, err = journal.Open(journal.WithOpenProgress(ctx, func(journal.OpenStep) { told = true }), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := backupsOfKind(t, path, journal.BackupBeforeUpgrade); len(got) != 0 {
		t.Errorf("got %d before-upgrade backups of a journal with no reflections, want none", len(got))
	}
	if told {
		t.Errorf("opening an empty journal told of a slow step: it is quick")
	}
}

// A sealed journal's backup before an upgrade is sealed like its others:
// the upgrade must never leave a readable copy beside it.
func TestSealedJournalsBackupBeforeUpgradeIsSealed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal.db")
	plain, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := journaltest.MustAddPerson(t, plain, "王美玲")
	r := mustSave(t, plain, p.ID, evening{at: base, text: "心情3分。终于送走母亲觉得一阵释然。"})
	plain.Close()

	s, _ := journaltest.MustSeal(t, path)
	makeOldCJKIndex(t, s, "2")
	journaltest.MustAddPerson(t, s, "Maya") // a save seals the whole database, old index too
	s.Close()

	s, err = journal.OpenSealed(ctx, path, journal.Secret{Passphrase: journaltest.Passphrase})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := ids(searchAll(t, s, "释然", 10)); !slices.Equal(got, []string{r.ID}) {
		t.Fatalf("after the upgrade: got %v, want %v", got, []string{r.ID})
	}
	backups := backupsOfKind(t, path, journal.BackupBeforeUpgrade)
	if len(backups) != 1 {
		t.Fatalf("got %d before-upgrade backups, want 1", len(backups))
	}
	head, err := os.ReadFile(backups[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(head, []byte(sealed.Magic)) || bytes.Contains(head, []byte("释然")) {
		t.Errorf("the before-upgrade backup of a sealed journal is not sealed")
	}
}

func TestCJKSampleJournalIsSearchable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sample.db")
	if err := sample.Write(ctx, path, sample.Options{People: 5, Years: 2, Seed: 3, CJK: true}); err != nil {
		t.Fatal(err)
	}
	s, err := journal.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, word := range []string{"释然", "回到正轨", "コーヒー", "커피", "我"} {
		page, err := s.Search(ctx, journal.SearchQuery{Text: word})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Reflections) == 0 {
			t.Errorf("%s: found nothing in a sample journal written in CJK", word)
		}
		for _, r := range page.Reflections {
			found := false
			for _, run := range page.Terms.Highlight(r.Text) {
				found = found || run.Match
			}
			for _, e := range r.Encounters {
				for _, m := range e.Moments {
					for _, run := range page.Terms.Highlight(m.Note) {
						found = found || run.Match
					}
				}
			}
			if !found {
				t.Errorf("%s: result %q marks nothing", word, r.Text)
			}
		}
	}
}
