package journal

import (
	"os"
	"path/filepath"
	"testing"
)

// removeTree empties and removes a folder with folders in it, and a folder
// already gone is no error.
func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "journal.db.photos.plain")
	if err := os.MkdirAll(filepath.Join(dir, "inner"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"pack-000001", "inner/pack-000002"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("frame"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the folder is still there: %v", err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing a folder already gone: %v", err)
	}
}
