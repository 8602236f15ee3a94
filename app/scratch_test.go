package app

import (
	"context"
	"image/png"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kindred/insights"
	"kindred/journal"
)

func TestScratchScreen(t *testing.T) {
	a := test.NewTempApp(t)
	ctx := context.Background()
	st, err := journal.Open(ctx, "/tmp/demo-ins.db")
	if err != nil {
		t.Fatal(err)
	}
	inline(t)
	m := NewMainWindow(ctx, a, st)
	m.Window.Resize(fyne.NewSize(1100, 1400))
	s := m.Insights
	s.now = func() time.Time { return time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC) }
	s.RangeSelect.SetSelected(insights.PresetAll.String())
	m.Tabs.Select(m.Tabs.Items[2])
	for i, name := range []string{"", "Chidi Lindqvist", "Clara Varga"} {
		id := ""
		if name != "" {
			p, _ := st.FindPerson(ctx, name)
			id = p.ID
		}
		s.SetPerson(id)
		m.Tabs.Select(m.Tabs.Items[2])
		img := m.Window.Canvas().Capture()
		f, _ := os.Create("/tmp/charts/screen" + string(rune('0'+i)) + ".png")
		png.Encode(f, img)
		f.Close()
	}
}
