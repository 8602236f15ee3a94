package photostore

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrDiverged is returned when a pack in the destination is not a prefix of
// the pack of the same name in the source: copying its tail would mix two
// different histories, so nothing is copied for it.
var ErrDiverged = errors.New("photo packs differ")

// CopyTails brings dst up to src: packs are append-only, so a pack dst
// lacks is copied whole and one dst holds shorter gets only the bytes past
// its end; a pack dst holds as long or longer is left alone. Before a tail
// is appended the last frame dst already holds is compared with src's, so
// packs that diverged (a photos folder lost and begun again) are refused,
// never overwritten. Every pack written is synced. It returns the bytes
// copied.
func CopyTails(src, dst string) (int64, error) {
	nums, sizes, err := Packs(src)
	if err != nil {
		return 0, fmt.Errorf("read photos folder %s: %w", src, err)
	}
	if len(nums) == 0 {
		return 0, nil
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return 0, fmt.Errorf("create photos folder %s: %w", dst, err)
	}
	_, have, err := Packs(dst)
	if err != nil {
		return 0, fmt.Errorf("read photos folder %s: %w", dst, err)
	}
	var copied int64
	var problems []error
	created := false
	for _, n := range nums {
		from, to := have[n], sizes[n]
		if from >= to {
			continue
		}
		c, err := copyTail(filepath.Join(src, PackName(n)), filepath.Join(dst, PackName(n)), from, to)
		copied += c
		if err != nil {
			problems = append(problems, err)
		}
		if from == 0 {
			created = true
		}
	}
	if created {
		syncDir(dst)
	}
	return copied, errors.Join(problems...)
}

func copyTail(srcPath, dstPath string, from, to int64) (int64, error) {
	in, err := os.Open(srcPath)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(dstPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	if from > 0 {
		check := min(from, FrameSize)
		a, b := make([]byte, check), make([]byte, check)
		if _, err := in.ReadAt(a, from-check); err != nil {
			return 0, err
		}
		if _, err := out.ReadAt(b, from-check); err != nil {
			return 0, err
		}
		if !bytes.Equal(a, b) {
			return 0, fmt.Errorf("%w: %s and %s", ErrDiverged, srcPath, dstPath)
		}
	}
	n, err := io.Copy(io.NewOffsetWriter(out, from), io.NewSectionReader(in, from, to-from))
	if err != nil {
		return n, fmt.Errorf("copy %s: %w", srcPath, err)
	}
	if err := out.Sync(); err != nil {
		return n, fmt.Errorf("sync %s: %w", dstPath, err)
	}
	return n, nil
}

// PlainPacks lists the packs in dir that may hold plain bytes: those whose
// first frame authenticates as a plain frame (a sealed frame passes a plain
// check sum only by chance, one in 2^128), and those too short to hold one
// whole frame (a copy a crash cut short: no blob can live in it, and it may
// be the start of a plain pack).
func PlainPacks(dir string) ([]int, error) {
	nums, _, err := Packs(dir)
	if err != nil {
		return nil, err
	}
	var out []int
	frame := make([]byte, FrameSize)
	for _, n := range nums {
		f, err := os.Open(filepath.Join(dir, PackName(n)))
		if err != nil {
			return nil, err
		}
		_, err = f.ReadAt(frame, 0)
		f.Close()
		if errors.Is(err, io.EOF) {
			out = append(out, n)
			continue
		}
		if err != nil {
			return nil, err
		}
		ad := associated(n, 0)
		if subtle.ConstantTimeCompare(plainTag(ad, frame[:FrameSize-tagSize]), frame[FrameSize-tagSize:]) == 1 {
			out = append(out, n)
		}
	}
	return out, nil
}
