package journal

import "bytes"

// SealedMagic opens every sealed journal file; Kindred tells sealed from plain
// journals by their first bytes, never by their names.
const SealedMagic = "KINDRED-SEALED\x00\x01"

// IsSealed reports whether head, the first bytes of a file, is a sealed journal.
func IsSealed(head []byte) bool {
	return bytes.HasPrefix(head, []byte(SealedMagic))
}
