package sync

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kindred/journal/syncfolder"
)

func TestWatchCallsBackWhenAFileArrives(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := syncfolder.Create(dir, "", cheapKDF); err != nil {
		t.Fatal(err)
	}
	dev := syncfolder.NewID()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	called := make(chan struct{}, 10)
	WatchQuiet = time.Millisecond
	if err := Watch(ctx, dir, func() { called <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	// A new computer's folder, then a file in it.
	devDir := filepath.Join(dir, syncfolder.Dir, dev)
	if err := os.Mkdir(devDir, 0o700); err != nil {
		t.Fatal(err)
	}
	select {
	case <-called:
	case <-time.After(10 * time.Second):
		t.Fatal("no call for a new computer's folder")
	}
	if err := os.WriteFile(filepath.Join(devDir, "1.kso"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case <-called:
	case <-time.After(10 * time.Second):
		t.Fatal("no call for a file arriving")
	}
}
