package sealed

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/text/unicode/norm"
)

// KDFParams are the Argon2id costs that turn a passphrase into a key.
type KDFParams struct {
	Time      uint32 // passes over the memory
	MemoryKiB uint32
	Threads   uint8
}

// DefaultKDF is RFC 9106's second recommended setting (t=3, 64 MiB, p=4):
// about a quarter of a second on a laptop, and every guess costs an attacker
// the same 64 MiB.
var DefaultKDF = KDFParams{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// Limits on what a file may ask for, so that a hostile or damaged header
// cannot make Kindred allocate gigabytes or spin for minutes.
const (
	maxKDFTime      = 64
	maxKDFMemoryKiB = 1 << 20 // 1 GiB
	maxKDFThreads   = 64
)

// MinPassphraseRunes is the shortest passphrase Kindred accepts.
const MinPassphraseRunes = 8

func (p KDFParams) valid() bool {
	return p.Time >= 1 && p.Time <= maxKDFTime &&
		p.MemoryKiB >= 8*uint32(p.Threads) && p.MemoryKiB <= maxKDFMemoryKiB &&
		p.Threads >= 1 && p.Threads <= maxKDFThreads
}

// CheckPassphrase says what is wrong with a new passphrase, if anything.
func CheckPassphrase(pass string) error {
	if utf8.RuneCountInString(pass) < MinPassphraseRunes {
		return fieldErrorf("passphrase", "A passphrase needs at least %d characters; a few unrelated words are easy to remember and hard to guess.", MinPassphraseRunes)
	}
	if !utf8.ValidString(pass) {
		return fieldErrorf("passphrase", "The passphrase is not valid text.")
	}
	return nil
}

// passphraseKey derives the key that wraps the data key. The passphrase is
// normalised (NFC) so that the same words typed on another system, which may
// compose accents differently, give the same key.
func passphraseKey(pass string, salt []byte, p KDFParams) []byte {
	return argon2.IDKey([]byte(norm.NFC.String(pass)), salt, p.Time, p.MemoryKiB, p.Threads, chacha20poly1305.KeySize)
}

// subkey derives a key for one purpose from a high-entropy secret.
func subkey(secret, salt []byte, purpose string) []byte {
	k, err := hkdf.Key(sha256.New, secret, salt, "kindred sealed v1 "+purpose, chacha20poly1305.KeySize)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce; ours is fixed
	}
	return k
}

// The recovery key is 160 random bits written in Crockford's base32 (no I, L,
// O or U, so nothing is misread) in eight groups of four: long enough that no
// key stretching is needed, short enough to copy by hand.
const recoveryKeyBytes = 20

var recoveryEncoding = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// NewRecoveryKey makes a random recovery key, written as the user sees it.
// It is generated before sealing so that the user can be shown it, and
// confirm they kept it, before anything changes.
func NewRecoveryKey() string {
	s := recoveryEncoding.EncodeToString(randomBytes(recoveryKeyBytes))
	var groups []string
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:i+4])
	}
	return strings.Join(groups, "-")
}

// SameRecoveryKey reports whether typed is key, however it was typed.
func SameRecoveryKey(key, typed string) bool {
	a, err1 := ParseRecoveryKey(key)
	b, err2 := ParseRecoveryKey(typed)
	return err1 == nil && err2 == nil && string(a) == string(b)
}

// ParseRecoveryKey accepts the key as printed, in any case, with or without
// its dashes and spaces, and with the letters people confuse with digits.
func ParseRecoveryKey(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case '-', ' ', '\t', '\n', '\r':
			return -1
		case 'o', 'O':
			return '0'
		case 'i', 'I', 'l', 'L':
			return '1'
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
	raw, err := recoveryEncoding.DecodeString(clean)
	if err != nil || len(raw) != recoveryKeyBytes {
		return nil, fieldErrorf("recovery_key", "That is not a recovery key: it has eight groups of four letters and digits, like ABCD-EFGH-...")
	}
	return raw, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return b
}

func Wipe(b []byte) {
	clear(b)
}

func (p KDFParams) String() string {
	return fmt.Sprintf("Argon2id t=%d m=%d MiB p=%d", p.Time, p.MemoryKiB/1024, p.Threads)
}

// CheckRecoveryKey says what is wrong with a typed recovery key, if anything.
func CheckRecoveryKey(s string) error {
	_, err := ParseRecoveryKey(s)
	return err
}
