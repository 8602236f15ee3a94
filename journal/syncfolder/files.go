package syncfolder

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/crypto/chacha20poly1305"
)

// Magic starts every file a computer writes.
const Magic = "KSYNC01\n"

// minBucket is the smallest padded payload: a round with one small edit and
// one with none look the same.
const minBucket = 4096

// maxPayload bounds what a reader will decompress (a damaged or hostile
// file must not take all memory).
const maxPayload = 1 << 31

var (
	encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault))
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxPayload))
)

// Entry is one file in a computer's folder.
type Entry struct {
	Name    string
	Counter uint64
	Snap    bool
	// Copy is a sync service's copy of the file it names ("5 (conflicted
	// copy).kso", "5.sync-conflict-....kso"): read only if it authenticates
	// as that same file.
	Copy bool
}

var (
	namePattern = regexp.MustCompile(`^(snap-)?([0-9]{1,19})([^0-9].*)?\.kso$`)
	idPattern   = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// FileName is the name of a computer's file for counter.
func FileName(counter uint64, snap bool) string {
	if snap {
		return fmt.Sprintf("snap-%d.kso", counter)
	}
	return fmt.Sprintf("%d.kso", counter)
}

// ParseName reads a file name; ok is false for names Kindred did not write
// (dot-files, temp files, anything else), which readers ignore.
func ParseName(name string) (Entry, bool) {
	if strings.HasPrefix(name, ".") {
		return Entry{}, false
	}
	m := namePattern.FindStringSubmatch(name)
	if m == nil {
		return Entry{}, false
	}
	n, err := strconv.ParseUint(m[2], 10, 64)
	if err != nil || n == 0 {
		return Entry{}, false
	}
	return Entry{Name: name, Counter: n, Snap: m[1] != "", Copy: m[3] != ""}, true
}

// IsDeviceID reports whether name is a computer's id.
func IsDeviceID(name string) bool { return idPattern.MatchString(name) }

// Devices lists the computers with a folder in the sync folder.
func (f *Folder) Devices() ([]string, error) {
	list, err := os.ReadDir(f.root)
	if err != nil {
		return nil, f.folderError(err)
	}
	var out []string
	for _, e := range list {
		if e.IsDir() && IsDeviceID(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

func (f *Folder) folderError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNoFolder, filepath.Dir(f.root))
	}
	return err
}

// List returns a computer's files by counter, a service's copies after the
// file they copy. A computer with no folder has none.
func (f *Folder) List(device string) ([]Entry, error) {
	list, err := os.ReadDir(filepath.Join(f.root, device))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, e := range list {
		if en, ok := ParseName(e.Name()); ok && e.Type().IsRegular() {
			out = append(out, en)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Counter != b.Counter {
			return a.Counter < b.Counter
		}
		if a.Copy != b.Copy {
			return !a.Copy
		}
		return a.Name < b.Name
	})
	return out, nil
}

// ad binds a file to its folder, computer, kind and counter: a file moved,
// renamed or copied to another computer's folder does not authenticate.
func (f *Folder) ad(device string, counter uint64, snap bool) []byte {
	kind := "ops"
	if snap {
		kind = "snap"
	}
	return []byte(fmt.Sprintf("%s%s/%s/%s/%d", Magic, f.id, device, kind, counter))
}

// Seal encrypts payload as the file (device, counter, snap) holds it.
func (f *Folder) Seal(device string, counter uint64, snap bool, payload []byte) []byte {
	packed := encoder.EncodeAll(payload, make([]byte, 4, 4+len(payload)/4))
	binary.BigEndian.PutUint32(packed, uint32(len(packed)-4))
	packed = append(packed, make([]byte, padded(len(packed))-len(packed))...)
	aead, err := chacha20poly1305.NewX(f.key)
	if err != nil {
		panic(err) // the key is always KeySize long
	}
	out := make([]byte, 0, len(Magic)+aead.NonceSize()+len(packed)+aead.Overhead())
	out = append(out, Magic...)
	nonce := randomNonce(aead.NonceSize())
	out = append(out, nonce...)
	return aead.Seal(out, nonce, packed, f.ad(device, counter, snap))
}

// ErrUnreadable is a file that is short, half-written or does not
// authenticate: a reader skips it and tries again next round.
var ErrUnreadable = errors.New("not a whole sync file of this folder")

// Open decrypts a file's bytes as (device, counter, snap).
func (f *Folder) Open(device string, counter uint64, snap bool, file []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(f.key)
	if err != nil {
		panic(err)
	}
	head := len(Magic) + aead.NonceSize()
	if len(file) < head+aead.Overhead()+4 || !bytes.Equal(file[:len(Magic)], []byte(Magic)) {
		return nil, ErrUnreadable
	}
	packed, err := aead.Open(nil, file[len(Magic):head], file[head:], f.ad(device, counter, snap))
	if err != nil {
		return nil, ErrUnreadable
	}
	n := binary.BigEndian.Uint32(packed)
	if int(n) > len(packed)-4 {
		return nil, ErrUnreadable
	}
	out, err := decoder.DecodeAll(packed[4:4+n], nil)
	if err != nil {
		return nil, ErrUnreadable
	}
	return out, nil
}

// padded is the size bucket for n bytes (Padmé: at most about 12% more, and
// a size says only its rough magnitude).
func padded(n int) int {
	if n <= minBucket {
		return minBucket
	}
	e := bits.Len(uint(n)) - 1
	s := bits.Len(uint(e))
	mask := (1 << (e - s)) - 1
	return (n + mask) &^ mask
}

// Read reads and opens one of a computer's files.
func (f *Folder) Read(device string, e Entry) ([]byte, error) {
	file, err := os.ReadFile(filepath.Join(f.root, device, e.Name))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrUnreadable
		}
		return nil, err
	}
	return f.Open(device, e.Counter, e.Snap, file)
}

// Write puts the file (device, counter, snap) into the computer's own
// folder: a temp name starting with '.', synced, then renamed, so readers
// see it whole or not at all. beforeRename, if set, runs with the temp
// file written (tests stop there, as a crash would).
func (f *Folder) Write(device string, counter uint64, snap bool, payload []byte, beforeRename func() error) error {
	dir := filepath.Join(f.root, device)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return f.folderError(err)
	}
	data := f.Seal(device, counter, snap, payload)
	return writeAtomicHook(dir, FileName(counter, snap), data, beforeRename)
}

// Remove deletes one of the computer's own files; one already gone is fine.
func (f *Folder) Remove(device, name string) error {
	err := os.Remove(filepath.Join(f.root, device, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// CleanTemps removes the computer's own temp files a crash left behind.
func (f *Folder) CleanTemps(device string) {
	list, _ := os.ReadDir(filepath.Join(f.root, device))
	for _, e := range list {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			os.Remove(filepath.Join(f.root, device, e.Name()))
		}
	}
}
