package syncfolder

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kindred/journal/sealed"
)

var cheapKDF = sealed.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

func newFolder(t *testing.T, pass string) (*Folder, string, string) {
	t.Helper()
	dir := t.TempDir()
	f, pairing, err := Create(dir, pass, cheapKDF)
	if err != nil {
		t.Fatal(err)
	}
	return f, dir, pairing
}

const dev = "0123456789abcdef0123456789abcdef"

func TestFilesAuthenticateAsWhatTheyAre(t *testing.T) {
	f, dir, pairing := newFolder(t, "a passphrase")
	payload := []byte(`{"ops":["an evening"]}`)
	sealedFile := f.Seal(dev, 3, false, payload)
	if got, err := f.Open(dev, 3, false, sealedFile); err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("open: %q %v", got, err)
	}
	other := strings.Repeat("f", 32)
	for name, open := range map[string]func() ([]byte, error){
		"another counter":  func() ([]byte, error) { return f.Open(dev, 4, false, sealedFile) },
		"as a snapshot":    func() ([]byte, error) { return f.Open(dev, 3, true, sealedFile) },
		"another computer": func() ([]byte, error) { return f.Open(other, 3, false, sealedFile) },
		"a flipped byte": func() ([]byte, error) {
			b := append([]byte{}, sealedFile...)
			b[len(b)/2] ^= 1
			return f.Open(dev, 3, false, b)
		},
		"another folder's key": func() ([]byte, error) {
			g, _, _ := newFolder(t, "")
			return g.Open(dev, 3, false, sealedFile)
		},
		"truncated": func() ([]byte, error) { return f.Open(dev, 3, false, sealedFile[:len(sealedFile)-1]) },
		"empty":     func() ([]byte, error) { return f.Open(dev, 3, false, nil) },
	} {
		if _, err := open(); !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s: %v, want ErrUnreadable", name, err)
		}
	}
	// The keys file opens only with the pairing key or the passphrase.
	if _, err := OpenWithPairing(dir, "0000-0000-0000-0000-0000-0000-0000-0000"); !errors.Is(err, ErrWrongKey) {
		t.Errorf("wrong pairing key: %v", err)
	}
	if _, err := OpenWithPassphrase(dir, "not it"); !errors.Is(err, ErrWrongKey) {
		t.Errorf("wrong passphrase: %v", err)
	}
	for _, open := range []func() (*Folder, error){
		func() (*Folder, error) { return OpenWithPairing(dir, pairing) },
		func() (*Folder, error) { return OpenWithPassphrase(dir, "a passphrase") },
	} {
		g, err := open()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := g.Open(dev, 3, false, sealedFile); err != nil || !bytes.Equal(got, payload) {
			t.Errorf("reopened folder: %q %v", got, err)
		}
	}
	if _, err := OpenWithKey(dir, NewID(), f.Key()); !errors.Is(err, ErrOtherSync) {
		t.Errorf("another folder id: %v", err)
	}
}

func TestTruncatedFileIsReadNextTime(t *testing.T) {
	f, _, _ := newFolder(t, "")
	if err := f.Write(dev, 1, false, []byte("whole"), nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(f.Root(), dev, "1.kso")
	whole, _ := os.ReadFile(path)
	os.WriteFile(path, whole[:len(whole)/3], 0o600) // the service is still copying
	list, err := f.List(dev)
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	if _, err := f.Read(dev, list[0]); !errors.Is(err, ErrUnreadable) {
		t.Fatalf("half a file: %v", err)
	}
	os.WriteFile(path, whole, 0o600)
	if got, err := f.Read(dev, list[0]); err != nil || string(got) != "whole" {
		t.Fatalf("the whole file: %q %v", got, err)
	}
	if _, err := f.Read(dev, Entry{Name: "9.kso", Counter: 9}); !errors.Is(err, ErrUnreadable) {
		t.Fatalf("a file gone meanwhile: %v", err)
	}
}

func TestListIgnoresTempsAndForeignNames(t *testing.T) {
	f, _, _ := newFolder(t, "")
	for n := uint64(1); n <= 2; n++ {
		if err := f.Write(dev, n, n == 2, []byte("x"), nil); err != nil {
			t.Fatal(err)
		}
	}
	d := filepath.Join(f.Root(), dev)
	for _, name := range []string{".tmp-123", ".tmp-probe-9", ".3.kso", ".syncthing.4.kso.tmp", "~$5.kso", "notes.txt", "0.kso", "desktop.ini", "7.kso.part"} {
		os.WriteFile(filepath.Join(d, name), []byte("junk"), 0o600)
	}
	os.Mkdir(filepath.Join(d, "8.kso"), 0o700) // a folder is not a file
	list, err := f.List(dev)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name)
	}
	if strings.Join(names, " ") != "1.kso snap-2.kso" {
		t.Errorf("listed %v", names)
	}
	f.CleanTemps(dev)
	for _, name := range []string{".tmp-123", ".tmp-probe-9"} {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			t.Errorf("%s left after CleanTemps", name)
		}
	}
	if _, err := os.Stat(filepath.Join(d, "notes.txt")); err != nil {
		t.Error("CleanTemps removed a file that is not Kindred's")
	}
	os.WriteFile(filepath.Join(f.Root(), "notadevice"), nil, 0o600)
	os.Mkdir(filepath.Join(f.Root(), "Notes"), 0o700)
	if devs, err := f.Devices(); err != nil || len(devs) != 1 || devs[0] != dev {
		t.Errorf("devices: %v %v", devs, err)
	}
}

