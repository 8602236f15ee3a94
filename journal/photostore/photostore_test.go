package photostore

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRoundTripAndFraming(t *testing.T) {
	for _, sealed := range []bool{false, true} {
		dir := t.TempDir()
		var key []byte
		if sealed {
			key, _ = NewKey()
		}
		s, err := Open(dir, key)
		if err != nil {
			t.Fatal(err)
		}
		blobs := [][]byte{nil, []byte("small"), bytes.Repeat([]byte{7}, PayloadSize), bytes.Repeat([]byte("xyz"), PayloadSize)}
		locs, err := s.Put(blobs...)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range locs {
			got, err := s.Get(l)
			if err != nil || !bytes.Equal(got, blobs[i]) {
				t.Fatalf("sealed=%v blob %d: %d bytes, %v", sealed, i, len(got), err)
			}
			if l.Offset%FrameSize != 0 {
				t.Errorf("blob %d at %d", i, l.Offset)
			}
		}
		info, _ := os.Stat(filepath.Join(dir, PackName(1)))
		if want := int64(1+1+1+3) * FrameSize; info.Size() != want {
			t.Errorf("sealed=%v pack is %d bytes, want %d", sealed, info.Size(), want)
		}
		// A frame copied over another does not read as it.
		b, _ := os.ReadFile(filepath.Join(dir, PackName(1)))
		copy(b[locs[2].Offset:], b[locs[1].Offset:locs[1].Offset+FrameSize])
		os.WriteFile(filepath.Join(dir, PackName(1)), b, 0o600)
		if _, err := s.Get(locs[2]); !errors.Is(err, ErrDamaged) {
			t.Errorf("sealed=%v moved frame: %v", sealed, err)
		}
		if _, err := s.Get(Loc{Pack: 9, Offset: 0, Length: 1}); !errors.Is(err, ErrDamaged) {
			t.Errorf("missing pack: %v", err)
		}
	}
}

func TestWrongKeyDoesNotOpen(t *testing.T) {
	dir := t.TempDir()
	k1, _ := NewKey()
	k2, _ := NewKey()
	a, _ := Open(dir, k1)
	locs, err := a.Put([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Open(dir, k2)
	if _, err := b.Get(locs[0]); !errors.Is(err, ErrDamaged) {
		t.Errorf("wrong key: %v", err)
	}
}

func TestNewPackPastLimit(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir, nil)
	// A pack already at the limit: the next blob begins pack 2.
	if err := os.WriteFile(filepath.Join(dir, PackName(1)), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filepath.Join(dir, PackName(1)), PackLimit); err != nil {
		t.Fatal(err)
	}
	locs, err := s.Put([]byte("next"))
	if err != nil || locs[0].Pack != 2 || locs[0].Offset != 0 {
		t.Fatalf("%+v %v", locs, err)
	}
}

func TestPlainPacks(t *testing.T) {
	dir := t.TempDir()
	plain, _ := Open(dir, nil)
	if _, err := plain.Put([]byte("in the clear")); err != nil {
		t.Fatal(err)
	}
	key, _ := NewKey()
	sealedStore, _ := Open(dir, key)
	sealedStore.StartAfter(1)
	if _, err := sealedStore.Put([]byte("sealed")); err != nil {
		t.Fatal(err)
	}
	// A torn copy: less than one frame.
	if err := os.WriteFile(filepath.Join(dir, PackName(3)), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := PlainPacks(dir)
	if err != nil || len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Fatalf("PlainPacks = %v, %v; want [1 3]", got, err)
	}
	if got, err := PlainPacks(filepath.Join(dir, "none")); err != nil || len(got) != 0 {
		t.Fatalf("missing folder: %v %v", got, err)
	}
}
