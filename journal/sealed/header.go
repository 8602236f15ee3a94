package sealed

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// The sealed file's layout; docs/sealed-format.md describes it for people.
// Every integer is big-endian.
const (
	// Version is the format Kindred writes: 2, a base and a log of
	// change records. Version 1 (the base alone) is still read, and is
	// rewritten as version 2 at its first save.
	Version     = 2
	VersionV1   = 1
	kdfArgon2id = 1

	offVersion   = 16  // uint16
	offKDF       = 18  // uint8: 1 = Argon2id v1.3
	offThreads   = 19  // uint8
	offTime      = 20  // uint32
	offMemory    = 24  // uint32, KiB
	offPassSalt  = 28  // 16 bytes
	offRecSalt   = 44  // 16 bytes
	offPassWrap  = 60  // 72 bytes: nonce, data key sealed, tag
	offRecWrap   = 132 // 72 bytes
	offBodyNonce = 204 // 24 bytes
	offImageLen  = 228 // uint64
	offMAC       = 236 // 32 bytes: HMAC-SHA256 of [0, offMAC) under the data key
	offChecksum  = 268 // 32 bytes: SHA-256 of [0, offChecksum)

	saltSize = 16
	tagSize  = chacha20poly1305.Overhead
)

// HeaderSize is the size of a sealed journal's header; the encrypted
// database follows it. A passphrase change rewrites the header alone.
const HeaderSize = 300

// Header is the first HeaderSize bytes of a sealed journal.
type Header [HeaderSize]byte

func (h *Header) KDF() KDFParams {
	return KDFParams{
		Time:      binary.BigEndian.Uint32(h[offTime:]),
		MemoryKiB: binary.BigEndian.Uint32(h[offMemory:]),
		Threads:   h[offThreads],
	}
}

func (h *Header) ImageLen() uint64 { return binary.BigEndian.Uint64(h[offImageLen:]) }

func (h *Header) Version() uint16 { return binary.BigEndian.Uint16(h[offVersion:]) }

// baseEnd is where the sealed base ends: the change log, if any, follows.
func (h *Header) BaseEnd() int64 {
	return int64(HeaderSize) + int64(h.ImageLen()) + tagSize
}

// bodyAD is what the body's encryption authenticates besides the body: the
// parts of the header a passphrase change leaves alone, so that the body's
// ciphertext survives it unchanged. The rest is covered by the MAC.
func (h *Header) bodyAD() []byte {
	ad := make([]byte, 0, offKDF+offMAC-offBodyNonce)
	ad = append(ad, h[:offKDF]...)
	return append(ad, h[offBodyNonce:offMAC]...)
}

// The wrappings authenticate the header as version 1 wrote it, whatever the
// file's version: a wrapping is about the key, and moving a journal to a
// newer format must not need its passphrase and recovery key again. The
// header MAC covers the real version.
func (h *Header) wrapHead() []byte {
	head := append([]byte{}, h[:offKDF]...)
	binary.BigEndian.PutUint16(head[offVersion:], VersionV1)
	return head
}

func (h *Header) passWrapAD() []byte {
	ad := append([]byte("passphrase:"), h.wrapHead()...)
	return append(ad, h[offKDF:offRecSalt]...)
}

func (h *Header) recWrapAD() []byte {
	ad := append([]byte("recovery:"), h.wrapHead()...)
	return append(ad, h[offRecSalt:offPassWrap]...)
}

// Keys are the keys that follow from a journal's data key.
type Keys struct {
	data []byte // the random key both wrappings protect
	body []byte // encrypts the database image
	mac  []byte // authenticates the header
	log  []byte // encrypts the change records
}

func newKeys(data []byte) *Keys {
	return &Keys{data: data, body: subkey(data, nil, "body"), mac: subkey(data, nil, "header mac"), log: subkey(data, nil, "change log")}
}

func (k *Keys) Wipe() {
	Wipe(k.data)
	Wipe(k.body)
	Wipe(k.mac)
	Wipe(k.log)
}

func (k *Keys) headerMAC(h *Header) []byte {
	m := hmac.New(sha256.New, k.mac)
	m.Write(h[:offMAC])
	return m.Sum(nil)
}

func wrapKey(kek, dataKey, ad []byte) []byte {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		panic(err) // kek is always KeySize long
	}
	nonce := randomBytes(chacha20poly1305.NonceSizeX)
	return aead.Seal(nonce, nonce, dataKey, ad)
}

func unwrapKey(kek, wrapped, ad []byte) ([]byte, bool) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		panic(err)
	}
	n := chacha20poly1305.NonceSizeX
	key, err := aead.Open(nil, wrapped[:n], wrapped[n:], ad)
	return key, err == nil
}