func TestConflictCopyNames(t *testing.T) {
	for name, want := range map[string]Entry{
		"5.kso":                              {Counter: 5},
		"snap-12.kso":                        {Counter: 12, Snap: true},
		"5 (conflicted copy 2031-01-01).kso": {Counter: 5, Copy: true},
		"5 (Ana's conflicted copy 2031-01-01).kso":         {Counter: 5, Copy: true},
		"5.sync-conflict-20310101-101010-ABCDEFG.kso":      {Counter: 5, Copy: true},
		"snap-7.sync-conflict-20310101-101010-ABCDEFG.kso": {Counter: 7, Snap: true, Copy: true},
		"snap-7 (conflicted copy 2031-01-01).kso":          {Counter: 7, Snap: true, Copy: true},
		"5 (1).kso": {Counter: 5, Copy: true},
	} {
		got, ok := ParseName(name)
		want.Name = name
		if !ok || got != want {
			t.Errorf("%q: %+v %v, want %+v", name, got, ok, want)
		}
	}
	for _, name := range []string{".5.kso", ".tmp-5.kso", "0.kso", "x5.kso", "5.ksox", "snap-.kso", "99999999999999999999.kso", "keys"} {
		if e, ok := ParseName(name); ok {
			t.Errorf("%q parsed as %+v", name, e)
		}
	}
}

// A file's size says only its rough magnitude: a round with one small edit
// and one with twenty look the same, and a bucket is at most ~12% bigger
// than what it holds.
func TestPaddingHidesCounts(t *testing.T) {
	f, _, _ := newFolder(t, "")
	ops := func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"ops":[`)
		for i := range n {
			fmt.Fprintf(&b, `{"k":"reflection","i":"%08x-aaaa-bbbb-cccc-%012x","v":{"%s":%d},"b":{"text":"evening %d with its own words %x"}},`, i*7919, i*104729, dev, i, i, i*31337)
		}
		b.WriteString(`]}`)
		return []byte(b.String())
	}
	sizes := map[int]bool{}
	for _, n := range []int{0, 1, 2, 5, 20} {
		sizes[len(f.Seal(dev, 1, false, ops(n)))] = true
	}
	if len(sizes) != 1 {
		t.Errorf("small rounds have %d different sizes: %v", len(sizes), sizes)
	}
	for n := 4097; n < 1<<24; n = n*3/2 + 17 {
		p := padded(n)
		if p < n || float64(p-n) > 0.12*float64(n) {
			t.Errorf("padded(%d) = %d", n, p)
		}
	}
	// Padmé: each doubling of size has at most 32 buckets (5 bits), so a
	// size says little more than its magnitude.
	for lo := 4096; lo < 1<<24; lo *= 2 {
		buckets := map[int]bool{}
		for n := lo + 1; n <= 2*lo; n += 7 {
			buckets[padded(n)] = true
		}
		if len(buckets) > 32 {
			t.Errorf("%d sizes between %d and %d bytes", len(buckets), lo, 2*lo)
		}
	}
}
