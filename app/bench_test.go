package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"kindred/journal/journaltest"
)

// BenchmarkMainWindowReference builds the main window on the reference
// journal (200 people) until the sidebar is filled. Target: under 150 ms.
func BenchmarkMainWindowReference(b *testing.B) {
	st := journaltest.OpenReference(b)
	a := test.NewTempApp(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m := NewMainWindow(ctx, a, st)
		<-m.Loaded()
		if n := len(m.Sidebar.Shown()); n < 150 {
			b.Fatalf("sidebar: got %d people, want the reference journal's", n)
		}
		b.StopTimer()
		m.Window.Close()
		b.StartTimer()
	}
}
