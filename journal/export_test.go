package journal

// Layout constants for the tests that damage sealed files on purpose.
const (
	SealedHeaderSize = sealedHeaderSize
	SealedMACOffset  = offMAC
	SealedChecksumAt = offChecksum
)
