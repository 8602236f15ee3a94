package journal

import (
	"fmt"
	"os"
	"path/filepath"
)

// sealSpaceMargin is room left over for the folder entries and the lock.
const sealSpaceMargin = 1 << 20

// checkSealSpace makes sealing fail before anything changed when the disk
// cannot hold what sealing writes: the sealed journal beside the plain one
// until it replaces it, then each plain backup's sealed copy beside it in
// turn. Half done, the journal would be sealed with a backup left plain.
func checkSealSpace(path string) error {
	need := int64(sealSpaceMargin)
	if info, err := os.Stat(path); err == nil {
		need += info.Size()
	}
	var largest int64
	list, _ := backupFiles(path)
	for _, b := range list {
		if isSealed, _ := IsSealedFile(b.Path); isSealed {
			continue
		}
		if info, err := os.Stat(b.Path); err == nil && info.Size() > largest {
			largest = info.Size()
		}
	}
	// A sealed copy is a little larger than the plain one.
	need += largest + largest/32
	free, ok := freeBytes(filepath.Dir(path))
	if ok && free < need {
		return Errorf(EDISKFULL, "The disk has %s free; sealing %s and its backups needs about %s. Free some space and try again; nothing was changed.",
			byteWords(free), path, byteWords(need))
	}
	return nil
}

func byteWords(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
