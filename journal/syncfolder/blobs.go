package syncfolder

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"kindred/journal/sealed"
)

// A photo's bytes travel in a file of their own, written once by the
// computer that first sent the photo and referred to by name from every
// later file and snapshot: a snapshot never carries them again. The name
// is random, so it says nothing of the photo; the file is bound to its
// folder, computer, name and photo id, so it cannot stand in for another.

var blobPattern = regexp.MustCompile(`^b-[0-9a-f]{32}\.kso$`)

// NewBlobName is a fresh random name for a photo's file.
func NewBlobName() string { return "b-" + hex.EncodeToString(sealed.RandomBytes(16)) + ".kso" }

// IsBlobName reports whether name is a photo file's name.
func IsBlobName(name string) bool { return blobPattern.MatchString(name) }

func (f *Folder) blobAD(device, name, photoID string) []byte {
	return []byte(fmt.Sprintf("%s%s/%s/blob/%s/%s", Magic, f.id, device, name, photoID))
}

// WriteBlob puts a photo's bytes in the computer's own folder under name,
// sealed and padded like every other file, written whole or not at all.
func (f *Folder) WriteBlob(device, name, photoID string, data []byte) error {
	if !IsBlobName(name) {
		return fmt.Errorf("not a photo file name: %q", name)
	}
	dir := filepath.Join(f.root, device)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return f.folderError(err)
	}
	return writeAtomic(dir, name, f.sealAD(data, f.blobAD(device, name, photoID)))
}

// ReadBlob reads a photo's bytes; ErrUnreadable when the file is missing,
// half-copied or not that photo's.
func (f *Folder) ReadBlob(device, name, photoID string) ([]byte, error) {
	if !IsBlobName(name) || !IsDeviceID(device) {
		return nil, ErrUnreadable
	}
	file, err := os.ReadFile(filepath.Join(f.root, device, name))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, ErrUnreadable
		}
		return nil, err
	}
	return f.openAD(file, f.blobAD(device, name, photoID))
}

// HasBlob reports whether a photo's file is there (whole or not).
func (f *Folder) HasBlob(device, name string) bool {
	if !IsBlobName(name) || !IsDeviceID(device) {
		return false
	}
	st, err := os.Stat(filepath.Join(f.root, device, name))
	return err == nil && st.Mode().IsRegular()
}

// Blobs lists the photo files in a computer's folder.
func (f *Folder) Blobs(device string) (map[string]bool, error) {
	list, err := os.ReadDir(filepath.Join(f.root, device))
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	out := map[string]bool{}
	for _, e := range list {
		if IsBlobName(e.Name()) && e.Type().IsRegular() {
			out[e.Name()] = true
		}
	}
	return out, nil
}
