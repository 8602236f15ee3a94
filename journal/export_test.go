package journal

import (
	"context"
	"encoding/binary"
	"os"

	"golang.org/x/crypto/chacha20poly1305"
)

// Layout constants for the tests that damage sealed files on purpose.
const (
	SealedMACOffset  = offMAC
	SealedChecksumAt = offChecksum
)

// SealedImage is a copy of an unlocked sealed journal's database image.
func SealedImage(s *Store) []byte {
	var out []byte
	err := s.sealed.mem.withImage(context.Background(), func(image []byte) error {
		out = append([]byte{}, image...)
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

// SealedLog is where an unlocked sealed journal's change log stands: the
// offset of its first record, the end of its last, and how many there are.
func SealedLog(s *Store) (start, end int64, records uint64) {
	l := s.sealed.log
	return l.start, l.end, l.seq
}

// SetCompactLogBytes changes the log size past which a save compacts, for
// the tests that must see compactions happen; it returns the old value.
func SetCompactLogBytes(n int64) int64 {
	old := compactLogBytes
	compactLogBytes = n
	return old
}

// RecordQuantum is the unit of a change record's size.
const RecordQuantum = recordQuantum

// CompactSealed seals an unlocked journal's database into a new base, as a
// save past the threshold or a close does.
func CompactSealed(s *Store) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	_, err := s.sealed.reseal(context.Background())
	return err
}

// WriteSealedV1 writes an unlocked sealed journal's database to path as a
// version 1 file (the base alone, as Kindred wrote before the change log),
// with the journal's own key header: so tests have a version 1 file at this
// build's schema, which opens without a migration (a save).
func WriteSealedV1(s *Store, path string) error {
	z := s.sealed
	h := z.header
	binary.BigEndian.PutUint16(h[offVersion:], sealedVersionV1)
	nonce := randomBytes(chacha20poly1305.NonceSizeX)
	var file []byte
	err := z.mem.withImage(context.Background(), func(image []byte) error {
		h.finish(z.keys, nonce, len(image))
		aead, err := chacha20poly1305.NewX(z.keys.body)
		if err != nil {
			return err
		}
		file = aead.Seal(append([]byte{}, h[:]...), nonce, image, h.bodyAD())
		return nil
	})
	if err != nil {
		return err
	}
	return os.WriteFile(path, file, 0o600)
}
