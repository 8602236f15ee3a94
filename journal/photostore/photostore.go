// Package photostore keeps the bytes of an evening's photos outside the
// journal's database: append-only pack files in a folder beside the journal,
// each blob written as fixed-size frames, sealed under a key for a sealed
// journal and framed the same way in the clear for a plain one. It knows
// nothing of SQL: the journal keeps each blob's Loc in its own rows.
// docs/photos.md describes the layout so that another program could read it.
package photostore

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"
)

// Frame layout: nonce, then the body (a 4-byte big-endian count of payload
// bytes, the payload, zero padding), then the 16-byte tag. A sealed frame's
// body and tag are XChaCha20-Poly1305's output; a plain frame's body is in
// the clear and its tag is the first 16 bytes of SHA-256 over the associated
// data and body, so a flipped byte is found either way.
const (
	FrameSize    = 16 << 10
	nonceSize    = chacha20poly1305.NonceSizeX
	tagSize      = 16
	lenSize      = 4
	PayloadSize  = FrameSize - nonceSize - tagSize - lenSize
	KeySize      = chacha20poly1305.KeySize
	PackLimit    = 64 << 20 // a new pack starts once the current one is this long
	MaxBlob      = 256 << 20
	adLabel      = "kindred-photo-v1"
	packPrefix   = "pack-"
	packNameForm = "pack-%06d"
)

// ErrDamaged is wrapped by reads of bytes that are missing or do not
// authenticate.
var ErrDamaged = errors.New("photo bytes are damaged or missing")

// Loc is where one blob lives.
type Loc struct {
	Pack   int   // pack number, from 1
	Offset int64 // of its first frame, a multiple of FrameSize
	Length int64 // payload bytes
}

// Frames is how many frames the blob takes.
func (l Loc) Frames() int64 { return framesFor(l.Length) }

func framesFor(n int64) int64 {
	if n == 0 {
		return 1
	}
	return (n + PayloadSize - 1) / PayloadSize
}

// Store is one photos folder. Its methods are safe for concurrent use.
type Store struct {
	dir  string
	aead interface {
		Seal(dst, nonce, plaintext, additionalData []byte) []byte
		Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
	}

	mu sync.Mutex
	// firstPack is the lowest number a new pack takes.
	firstPack int
}

// Dir is the folder that holds the photos of the journal at journalPath.
func Dir(journalPath string) string { return journalPath + ".photos" }

// Open returns the store of dir, which is created (0700) on the first Put.
// key is nil for a plain journal, else KeySize bytes.
func Open(dir string, key []byte) (*Store, error) {
	s := &Store{dir: dir}
	if key != nil {
		a, err := chacha20poly1305.NewX(key)
		if err != nil {
			return nil, fmt.Errorf("photo key: %w", err)
		}
		s.aead = a
	}
	return s, nil
}

// StartAfter makes new packs take numbers above n: a folder written again
// (sealed) then shares no pack name with the one it replaces, which backups
// may still hold.
func (s *Store) StartAfter(n int) { s.firstPack = n + 1 }

// Sealed reports whether frames are sealed.
func (s *Store) Sealed() bool { return s.aead != nil }

// Path is the folder.
func (s *Store) Path() string { return s.dir }

// PackName is the file name of pack n.
func PackName(n int) string { return fmt.Sprintf(packNameForm, n) }

var packRE = regexp.MustCompile(`^pack-([0-9]{6,})$`)

// Packs lists the pack numbers in dir with their sizes, in order; a folder
// that does not exist holds none.
func Packs(dir string) ([]int, map[int]int64, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var nums []int
	sizes := map[int]int64{}
	for _, e := range entries {
		m := packRE.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil || n <= 0 {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, nil, err
		}
		nums = append(nums, n)
		sizes[n] = info.Size()
	}
	sort.Ints(nums)
	return nums, sizes, nil
}