// NewHeader starts a header for a new data key, with both wrappings.
func NewHeader(keys *Keys, pass string, kdf KDFParams, recovery []byte) *Header {
	h := new(Header)
	copy(h[:], Magic)
	binary.BigEndian.PutUint16(h[offVersion:], Version)
	h.SetPassphrase(keys, pass, kdf)
	h.SetRecovery(keys, recovery)
	return h
}

// setRecovery wraps the data key under a recovery key with a fresh salt.
func (h *Header) SetRecovery(keys *Keys, recovery []byte) {
	copy(h[offRecSalt:], randomBytes(saltSize))
	kek := subkey(recovery, h[offRecSalt:offPassWrap], "recovery wrap")
	copy(h[offRecWrap:], wrapKey(kek, keys.data, h.recWrapAD()))
	Wipe(kek)
}

// setPassphrase wraps the data key under a new passphrase with a fresh salt.
func (h *Header) SetPassphrase(keys *Keys, pass string, kdf KDFParams) {
	h.setKDF(kdf)
	copy(h[offPassSalt:], randomBytes(saltSize))
	kek := passphraseKey(pass, h[offPassSalt:offRecSalt], kdf)
	copy(h[offPassWrap:], wrapKey(kek, keys.data, h.passWrapAD()))
	Wipe(kek)
}

func (h *Header) setKDF(kdf KDFParams) {
	h[offKDF] = kdfArgon2id
	h[offThreads] = kdf.Threads
	binary.BigEndian.PutUint32(h[offTime:], kdf.Time)
	binary.BigEndian.PutUint32(h[offMemory:], kdf.MemoryKiB)
}

func setVersion(h *Header, v uint16) { binary.BigEndian.PutUint16(h[offVersion:], v) }

// finish sets the body's nonce and length, then the MAC and checksum.
func (h *Header) finish(keys *Keys, nonce []byte, imageLen int) {
	copy(h[offBodyNonce:], nonce)
	binary.BigEndian.PutUint64(h[offImageLen:], uint64(imageLen))
	h.Reseal(keys)
}

// seal recomputes the MAC and the checksum after the header changed.
func (h *Header) Reseal(keys *Keys) {
	copy(h[offMAC:], keys.headerMAC(h))
	sum := sha256.Sum256(h[:offChecksum])
	copy(h[offChecksum:], sum[:])
}

// ParseHeader checks everything that can be checked without a key: the
// magic, the version, the checksum, the costs and the file's length. Damage
// found here is reported as damage, not as a wrong passphrase.
func ParseHeader(path string, head []byte, fileSize int64) (*Header, error) {
	if !HasMagic(head) {
		return nil, &Error{Kind: Damaged, Message: path + " is not a sealed Kindred journal."}
	}
	if len(head) < offKDF {
		return nil, Damagedf(path, "it is cut short (%d bytes)", fileSize)
	}
	v := binary.BigEndian.Uint16(head[offVersion:])
	if v != Version && v != VersionV1 {
		if v > Version {
			return nil, &Error{Kind: Newer, Message: fmt.Sprintf("%s was sealed by a newer version of Kindred (sealed format %d, this one knows %d). Update Kindred to open it; the file was not changed.", path, v, Version)}
		}
		return nil, Damagedf(path, "its sealed format number %d is unknown", v)
	}
	if len(head) < HeaderSize {
		return nil, Damagedf(path, "it is cut short (%d bytes)", fileSize)
	}
	h := new(Header)
	copy(h[:], head)
	sum := sha256.Sum256(h[:offChecksum])
	if !bytes.Equal(sum[:], h[offChecksum:]) {
		return nil, Damagedf(path, "its header does not match its checksum")
	}
	if h[offKDF] != kdfArgon2id || !h.KDF().valid() {
		return nil, Damagedf(path, "its header names key settings Kindred does not use (%v)", h.KDF())
	}
	want := h.BaseEnd()
	// A version 1 file is its base, exactly; in version 2 change records
	// may follow, which the log's own checks cover.
	if h.ImageLen() > 1<<40 || fileSize < want || (v == VersionV1 && fileSize != want) {
		if fileSize < want {
			return nil, Damagedf(path, "it is cut short (%d of %d bytes)", fileSize, want)
		}
		return nil, Damagedf(path, "it has %d bytes more than it should", fileSize-want)
	}
	return h, nil
}

