package app

import (
	"context"
	"testing"

	"kindred/journal"
	"kindred/journal/journaltest"
)

// Timeline and search pages carry each evening's photos: the rows made of
// them name their photo, and the thumbnail loader reads those thumbnails.
func TestRowThumbsUseThePagesPhotos(t *testing.T) {
	ctx := context.Background()
	st := openJournal(t)
	ana := journaltest.MustAddPerson(t, st, "Ana Lima")
	photoEvenings(t, st, ana.ID, 6, func(i int) bool { return i%3 == 0 })
	kinds, err := st.Kinds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	people, err := st.People(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	rc := newTLRowContext(ana.ID, kinds, people)
	page, err := st.Timeline(ctx, journal.TimelineQuery{PersonID: ana.ID})
	if err != nil {
		t.Fatal(err)
	}
	results, err := st.Search(ctx, journal.SearchQuery{Text: "evening"})
	if err != nil {
		t.Fatal(err)
	}
	rows := rc.rows(page.Reflections)
	hits := rc.searchHits(results.Reflections, results.Terms)
	for name, list := range map[string][][2]string{"timeline": rowPhotos(rows), "search": hitPhotos(hits)} {
		th := &rowThumbs{ctx: ctx, store: st, cache: newPhotoCache(photoCacheThumbs), run: runNow, photoOf: map[string]string{}, shown: func() {}}
		ids, photos := make([]string, len(list)), make([]string, len(list))
		with := 0
		for i, p := range list {
			ids[i], photos[i] = p[0], p[1]
			if p[1] != "" {
				with++
			}
		}
		th.load(ids, photos)
		shown := 0
		for _, id := range ids {
			if th.image(id) != nil {
				shown++
			}
		}
		if with != 2 || shown != with {
			t.Errorf("%s: %d rows name a photo, %d show one; want 2 and 2", name, with, shown)
		}
	}
}

func rowPhotos(rows []tlRow) [][2]string {
	out := make([][2]string, len(rows))
	for i, r := range rows {
		out[i] = [2]string{r.ID, r.Photo}
	}
	return out
}

func hitPhotos(hits []searchHit) [][2]string {
	out := make([][2]string, len(hits))
	for i, h := range hits {
		out[i] = [2]string{h.ID, h.Photo}
	}
	return out
}