// Put appends blobs to the current pack (a new one once it passes
// PackLimit), syncs it once, and returns where each went. A failure leaves
// at worst unreferenced frames at the end of a pack.
func (s *Store) Put(blobs ...[]byte) ([]Loc, error) {
	var total int64
	for _, b := range blobs {
		if int64(len(b)) > MaxBlob {
			return nil, fmt.Errorf("a photo blob of %d bytes is larger than %d", len(b), MaxBlob)
		}
		total += framesFor(int64(len(b))) * FrameSize
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return nil, fmt.Errorf("create photos folder %s: %w", s.dir, err)
	}
	nums, sizes, err := Packs(s.dir)
	if err != nil {
		return nil, fmt.Errorf("read photos folder %s: %w", s.dir, err)
	}
	pack, end := max(1, s.firstPack), int64(0)
	if len(nums) > 0 && nums[len(nums)-1] >= pack {
		pack = nums[len(nums)-1]
		// A torn frame a crash left is skipped, never overwritten in place
		// by something a kept backup might hold differently.
		end = (sizes[pack] + FrameSize - 1) / FrameSize * FrameSize
		if end > 0 && end+total > PackLimit {
			pack, end = pack+1, 0
		}
	}
	name := filepath.Join(s.dir, PackName(pack))
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open photo pack %s: %w", name, err)
	}
	defer f.Close()
	locs := make([]Loc, len(blobs))
	buf := make([]byte, 0, 64*FrameSize)
	off := end
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		_, err := f.WriteAt(buf, off-int64(len(buf)))
		buf = buf[:0]
		return err
	}
	for i, b := range blobs {
		locs[i] = Loc{Pack: pack, Offset: off, Length: int64(len(b))}
		for first := true; first || len(b) > 0; first = false {
			n := min(len(b), PayloadSize)
			frame, err := s.seal(pack, off, b[:n])
			if err != nil {
				return nil, err
			}
			b = b[n:]
			buf = append(buf, frame...)
			off += FrameSize
			if len(buf) == cap(buf) {
				if err := flush(); err != nil {
					return nil, fmt.Errorf("write photo pack %s: %w", name, err)
				}
			}
		}
	}
	if err := flush(); err != nil {
		return nil, fmt.Errorf("write photo pack %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("sync photo pack %s: %w", name, err)
	}
	if end == 0 {
		syncDir(s.dir)
	}
	return locs, nil
}

// Get reads one blob: only its own frames, each authenticated.
func (s *Store) Get(l Loc) ([]byte, error) {
	if l.Pack <= 0 || l.Offset < 0 || l.Offset%FrameSize != 0 || l.Length < 0 || l.Length > MaxBlob {
		return nil, fmt.Errorf("%w: bad location %+v", ErrDamaged, l)
	}
	name := filepath.Join(s.dir, PackName(l.Pack))
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s is missing", ErrDamaged, PackName(l.Pack))
		}
		return nil, fmt.Errorf("read photo pack %s: %w", name, err)
	}
	defer f.Close()
	frames := l.Frames()
	raw := make([]byte, frames*FrameSize)
	if n, err := f.ReadAt(raw, l.Offset); n < len(raw) {
		return nil, fmt.Errorf("%w: %s ends before offset %d (%v)", ErrDamaged, PackName(l.Pack), l.Offset+int64(len(raw)), err)
	}
	out := make([]byte, 0, l.Length)
	for i := int64(0); i < frames; i++ {
		off := l.Offset + i*FrameSize
		payload, err := s.open(l.Pack, off, raw[i*FrameSize:(i+1)*FrameSize])
		if err != nil {
			return nil, err
		}
		out = append(out, payload...)
	}
	if int64(len(out)) != l.Length {
		return nil, fmt.Errorf("%w: %s at %d holds %d bytes, want %d", ErrDamaged, PackName(l.Pack), l.Offset, len(out), l.Length)
	}
	return out, nil
}

func associated(pack int, off int64) []byte {
	ad := make([]byte, 0, len(adLabel)+12)
	ad = append(ad, adLabel...)
	ad = binary.BigEndian.AppendUint32(ad, uint32(pack))
	return binary.BigEndian.AppendUint64(ad, uint64(off))
}

