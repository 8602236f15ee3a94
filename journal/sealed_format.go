package journal

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
	// sealedVersion is the format Kindred writes: 2, a base and a log of
	// change records. Version 1 (the base alone) is still read, and is
	// rewritten as version 2 at its first save.
	sealedVersion   = 2
	sealedVersionV1 = 1
	kdfArgon2id     = 1

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

// SealedHeaderSize is the size of a sealed journal's header; the encrypted
// database follows it. A passphrase change rewrites the header alone.
const SealedHeaderSize = 300

const sealedHeaderSize = SealedHeaderSize

// sealedHeader is the first SealedHeaderSize bytes of a sealed journal.
type sealedHeader [sealedHeaderSize]byte

func (h *sealedHeader) kdf() KDFParams {
	return KDFParams{
		Time:      binary.BigEndian.Uint32(h[offTime:]),
		MemoryKiB: binary.BigEndian.Uint32(h[offMemory:]),
		Threads:   h[offThreads],
	}
}

func (h *sealedHeader) imageLen() uint64 { return binary.BigEndian.Uint64(h[offImageLen:]) }

func (h *sealedHeader) version() uint16 { return binary.BigEndian.Uint16(h[offVersion:]) }

// baseEnd is where the sealed base ends: the change log, if any, follows.
func (h *sealedHeader) baseEnd() int64 {
	return int64(sealedHeaderSize) + int64(h.imageLen()) + tagSize
}

// bodyAD is what the body's encryption authenticates besides the body: the
// parts of the header a passphrase change leaves alone, so that the body's
// ciphertext survives it unchanged. The rest is covered by the MAC.
func (h *sealedHeader) bodyAD() []byte {
	ad := make([]byte, 0, offKDF+offMAC-offBodyNonce)
	ad = append(ad, h[:offKDF]...)
	return append(ad, h[offBodyNonce:offMAC]...)
}

// The wrappings authenticate the header as version 1 wrote it, whatever the
// file's version: a wrapping is about the key, and moving a journal to a
// newer format must not need its passphrase and recovery key again. The
// header MAC covers the real version.
func (h *sealedHeader) wrapHead() []byte {
	head := append([]byte{}, h[:offKDF]...)
	binary.BigEndian.PutUint16(head[offVersion:], sealedVersionV1)
	return head
}

func (h *sealedHeader) passWrapAD() []byte {
	ad := append([]byte("passphrase:"), h.wrapHead()...)
	return append(ad, h[offKDF:offRecSalt]...)
}

func (h *sealedHeader) recWrapAD() []byte {
	ad := append([]byte("recovery:"), h.wrapHead()...)
	return append(ad, h[offRecSalt:offPassWrap]...)
}

// sealedKeys are the keys that follow from a journal's data key.
type sealedKeys struct {
	data []byte // the random key both wrappings protect
	body []byte // encrypts the database image
	mac  []byte // authenticates the header
	log  []byte // encrypts the change records
}

func newSealedKeys(data []byte) *sealedKeys {
	return &sealedKeys{data: data, body: subkey(data, nil, "body"), mac: subkey(data, nil, "header mac"), log: subkey(data, nil, "change log")}
}

func (k *sealedKeys) wipe() {
	wipe(k.data)
	wipe(k.body)
	wipe(k.mac)
	wipe(k.log)
}

