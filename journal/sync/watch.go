package sync

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"kindred/journal/syncfolder"
)

// WatchQuiet is how long the folder must be still before fn runs: a
// service writes a file in pieces and several at once.
var WatchQuiet = 300 * time.Millisecond

// Watch calls fn (from its own goroutine) soon after files arrive in the
// sync folder in dir, once things are quiet, until ctx ends. It returns
// once watching has begun, or with why it cannot.
func Watch(ctx context.Context, dir string, fn func()) error {
	root := filepath.Join(dir, syncfolder.Dir)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	if err := w.Add(root); err != nil {
		w.Close()
		return err
	}
	list, _ := os.ReadDir(root)
	for _, e := range list {
		if e.IsDir() && syncfolder.IsDeviceID(e.Name()) {
			w.Add(filepath.Join(root, e.Name()))
		}
	}
	go func() {
		defer w.Close()
		var mu gosync.Mutex
		var timer *time.Timer
		for {
			select {
			case <-ctx.Done():
				mu.Lock()
				if timer != nil {
					timer.Stop()
				}
				mu.Unlock()
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				name := filepath.Base(ev.Name)
				if strings.HasPrefix(name, ".") {
					continue // temp files: their rename comes next
				}
				if ev.Has(fsnotify.Create) && syncfolder.IsDeviceID(name) {
					w.Add(ev.Name) // a new computer's folder
				}
				mu.Lock()
				if timer == nil {
					timer = time.AfterFunc(WatchQuiet, func() {
						if ctx.Err() == nil {
							fn()
						}
					})
				} else {
					timer.Reset(WatchQuiet)
				}
				mu.Unlock()
			case <-w.Errors:
			}
		}
	}()
	return nil
}
