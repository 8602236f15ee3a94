package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/journal/exchange"
)

func TestImportDialogPreviewWritesNothing(t *testing.T) {
	ctx := context.Background()
	st := storeWith(t, 0)
	m := newWindow(t, st)
	path := filepath.Join("..", "journal", "exchange", "testdata", "migrate", "dayone-bom.json")
	src, err := exchange.ReadFile(path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kinds, _ := st.Kinds(ctx)
	people, _ := st.People(ctx, true)
	before, _ := st.Stats(ctx)
	d := NewImportDialog(m, path, src, kinds, people)
	test.NewTempWindow(t, d)
	if h := d.heading(); !strings.Contains(h, "Day One export: 5 entries (1 cannot be read)") || !strings.Contains(h, "3 photos and videos, 1 audio recording, 1 attached file: these are left out") {
		t.Errorf("heading %q", h)
	}
	if !d.Preview.Disabled() {
		t.Errorf("Preview is enabled before the names are mapped")
	}
	test.Tap(d.SkipBad)
	d.Selects[d.names[0].Key()].SetSelected(choiceNewPrefix + d.names[0].Name)
	test.Tap(d.LeaveOut)
	if d.Preview.Disabled() {
		t.Fatalf("Preview is disabled with every choice made: %q", d.Status.Text)
	}
	test.Tap(d.Preview)
	if d.Previewed == nil || d.Summary != nil {
		t.Fatalf("no preview: %q", d.Status.Text)
	}
	for _, want := range []string{"Dry run: nothing was written.", "Would add: 1 person, 2 reflections.", "Left out: 3 photos and videos"} {
		if !strings.Contains(d.Status.Text, want) {
			t.Errorf("the preview does not say %q:\n%s", want, d.Status.Text)
		}
	}
	if after, _ := st.Stats(ctx); after.Reflections != before.Reflections || after.People != before.People {
		t.Errorf("the preview wrote: before %+v, after %+v", before, after)
	}
	if d.Import.Disabled() {
		t.Errorf("Import is disabled after a preview")
	}
	test.Tap(d.Import)
	if after, _ := st.Stats(ctx); after.Reflections != before.Reflections+2 {
		t.Errorf("after Import: %+v", after)
	}
}