func (k *sealedKeys) headerMAC(h *sealedHeader) []byte {
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

// newSealedHeader starts a header for a new data key, with both wrappings.
func newSealedHeader(keys *sealedKeys, pass string, kdf KDFParams, recovery []byte) *sealedHeader {
	h := new(sealedHeader)
	copy(h[:], SealedMagic)
	binary.BigEndian.PutUint16(h[offVersion:], sealedVersion)
	h.setPassphrase(keys, pass, kdf)
	h.setRecovery(keys, recovery)
	return h
}

// setRecovery wraps the data key under a recovery key with a fresh salt.
func (h *sealedHeader) setRecovery(keys *sealedKeys, recovery []byte) {
	copy(h[offRecSalt:], randomBytes(saltSize))
	kek := subkey(recovery, h[offRecSalt:offPassWrap], "recovery wrap")
	copy(h[offRecWrap:], wrapKey(kek, keys.data, h.recWrapAD()))
	wipe(kek)
}

// setPassphrase wraps the data key under a new passphrase with a fresh salt.
func (h *sealedHeader) setPassphrase(keys *sealedKeys, pass string, kdf KDFParams) {
	h[offKDF] = kdfArgon2id
	h[offThreads] = kdf.Threads
	binary.BigEndian.PutUint32(h[offTime:], kdf.Time)
	binary.BigEndian.PutUint32(h[offMemory:], kdf.MemoryKiB)
	copy(h[offPassSalt:], randomBytes(saltSize))
	kek := passphraseKey(pass, h[offPassSalt:offRecSalt], kdf)
	copy(h[offPassWrap:], wrapKey(kek, keys.data, h.passWrapAD()))
	wipe(kek)
}

// finish sets the body's nonce and length, then the MAC and checksum.
func (h *sealedHeader) finish(keys *sealedKeys, nonce []byte, imageLen int) {
	copy(h[offBodyNonce:], nonce)
	binary.BigEndian.PutUint64(h[offImageLen:], uint64(imageLen))
	h.seal(keys)
}

// seal recomputes the MAC and the checksum after the header changed.
func (h *sealedHeader) seal(keys *sealedKeys) {
	copy(h[offMAC:], keys.headerMAC(h))
	sum := sha256.Sum256(h[:offChecksum])
	copy(h[offChecksum:], sum[:])
}

// parseSealedHeader checks everything that can be checked without a key: the
// magic, the version, the checksum, the costs and the file's length. Damage
// found here is reported as damage, not as a wrong passphrase.
func parseSealedHeader(path string, head []byte, fileSize int64) (*sealedHeader, error) {
	if !IsSealed(head) {
		return nil, Errorf(EDAMAGED, "%s is not a sealed Kindred journal.", path)
	}
	if len(head) < offKDF {
		return nil, damagedf(path, "it is cut short (%d bytes)", fileSize)
	}
	v := binary.BigEndian.Uint16(head[offVersion:])
	if v != sealedVersion && v != sealedVersionV1 {
		if v > sealedVersion {
			return nil, Errorf(ENEWER, "%s was sealed by a newer version of Kindred (sealed format %d, this one knows %d). Update Kindred to open it; the file was not changed.", path, v, sealedVersion)
		}
		return nil, damagedf(path, "its sealed format number %d is unknown", v)
	}
	if len(head) < sealedHeaderSize {
		return nil, damagedf(path, "it is cut short (%d bytes)", fileSize)
	}
	h := new(sealedHeader)
	copy(h[:], head)
	sum := sha256.Sum256(h[:offChecksum])
	if !bytes.Equal(sum[:], h[offChecksum:]) {
		return nil, damagedf(path, "its header does not match its checksum")
	}
	if h[offKDF] != kdfArgon2id || !h.kdf().valid() {
		return nil, damagedf(path, "its header names key settings Kindred does not use (%v)", h.kdf())
	}
	want := h.baseEnd()
	// A version 1 file is its base, exactly; in version 2 change records
	// may follow, which the log's own checks cover.
	if h.imageLen() > 1<<40 || fileSize < want || (v == sealedVersionV1 && fileSize != want) {
		if fileSize < want {
			return nil, damagedf(path, "it is cut short (%d of %d bytes)", fileSize, want)
		}
		return nil, damagedf(path, "it has %d bytes more than it should", fileSize-want)
	}
	return h, nil
}

func damagedf(path, format string, args ...any) *Error {
	return Errorf(EDAMAGED, "%s is damaged: %s.", path, fmt.Sprintf(format, args...))
}

// unlockWithPassphrase recovers the data key; ok is false for a wrong passphrase.
func (h *sealedHeader) unlockWithPassphrase(pass string) (*sealedKeys, bool) {
	kek := passphraseKey(pass, h[offPassSalt:offRecSalt], h.kdf())
	defer wipe(kek)
	data, ok := unwrapKey(kek, h[offPassWrap:offRecWrap], h.passWrapAD())
	if !ok {
		return nil, false
	}
	return newSealedKeys(data), true
}

// unlockWithRecovery recovers the data key with the recovery key.
func (h *sealedHeader) unlockWithRecovery(recovery []byte) (*sealedKeys, bool) {
	kek := subkey(recovery, h[offRecSalt:offPassWrap], "recovery wrap")
	defer wipe(kek)
	data, ok := unwrapKey(kek, h[offRecWrap:offBodyNonce], h.recWrapAD())
	if !ok {
		return nil, false
	}
	return newSealedKeys(data), true
}

// checkMAC tells a header written with this data key from one that was
// tampered with or belongs to another journal.
func (h *sealedHeader) checkMAC(keys *sealedKeys) bool {
	return hmac.Equal(keys.headerMAC(h), h[offMAC:offChecksum])
}

// sealBody encrypts image into out (reused when it is big enough) after
// setting the header's version (the current one), nonce, length, MAC and
// checksum. It returns the whole file: header, then body, and no change log.
func sealBody(keys *sealedKeys, h *sealedHeader, image, out []byte) []byte {
	nonce := randomBytes(chacha20poly1305.NonceSizeX)
	binary.BigEndian.PutUint16(h[offVersion:], sealedVersion)
	h.finish(keys, nonce, len(image))
	aead, err := chacha20poly1305.NewX(keys.body)
	if err != nil {
		panic(err)
	}
	need := sealedHeaderSize + len(image) + tagSize
	if cap(out) < need {
		out = make([]byte, 0, sealHeadroom(int64(need)))
	}
	out = append(out[:0], h[:]...)
	return aead.Seal(out, nonce, image, h.bodyAD())
}

// checkBody tells whether the body of file (header included) is intact,
// leaving file as it is.
func checkBody(keys *sealedKeys, h *sealedHeader, file []byte) bool {
	aead, err := chacha20poly1305.NewX(keys.body)
	if err != nil {
		panic(err)
	}
	image, err := aead.Open(nil, h[offBodyNonce:offImageLen], file[sealedHeaderSize:h.baseEnd()], h.bodyAD())
	wipe(image)
	return err == nil
}

// openBody decrypts the body of file (header included) in place and returns
// the database image, which aliases file.
func openBody(path string, keys *sealedKeys, h *sealedHeader, file []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(keys.body)
	if err != nil {
		panic(err)
	}
	body := file[sealedHeaderSize:h.baseEnd()]
	image, err := aead.Open(body[:0], h[offBodyNonce:offImageLen], body, h.bodyAD())
	if err != nil {
		return nil, damagedf(path, "its content does not match its seal")
	}
	return image, nil
}