// unlockWithPassphrase recovers the data key; ok is false for a wrong passphrase.
func (h *Header) UnlockWithPassphrase(pass string) (*Keys, bool) {
	kek := passphraseKey(pass, h[offPassSalt:offRecSalt], h.KDF())
	defer Wipe(kek)
	data, ok := unwrapKey(kek, h[offPassWrap:offRecWrap], h.passWrapAD())
	if !ok {
		return nil, false
	}
	return newKeys(data), true
}

// unlockWithRecovery recovers the data key with the recovery key.
func (h *Header) UnlockWithRecovery(recovery []byte) (*Keys, bool) {
	kek := subkey(recovery, h[offRecSalt:offPassWrap], "recovery wrap")
	defer Wipe(kek)
	data, ok := unwrapKey(kek, h[offRecWrap:offBodyNonce], h.recWrapAD())
	if !ok {
		return nil, false
	}
	return newKeys(data), true
}

// checkMAC tells a header written with this data key from one that was
// tampered with or belongs to another journal.
func (h *Header) CheckMAC(keys *Keys) bool {
	return hmac.Equal(keys.headerMAC(h), h[offMAC:offChecksum])
}

// SealBody encrypts image into out (reused when it is big enough) after
// setting the header's version (the current one), nonce, length, MAC and
// checksum. It returns the whole file: header, then body, and no change log.
func SealBody(keys *Keys, h *Header, image, out []byte) []byte {
	return sealBodyAs(Version, keys, h, image, out)
}

func sealBodyAs(version uint16, keys *Keys, h *Header, image, out []byte) []byte {
	nonce := randomBytes(chacha20poly1305.NonceSizeX)
	binary.BigEndian.PutUint16(h[offVersion:], version)
	h.finish(keys, nonce, len(image))
	aead, err := chacha20poly1305.NewX(keys.body)
	if err != nil {
		panic(err)
	}
	need := HeaderSize + len(image) + tagSize
	if cap(out) < need {
		out = make([]byte, 0, Headroom(int64(need)))
	}
	out = append(out[:0], h[:]...)
	return aead.Seal(out, nonce, image, h.bodyAD())
}

// CheckBody tells whether the body of file (header included) is intact,
// leaving file as it is.
func CheckBody(keys *Keys, h *Header, file []byte) bool {
	aead, err := chacha20poly1305.NewX(keys.body)
	if err != nil {
		panic(err)
	}
	image, err := aead.Open(nil, h[offBodyNonce:offImageLen], file[HeaderSize:h.BaseEnd()], h.bodyAD())
	Wipe(image)
	return err == nil
}

// OpenBody decrypts the body of file (header included) in place and returns
// the database image, which aliases file.
func OpenBody(path string, keys *Keys, h *Header, file []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(keys.body)
	if err != nil {
		panic(err)
	}
	body := file[HeaderSize:h.BaseEnd()]
	image, err := aead.Open(body[:0], h[offBodyNonce:offImageLen], body, h.bodyAD())
	if err != nil {
		return nil, Damagedf(path, "its content does not match its seal")
	}
	return image, nil
}

// NewKeys makes the keys of a new, random data key: a new journal's, or a
// journal's whose secrets changed and whose old copies must not read on.
func NewKeys() *Keys { return newKeys(randomBytes(chacha20poly1305.KeySize)) }

// WrappingsID identifies the wrappings of h's data key (key settings, salts
// and wrapped keys): files that share it open with the same secrets.
func (h *Header) WrappingsID() string { return string(h[offKDF:offBodyNonce]) }

// CopyWrappings gives h the wrappings of from, which must wrap the same data
// key, and reseals h; it reports whether anything changed.
func (h *Header) CopyWrappings(from *Header, keys *Keys) bool {
	if h.WrappingsID() == from.WrappingsID() {
		return false
	}
	copy(h[offKDF:offBodyNonce], from[offKDF:offBodyNonce])
	h.Reseal(keys)
	return true
}

// SealBodyV1 writes image as a version 1 file (the base alone, as Kindred
// wrote before the change log), for tests and tools that must make one.
func SealBodyV1(keys *Keys, h *Header, image []byte) []byte {
	return sealBodyAs(VersionV1, keys, h, image, nil)
}

// Headroom is the capacity for a sealed file of n bytes: an eighth more and
// a record's worth, so that the next saves and compactions grow in place.
func Headroom(n int64) int64 { return n + n/8 + 1<<16 }

// Layout offsets for the tests that damage sealed files on purpose.
const (
	MACOffset  = offMAC
	ChecksumAt = offChecksum
)

// Same reports whether k and other follow from the same data key.
func (k *Keys) Same(other *Keys) bool { return hmac.Equal(k.data, other.data) }
