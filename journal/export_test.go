package journal

// Layout constants for the tests that damage sealed files on purpose.
const (
	SealedMACOffset  = offMAC
	SealedChecksumAt = offChecksum
)