func (s *Store) seal(pack int, off int64, payload []byte) ([]byte, error) {
	frame := make([]byte, FrameSize)
	nonce := frame[:nonceSize]
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	body := frame[nonceSize : FrameSize-tagSize]
	binary.BigEndian.PutUint32(body, uint32(len(payload)))
	copy(body[lenSize:], payload)
	ad := associated(pack, off)
	if s.aead != nil {
		// Sealed in place: body and tag fill the rest of the frame.
		s.aead.Seal(body[:0], nonce, body, ad)
		return frame, nil
	}
	copy(frame[FrameSize-tagSize:], plainTag(ad, frame[:FrameSize-tagSize]))
	return frame, nil
}

func plainTag(ad, nonceAndBody []byte) []byte {
	h := sha256.New()
	h.Write(ad)
	h.Write(nonceAndBody)
	return h.Sum(nil)[:tagSize]
}

func (s *Store) open(pack int, off int64, frame []byte) ([]byte, error) {
	nonce := frame[:nonceSize]
	ad := associated(pack, off)
	var body []byte
	if s.aead != nil {
		var err error
		body, err = s.aead.Open(nil, nonce, frame[nonceSize:], ad)
		if err != nil {
			return nil, fmt.Errorf("%w: %s frame at %d does not authenticate", ErrDamaged, PackName(pack), off)
		}
	} else {
		if subtle.ConstantTimeCompare(plainTag(ad, frame[:FrameSize-tagSize]), frame[FrameSize-tagSize:]) != 1 {
			return nil, fmt.Errorf("%w: %s frame at %d does not match its check sum", ErrDamaged, PackName(pack), off)
		}
		body = frame[nonceSize : FrameSize-tagSize]
	}
	n := binary.BigEndian.Uint32(body)
	if int(n) > len(body)-lenSize {
		return nil, fmt.Errorf("%w: %s frame at %d has a bad length", ErrDamaged, PackName(pack), off)
	}
	return body[lenSize : lenSize+int(n)], nil
}

// NewKey makes a random photo key.
func NewKey() ([]byte, error) {
	k := make([]byte, KeySize)
	_, err := rand.Read(k)
	return k, err
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: Windows cannot sync a folder
		d.Close()
	}
}

// WrittenUnder reports whether the folder's lowest pack begins with a whole
// frame that opens with the store's key: a folder written again under a new
// key is told from one under the old by this alone, so that no key nor
// marker about it has to be kept on the disk. A folder with no whole frame
// holds nothing a row could reference.
func (s *Store) WrittenUnder() (bool, error) {
	nums, _, err := Packs(s.dir)
	if err != nil || len(nums) == 0 {
		return false, err
	}
	f, err := os.Open(filepath.Join(s.dir, PackName(nums[0])))
	if err != nil {
		return false, err
	}
	defer f.Close()
	frame := make([]byte, FrameSize)
	if n, _ := f.ReadAt(frame, 0); n < FrameSize {
		return false, nil
	}
	_, err = s.open(nums[0], 0, frame)
	return err == nil, nil
}

// PacksNotUnder lists the packs of the folder whose first frame is not a
// whole frame that opens with the store's key (a nil key: a plain frame):
// packs written under another key, or cut short by a crash. It says which
// packs may need work, never which may go: a torn first frame does not make
// the rest of a pack worthless.
func (s *Store) PacksNotUnder() ([]int, error) {
	nums, _, err := Packs(s.dir)
	if err != nil {
		return nil, err
	}
	var out []int
	frame := make([]byte, FrameSize)
	for _, n := range nums {
		f, err := os.Open(filepath.Join(s.dir, PackName(n)))
		if err != nil {
			return nil, err
		}
		got, _ := f.ReadAt(frame, 0)
		f.Close()
		if got < FrameSize {
			out = append(out, n)
			continue
		}
		if _, err := s.open(n, 0, frame); err != nil {
			out = append(out, n)
		}
	}
	return out, nil
}
